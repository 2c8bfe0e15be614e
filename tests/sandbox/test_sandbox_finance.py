"""Payables and receivables: 202 + protocol settling to SUCCESS or ERROR, search, changes."""
from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from sandbox_assertions import error_of, pick

EVENTS = "/v1/financeiro/eventos-financeiros"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def _window(days: int = 400) -> dict:
    return {"data_vencimento_de": (date.today() - timedelta(days=days)).isoformat(),
            "data_vencimento_ate": (date.today() + timedelta(days=days)).isoformat()}


def test_payable_is_accepted_then_succeeds_after_the_delay(api, sandbox, event_body):
    answer = api.post(f"{EVENTS}/contas-a-pagar", json=event_body())
    assert answer.status_code == 202, answer.text
    accepted = answer.json()
    assert set(accepted) == {"protocolo", "status", "data_criacao"} and accepted["status"] == "PENDING"
    assert api.get(f"/v1/protocolo/{accepted['protocolo']}").json()["status"] == "PENDING"
    sandbox.advance_clock(sandbox.settings.protocol_delay_seconds)
    done = api.get(f"/v1/protocolo/{accepted['protocolo']}").json()
    assert done["status"] == "SUCCESS" and done["evento_financeiro_id"] and done["resposta"]
    rows = api.get(f"{EVENTS}/contas-a-pagar/buscar", params={**_window(), "descricao": "farinha especial"}).json()
    assert set(rows) == {"itens", "itens_totais"} and rows["itens_totais"] == 2
    first = rows["itens"][0]
    assert "id_evento" not in first and first["total"] == 150.25  # a row is an installment
    assert api.get(f"{EVENTS}/parcelas/{first['id']}").json()["evento"]["id"] == done["evento_financeiro_id"]
    assert first["status"] == "PENDING" and first["status_traduzido"] == "EM_ABERTO"
    assert first["fornecedor"]["nome"] == "Moinho Paulista Farinhas Ltda"
    assert first["categorias"][0]["nome"] == "Matéria-prima" and first["centros_custo"][0]["nome"] == "Produção"


@pytest.mark.parametrize("change, message", [
    ({"contato": UNKNOWN}, f"O contato '{UNKNOWN}' não foi encontrado."),
    ({"conta_financeira": UNKNOWN}, f"A conta financeira '{UNKNOWN}' não foi encontrada."),
    ({"rateio": [{"id_categoria": UNKNOWN, "valor": 300.50}]}, f"A categoria '{UNKNOWN}' não foi encontrada."),
])
def test_unknown_references_turn_the_protocol_to_error(api, sandbox, event_body, change, message):
    accepted = api.post(f"{EVENTS}/contas-a-pagar", json=event_body(**change))
    assert accepted.status_code == 202
    sandbox.advance_clock(1)
    protocol = api.get(f"/v1/protocolo/{accepted.json()['protocolo']}").json()
    assert protocol["status"] == "ERROR" and protocol["resposta"] == message
    assert protocol["evento_financeiro_id"] is None


def test_revenue_category_on_a_payable_is_an_error(api, sandbox, event_body, company):
    sales_category = pick(company.categories, nome="Vendas de Mercadorias")
    accepted = api.post(f"{EVENTS}/contas-a-pagar",
                        json=event_body(rateio=[{"id_categoria": sales_category["id"], "valor": 300.50}])).json()
    sandbox.advance_clock(1)
    assert api.get(f"/v1/protocolo/{accepted['protocolo']}").json()["resposta"] == (
        "A categoria 'Vendas de Mercadorias' não é uma categoria de despesa.")


@pytest.mark.parametrize("change, message", [
    ({"valor": None}, "O campo 'valor' é obrigatório."),
    ({"valor": -1}, "O valor '-1' fornecido no parâmetro 'valor' deve ser um valor maior que zero."),
    ({"descricao": ""}, "O campo 'descricao' é obrigatório."),
    ({"observacao": None}, "O campo 'observacao' é obrigatório."),
    ({"data_competencia": "2026-13-01"}, "O valor '2026-13-01' fornecido no parâmetro 'data_competencia' não é uma "
                                         "data válida (AAAA-MM-DD)."),
    ({"conta_financeira": "abc"}, "O valor 'abc' fornecido no parâmetro 'conta_financeira' não é um identificador "
                                  "(uuid) válido."),
    ({"condicao_pagamento": {"parcelas": []}}, "O campo 'parcelas' deve ter pelo menos 1 item(ns)."),
    ({"valor": 300.51}, "A soma do rateio (R$ 300,50) é diferente do valor do lançamento (R$ 300,51)."),
])
def test_schema_errors_are_immediate_400s(api, event_body, change, message):
    assert error_of(api.post(f"{EVENTS}/contas-a-pagar", json=event_body(**change))) == message


def test_installments_must_add_up(api, event_body):
    body = event_body(rateio=[])
    body["condicao_pagamento"]["parcelas"][1]["detalhe_valor"]["valor_bruto"] = 100
    assert error_of(api.post(f"{EVENTS}/contas-a-pagar", json=body)) == (
        "A soma das parcelas (R$ 250,25) é diferente do valor total do lançamento (R$ 300,50).")


