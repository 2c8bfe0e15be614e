"""Customer rows: typed drafts, or every cell error of the row naming its column."""
import pytest

from sheets_addon.mapping import Address, CustomerDraft, MappingProblem, parse_row
from sheets_addon.mapping.parsers import Document

MAPPING = {"name": "Nome / Razão social", "document": "CPF/CNPJ", "email": "E-mail",
           "mobile_phone": "Celular", "cep": "CEP", "street": "Endereço", "street_number": "Nº",
           "district": "Bairro", "city": "Cidade", "state": "UF", "notes": "Obs", "person_type": "Tipo"}


def sheet_row(**cells):
    row = {header: "" for header in MAPPING.values()}
    row.update({MAPPING[key]: value for key, value in cells.items()})
    return row


def test_a_complete_customer():
    parsed = parse_row("customer", MAPPING, sheet_row(
        name="  Padaria Aurora Ltda ", document="11.222.333/0001-81", email="Financeiro@PadariaAurora.com.br",
        mobile_phone="(11) 98765-4321", cep=1310100, street="Av. Paulista", street_number=1000,
        district="Bela Vista", city="São Paulo", state="sp", notes="Cliente desde 2019"))
    assert parsed.ok and parsed.errors == ()
    assert parsed.draft == CustomerDraft(
        name="Padaria Aurora Ltda", document=Document("11222333000181"), person_type="Jurídica",
        trade_name=None, email="financeiro@padariaaurora.com.br", mobile_phone="11987654321", phone=None,
        address=Address(cep="01310100", street="Av. Paulista", number="1000", district="Bela Vista",
                        city="São Paulo", state="SP"),
        code=None, active=True, notes="Cliente desde 2019")
    assert parsed.draft.lookup_keys() == [("document", "11222333000181"),
                                          ("email", "financeiro@padariaaurora.com.br")]


def test_person_type_comes_from_the_document_and_must_agree_with_it():
    cpf = parse_row("customer", MAPPING, sheet_row(name="Ana Souza", document="529.982.247-25"))
    assert cpf.draft.person_type == "Física"
    nobody = parse_row("customer", MAPPING, sheet_row(name="Ana Souza"))
    assert nobody.draft.person_type is None and nobody.draft.address is None
    clash = parse_row("customer", MAPPING, sheet_row(name="Ana", document="529.982.247-25", person_type="PJ"))
    assert [error.message for error in clash.errors] == [
        'Tipo de pessoa não combina com o documento na coluna "Tipo": um CPF é de pessoa Física; '
        "corrija o tipo ou deixe-o vazio"]


def test_all_errors_of_a_row_are_collected():
    parsed = parse_row("customer", MAPPING, sheet_row(
        document="529.982.247-24", email="ana@gmail", mobile_phone="(20) 9999-9999", state="XX",
        notes="=HYPERLINK(\"http://evil\")"))
    assert not parsed.ok and parsed.draft is None
    assert [(error.column, error.field) for error in parsed.errors] == [
        ("CPF/CNPJ", "document"), ("E-mail", "email"), ("Celular", "mobile_phone"), ("UF", "state"),
        ("Obs", "notes"), ("Nome / Razão social", "name")]
    assert parsed.errors[0].message == (
        'CPF inválido na coluna "CPF/CNPJ": confira os 11 dígitos (o dígito verificador não confere)')
    assert parsed.errors[-1].message == (
        'Célula vazia na coluna "Nome / Razão social": o campo "Nome" é obrigatório')


def test_a_huge_cell_is_a_row_error():
    parsed = parse_row("customer", MAPPING, sheet_row(name="A" * 10_000))
    assert parsed.errors[0].message == (
        'Texto longo demais na coluna "Nome / Razão social": use no máximo 200 caracteres (a célula tem 10000)')


def test_headers_are_found_ignoring_case_but_a_missing_one_stops_the_flow():
    row = {"nome / razão social": "Ana", "cpf/cnpj": "", "E-mail": "", "Celular": "", "CEP": "", "Endereço": "",
           "Nº": "", "Bairro": "", "Cidade": "", "UF": "", "Obs": "", "Tipo": ""}
    assert parse_row("customer", MAPPING, row).draft.name == "Ana"
    del row["Celular"]
    with pytest.raises(MappingProblem) as caught:
        parse_row("customer", MAPPING, row)
    assert caught.value.missing_headers == ("Celular",)


def test_active_is_yes_unless_the_sheet_says_no():
    mapping = {"name": "Nome", "active": "Ativo"}
    assert parse_row("customer", mapping, {"Nome": "Ana", "Ativo": ""}).draft.active is True
    assert parse_row("customer", mapping, {"Nome": "Ana", "Ativo": "não"}).draft.active is False
    assert parse_row("customer", mapping, {"Nome": "Ana", "Ativo": False}).draft.active is False


def test_conta_azuls_limits_for_people_are_told_on_the_row_naming_column_and_limit():
    mapping = {"name": "Nome", "code": "Cód. interno", "email": "E-mail", "notes": "Obs"}
    at_the_edge = {"Nome": "Ana", "Cód. interno": "C" * 20, "E-mail": "a" * 88 + "@exemplo.com", "Obs": "o" * 1960}
    assert parse_row("customer", mapping, at_the_edge).ok
    over = {"Nome": "Ana", "Cód. interno": "C" * 21, "E-mail": "a" * 89 + "@exemplo.com", "Obs": "o" * 1961}
    assert [error.message for error in parse_row("customer", mapping, over).errors] == [
        'E-mail longo demais na coluna "E-mail": o Conta Azul aceita e-mails de até 100 caracteres (este tem 101)',
        'Texto longo demais na coluna "Cód. interno": use no máximo 20 caracteres (a célula tem 21)',
        'Texto longo demais na coluna "Obs": use no máximo 1960 caracteres (a célula tem 1961)']


@pytest.mark.parametrize("kind, mapping", [
    ("sale", {"client_email": "E-mail", "sale_date": "Data", "unit_price": "Preço", "item_code": "Código"}),
    ("payable", {"supplier_email": "E-mail", "description": "Descrição", "amount": "Valor", "due_date": "Vencimento"}),
])
def test_a_client_or_supplier_e_mail_goes_to_a_person_so_the_same_limit_holds(kind, mapping):
    row = {"E-mail": "a" * 89 + "@exemplo.com", "Data": "01/12/2026", "Preço": "10,00", "Código": "PF-KG",
           "Descrição": "Frete", "Valor": "10,00", "Vencimento": "01/12/2026"}
    [error] = parse_row(kind, mapping, {header: row[header] for header in mapping.values()}).errors
    assert error.column == "E-mail" and "até 100 caracteres" in error.message
