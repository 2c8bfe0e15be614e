"""/v1/contratos: 201 on create, `{"error"}` errors, required period, page size ≤ 50, close, delete."""
from __future__ import annotations

from datetime import date

import pytest

from sandbox_assertions import pick

WIDE = {"data_inicio": "2020-01-01", "data_fim": "2035-12-31"}


@pytest.fixture
def contract_body(company):
    client = pick(company.people, nome="Escola Pequeno Príncipe Ltda")
    coffee = pick(company.services, codigo="SRV-CB")

    def build(**terms):
        return {"id_cliente": client["id"], "id_categoria": pick(company.categories, nome="Serviços Prestados")["id"],
                "termos": {"tipo_frequencia": "MENSAL", "tipo_expiracao": "DATA", "data_inicio": "2026-01-01",
                           "data_fim": "2026-12-31", "intervalo_frequencia": 1, "dia_emissao_venda": 5,
                           "numero": 50, **terms},
                "condicao_pagamento": {"tipo_pagamento": "BOLETO_BANCARIO", "dia_vencimento": 10,
                                       "primeira_data_vencimento": "2026-01-10"},
                "itens": [{"id": coffee["id"], "quantidade": 40, "valor": 35}],
                "composicao_de_valor": {"frete": 0, "desconto": {"tipo": "PORCENTAGEM", "valor": 5}}}
    return build


def _error(answer, status=400) -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"}
    return body["error"]


def test_next_number(api):
    assert api.get("/v1/contratos/proximo-numero").json() == 2


def test_create_answers_201_with_ids_and_schedules_a_sale(api, contract_body):
    answer = api.post("/v1/contratos", json=contract_body())
    assert answer.status_code == 201, answer.text
    created = answer.json()
    assert set(created) == {"id", "id_legado", "id_venda"}
    contract = api.get(f"/v1/contratos/{created['id']}").json()
    assert contract["status"] == "ATIVO" and contract["termos"]["numero"] == 50
    assert contract["composicao_valor"]["valor_liquido"] == 1330
    assert contract["configuracao_recorrencia"]["vigencia_total"] == 12
    sale = api.get(f"/v1/venda/{created['id_venda']}").json()
    assert sale["contrato"]["uuid"] == created["id"] and sale["venda"]["status"] == "PREVISAO"


@pytest.mark.parametrize("terms, message", [
    ({"data_inicio": "2026-12-31", "data_fim": "2026-01-01"}, "A data de início não pode ser posterior à data de fim."),
    ({"intervalo_frequencia": 61}, "O valor '61' fornecido no parâmetro 'intervalo_frequencia' deve ser um número "
                                   "entre 1 e 60."),
    ({"dia_emissao_venda": 0}, "O valor '0' fornecido no parâmetro 'dia_emissao_venda' deve ser um número entre 1 e 31."),
    ({"tipo_frequencia": "SEMANAL"}, "O valor 'SEMANAL' fornecido no parâmetro 'tipo_frequencia' não é válido. "
                                     "Valores aceitos: MENSAL, ANUAL."),
    ({"numero": 1}, "Já existe um contrato com o número 1."),
    ({"data_fim": None}, "O campo 'data_fim' é obrigatório."),
])
def test_create_validation_uses_the_error_shape(api, contract_body, terms, message):
    assert _error(api.post("/v1/contratos", json=contract_body(**terms))) == message


def test_a_never_expiring_contract_needs_its_end_date_too_and_never_ends(api, sandbox, contract_body):
    without = contract_body(tipo_expiracao="NUNCA", data_fim=None)
    assert _error(api.post("/v1/contratos", json=without)) == "O campo 'data_fim' é obrigatório."
    answer = api.post("/v1/contratos", json=contract_body(tipo_expiracao="NUNCA", data_fim="2026-02-01"))
    contract = api.get(f"/v1/contratos/{answer.json()['id']}").json()
    assert contract["termos"]["data_fim"] == "2026-02-01"  # kept as sent, and ignored: NUNCA
    assert contract["configuracao_recorrencia"]["vigencia_total"] is None
    later = api.get("/v1/contratos", params={"data_inicio": "2030-01-01", "data_fim": "2030-12-31"}).json()
    assert contract["id"] in {row["id"] for row in later["itens"]}


