"""A person's proof that they can edit a spreadsheet: asked for, written, checked, renewed, and
required before the backend opens the sheet for them, with the service account and with their
own Google consent; every answer checked against the OpenAPI document."""
from __future__ import annotations

from datetime import timedelta

import pytest
from gspread.exceptions import APIError

from sheets_addon import editor_proof
from sheets_addon.config import current_settings
from sheets_addon.db import get_session
from sheets_addon.models import SpreadsheetAccess, User, utcnow
from tests.add_on import write_as_person
from tests.api.test_google_connection import backend_account, connect_google  # noqa: F401  (fixture)

ANA, JOAO = "ana@padariaaurora.com.br", "joao@oficinaipe.com.br"
TABS = {"Clientes": [["Nome", "Enviar?"], ["Maria Souza", ""]]}


def access_of(api, headers, spreadsheet_id: str) -> dict:
    return api.get(f"/api/v1/spreadsheets/{spreadsheet_id}/access", headers=headers).json


@pytest.fixture
def shared_sheet(sheets_sandbox) -> str:
    """Ana's sheet, shared as editor with the backend's service account and João; nobody else."""
    return sheets_sandbox.create_spreadsheet("Clientes", TABS, owner=ANA, shared_with={
        backend_account(sheets_sandbox): "writer", JOAO: "writer"})


def test_before_a_proof_the_sheet_stays_closed_and_after_it_opens(api, signed_in, shared_sheet, prove):
    assert access_of(api, signed_in(), shared_sheet) == {
        "spreadsheet_id": shared_sheet, "proved": False, "proved_at": None, "expires_at": None, "method": None,
        "refused_reason": None}
    closed = api.get(f"/api/v1/spreadsheets/{shared_sheet}", headers=signed_in())
    assert closed.status_code == 403 and closed.json["error"]["code"] == "spreadsheet_access_unproven"
    assert "Extensões › Azulejo" in closed.json["error"]["message"]

    proof = prove(shared_sheet)

    assert proof.status_code == 200 and proof.json["proved"] and proof.json["method"] == "add_on"
    assert access_of(api, signed_in(), shared_sheet)["proved"] is True
    assert api.get(f"/api/v1/spreadsheets/{shared_sheet}", headers=signed_in()).status_code == 200


def test_the_challenge_is_the_persons_own_and_asks_the_add_on_to_write_it(api, signed_in, shared_sheet):
    anas = api.post(f"/api/v1/spreadsheets/{shared_sheet}/access/challenge", headers=signed_in()).json
    joaos = api.post(f"/api/v1/spreadsheets/{shared_sheet}/access/challenge", headers=signed_in(JOAO)).json
    assert anas["write"] is True and anas["visibility"] == "DOCUMENT"
    assert anas["key"] != joaos["key"] and anas["value"] != joaos["value"]


def test_a_proof_with_nothing_written_or_someone_elses_value_proves_nothing(api, signed_in, shared_sheet, prove,
                                                                            sheets_sandbox):
    assert api.post(f"/api/v1/spreadsheets/{shared_sheet}/access/proof", headers=signed_in(JOAO)).status_code == 403
    assert prove(shared_sheet).status_code == 200  # Ana's value is in the sheet now
    joaos_key = api.post(f"/api/v1/spreadsheets/{shared_sheet}/access/challenge", headers=signed_in(JOAO)).json["key"]
    anas_value = api.post(f"/api/v1/spreadsheets/{shared_sheet}/access/challenge", headers=signed_in()).json["value"]
    write_as_person(sheets_sandbox.url, JOAO, shared_sheet, joaos_key, anas_value)  # Ana's value under his key

    refused = api.post(f"/api/v1/spreadsheets/{shared_sheet}/access/proof", headers=signed_in(JOAO))

    assert refused.status_code == 403 and refused.json["error"]["code"] == "spreadsheet_access_unproven"


def test_a_stale_value_left_in_the_sheet_proves_nothing(api, signed_in, shared_sheet, sheets_sandbox):
    user_id = _user_id(api, signed_in())
    stale = editor_proof.issue(current_settings().SECRET_KEY, user_id, shared_sheet,
                               utcnow() - editor_proof.CHALLENGE_LIFETIME - timedelta(seconds=5))
    write_as_person(sheets_sandbox.url, ANA, shared_sheet, stale.key, stale.value)
    assert api.post(f"/api/v1/spreadsheets/{shared_sheet}/access/proof", headers=signed_in()).status_code == 403


