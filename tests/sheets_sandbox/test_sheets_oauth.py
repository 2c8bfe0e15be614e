"""The stand-in's Google OAuth 2.0 server, driven over HTTP as a browser and as a web app would
(httpx), and its tokens used by the real gspread and google-auth; sharing and scopes enforced."""
from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import gspread
import httpx
import pytest
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from google.oauth2 import id_token as google_id_token
from google.oauth2.credentials import Credentials

from sandbox.sheets.server import SandboxConsentError
from sheets_addon.google_endpoints import gspread_client

ANA, JOAO = "ana@padariaaurora.com.br", "joao@oficinaipe.com.br"
SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets"
READONLY = "https://www.googleapis.com/auth/spreadsheets.readonly"
DRIVE_FILE = "https://www.googleapis.com/auth/drive.file"
DRIVE_READONLY = "https://www.googleapis.com/auth/drive.readonly"
ROWS = {"Vendas": [["Cliente", "Valor"], ["Ana", "10"]]}


def authorize_url(sheets_sandbox, *, scope: str = f"openid email {SPREADSHEETS}", access_type: str = "offline",
                  prompt: str | None = "consent", redirect_uri: str | None = None, client_id: str | None = None,
                  **extra: str) -> str:
    settings = sheets_sandbox.settings
    query = {"client_id": client_id or settings.oauth_client_id, "response_type": "code", "scope": scope,
             "redirect_uri": redirect_uri or settings.redirect_uris()[0], "access_type": access_type,
             "state": "st-123", **({"prompt": prompt} if prompt else {}), **extra}
    return f"{sheets_sandbox.authorization_endpoint}?{urlencode(query)}"


def redeem(sheets_sandbox, code: str, *, secret: str | None = None, redirect_uri: str | None = None) -> httpx.Response:
    settings = sheets_sandbox.settings
    return httpx.post(sheets_sandbox.token_endpoint, data={
        "grant_type": "authorization_code", "code": code, "client_id": settings.oauth_client_id,
        "client_secret": settings.oauth_client_secret if secret is None else secret,
        "redirect_uri": redirect_uri or settings.redirect_uris()[0]})


def tokens_for(sheets_sandbox, email: str = ANA, **authorize: str) -> dict:
    back = sheets_sandbox.consent(authorize_url(sheets_sandbox, **authorize), email)
    answer = redeem(sheets_sandbox, back["code"])
    assert answer.status_code == 200, answer.text
    return answer.json()


def refreshing_credentials(sheets_sandbox, refresh_token: str) -> Credentials:
    settings = sheets_sandbox.settings
    return Credentials(None, refresh_token=refresh_token, token_uri=sheets_sandbox.token_endpoint,
                       client_id=settings.oauth_client_id, client_secret=settings.oauth_client_secret)


def as_user(sheets_sandbox, token: str) -> gspread.Client:
    return gspread_client(Credentials(token), sheets_sandbox.url)


def test_the_consent_dance_gives_tokens_in_google_shapes(sheets_sandbox):
    url = authorize_url(sheets_sandbox)
    page = httpx.get(url)
    back = sheets_sandbox.consent(url, ANA)

    answer = redeem(sheets_sandbox, back["code"])

    assert page.status_code == 200 and "Ver, editar, criar e excluir todas as suas planilhas" in page.text
    assert back["state"] == "st-123" and back["code"].startswith("4/0A")
    assert back["scope"].split() == ["openid", "https://www.googleapis.com/auth/userinfo.email", SPREADSHEETS]
    body = answer.json()
    assert set(body) == {"access_token", "expires_in", "refresh_token", "scope", "token_type", "id_token"}
    assert body["access_token"].startswith("ya29.") and body["refresh_token"].startswith("1//")
    assert (body["expires_in"], body["token_type"]) == (3599, "Bearer")
    assert "no-store" in answer.headers["Cache-Control"]
    claims = google_id_token.verify_token(body["id_token"], Request(), audience=sheets_sandbox.settings.oauth_client_id,
                                          certs_url=sheets_sandbox.certs_url)
    assert claims["email"] == ANA and claims["iss"] == "https://accounts.google.com"


