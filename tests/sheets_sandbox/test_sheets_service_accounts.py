"""The stand-in's service accounts, over HTTP: key files in Google's format, the token endpoint's
jwt-bearer grant refusing what Google refuses, and google-auth's `service_account.Credentials`
(with gspread) reaching what is shared with the account and nothing else."""
from __future__ import annotations

import re
import stat
import time
from pathlib import Path

import gspread
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.auth import crypt
from google.auth import jwt as google_jwt
from google.auth.exceptions import RefreshError
from google.oauth2 import service_account

from sandbox.sheets import SheetsSandboxServer
from sheets_addon.google_endpoints import gspread_client

ANA = "ana@padariaaurora.com.br"
SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets"
READONLY = "https://www.googleapis.com/auth/spreadsheets.readonly"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
ROWS = {"Vendas": [["Cliente", "Valor"], ["Ana", "10"]]}
KEY_FIELDS = ["type", "project_id", "private_key_id", "private_key", "client_email", "client_id", "auth_uri",
              "token_uri", "auth_provider_x509_cert_url", "client_x509_cert_url", "universe_domain"]
NOT_SHORT_LIVED = ("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. "
                   "Check your iat and exp values in the JWT claim.")


@pytest.fixture
def key(sheets_sandbox) -> dict:
    """A service account made through the HTTP control, as a test in another process would."""
    answer = httpx.post(f"{sheets_sandbox.url}/_sandbox/service-accounts", json={"name": "planilhas-robo"})
    assert answer.status_code == 201, answer.text
    return answer.json()


def credentials(key: dict, scopes: tuple[str, ...] = (SPREADSHEETS,)) -> service_account.Credentials:
    return service_account.Credentials.from_service_account_info(key, scopes=scopes)


def assertion(key: dict, signer_key: dict | None = None, **claims) -> str:
    """A jwt-bearer assertion signed with the key file's key (or `signer_key`'s, under this key's id)."""
    now = int(time.time())
    payload = {"iss": key["client_email"], "scope": SPREADSHEETS, "aud": GOOGLE_TOKEN_URI, "iat": now,
               "exp": now + 3600, **claims}
    payload = {name: value for name, value in payload.items() if value is not None}
    signer = crypt.RSASigner.from_service_account_info(signer_key or key)
    return google_jwt.encode(signer, payload, key_id=key["private_key_id"]).decode()


def exchange(sheets_sandbox, token: str) -> httpx.Response:
    return httpx.post(sheets_sandbox.token_endpoint, data={"grant_type": JWT_BEARER, "assertion": token})


def test_a_key_file_comes_in_googles_format_with_its_public_key_published(sheets_sandbox, key):
    certificates = httpx.get(key["client_x509_cert_url"])
    private = serialization.load_pem_private_key(key["private_key"].encode(), password=None)
    published = x509.load_pem_x509_certificate(certificates.json()[key["private_key_id"]].encode())

    assert list(key) == KEY_FIELDS
    assert key["type"] == "service_account" and key["universe_domain"] == "googleapis.com"
    assert key["client_email"] == "planilhas-robo@azulejo-sandbox.iam.gserviceaccount.com"
    assert re.fullmatch(r"\d{21}", key["client_id"]) and re.fullmatch(r"[0-9a-f]{40}", key["private_key_id"])
    assert key["private_key"].startswith("-----BEGIN PRIVATE KEY-----\n") and isinstance(private, rsa.RSAPrivateKey)
    assert key["token_uri"] == sheets_sandbox.token_endpoint
    assert published.public_key().public_numbers() == private.public_key().public_numbers()
    assert certificates.status_code == 200 and "max-age=" in certificates.headers["Cache-Control"]


def test_the_console_refuses_a_bad_name_or_one_taken(sheets_sandbox, key):
    again = httpx.post(f"{sheets_sandbox.url}/_sandbox/service-accounts", json={"name": "planilhas-robo"})
    bad = httpx.post(f"{sheets_sandbox.url}/_sandbox/service-accounts", json={"name": "Robô"})
    elsewhere = sheets_sandbox.create_service_account("planilhas-robo", project_id="outro-projeto")

    assert again.status_code == 409 and again.json()["error"]["status"] == "ALREADY_EXISTS"
    assert bad.status_code == 400
    assert elsewhere["client_email"] == "planilhas-robo@outro-projeto.iam.gserviceaccount.com"
    assert httpx.get(f"{sheets_sandbox.url}/robot/v1/metadata/x509/nobody%40x.iam.gserviceaccount.com"
                     ).status_code == 404


