"""More tenants than the two demo companies, each with its own rate-limit window; the tokens issued
and the refreshes refused, counted for fault tests and their log audits."""
from __future__ import annotations

import httpx
import pytest

from sandbox.contaazul import DEMO_EMAIL

ESTRELA = ("rita@padariaestrela.com.br", "estrela123")


def _connected_company(sandbox, access_token: str) -> dict:
    return httpx.get(f"{sandbox.url}/v1/pessoas/conta-conectada",
                     headers={"Authorization": f"Bearer {access_token}"}, timeout=10).json()


def _refresh(sandbox, refresh_token: str) -> httpx.Response:
    settings = sandbox.settings
    return httpx.post(sandbox.token_endpoint, auth=(settings.client_id, settings.client_secret),
                      data={"grant_type": "refresh_token", "refresh_token": refresh_token}, timeout=10)


def test_an_added_company_signs_in_with_its_own_login_and_has_the_bakerys_catalogue(sandbox):
    added = sandbox.add_company(*ESTRELA, razao_social="Padaria Estrela Ltda")

    tokens = sandbox.obtain_tokens(*ESTRELA)

    company = _connected_company(sandbox, tokens["access_token"])
    assert (company["razao_social"], company["nome_fantasia"]) == ("Padaria Estrela Ltda", "Padaria Estrela")
    bakery = sandbox.company(DEMO_EMAIL)
    assert company["documento"] != bakery.documento and added.id != bakery.id
    assert ({p["codigo_sku"] for p in added.products.values()} == {p["codigo_sku"] for p in bakery.products.values()})
    assert not set(added.products) & set(bakery.products)  # its own records, with their own ids
    assert sandbox.seed("sales", 3, ESTRELA[0])


def test_an_added_company_over_http_and_a_login_taken_twice(sandbox):
    answer = httpx.post(f"{sandbox.url}/_sandbox/companies", json={"email": ESTRELA[0], "password": ESTRELA[1]})
    assert answer.status_code == 201 and answer.json()["razao_social"] == "Padaria Aurora Ltda"

    again = httpx.post(f"{sandbox.url}/_sandbox/companies", json={"email": ESTRELA[0].upper(), "password": "x"})
    unknown = httpx.post(f"{sandbox.url}/_sandbox/companies",
                         json={"email": "z@z.com.br", "password": "x", "like": "ninguem@x.com.br"})

    assert again.status_code == unknown.status_code == 400


def test_each_company_has_its_own_rate_limit_window(sandbox):
    sandbox.add_company(*ESTRELA)
    sandbox.configure_rate_limit(per_second=2, per_minute=0)
    aurora, estrela = sandbox.obtain_tokens()["access_token"], sandbox.obtain_tokens(*ESTRELA)["access_token"]

    statuses = [httpx.get(f"{sandbox.url}/v1/pessoas/conta-conectada",
                          headers={"Authorization": f"Bearer {token}"}).status_code
                for token in (aurora, aurora, aurora, estrela, estrela)]

    assert statuses == [200, 200, 429, 200, 200]


def test_issued_tokens_keep_rotated_refresh_tokens_and_refused_refreshes_are_counted(sandbox):
    first = sandbox.obtain_tokens()
    second = _refresh(sandbox, first["refresh_token"]).json()

    refused = _refresh(sandbox, first["refresh_token"])

    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    issued = set(sandbox.issued_tokens())
    assert {first["access_token"], first["refresh_token"], second["access_token"], second["refresh_token"]} <= issued
    assert (sandbox.stats()["token_refreshes"], sandbox.stats()["refreshes_refused"]) == (1, 1)


@pytest.mark.parametrize("field", ["email", "password"])
def test_adding_a_company_needs_a_login(sandbox, field):
    body = {"email": ESTRELA[0], "password": ESTRELA[1]}
    del body[field]
    assert httpx.post(f"{sandbox.url}/_sandbox/companies", json=body).status_code == 400
