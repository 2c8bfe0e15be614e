"""The field catalog, column suggestions and the checks run when a flow is saved."""
import pytest

from sheets_addon.mapping import (TARGET_KINDS, FieldType, MappingProblem, catalog_for,
                                  check_headers, suggest_mapping, validate_mapping)


def test_five_target_kinds_each_with_ordered_unique_fields():
    assert TARGET_KINDS == ("customer", "sale", "contract", "payable", "receivable")
    for kind in TARGET_KINDS:
        keys = [field.key for field in catalog_for(kind)]
        assert len(keys) == len(set(keys)), kind
        assert all(field.label and field.type in FieldType for field in catalog_for(kind))


def test_catalog_covers_what_each_kind_needs():
    keys = {kind: {field.key for field in catalog_for(kind)} for kind in TARGET_KINDS}
    assert {"name", "document", "person_type", "email", "mobile_phone", "phone", "cep", "street",
            "street_number", "district", "city", "state", "notes"} <= keys["customer"]
    assert {"order_key", "client_name", "client_document", "client_email", "sale_date", "item_code",
            "item_name", "quantity", "unit_price", "discount", "discount_percent", "freight",
            "payment_type", "payment_condition", "installments", "first_due_date", "due_dates",
            "category", "cost_center", "seller", "notes", "financial_account", "status"} <= keys["sale"]
    assert {"client_name", "item_code", "quantity", "unit_price", "frequency", "start_date", "end_date",
            "issue_day", "due_day", "first_due_date", "payment_type", "category", "cost_center",
            "seller", "notes"} <= keys["contract"]
    shared = {"description", "amount", "due_date", "competence_date", "category", "cost_center",
              "financial_account", "payment_type", "notes"}
    assert shared | {"supplier_name", "supplier_document"} <= keys["payable"]
    assert shared | {"client_name", "client_document"} <= keys["receivable"]


def test_fields_describe_themselves_as_json():
    field = catalog_for("customer")[1].as_dict()
    assert field["key"] == "document" and field["type"] == "document"
    assert "CPF" in field["synonyms"]


def test_unknown_kind_is_a_flow_problem():
    with pytest.raises(MappingProblem, match="Tipo de destino desconhecido"):
        catalog_for("invoice")


SALES_SHEET = ["Pedido", "Data", "Cliente", "CPF/CNPJ", "E-mail", "Código", "Produto", "Qtd",
               "Valor unitário", "Desconto", "Frete", "Forma de pagamento", "Condição de pagamento",
               "Vencimento", "Vendedor", "Categoria", "Centro de custo", "Observações", "Status Azulejo"]


def test_suggestions_for_a_typical_sales_sheet():
    assert suggest_mapping("sale", SALES_SHEET, exclude=["Status Azulejo"]) == {
        "order_key": "Pedido", "client_name": "Cliente", "client_document": "CPF/CNPJ",
        "client_email": "E-mail", "sale_date": "Data", "item_code": "Código", "item_name": "Produto",
        "quantity": "Qtd", "unit_price": "Valor unitário", "discount": "Desconto", "freight": "Frete",
        "payment_type": "Forma de pagamento", "payment_condition": "Condição de pagamento",
        "first_due_date": "Vencimento", "category": "Categoria", "cost_center": "Centro de custo",
        "seller": "Vendedor", "notes": "Observações",
    }


@pytest.mark.parametrize("kind, headers, expected", [
    ("payable", ["Fornecedor", "CNPJ", "Descrição", "Valor", "Data de vencimento", "Competência"],
     {"supplier_name": "Fornecedor", "supplier_document": "CNPJ", "description": "Descrição",
      "amount": "Valor", "due_date": "Data de vencimento", "competence_date": "Competência"}),
    ("receivable", ["CLIENTE", "documento", "TOTAL", "vencimento", "Histórico"],
     {"client_name": "CLIENTE", "client_document": "documento", "amount": "TOTAL",
      "due_date": "vencimento", "description": "Histórico"}),
    ("customer", ["Razão Social", "CPF/CNPJ", "Email", "WhatsApp", "Município", "UF", "cep"],
     {"name": "Razão Social", "document": "CPF/CNPJ", "email": "Email", "mobile_phone": "WhatsApp",
      "city": "Município", "state": "UF", "cep": "cep"}),
    ("sale", ["Nome do cliente PJ", "Quantidade vendida", "Preço (R$)"],
     {"client_name": "Nome do cliente PJ", "quantity": "Quantidade vendida", "unit_price": "Preço (R$)"}),
])
def test_suggestions_ignore_accents_case_and_little_words(kind, headers, expected):
    assert suggest_mapping(kind, headers) == expected


def test_each_header_is_suggested_once_and_unknown_headers_never():
    suggested = suggest_mapping("sale", ["Cliente", "Cliente", "Cor favorita", 42, None])
    assert suggested == {"client_name": "Cliente"}


def test_validate_mapping_cleans_and_orders():
    mapping = {"unit_price": " Valor ", "sale_date": "Data", "client_name": "Cliente",
               "item_name": "Produto", "notes": "", "seller": None}
    assert list(validate_mapping("sale", mapping).items()) == [
        ("client_name", "Cliente"), ("sale_date", "Data"), ("item_name", "Produto"), ("unit_price", "Valor")]


def test_validate_mapping_lists_every_problem():
    with pytest.raises(MappingProblem) as caught:
        validate_mapping("sale", {"cliente": "Cliente", "sale_date": 3})
    problems = caught.value.problems
    assert 'O campo "cliente" não existe em Vendas.' in problems
    assert 'Escolha a coluna de "Data da venda" pelo texto do cabeçalho.' in problems
    assert 'Escolha a coluna de "Preço unitário": o campo é obrigatório.' in problems
    assert any("identificar o cliente" in problem for problem in problems)
    assert any("identificar o produto ou serviço" in problem for problem in problems)


def test_a_renamed_header_stops_the_flow_with_its_name():
    mapping = {"name": "Nome", "document": "CPF"}
    check_headers("customer", mapping, ["Nome", "CPF", "Status Azulejo"])
    check_headers("customer", mapping, ["nome", "cpf"])  # case changes are harmless
    with pytest.raises(MappingProblem) as caught:
        check_headers("customer", mapping, ["Nome", "CPF/CNPJ"],
                      filters=[{"column": "Situação", "op": "not_empty"}])
    assert caught.value.missing_headers == ("CPF", "Situação")
    assert "A coluna \"CPF\" não está mais na planilha" in str(caught.value)


def test_two_headers_that_differ_only_in_accents_are_ambiguous():
    with pytest.raises(MappingProblem, match="mais de uma coluna"):
        check_headers("customer", {"name": "Nome"}, ["Nómé", "nome "])