def test_a_good_assertion_earns_an_hour_long_access_token(sheets_sandbox, key):
    answer = exchange(sheets_sandbox, assertion(key))

    body = answer.json()
    assert answer.status_code == 200, body
    assert body["access_token"].startswith("ya29.") and (body["expires_in"], body["token_type"]) == (3599, "Bearer")
    assert "no-store" in answer.headers["Cache-Control"]
    assert sheets_sandbox.stats()["service_accounts"]["tokens_issued"] == 1


@pytest.mark.parametrize("claims, error, description", [
    ({"aud": "https://accounts.google.com/o/oauth2/token"}, None, None),  # Google's older name of it
    ({"aud": "TOKEN_ENDPOINT"}, "invalid_grant", "Invalid JWT: Failed audience check."),
    ({"iat": -3600}, "invalid_grant", NOT_SHORT_LIVED),                  # exp - iat over the hour
    ({"iat": -7200, "exp": -3600}, "invalid_grant", NOT_SHORT_LIVED),    # expired
    ({"iat": 3600, "exp": 5400}, "invalid_grant", NOT_SHORT_LIVED),      # from the future
    ({"iat": None}, "invalid_grant", NOT_SHORT_LIVED),
    ({"scope": None}, "invalid_scope", "Invalid OAuth scope or ID token audience provided."),
    ({"scope": "https://www.googleapis.com/auth/planilhas"}, "invalid_scope",
     "Invalid OAuth scope or ID token audience provided."),
    ({"sub": ANA}, "unauthorized_client", "Client is unauthorized to retrieve access tokens using this method, "
                                          "or client not authorized for any of the scopes requested."),
])
def test_the_token_endpoint_checks_an_assertion_as_google_does(sheets_sandbox, key, claims, error, description):
    now = int(time.time())
    claims = {name: (sheets_sandbox.token_endpoint if value == "TOKEN_ENDPOINT" else
                     now + value if name in ("iat", "exp") and value is not None else value)
              for name, value in claims.items()}

    answer = exchange(sheets_sandbox, assertion(key, **claims))

    if error is None:
        assert answer.status_code == 200, answer.text
    else:
        assert answer.status_code == 400
        assert answer.json() == {"error": error, "error_description": description}


def test_an_assertion_signed_with_another_key_or_by_an_unknown_account_is_refused(sheets_sandbox, key):
    stranger = sheets_sandbox.create_service_account("outro-robo")
    forged = exchange(sheets_sandbox, assertion(key, signer_key=stranger))
    unknown = exchange(sheets_sandbox, assertion(key, iss="fantasma@azulejo-sandbox.iam.gserviceaccount.com"))
    garbage = exchange(sheets_sandbox, "not.a.jwt")
    missing = httpx.post(sheets_sandbox.token_endpoint, data={"grant_type": JWT_BEARER})

    assert forged.json() == {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
    assert unknown.json() == {"error": "invalid_grant", "error_description": "Invalid grant: account not found"}
    assert garbage.json()["error"] == "invalid_grant"
    assert missing.json() == {"error": "invalid_request", "error_description": "Missing required parameter: assertion"}
    assert {forged.status_code, unknown.status_code, garbage.status_code, missing.status_code} == {400}
    assert sheets_sandbox.stats()["service_accounts"]["tokens_issued"] == 0


def test_gspread_with_service_account_credentials_reaches_only_what_is_shared_with_it(sheets_sandbox, key):
    shared = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA, shared_with={key["client_email"]: "writer"})
    private = sheets_sandbox.create_spreadsheet("Privada", ROWS, owner=ANA)
    anyone = sheets_sandbox.create_spreadsheet("Aberta", ROWS)
    client = gspread_client(credentials(key), sheets_sandbox.url)

    client.open_by_key(shared).worksheet("Vendas").update([["=1+1"]], "C2", value_input_option="RAW")
    read_back = client.open_by_key(shared).worksheet("Vendas").get_all_values()
    with pytest.raises(gspread.exceptions.APIError) as refused:
        client.http_client.fetch_sheet_metadata(private)

    assert read_back == [["Cliente", "Valor", ""], ["Ana", "10", "=1+1"]]
    assert refused.value.code == 403 and refused.value.error["message"] == "The caller does not have permission"
    assert client.open_by_key(anyone).title == "Aberta"
    assert set(sheets_sandbox.stats()["by_user"]) == {key["client_email"]}
    assert sheets_sandbox.stats()["service_accounts"]["tokens_issued"] == 1


