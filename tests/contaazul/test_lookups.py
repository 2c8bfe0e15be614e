"""Categories, cost centres, financial accounts, the connected company."""
from __future__ import annotations

import unicodedata

import pytest

from contaazul import ValidationError


def loosened(name: str) -> str:
    """The name without accents and lower-cased: close, but not the same name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower()


def test_categories_by_exact_name_with_accents_and_ordinals(ca):
    categories = list(ca.categories.list())
    assert categories and all("nome" in c for c in categories)
    special = [c for c in categories if loosened(c["nome"]) != c["nome"]]
    assert special, "the demo company should have accented names"
    for category in special[:5]:
        assert ca.categories.find_by_name(f" {category['nome']} ")["nome"] == category["nome"]
        assert ca.categories.find_by_name(loosened(category["nome"])) is None


def test_thirteenth_salary_category(ca):
    names = {c["nome"] for c in ca.categories.list()}
    wanted = next((n for n in names if n.startswith("13º")), None)
    if wanted is None:
        pytest.skip("the demo company has no 13º Salário category")
    assert ca.categories.find_by_name(wanted)["nome"] == wanted
    assert ca.categories.find_by_name(wanted.replace("º", "o").replace("ª", "a")) is None


def test_categories_filtered_by_kind(ca):
    revenue = list(ca.categories.list(kind="RECEITA"))
    assert revenue and all(c["tipo"] == "RECEITA" for c in revenue)


def test_cost_centres_find_or_create(ca):
    assert ca.cost_centers.find_by_name("Centro Ünico de Teste") is None
    created = ca.cost_centers.create("Centro Ünico de Teste", code="CT-1")
    assert created["id"] and created["nome"] == "Centro Ünico de Teste"
    assert ca.cost_centers.find_by_name("Centro Ünico de Teste")["id"] == created["id"]
    assert ca.cost_centers.find_by_name("Centro Unico de Teste") is None
    with pytest.raises(ValidationError) as caught:
        ca.cost_centers.create("Centro Ünico de Teste")
    assert "Já existe" in caught.value.message


@pytest.mark.sandbox(cost_centers_envelope="itens")
def test_cost_centres_in_the_other_envelope(ca):
    created = ca.cost_centers.create("Centro Envelope")
    assert ca.cost_centers.find_by_name("Centro Envelope")["id"] == created["id"]


def test_financial_accounts_and_default(ca):
    accounts = list(ca.financial_accounts.list())
    assert accounts
    default = ca.financial_accounts.default()
    assert default is None or default["conta_padrao"] is True


def test_connected_company(ca):
    company = ca.company.get()
    assert set(company) >= {"id_empresa", "razao_social", "documento"}