def test_the_access_token_reaches_the_owners_sheet_as_that_person(sheets_sandbox):
    sheet = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA)
    tokens = tokens_for(sheets_sandbox)

    values = as_user(sheets_sandbox, tokens["access_token"]).open_by_key(sheet).worksheet("Vendas").get_all_values()

    assert values == [["Cliente", "Valor"], ["Ana", "10"]]
    assert set(sheets_sandbox.stats()["by_user"]) == {ANA}


def test_a_code_works_once_and_a_replay_revokes_what_it_gave(sheets_sandbox):
    back = sheets_sandbox.consent(authorize_url(sheets_sandbox), ANA)
    first = redeem(sheets_sandbox, back["code"]).json()

    replay = redeem(sheets_sandbox, back["code"])

    assert replay.status_code == 400 and replay.json() == {"error": "invalid_grant", "error_description": "Bad Request"}
    sheet = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA)
    with pytest.raises(RefreshError):  # 401, and google-auth has no refresh token to try
        as_user(sheets_sandbox, first["access_token"]).open_by_key(sheet)


def test_a_code_is_short_lived_and_bound_to_its_redirect_uri(sheets_sandbox):
    late = sheets_sandbox.consent(authorize_url(sheets_sandbox), ANA)["code"]
    elsewhere = sheets_sandbox.consent(authorize_url(sheets_sandbox), ANA)["code"]
    sheets_sandbox.advance_clock(sheets_sandbox.settings.code_lifetime_seconds + 1)
    fresh = sheets_sandbox.consent(authorize_url(sheets_sandbox), ANA)["code"]

    assert redeem(sheets_sandbox, late).json()["error"] == "invalid_grant"
    assert redeem(sheets_sandbox, fresh, redirect_uri="http://127.0.0.1:9/other").json()["error"] == "redirect_uri_mismatch"
    assert redeem(sheets_sandbox, elsewhere).json()["error"] == "invalid_grant"


def test_the_token_endpoint_authenticates_the_client(sheets_sandbox):
    settings = sheets_sandbox.settings
    code = sheets_sandbox.consent(authorize_url(sheets_sandbox), ANA)["code"]

    wrong = redeem(sheets_sandbox, code, secret="GOCSPX-guess")
    unknown = httpx.post(sheets_sandbox.token_endpoint, data={"grant_type": "refresh_token", "refresh_token": "x",
                                                              "client_id": "someone-else", "client_secret": "s"})
    basic = httpx.post(sheets_sandbox.token_endpoint, auth=(settings.oauth_client_id, settings.oauth_client_secret),
                       data={"grant_type": "authorization_code", "code": code,
                             "redirect_uri": settings.redirect_uris()[0]})
    odd = httpx.post(sheets_sandbox.token_endpoint, auth=(settings.oauth_client_id, settings.oauth_client_secret),
                     data={"grant_type": "password"})

    assert (wrong.status_code, wrong.json()) == (401, {"error": "invalid_client", "error_description": "Unauthorized"})
    assert unknown.status_code == 401 and unknown.json()["error_description"] == "The OAuth client was not found."
    assert basic.status_code == 200 and "access_token" in basic.json()
    assert odd.json() == {"error": "unsupported_grant_type", "error_description": "Invalid grant_type: password"}


@pytest.mark.parametrize("change, status, error", [
    ({"client_id": "nobody.apps.googleusercontent.com"}, 401, "invalid_client"),
    ({"redirect_uri": "https://evil.example/callback"}, 400, "redirect_uri_mismatch"),
    ({"scope": ""}, 400, "invalid_request"),
    ({"scope": "https://www.googleapis.com/auth/gmail.send"}, 400, "invalid_scope"),
    ({"access_type": "forever"}, 400, "invalid_request"),
    ({"response_type": "token id_token"}, 400, "unsupported_response_type"),
], ids=["unknown-client", "unregistered-redirect", "no-scope", "unknown-scope", "bad-access-type", "response-type"])
def test_the_authorization_page_refuses_bad_requests_without_redirecting(sheets_sandbox, change, status, error):
    url = authorize_url(sheets_sandbox)
    query = {name: values[0] for name, values in parse_qs(urlparse(url).query).items()}
    page = httpx.get(f"{sheets_sandbox.authorization_endpoint}?{urlencode({**query, **change})}")

    assert page.status_code == status and f"{status}: {error}" in page.text and "Location" not in page.headers
    with pytest.raises(SandboxConsentError):
        sheets_sandbox.consent(f"{sheets_sandbox.authorization_endpoint}?{urlencode({**query, **change})}", ANA)


