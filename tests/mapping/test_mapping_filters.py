"""Filters: validated when a flow is saved, evaluated per row with a reason for skipped rows."""
import pytest

from sheets_addon.mapping import FilterSpecError, MappingProblem, evaluate_filters, validate_filters

SPEC = [
    {"column": "Valor", "op": "between", "min": "100", "max": "1000"},
    {"column": "Status", "op": "in", "values": ["Pago", "Aprovado"]},
    {"column": "Forma de pagamento", "op": "equals", "value": "Pix"},
    {"column": "Cliente", "op": "not_empty"},
]
ROW = {"Valor": "R$ 350,00", "Status": "pago", "Forma de pagamento": "PIX", "Cliente": "Ana",
       "Data": 46031, "Obs": "cliente VIP — entrega rápida"}


def test_validated_spec_is_normalised_for_storage():
    assert validate_filters(SPEC + [{"column": "Data", "op": "gte", "value": "01/01/2026"},
                                    {"column": " Valor ", "op": "lte", "value": 500}]) == [
        {"column": "Valor", "op": "between", "min": "100", "max": "1000", "type": "number"},
        {"column": "Status", "op": "in", "values": ["Pago", "Aprovado"]},
        {"column": "Forma de pagamento", "op": "equals", "value": "Pix"},
        {"column": "Cliente", "op": "not_empty"},
        {"column": "Data", "op": "gte", "value": "01/01/2026", "type": "date"},
        {"column": "Valor", "op": "lte", "value": "500", "type": "number"},
    ]
    assert validate_filters(None) == [] and validate_filters([]) == []


def test_a_row_that_passes_every_filter():
    assert evaluate_filters(SPEC, ROW) is None


@pytest.mark.parametrize("change, reason", [
    ({"Valor": 1500}, 'ignorada: filtro "Valor" entre 100 e 1000'),
    ({"Valor": "mil reais"}, 'ignorada: filtro "Valor" entre 100 e 1000'),
    ({"Status": "Cancelado"}, 'ignorada: filtro "Status" um de "Pago" e "Aprovado"'),
    ({"Forma de pagamento": "Boleto"}, 'ignorada: filtro "Forma de pagamento" igual a "Pix"'),
    ({"Cliente": "   "}, 'ignorada: filtro "Cliente" preenchido'),
])
def test_the_first_failing_filter_gives_the_reason(change, reason):
    assert evaluate_filters(SPEC, {**ROW, **change}) == reason


@pytest.mark.parametrize("spec, passes", [
    ({"column": "Valor", "op": "gte", "value": "R$ 350"}, True),
    ({"column": "Valor", "op": "lte", "value": "349,99"}, False),
    ({"column": "Valor", "op": "equals", "value": "350"}, True),   # numbers compare as numbers
    ({"column": "Data", "op": "between", "min": "01/01/2026", "max": "2026-01-31"}, True),
    ({"column": "Data", "op": "lte", "value": "08/01/2026"}, False),
    ({"column": "Obs", "op": "contains", "value": "Entrega Rapida"}, True),
    ({"column": "Status", "op": "not_in", "values": ["Cancelado", "Estornado"]}, True),
    ({"column": "Status", "op": "not_equals", "value": "PAGO"}, False),
    ({"column": "Obs", "op": "empty"}, False),
    ({"column": "Nada", "op": "empty"}, True),
])
def test_operations(spec, passes):
    row = {**ROW, "Nada": None}
    assert (evaluate_filters([spec], row) is None) is passes


def test_a_bad_spec_lists_every_fault():
    with pytest.raises(FilterSpecError) as caught:
        validate_filters([
            {"column": "Valor", "op": "between", "min": "1000", "max": "100"},
            {"column": "", "op": "equals", "value": "x"},
            {"column": "Status", "op": "like", "value": "x"},
            "Status = Pago",
            {"column": "Status", "op": "in", "values": []},
            {"column": "Status", "op": "equals", "vaule": "Pago"},
            {"column": "Valor", "op": "gte", "value": "muito"},
            {"column": "Valor", "op": "gte", "value": "10", "type": "money"},
        ])
    assert caught.value.problems == (
        "No filtro 1, o mínimo é maior que o máximo.",
        "Escolha a coluna do filtro 2.",
        'O filtro 3 usa uma operação desconhecida ("like"); use "equals", "not_equals", "contains", '
        '"in", "not_in", "between", "gte", "lte", "empty" ou "not_empty".',
        "O filtro 4 está malformado.",
        "Informe pelo menos um valor no filtro 5.",
        'O filtro 6 tem itens que não reconhecemos: "vaule".',
        "Preencha os valores do filtro 6.",
        'No filtro 7, use números ou datas como limites (recebemos "muito").',
        'O filtro 8 tem um tipo desconhecido ("money"); use "number" ou "date".',
    )


@pytest.mark.parametrize("spec", ["Valor > 100", {"column": "Valor"}, 42])
def test_a_spec_that_is_not_a_list_is_refused(spec):
    with pytest.raises(FilterSpecError, match="lista"):
        validate_filters(spec)


def test_a_filtered_column_gone_from_the_sheet_stops_the_flow():
    with pytest.raises(MappingProblem) as caught:
        evaluate_filters([{"column": "Situação", "op": "not_empty"}], ROW)
    assert caught.value.missing_headers == ("Situação",)