def test_a_read_only_scope_reads_but_does_not_write(sheets_sandbox, key):
    shared = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA, shared_with={key["client_email"]: "writer"})
    tab = gspread_client(credentials(key, (READONLY,)), sheets_sandbox.url).open_by_key(shared).worksheet("Vendas")

    assert tab.acell("A2").value == "Ana"
    with pytest.raises(gspread.exceptions.APIError) as refused:
        tab.update([["x"]], "A2")
    assert refused.value.code == 403 and "insufficient authentication scopes" in refused.value.error["message"]


def test_an_expired_or_revoked_access_token_is_fetched_again_by_google_auth(sheets_sandbox, key):
    shared = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA, shared_with={key["client_email"]: "writer"})
    robot = credentials(key)
    client = gspread_client(robot, sheets_sandbox.url)
    client.open_by_key(shared)
    first = robot.token

    sheets_sandbox.expire_access_tokens()
    client.open_by_key(shared)
    second = robot.token
    assert httpx.post(sheets_sandbox.revocation_endpoint, data={"token": second}).status_code == 200
    client.open_by_key(shared)

    assert len({first, second, robot.token}) == 3
    assert sheets_sandbox.stats()["service_accounts"]["tokens_issued"] == 3


def test_google_auth_surfaces_a_refusal_as_a_refresh_error(sheets_sandbox, key):
    forged = {**key, "private_key": sheets_sandbox.create_service_account("outro-robo")["private_key"]}
    sheet = sheets_sandbox.create_spreadsheet("Aberta", ROWS)

    with pytest.raises(RefreshError, match="Invalid JWT Signature"):
        gspread_client(credentials(forged), sheets_sandbox.url).open_by_key(sheet)


def test_a_self_signed_jwt_is_taken_by_the_api_without_a_token_request(sheets_sandbox, key):
    shared = sheets_sandbox.create_spreadsheet("Vendas", ROWS, owner=ANA, shared_with={key["client_email"]: "writer"})
    private = sheets_sandbox.create_spreadsheet("Privada", ROWS, owner=ANA)
    robot = credentials(key).with_always_use_jwt_access(True)
    client = gspread_client(robot, sheets_sandbox.url)

    values = client.open_by_key(shared).worksheet("Vendas").get_all_values()
    with pytest.raises(gspread.exceptions.APIError) as refused:
        client.http_client.fetch_sheet_metadata(private)

    assert values == ROWS["Vendas"] and refused.value.code == 403
    assert google_jwt.decode(robot.token, verify=False)["scope"] == SPREADSHEETS
    assert sheets_sandbox.stats()["service_accounts"]["tokens_issued"] == 0
    assert set(sheets_sandbox.stats()["by_user"]) == {key["client_email"]}


def test_a_self_signed_jwt_with_a_wrong_signature_or_lifetime_is_unauthenticated(sheets_sandbox, key):
    sheet = sheets_sandbox.create_spreadsheet("Aberta", ROWS)
    stranger = sheets_sandbox.create_service_account("outro-robo")
    now = int(time.time())
    base = {"sub": key["client_email"], "aud": None}
    tokens = [assertion(key, signer_key=stranger, **base),
              assertion(key, iat=now - 7200, exp=now - 3600, **base),
              assertion(key, exp=now + 7200, **base),
              assertion(key, scope=None, aud="https://example.com/", sub=key["client_email"])]

    answers = [httpx.get(f"{sheets_sandbox.url}/v4/spreadsheets/{sheet}", headers={"Authorization": f"Bearer {token}"})
               for token in tokens]

    assert [answer.status_code for answer in answers] == [401] * 4
    good = assertion(key, **base)
    assert httpx.get(f"{sheets_sandbox.url}/v4/spreadsheets/{sheet}",
                     headers={"Authorization": f"Bearer {good}"}).status_code == 200


def test_the_backends_key_file_is_its_owners_alone_and_goes_with_the_stand_in():
    with SheetsSandboxServer() as stand_in:
        path = Path(stand_in.service_account_file())
        sheet = stand_in.create_spreadsheet("Aberta", ROWS)
        robot = service_account.Credentials.from_service_account_file(str(path), scopes=[SPREADSHEETS])

        assert stand_in.service_account_file() == str(path)  # one backend account per stand-in
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert gspread_client(robot, stand_in.url).open_by_key(sheet).title == "Aberta"
        assert robot.service_account_email == "azulejo-backend@azulejo-sandbox.iam.gserviceaccount.com"
    assert not path.exists()