def test_cancelling_sends_access_denied_back_with_the_state(sheets_sandbox):
    back = sheets_sandbox.consent(authorize_url(sheets_sandbox), ANA, allow=False)

    assert back == {"error": "access_denied", "state": "st-123"}


def test_a_refresh_token_comes_with_the_first_offline_consent_and_with_prompt_consent(sheets_sandbox):
    online = tokens_for(sheets_sandbox, access_type="online")
    first = tokens_for(sheets_sandbox, prompt=None)
    again_silently = tokens_for(sheets_sandbox, prompt=None)
    again_with_consent = tokens_for(sheets_sandbox)

    assert "refresh_token" not in online
    assert "refresh_token" in first and "refresh_token" not in again_silently
    assert again_with_consent["refresh_token"] != first["refresh_token"]


def test_google_auth_refreshes_an_expired_access_token_itself(sheets_sandbox):
    sheet = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA)
    client = gspread_client(refreshing_credentials(sheets_sandbox, tokens_for(sheets_sandbox)["refresh_token"]),
                            sheets_sandbox.url)
    assert client.open_by_key(sheet).title == "Vendas"
    refreshes = sheets_sandbox.stats()["oauth"]["refreshes"]

    sheets_sandbox.expire_access_tokens()
    title = client.open_by_key(sheet).title

    assert title == "Vendas" and sheets_sandbox.stats()["oauth"]["refreshes"] == refreshes + 1
    assert sheets_sandbox.stats()["by_status"].get(401) == 1  # the expired token was refused once, then refreshed


def test_an_expired_access_token_is_refused_even_in_lax_mode(sheets_sandbox):
    sheet = sheets_sandbox.create_spreadsheet("Aberta", ROWS)  # anyone with the link
    token = tokens_for(sheets_sandbox)["access_token"]
    sheets_sandbox.expire_access_tokens()

    answer = httpx.get(f"{sheets_sandbox.url}/v4/spreadsheets/{sheet}", headers={"Authorization": f"Bearer {token}"})

    assert answer.status_code == 401 and answer.json()["error"]["status"] == "UNAUTHENTICATED"