def test_the_lenient_reading_of_nunca_can_be_played(api, sandbox, contract_body):
    sandbox.state.settings.contract_end_required = False
    answer = api.post("/v1/contratos", json=contract_body(tipo_expiracao="NUNCA", data_fim=None))
    assert answer.status_code == 201
    assert _error(api.post("/v1/contratos", json=contract_body(data_fim=None, numero=51))) == (
        "O campo 'data_fim' é obrigatório.")


def test_inactive_items_and_unknown_client_are_refused(api, contract_body, company):
    body = contract_body()
    body["itens"] = [{"id": pick(company.products, codigo_sku="BR-MIL")["id"], "quantidade": 1, "valor": 6.5}]
    assert _error(api.post("/v1/contratos", json=body)) == (
        "O produto 'Broa de Milho' (SKU BR-MIL) está inativo e não pode ser usado.")
    body = contract_body()
    body["id_cliente"] = "nao-e-uuid"
    assert _error(api.post("/v1/contratos", json=body)) == (
        "O valor 'nao-e-uuid' fornecido no parâmetro 'id_cliente' não é um identificador (uuid) válido.")
    body["condicao_pagamento"]["dia_vencimento"] = 40
    del body["id_cliente"]
    assert _error(api.post("/v1/contratos", json=body)) == "O campo 'id_cliente' é obrigatório."


def test_list_requires_the_period_and_small_pages(api, contract_body):
    assert _error(api.get("/v1/contratos")) == "O parâmetro 'data_inicio' é obrigatório."
    assert _error(api.get("/v1/contratos", params={**WIDE, "tamanho_pagina": 100})) == (
        "O parâmetro 'tamanho_pagina' deve ser um número entre 1 e 50.")
    api.post("/v1/contratos", json=contract_body())
    listed = api.get("/v1/contratos", params={**WIDE, "tamanho_pagina": 50}).json()
    assert set(listed) == {"itens", "itens_totais"} and listed["itens_totais"] == 2
    row = next(c for c in listed["itens"] if c["numero"] == 50)
    assert row["cliente"]["nome"] == "Escola Pequeno Príncipe Ltda" and row["termos"]["vigencia_total"] == 12
    outside = api.get("/v1/contratos", params={"data_inicio": "2019-01-01", "data_fim": "2019-12-31"}).json()
    assert outside["itens_totais"] == 0
    found = api.get("/v1/contratos", params={**WIDE, "busca_textual": "príncipe"}).json()
    assert [c["numero"] for c in found["itens"]] == [50]


def test_close_and_delete(api, contract_body):
    created = api.post("/v1/contratos", json=contract_body()).json()
    url = f"/v1/contratos/{created['id']}"
    assert api.post(f"{url}/encerrar").status_code == 204
    assert api.get(url).json()["status"] == "INATIVO"
    assert _error(api.post(f"{url}/encerrar")) == "O contrato já está encerrado."
    inactive = api.get("/v1/contratos", params={**WIDE, "status": "INATIVO"}).json()
    assert [c["id"] for c in inactive["itens"]] == [created["id"]]
    assert api.delete(url).status_code == 204
    assert _error(api.get(url), 404) == "Contrato não encontrado."
    sale = api.get(f"/v1/venda/{created['id_venda']}").json()
    assert sale["venda"]["situacao"]["nome"] == "CANCELADO"


def test_auth_errors_keep_the_common_shape(sandbox, api):
    sandbox.expire_access_tokens()
    answer = api.get("/v1/contratos", params=WIDE)
    assert answer.status_code == 401 and answer.json() == {"code": 401, "message": "The Token has expired."}


def test_contract_list_dates_are_checked(api):
    assert _error(api.get("/v1/contratos", params={"data_inicio": date.today().strftime("%d/%m/%Y"),
                                                   "data_fim": "2030-01-01"})).endswith("não é uma data válida (AAAA-MM-DD).")