def test_receivable_for_a_client(api, sandbox, company):
    client = pick(company.people, nome="Café Bom Dia Ltda")
    body = {"data_competencia": date.today().isoformat(), "valor": 99.9, "descricao": "Coffee break de sexta",
            "observacao": "", "contato": client["id"], "conta_financeira": pick(company.accounts, conta_padrao=True)["id"],
            "rateio": [{"id_categoria": pick(company.categories, nome="Serviços Prestados")["id"], "valor": 99.9}],
            "condicao_pagamento": {"parcelas": [{"data_vencimento": date.today().isoformat(),
                                                 "detalhe_valor": {"valor_bruto": 99.9},
                                                 "metodo_pagamento": "PIX_COBRANCA"}]}}
    accepted = api.post(f"{EVENTS}/contas-a-receber", json=body).json()
    sandbox.advance_clock(1)
    rows = api.get(f"{EVENTS}/contas-a-receber/buscar",
                   params={**_window(5), "ids_clientes": client["id"], "valor_de": "99.9", "valor_ate": "99.9"}).json()
    assert [r["cliente"]["nome"] for r in rows["itens"]] == ["Café Bom Dia Ltda"]
    assert api.get(f"/v1/protocolo/{accepted['protocolo']}").json()["status"] == "SUCCESS"


def test_search_requires_the_due_window_and_filters_by_status(api):
    assert error_of(api.get(f"{EVENTS}/contas-a-pagar/buscar")) == "O parâmetro 'data_vencimento_de' é obrigatório."
    paid = api.get(f"{EVENTS}/contas-a-pagar/buscar", params={**_window(), "status": "PAGO"}).json()
    assert paid["itens_totais"] == 2 and {r["status"] for r in paid["itens"]} == {"ACQUITTED"}
    assert error_of(api.get(f"{EVENTS}/contas-a-pagar/buscar", params={**_window(), "status": "RECEBIDO"})).startswith(
        "O valor 'RECEBIDO' fornecido no parâmetro 'status' não é válido.")


def test_overdue_installments(sandbox):
    sandbox.advance_clock(90 * 24 * 3600)
    api = httpx.Client(base_url=sandbox.url, headers={"Authorization": f"Bearer {sandbox.obtain_tokens()['access_token']}"})
    rows = api.get(f"{EVENTS}/contas-a-pagar/buscar", params={**_window(), "status": "ATRASADO"}).json()
    assert rows["itens_totais"] == 2 and rows["itens"][0]["nao_pago"] > 0


def test_changes_endpoint_lists_event_ids(api, sandbox, event_body):
    start = sandbox.state.now()
    api.post(f"{EVENTS}/contas-a-pagar", json=event_body())
    sandbox.advance_clock(1)
    window = {"data_inicio": start.isoformat(), "data_fim": (start + timedelta(minutes=1)).isoformat()}
    changed = api.get(f"{EVENTS}/alteracoes", params=window).json()
    assert changed["itens_totais"] == 1 and set(changed["itens"][0]) >= {"id"}
    assert error_of(api.get(f"{EVENTS}/alteracoes", params={"data_inicio": window["data_inicio"]})) == (
        "O parâmetro 'data_fim' é obrigatório.")


def test_an_installment_names_its_event_in_the_financial_specs_shape(api, sandbox, event_body):
    accepted = api.post(f"{EVENTS}/contas-a-pagar", json=event_body()).json()
    sandbox.advance_clock(1)
    event_id = api.get(f"/v1/protocolo/{accepted['protocolo']}").json()["evento_financeiro_id"]
    rows = api.get(f"{EVENTS}/contas-a-pagar/buscar", params={**_window(), "descricao": "farinha especial"}).json()
    second = api.get(f"{EVENTS}/parcelas/{rows['itens'][1]['id']}").json()
    assert second["id"] == rows["itens"][1]["id"] and second["indice"] == 2 and second["status"] == "PENDENTE"
    assert second["valor_composicao"]["valor_bruto"] == second["nao_pago"] and second["valor_pago"] == 0
    assert second["conta_financeira"]["conta_padrao"] is True
    event = second["evento"]
    assert event["id"] == event_id and event["tipo"] == "DESPESA"
    assert event["referencia"] == {"origem": "LANCAMENTO_FINANCEIRO"}
    assert event["condicao_pagamento"] == {"quantidade_parcelas": 2}
    assert event["rateio"][0]["nome_categoria"] == "Matéria-prima"
    assert event["rateio"][0]["rateio_centro_custo"][0]["nome_centro_custo"] == "Produção"
    assert not {"observacao", "descricao", "contato"} & set(event)  # no notes to read a marker from


def test_unknown_or_malformed_installment(api):
    assert error_of(api.get(f"{EVENTS}/parcelas/{UNKNOWN}"), 404) == "Parcela não encontrada."
    assert error_of(api.get(f"{EVENTS}/parcelas/abc")) == (
        "O valor 'abc' fornecido no parâmetro 'id' não é um identificador (uuid) válido.")


def test_unknown_protocol(api):
    assert error_of(api.get(f"/v1/protocolo/{UNKNOWN}"), 404) == "Protocolo não encontrado."


def test_seeded_receivables_page(api, sandbox):
    sandbox.seed("receivables", 120)
    page = api.get(f"{EVENTS}/contas-a-receber/buscar", params={**_window(), "tamanho_pagina": 100}).json()
    assert page["itens_totais"] > 120 and len(page["itens"]) == 100