def test_revoking_a_refresh_token_ends_the_grant(sheets_sandbox):
    sheet = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA)
    tokens = tokens_for(sheets_sandbox)

    revoked = httpx.post(sheets_sandbox.revocation_endpoint, data={"token": tokens["refresh_token"]})
    again = httpx.post(sheets_sandbox.revocation_endpoint, data={"token": tokens["refresh_token"]})

    assert (revoked.status_code, revoked.content) == (200, b"")
    assert again.status_code == 400 and again.json() == {"error": "invalid_token",
                                                          "error_description": "Token expired or revoked"}
    with pytest.raises(RefreshError) as refused:
        refreshing_credentials(sheets_sandbox, tokens["refresh_token"]).refresh(Request())
    assert refused.value.args[1] == {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
    read = httpx.get(f"{sheets_sandbox.url}/v4/spreadsheets/{sheet}",
                     headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert read.status_code == 401


def test_revoking_consent_at_the_google_account_refuses_the_next_refresh(sheets_sandbox):
    ana, joao = tokens_for(sheets_sandbox, ANA), tokens_for(sheets_sandbox, JOAO)

    assert sheets_sandbox.revoke_consent(ANA) == 1

    with pytest.raises(RefreshError):
        refreshing_credentials(sheets_sandbox, ana["refresh_token"]).refresh(Request())
    refreshing_credentials(sheets_sandbox, joao["refresh_token"]).refresh(Request())


def test_a_private_sheet_reaches_its_owner_and_whom_it_is_shared_with(sheets_sandbox):
    sheet = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA, shared_with={"carla@exemplo.com.br": "reader"})
    joao = as_user(sheets_sandbox, tokens_for(sheets_sandbox, JOAO)["access_token"])
    carla = as_user(sheets_sandbox, tokens_for(sheets_sandbox, "carla@exemplo.com.br")["access_token"])

    with pytest.raises(PermissionError) as refused:  # gspread's word for a 403 on open
        joao.open_by_key(sheet)
    assert refused.value.__cause__.error["message"] == "The caller does not have permission"
    assert carla.open_by_key(sheet).worksheet("Vendas").acell("A2").value == "Ana"
    with pytest.raises(gspread.exceptions.APIError) as read_only:
        carla.open_by_key(sheet).worksheet("Vendas").update([["x"]], "A3")
    assert read_only.value.code == 403
    listing = {email: as_user(sheets_sandbox, tokens_for(sheets_sandbox, email, scope=DRIVE_READONLY)["access_token"])
               .list_spreadsheet_files() for email in (JOAO, "carla@exemplo.com.br")}
    assert listing[JOAO] == [] and [f["id"] for f in listing["carla@exemplo.com.br"]] == [sheet]

    sheets_sandbox.share(sheet, JOAO)
    joao.open_by_key(sheet).worksheet("Vendas").update([["João"]], "A3")
    assert sheets_sandbox.read(sheet, "Vendas!A3") == [["João"]]


def test_scopes_bound_what_a_token_may_do(sheets_sandbox):
    sheet = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA)
    reader = as_user(sheets_sandbox, tokens_for(sheets_sandbox, scope=READONLY)["access_token"])
    unticked = sheets_sandbox.consent(authorize_url(sheets_sandbox), ANA, granted=[])
    sign_in_only = redeem(sheets_sandbox, unticked["code"]).json()

    assert reader.open_by_key(sheet).worksheet("Vendas").acell("B2").value == "10"
    with pytest.raises(gspread.exceptions.APIError) as refused:
        reader.open_by_key(sheet).worksheet("Vendas").update([["x"]], "A3")
    assert refused.value.code == 403
    assert refused.value.error["details"][0]["reason"] == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
    assert SPREADSHEETS not in sign_in_only["scope"].split()
    with pytest.raises(PermissionError) as no_sheets:
        as_user(sheets_sandbox, sign_in_only["access_token"]).open_by_key(sheet)
    assert no_sheets.value.__cause__.error["message"] == "Request had insufficient authentication scopes."


def test_drive_file_reaches_only_what_the_app_created(sheets_sandbox):
    existing = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA)
    client = as_user(sheets_sandbox, tokens_for(sheets_sandbox, scope=DRIVE_FILE)["access_token"])

    created = client.create("Nova planilha")

    assert client.open_by_key(created.id).title == "Nova planilha"
    with pytest.raises(PermissionError) as refused:
        client.open_by_key(existing)
    assert refused.value.__cause__.error["message"] == "The caller does not have permission"


def test_the_sharing_and_oauth_controls_over_http(sheets_sandbox):
    control = f"{sheets_sandbox.url}/_sandbox"
    sheet = httpx.post(f"{control}/spreadsheets", json={"title": "Privada", "owner": ANA,
                                                        "shared_with": {JOAO: "reader"}}).json()["spreadsheetId"]
    tokens = tokens_for(sheets_sandbox, "carla@exemplo.com.br")
    read = f"{sheets_sandbox.url}/v4/spreadsheets/{sheet}"
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    refused = httpx.get(read, headers=bearer)

    shared = httpx.post(f"{control}/share", json={"spreadsheet_id": sheet, "email": "carla@exemplo.com.br"})
    allowed = httpx.get(read, headers=bearer)
    expired = httpx.post(f"{control}/oauth/expire-access-tokens").json()
    after_expiry = httpx.get(read, headers=bearer)
    revoked = httpx.post(f"{control}/oauth/revoke-consent", json={"email": "carla@exemplo.com.br"}).json()
    bad_role = httpx.post(f"{control}/share", json={"spreadsheet_id": sheet, "email": JOAO, "role": "owner"})

    assert refused.status_code == 403 and shared.status_code == allowed.status_code == 200
    assert expired == {"expired": 1} and after_expiry.status_code == 401
    assert revoked == {"revoked_grants": 1} and bad_role.status_code == 400
    with pytest.raises(RefreshError):
        refreshing_credentials(sheets_sandbox, tokens["refresh_token"]).refresh(Request())
