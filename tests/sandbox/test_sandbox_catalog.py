"""Products, services, categories, cost centres and financial accounts."""
from __future__ import annotations

import pytest

from sandbox_assertions import error_of


def test_products_list_filters_and_detail(api):
    rows = api.get("/v1/produtos", params={"tamanho_pagina": 50}).json()
    assert set(rows) == {"items", "totalItems"} and rows["totalItems"] == 12
    inactive = api.get("/v1/produtos", params={"status": "INATIVO"}).json()["items"]
    assert {p["nome"] for p in inactive} == {"Panetone Artesanal 750g", "Broa de Milho"}
    assert all(p["status"] == "INATIVO" for p in inactive)
    [bread] = api.get("/v1/produtos", params={"sku": "PF-KG"}).json()["items"]
    assert bread["nome"] == "Pão Francês (kg)" and bread["status"] == "ATIVO"
    assert api.get("/v1/produtos", params={"busca": "pao de queijo"}).json()["items"][0]["codigo_sku"] == "PQ-1KG"
    detail = api.get(f"/v1/produtos/{bread['id']}").json()
    assert detail["ativo"] is True and detail["estoque"]["valor_venda"] == 18.9
    assert error_of(api.get("/v1/produtos", params={"status": "ativo"})).startswith("O valor 'ativo' fornecido")
    assert error_of(api.get("/v1/produtos/00000000-0000-4000-8000-000000000000"), 404) == "Produto não encontrado."


@pytest.mark.parametrize("envelope, total_key", [("itens", "itens_totais"), ("items", "totalItems")])
def test_services_envelope_follows_the_setting(contaazul_settings, envelope, total_key, request):
    contaazul_settings.services_envelope = envelope
    sandbox = request.getfixturevalue("sandbox")
    api = request.getfixturevalue("api")
    answer = api.get("/v1/servicos", params={"tamanho_pagina": 10}).json()
    assert set(answer) == {envelope, total_key} and answer[total_key] == 4
    row = next(s for s in answer[envelope] if s["codigo"] == "SRV-AULA")
    assert row["status"] == "INATIVO" and row["descricao"] == "Aula de Panificação" and row["preco"] == 250
    assert sandbox.settings.services_envelope == envelope


def test_services_accept_only_small_pages_and_search(api, sandbox):
    sandbox.seed("services", 30)
    assert error_of(api.get("/v1/servicos", params={"tamanho_pagina": 200})) == (
        "O parâmetro 'tamanho_pagina' deve ser um dos valores: 10, 20, 50, 100.")
    page = api.get("/v1/servicos", params={"tamanho_pagina": 20, "pagina": 2}).json()
    assert page["itens_totais"] == 34 and len(page["itens"]) == 14
    found = api.get("/v1/servicos", params={"busca_textual": "coffee"}).json()["itens"]
    assert [s["codigo"] for s in found] == ["SRV-CB"]
    assert api.get("/v1/servicos", params={"status": "ATIVO", "tamanho_pagina": 100}).json()["itens_totais"] < 34


def test_categories_require_permite_apenas_filhos(api):
    assert error_of(api.get("/v1/categorias")) == "O parâmetro 'permite_apenas_filhos' é obrigatório."
    everything = api.get("/v1/categorias", params={"permite_apenas_filhos": "false", "tamanho_pagina": 200}).json()
    leaves = api.get("/v1/categorias", params={"permite_apenas_filhos": "true", "tamanho_pagina": 200}).json()
    assert set(everything) == {"itens", "itens_totais"} and 120 <= everything["itens_totais"] <= 140
    assert leaves["itens_totais"] < everything["itens_totais"]
    names = {c["nome"] for c in everything["itens"]}
    assert {"13º Salário - 1ª Parcela", "Vendas de Mercadorias", "Serviços Prestados", "Água e Esgoto",
            "Energia Elétrica", "Pró-labore", "Receitas de Vendas"} <= names
    parent = next(c for c in everything["itens"] if c["nome"] == "Despesas com Pessoal")
    salary = next(c for c in everything["itens"] if c["nome"] == "13º Salário - 1ª Parcela")
    assert parent["categoria_pai"] is None and salary["categoria_pai"] == parent["id"] and salary["tipo"] == "DESPESA"


def test_categories_search_is_a_substring_and_typed(api):
    params = {"permite_apenas_filhos": "true", "tamanho_pagina": 50}
    found = api.get("/v1/categorias", params={**params, "busca": "13º salário"}).json()["itens"]
    assert sorted(c["nome"] for c in found) == ["13º Salário - 1ª Parcela", "13º Salário - 2ª Parcela"]
    revenue = api.get("/v1/categorias", params={**params, "nome": "vendas", "tipo": "RECEITA"}).json()["itens"]
    assert "Vendas de Mercadorias" in {c["nome"] for c in revenue} and {c["tipo"] for c in revenue} == {"RECEITA"}


@pytest.mark.parametrize("method", ["post", "put"])
def test_categories_cannot_be_created(api, method):
    answer = getattr(api, method)("/v1/categorias", json={"nome": "Nova", "tipo": "RECEITA"})
    assert error_of(answer, 405) == "Método não permitido para este recurso."


def test_cost_centres_list_and_create(api):
    listed = api.get("/v1/centro-de-custo").json()
    assert set(listed) == {"items", "itens_totais", "totais"} and listed["totais"]["inativo"] == 1
    active = api.get("/v1/centro-de-custo", params={"filtro_rapido": "ATIVO"}).json()
    assert all(c["ativo"] for c in active["items"]) and active["itens_totais"] == 4
    created = api.post("/v1/centro-de-custo", json={"nome": "Feira de Domingo", "codigo": "CC-09"})
    assert created.status_code == 200 and created.json()["ativo"] is True
    assert api.get("/v1/centro-de-custo", params={"busca": "feira"}).json()["items"][0]["codigo"] == "CC-09"
    assert error_of(api.post("/v1/centro-de-custo", json={"nome": "feira de domingo"})) == (
        "Já existe um centro de custo com o nome 'feira de domingo'.")
    assert error_of(api.post("/v1/centro-de-custo", json={"codigo": "1"})) == "O campo 'nome' é obrigatório."


def test_cost_centre_envelope_follows_the_setting(contaazul_settings, request):
    contaazul_settings.cost_centers_envelope = "itens"
    assert "itens" in request.getfixturevalue("api").get("/v1/centro-de-custo").json()


def test_financial_accounts(api):
    accounts = api.get("/v1/conta-financeira").json()
    assert set(accounts) == {"itens", "itens_totais"}
    default = [a for a in accounts["itens"] if a["conta_padrao"]]
    assert [a["nome"] for a in default] == ["Conta Corrente Itaú"] and accounts["itens"][0]["conta_padrao"]
    only_active = api.get("/v1/conta-financeira", params={"apenas_ativo": "true"}).json()
    assert only_active["itens_totais"] == accounts["itens_totais"] - 1
    cash = api.get("/v1/conta-financeira", params={"tipos": "CAIXINHA"}).json()["itens"]
    assert [a["nome"] for a in cash] == ["Caixa da Loja"]


def test_companies_do_not_see_each_other(api, other_api):
    mine = {p["id"] for p in api.get("/v1/produtos", params={"tamanho_pagina": 50}).json()["items"]}
    theirs = other_api.get("/v1/produtos", params={"tamanho_pagina": 50}).json()["items"]
    assert "Óleo Motor 5W30 Sintético 1L" in {p["nome"] for p in theirs}
    assert not mine & {p["id"] for p in theirs}
    assert other_api.get(f"/v1/produtos/{next(iter(mine))}").status_code == 404
