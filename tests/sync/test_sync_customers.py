"""Customers: created with the profile "Cliente", or updated (only the row's fields) when known."""
from __future__ import annotations

from sheets_addon.sync.actions import Created, RowFailure, action_for, row_marker
from sheets_addon.sync.actions.context import with_marker
from tests.sync.sync_helpers import CUSTOMER_COLUMNS, by_name, draft_of, new_cpf

CUSTOMER = action_for("customer")


def run(ctx, row, columns=CUSTOMER_COLUMNS, row_key="c0ffee00c0ffee00"):
    draft, columns = draft_of("customer", columns, row)
    prepared = CUSTOMER.prepare(draft, columns, ctx)
    assert not isinstance(prepared, RowFailure), prepared
    intent = CUSTOMER.intent(prepared, row_key, ctx)
    return CUSTOMER.create(prepared, intent, ctx), intent


def test_new_customer_is_created_with_address_and_marker(ctx, bakery):
    cpf = new_cpf(402_118_765)
    created, intent = run(ctx, {"Nome": "Thiago Brandão", "CPF/CNPJ": cpf, "E-mail": "thiago.brandao@gmail.com",
                                "Celular": "(11) 98123-4567", "CEP": "04101-000", "Endereço": "Rua Vergueiro",
                                "Número": "1500", "Bairro": "Vila Mariana", "Cidade": "São Paulo", "UF": "SP"})
    assert created == Created("Cliente", created.id, None, "Cliente criado")
    person = bakery.people[created.id]
    assert person["perfis"] == ["Cliente"] and person["tipo_pessoa"] == "Física"
    assert person["documento"] == intent["document"] and person["observacao"] == row_marker(7, "c0ffee00c0ffee00")
    [address] = person["enderecos"]
    assert (address["cep"], address["logradouro"], address["numero"], address["bairro"]) == (
        "04101000", "Rua Vergueiro", "1500", "Vila Mariana")
    assert (address["cidade"], address["estado"], person["telefone_celular"]) == ("São Paulo", "SP", "11981234567")


def test_known_cpf_updates_only_the_columns_the_row_maps(ctx, bakery):
    maria = by_name(bakery.people, "Maria Aparecida dos Santos")
    columns = {"name": "Nome", "document": "CPF", "phone": "Telefone", "city": "Cidade"}
    created, intent = run(ctx, {"Nome": "Maria Aparecida dos Santos", "CPF": maria["documento"],
                                "Telefone": "(11) 3222-1100", "Cidade": "Santo André"}, columns)
    assert created == Created("Cliente", maria["id"], None, "Cliente atualizado")
    assert intent["person_id"] == maria["id"]
    assert maria["telefone_comercial"] and maria["email"] == "maria.santos@gmail.com"  # untouched
    assert maria["enderecos"][0]["cidade"] == "Santo André" and maria["enderecos"][0]["logradouro"]
    assert len(maria["enderecos"]) == 1 and maria["observacao"] is None


def test_known_email_updates_and_makes_a_supplier_a_client_too(ctx, bakery):
    moinho = by_name(bakery.people, "Moinho Paulista Farinhas Ltda")
    created, _ = run(ctx, {"Nome": "Moinho Paulista Farinhas Ltda", "E-mail": "Vendas@MoinhoPaulista.com.br",
                           "Observações": "Compra também pães para o refeitório"})
    assert created.id == moinho["id"] and created.summary == "Cliente atualizado"
    assert moinho["perfis"] == ["Fornecedor", "Cliente"]
    assert moinho["observacao"] == "Compra também pães para o refeitório"


def test_the_marker_always_fits_in_conta_azuls_2000_characters_of_notes():
    marker = row_marker(12345678, "row:f#1")
    assert with_marker("n" * 1960, marker) == "n" * 1960 + "\n" + marker  # what the mapping lets through
    longer = with_marker("n" * 2500, marker)  # only a caller outside the mapping can send this
    assert len(longer) == 2000 and longer.endswith("\n" + marker)