def test_a_sheet_the_service_account_cannot_open_answers_like_one_without_a_proof(api, signed_in, sheets_sandbox,
                                                                                   prove):
    private = sheets_sandbox.create_spreadsheet("Só da Ana", TABS, owner=ANA)  # not shared with the backend
    refused = prove(private)
    assert refused.status_code == 403 and refused.json["error"]["code"] == "spreadsheet_access_unproven"
    missing = api.post("/api/v1/spreadsheets/1NaoExisteNenhumaPlanilhaComEsteId/access/proof", headers=signed_in())
    assert missing.status_code == 403 and missing.json == refused.json


@pytest.mark.parametrize("path", ["/access", "/access/challenge", "/access/proof", ""])
def test_what_cannot_be_a_spreadsheet_id_names_no_spreadsheet(api, signed_in, path):
    method = api.get if path in ("", "/access") else api.post
    assert method(f"/api/v1/spreadsheets/abc.def{path}", headers=signed_in()).status_code == 404


def test_an_old_proof_closes_the_sheet_again_until_renewed(api, signed_in, shared_sheet, prove):
    assert prove(shared_sheet).status_code == 200
    _age_proof(ANA, shared_sheet, current_settings().SPREADSHEET_ACCESS_MAX_AGE_SECONDS + 1)
    closed = api.get(f"/api/v1/spreadsheets/{shared_sheet}", headers=signed_in())
    assert closed.status_code == 403 and "a última confirmação venceu" in closed.json["error"]["message"]
    assert prove(shared_sheet).status_code == 200
    assert api.get(f"/api/v1/spreadsheets/{shared_sheet}", headers=signed_in()).status_code == 200


def test_with_her_own_google_consent_the_backend_proves_it_itself(api, signed_in, connect_google, sheets_sandbox):
    anas_sheet = sheets_sandbox.create_spreadsheet("Clientes da Ana", TABS, owner=ANA)  # shared with nobody
    assert connect_google().status_code == 200
    challenge = api.post(f"/api/v1/spreadsheets/{anas_sheet}/access/challenge", headers=signed_in()).json
    assert challenge["write"] is False

    info = api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in())  # proved on the way, as her

    assert info.status_code == 200
    assert access_of(api, signed_in(), anas_sheet)["method"] == "own_google"
    _age_proof(ANA, anas_sheet, current_settings().SPREADSHEET_ACCESS_MAX_AGE_SECONDS + 1)
    assert api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in()).status_code == 200  # renewed by itself


def test_with_his_own_consent_a_viewer_is_told_google_said_no(api, signed_in, connect_google, sheets_sandbox):
    anas_sheet = sheets_sandbox.create_spreadsheet("Clientes da Ana", TABS, owner=ANA, shared_with={JOAO: "reader"})
    assert connect_google(JOAO).status_code == 200

    refused = api.get(f"/api/v1/spreadsheets/{anas_sheet}", headers=signed_in(JOAO))

    assert refused.status_code == 403 and refused.json["error"]["code"] == "spreadsheet_not_editable"
    assert JOAO in refused.json["error"]["message"]
    assert access_of(api, signed_in(JOAO), anas_sheet)["refused_reason"] == refused.json["error"]["message"]


def _user_id(api, headers) -> int:
    return api.get("/api/v1/me", headers=headers).json["id"]


def _age_proof(email: str, spreadsheet_id: str, seconds: int) -> None:
    """Time passes for the person's proof (the backend's clock is the real one)."""
    session = get_session()
    user = session.query(User).filter_by(email=email).one()
    record = session.query(SpreadsheetAccess).filter_by(user_id=user.id, spreadsheet_id=spreadsheet_id).one()
    record.proved_at = utcnow() - timedelta(seconds=seconds)
    session.commit()


def test_the_operator_forgets_a_persons_proof_and_only_theirs(api_app, api, signed_in, shared_sheet, prove,
                                                              sheets_sandbox):
    assert prove(shared_sheet).status_code == prove(shared_sheet, JOAO).status_code == 200
    sheets_sandbox.unshare(shared_sheet, JOAO)  # Ana removes João; his proof would hold another day

    result = api_app.test_cli_runner().invoke(args=["access", "forget", shared_sheet, "--person", JOAO.upper()])

    assert result.exit_code == 0 and "forgot 1 proof(s)" in result.output
    assert api.get(f"/api/v1/spreadsheets/{shared_sheet}", headers=signed_in(JOAO)).status_code == 403
    with pytest.raises(APIError):
        prove(shared_sheet, JOAO)  # nor write a new one
    assert api.get(f"/api/v1/spreadsheets/{shared_sheet}", headers=signed_in()).status_code == 200
    everyone = api_app.test_cli_runner().invoke(args=["access", "forget", shared_sheet])
    assert "forgot 1 proof(s)" in everyone.output  # Ana's; João's is already gone
    assert api.get(f"/api/v1/spreadsheets/{shared_sheet}", headers=signed_in()).status_code == 403
