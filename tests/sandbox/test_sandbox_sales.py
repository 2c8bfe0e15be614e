"""/v1/venda: create with Conta Azul's checks, search, detail, items, optimistic update, sellers."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import httpx
import pytest

from sandbox_assertions import error_of, pick

UUID_MESSAGE = "O valor '{}' fornecido no parâmetro '{}' não é um identificador (uuid) válido."


def test_next_number_is_a_bare_number(api):
    answer = api.get("/v1/venda/proximo-numero")
    assert answer.status_code == 200 and answer.json() == 1012


def test_sellers_are_a_bare_list(api):
    sellers = api.get("/v1/venda/vendedores").json()
    assert [s["nome"] for s in sellers] == ["Ana Beatriz Souza", "Carlos Eduardo Lima", "Juliana Ferreira"]
    assert set(sellers[0]) == {"id", "nome", "id_legado"}


def test_create_answers_200_with_the_sale_and_exact_cents(api, sale_body):
    body = sale_body()
    answer = api.post("/v1/venda", json=body)
    assert answer.status_code == 200, answer.text
    sale = answer.json()
    assert sale["numero"] == body["numero"] and sale["situacao"]["nome"] == "APROVADO" and sale["versao"] == 1
    assert sale["valor_composicao"] == {"valor_bruto": 37.8, "frete": 5, "desconto": {"tipo": "VALOR", "valor": 2.8},
                                        "valor_liquido": 40}
    assert sale["condicao_pagamento"]["parcelas"][0]["valor"] == 40


def test_detail_by_uuid_or_legacy_id_is_nested(api, sale_body):
    created = api.post("/v1/venda", json=sale_body()).json()
    detail = api.get(f"/v1/venda/{created['id']}").json()
    assert set(detail) >= {"cliente", "venda", "vendedor", "contrato", "evento_financeiro"}
    assert detail["cliente"]["nome"] == "Maria Aparecida dos Santos"
    assert detail["venda"]["id"] == created["id"] and detail["venda"]["status"] == "EM_ANDAMENTO"
    assert detail["venda"]["situacao"]["nome"] == "APROVADO"
    assert detail["venda"]["composicao_valor"]["valor_liquido"] == 40
    assert api.get(f"/v1/venda/{created['id_legado']}").json()["venda"]["id"] == created["id"]
    assert error_of(api.get("/v1/venda/00000000-0000-4000-8000-000000000000"), 404) == "Venda não encontrada."


def test_items_of_a_sale(api, sale_body, company):
    cake = pick(company.services, codigo="SRV-BOLO")
    body = sale_body(itens=[{"id": pick(company.products, codigo_sku="PF-KG")["id"], "quantidade": 2, "valor": 18.90},
                            {"id": cake["id"], "quantidade": 1, "valor": 180, "descricao": "Bolo de aniversário"}])
    body["condicao_pagamento"]["parcelas"][0]["valor"] = 220.00
    created = api.post("/v1/venda", json=body)
    assert created.status_code == 200, created.text
    items = api.get(f"/v1/venda/{created.json()['id']}/itens").json()
    assert items["itens_totais"] == 2 and items["totais"]["quantidade_servicos"] == 1
    assert [(i["tipo"], i["descricao"]) for i in items["itens"]] == [("PRODUTO", "Pão Francês (kg)"),
                                                                    ("SERVICO", "Bolo de aniversário")]


@pytest.mark.parametrize("field, value, message", [
    ("id_cliente", None, "O campo 'id_cliente' é obrigatório."),
    ("id_cliente", "123", UUID_MESSAGE.format("123", "id_cliente")),
    ("id_cliente", "00000000-0000-4000-8000-000000000000",
     "O cliente '00000000-0000-4000-8000-000000000000' não foi encontrado."),
    ("numero", "mil", "O valor 'mil' fornecido no parâmetro 'numero' não é um número inteiro válido."),
    ("situacao", "FATURADO", "O valor 'FATURADO' fornecido no parâmetro 'situacao' não é válido. "
                             "Valores aceitos: EM_ANDAMENTO, APROVADO."),
    ("data_venda", "2026-02-30", "O valor '2026-02-30' fornecido no parâmetro 'data_venda' não é uma data "
                                 "válida (AAAA-MM-DD)."),
    ("id_vendedor", "00000000-0000-4000-8000-000000000000",
     "O vendedor '00000000-0000-4000-8000-000000000000' não foi encontrado."),
    ("id_centro_custo", "00000000-0000-4000-8000-000000000000",
     "O centro de custo '00000000-0000-4000-8000-000000000000' não foi encontrado."),
    ("id_categoria", "00000000-0000-4000-8000-000000000000",
     "A categoria '00000000-0000-4000-8000-000000000000' não foi encontrada."),
    ("itens", [], "O campo 'itens' deve ter pelo menos 1 item(ns)."),
    ("itens", [{"id": "x", "quantidade": 1, "valor": 1}], UUID_MESSAGE.format("x", "itens[0].id")),
    ("itens", [{"id": "00000000-0000-4000-8000-000000000000", "quantidade": 1, "valor": 1}],
     "O produto ou serviço '00000000-0000-4000-8000-000000000000' não foi encontrado."),
])
def test_create_validation(api, sale_body, field, value, message):
    assert error_of(api.post("/v1/venda", json=sale_body(**{field: value}))) == message


def test_uuid_message_for_the_account_has_the_exact_shape(api, sale_body):
    body = sale_body()
    body["condicao_pagamento"]["id_conta_financeira"] = "x"
    assert error_of(api.post("/v1/venda", json=body)) == (
        "O valor 'x' fornecido no parâmetro 'id_conta_financeira' não é um identificador (uuid) válido.")
    body["condicao_pagamento"]["id_conta_financeira"] = "00000000-0000-4000-8000-000000000000"
    assert error_of(api.post("/v1/venda", json=body)) == (
        "A conta financeira '00000000-0000-4000-8000-000000000000' não foi encontrada.")


def test_inactive_product_or_service_is_refused_naming_it(api, sale_body, company):
    panettone = pick(company.products, codigo_sku="PN-750")
    body = sale_body(itens=[{"id": panettone["id"], "quantidade": 1, "valor": 59.90}])
    assert error_of(api.post("/v1/venda", json=body)) == (
        "O produto 'Panetone Artesanal 750g' (SKU PN-750) está inativo e não pode ser usado.")
    lesson = pick(company.services, codigo="SRV-AULA")
    body = sale_body(itens=[{"id": lesson["id"], "quantidade": 1, "valor": 250}])
    assert "O serviço 'Aula de Panificação' (código SRV-AULA) está inativo" in error_of(api.post("/v1/venda", json=body))


def test_installments_must_add_up_to_items_minus_discount_plus_freight(api, sale_body):
    body = sale_body()
    body["condicao_pagamento"]["parcelas"][0]["valor"] = 37.80
    assert error_of(api.post("/v1/venda", json=body)) == (
        "A soma das parcelas (R$ 37,80) é diferente do valor total da venda (R$ 40,00).")
    body["composicao_de_valor"] = {"desconto": {"tipo": "PORCENTAGEM", "valor": 10}}
    body["condicao_pagamento"]["parcelas"] = [{"data_vencimento": "2026-01-10", "valor": 17.01},
                                              {"data_vencimento": "2026-02-10", "valor": 17.01}]
    body["condicao_pagamento"]["opcao_condicao_pagamento"] = "30, 60"
    assert api.post("/v1/venda", json=body).status_code == 200


@pytest.mark.parametrize("option, count, message", [
    ("3x", 1, "A condição de pagamento '3x' pede 3 parcela(s), mas foram informadas 1."),
    ("todo mês", 1, "A opção de condição de pagamento 'todo mês' é inválida. Use 'À vista', prazos em dias como "
                    "'30, 60, 90' ou parcelas como '3x'."),
])
def test_payment_option_must_match_installments(api, sale_body, option, count, message):
    body = sale_body()
    body["condicao_pagamento"]["opcao_condicao_pagamento"] = option
    assert error_of(api.post("/v1/venda", json=body)) == message


def test_payment_type_enum_and_discount_limits(api, sale_body):
    body = sale_body()
    body["condicao_pagamento"]["tipo_pagamento"] = "PIX"
    assert error_of(api.post("/v1/venda", json=body)).startswith(
        "O valor 'PIX' fornecido no parâmetro 'tipo_pagamento' não é válido. Valores aceitos: BOLETO_BANCARIO")
    body = sale_body(composicao_de_valor={"desconto": {"tipo": "VALOR", "valor": 100}})
    assert error_of(api.post("/v1/venda", json=body)) == (
        "O desconto (R$ 100,00) não pode ser maior que o valor dos itens (R$ 37,80).")


def test_expense_or_parent_category_is_refused(api, sale_body, company):
    rent = pick(company.categories, nome="Aluguel")
    parent = pick(company.categories, nome="Receitas de Vendas")
    assert error_of(api.post("/v1/venda", json=sale_body(id_categoria=rent["id"]))) == (
        "A categoria 'Aluguel' não é uma categoria de receita.")
    assert error_of(api.post("/v1/venda", json=sale_body(id_categoria=parent["id"]))) == (
        "A categoria 'Receitas de Vendas' possui subcategorias; informe uma subcategoria.")


def test_sale_numbers_are_unique(api, sale_body):
    assert error_of(api.post("/v1/venda", json=sale_body(numero=1001))) == "Já existe uma venda com o número 1001."


def test_search_envelope_and_totals(api):
    found = api.get("/v1/venda/busca", params={"tamanho_pagina": 20}).json()
    assert set(found) == {"itens", "total_itens", "totais", "quantidades"} and found["total_itens"] == 11
    assert found["quantidades"]["total"] == 11 and found["quantidades"]["aprovado"] == 4
    assert found["totais"]["total"] == pytest.approx(sum(s["total"] for s in found["itens"]))
    row = found["itens"][0]
    assert set(row) >= {"id", "id_legado", "numero", "data", "criado_em", "data_alteracao", "total", "tipo",
                        "cliente", "situacao", "versao", "id_contrato", "origem"}
    assert [s["data"] for s in found["itens"]] == sorted((s["data"] for s in found["itens"]), reverse=True)


def test_search_filters(api, company):
    quotes = api.get("/v1/venda/busca", params={"situacoes": "ORCAMENTO,ORCAMENTO_ACEITO"}).json()
    assert sorted(s["situacao"]["nome"] for s in quotes["itens"]) == ["ORCAMENTO", "ORCAMENTO_ACEITO"]
    repeated = api.get("/v1/venda/busca", params=[("numeros", "1001"), ("numeros", "1003")]).json()
    assert sorted(s["numero"] for s in repeated["itens"]) == [1001, 1003]
    client = pick(company.people, nome="Maria Aparecida dos Santos")
    mine = api.get("/v1/venda/busca", params={"ids_clientes": client["id"]}).json()["itens"]
    assert mine and {s["cliente"]["id"] for s in mine} == {client["id"]}
    by_term = api.get("/v1/venda/busca", params={"termo_busca": "1002"}).json()["itens"]
    assert [s["numero"] for s in by_term] == [1002]
    ascending = api.get("/v1/venda/busca", params={"campo_ordenado_ascendente": "NUMERO"}).json()["itens"]
    assert [s["numero"] for s in ascending][:3] == [1001, 1002, 1003]
    last_week = (date.today() - timedelta(days=7)).isoformat()
    recent = api.get("/v1/venda/busca", params={"data_inicio": last_week, "data_fim": date.today().isoformat()})
    assert all(s["data"] >= last_week for s in recent.json()["itens"])
    assert error_of(api.get("/v1/venda/busca", params={"situacoes": "PAGO"})).startswith("O valor 'PAGO'")
    assert error_of(api.get("/v1/venda/busca", params={"data_inicio": "2026-02-01", "data_fim": "2026-01-01"})) == (
        "A data de início não pode ser posterior à data de fim.")


def test_change_window_finds_new_sales_and_half_a_window_is_a_500(api, sale_body, sandbox):
    before = datetime.fromisoformat(sandbox.state.now().isoformat()) - timedelta(seconds=1)
    created = api.post("/v1/venda", json=sale_body()).json()
    window = {"data_alteracao_de": before.isoformat(timespec="seconds"),
              "data_alteracao_ate": (before + timedelta(minutes=5)).isoformat(timespec="seconds")}
    changed = api.get("/v1/venda/busca", params=window).json()["itens"]
    assert [s["id"] for s in changed] == [created["id"]]
    half = api.get("/v1/venda/busca", params={"data_alteracao_de": window["data_alteracao_de"]})
    assert half.status_code == 500 and half.json() == {
        "code": 500, "message": "Ocorreu um erro inesperado no servidor. Tente novamente mais tarde."}


def test_update_needs_the_current_version(api, sale_body, sandbox):
    body = sale_body()
    created = api.post("/v1/venda", json=body).json()
    sandbox.advance_clock(3)
    update = {**body, "versao": 1, "situacao": "FATURADO", "observacoes": "Entregue"}
    answer = api.put(f"/v1/venda/{created['id']}", json=update)
    assert answer.status_code == 200 and answer.json()["versao"] == 2
    detail = api.get(f"/v1/venda/{created['id']}").json()["venda"]
    assert detail["situacao"]["nome"] == "FATURADO" and detail["observacoes"] == "Entregue"
    stale = api.put(f"/v1/venda/{created['id']}", json=update)
    assert stale.status_code == 409 and "versão atual: 2" in stale.json()["message"]
    assert error_of(api.put(f"/v1/venda/{created['id']}", json=body)) == "O campo 'versao' é obrigatório."
    row = api.get("/v1/venda/busca", params={"numeros": body["numero"]}).json()["itens"][0]
    assert row["data_alteracao"] > row["criado_em"]


def test_approved_sale_creates_a_receivable(api, sale_body):
    created = api.post("/v1/venda", json=sale_body()).json()
    detail = api.get(f"/v1/venda/{created['id']}").json()
    assert detail["evento_financeiro"]["id"]
    today = date.today().isoformat()
    rows = api.get("/v1/financeiro/eventos-financeiros/contas-a-receber/buscar",
                   params={"data_vencimento_de": today, "data_vencimento_ate": today}).json()["itens"]
    [row] = [r for r in rows if r["total"] == 40]
    installment = api.get(f"/v1/financeiro/eventos-financeiros/parcelas/{row['id']}").json()
    assert installment["evento"]["id"] == detail["evento_financeiro"]["id"]
    assert installment["evento"]["referencia"] == {"origem": "VENDA", "id": created["id"]}


def test_paging_thousands_of_seeded_sales(api, sandbox):
    sandbox.seed("sales", 1500)
    first = api.get("/v1/venda/busca", params={"tamanho_pagina": 1000}).json()
    second = api.get("/v1/venda/busca", params={"tamanho_pagina": 1000, "pagina": 2}).json()
    assert first["total_itens"] == 1511 and len(first["itens"]) == 1000 and len(second["itens"]) == 511
    assert not {s["id"] for s in first["itens"]} & {s["id"] for s in second["itens"]}
    assert error_of(api.get("/v1/venda/busca", params={"tamanho_pagina": 5000})).startswith(
        "O parâmetro 'tamanho_pagina' deve ser um dos valores")


def test_a_person_changes_a_sales_situation(api, sale_body, sandbox):
    created = api.post("/v1/venda", json=sale_body()).json()
    sandbox.advance_clock(5)
    row = sandbox.change_sale_situation(created["id"], "CANCELADO")
    assert row["situacao"] == {"nome": "CANCELADO", "descricao": "Cancelado"} and row["versao"] == 2
    assert row["data_alteracao"] > row["criado_em"]
    detail = api.get(f"/v1/venda/{created['id']}").json()["venda"]
    assert detail["status"] == "CANCELADO"
    over_http = httpx.post(f"{sandbox.url}/_sandbox/sale-situation",
                           json={"sale_id": created["id"], "situation": "ORCAMENTO_ACEITO"}, timeout=10)
    assert over_http.status_code == 200 and over_http.json()["situacao"]["nome"] == "ORCAMENTO_ACEITO"
    unknown = httpx.post(f"{sandbox.url}/_sandbox/sale-situation",
                         json={"sale_id": created["id"], "situation": "PERDIDA"}, timeout=10)
    assert unknown.status_code == 400


DUE = {"data_vencimento_de": "2020-01-01", "data_vencimento_ate": "2030-12-31"}


@pytest.mark.parametrize("path, extra", [
    ("/v1/venda/busca", {}), ("/v1/pessoas", {}), ("/v1/produtos", {}),
    ("/v1/financeiro/eventos-financeiros/contas-a-pagar/buscar", DUE),
    ("/v1/financeiro/eventos-financeiros/contas-a-receber/buscar", DUE),
])
def test_a_change_window_longer_than_365_days_is_refused(api, sandbox, path, extra):
    start = datetime(2025, 1, 1)
    year = {**extra, "data_alteracao_de": start.isoformat(),
            "data_alteracao_ate": (start + timedelta(days=365)).isoformat()}
    assert api.get(path, params=year).status_code == 200
    longer = {**year, "data_alteracao_ate": (start + timedelta(days=365, seconds=1)).isoformat()}
    assert error_of(api.get(path, params=longer)) == (
        "O período entre 'data_alteracao_de' e 'data_alteracao_ate' não pode ser maior que 365 dias.")
    sandbox.state.settings.change_window_max_days = 0  # the reading where there is no cap
    assert api.get(path, params=longer).status_code == 200
