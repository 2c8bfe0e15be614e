"""A sales log's columns, filters and options, checked without a network."""
from __future__ import annotations

from decimal import Decimal

import pytest

from sheets_addon.flows.spec import FlowSpec, FlowSpecError
from sheets_addon.sales_log.columns import PREDEFINED_COLUMNS, needs, resolve_columns
from sheets_addon.sales_log.filters import STATUS_SITUATIONS, SaleFilter
from sheets_addon.sync.sale_records import merged

BASE = {"name": "Registro", "kind": "sales_log", "spreadsheet_id": "abc", "worksheet": "Vendas"}
ROW = {"id": "s-1", "numero": 7, "data": "2026-11-20", "total": Decimal("1234.50"),
       "situacao": {"nome": "ORCAMENTO", "descricao": "Orçamento"},
       "cliente": {"id": "c-1", "nome": "Joana", "email": "j@x.com", "cidade": "Campinas"}}


def test_every_predefined_column_by_default_and_the_id_kept_when_removed():
    assert [c.key for c in resolve_columns(None)] == list(PREDEFINED_COLUMNS)
    columns = resolve_columns(["Cliente", {"column": "total", "header": "Valor"},
                               {"header": "Cidade", "field": "cliente.cidade"}])
    assert [(c.header, c.path) for c in columns] == [
        ("Cliente", "cliente.nome"), ("Valor", "total"), ("Cidade", "cliente.cidade"), ("ID Conta Azul", "id")]
    assert [c.value(ROW) for c in columns] == ["Joana", 1234.5, "Campinas", "s-1"]


def test_only_missing_fields_cost_a_detail_call():
    assert needs(resolve_columns(["numero", "cliente", "total"]), ROW) == (False, False, False)
    assert needs(resolve_columns(["cpf_cnpj"]), ROW) == (True, False, False)
    assert needs(resolve_columns(["itens", "categoria"]), ROW) == (True, True, True)
    detail = {"cliente": {"documento": "123"}, "venda": {"id_categoria": None}}
    assert merged(ROW, detail)["cliente"] == {**ROW["cliente"], "documento": "123"}


@pytest.mark.parametrize("status, situations", [
    ("confirmed", {"APROVADO", "FATURADO", "VENDA"}), ("pending_review", {"EM_ANDAMENTO"}),
    ("scheduled", {"CONTRATO"}), ("quote", {"ORCAMENTO"}), ("quote_accepted", {"ORCAMENTO_ACEITO"}),
    ("quote_refused", {"ORCAMENTO_RECUSADO"})])
def test_the_help_pages_statuses_map_onto_situations(status, situations):
    assert set(STATUS_SITUATIONS[status]) == situations


def test_filters_on_status_and_value():
    keep = SaleFilter.from_list([{"field": "status", "op": "in", "values": ["quote"]},
                                 {"field": "total", "op": "between", "values": ["1.000,00", "R$ 2.000"]}])
    assert keep.matches(ROW)
    assert not keep.matches({**ROW, "total": Decimal("999.99")})
    assert not keep.matches({**ROW, "situacao": {"nome": "APROVADO"}})
    assert SaleFilter.from_list([{"field": "status", "op": "not_in", "values": ["quote"]}]).matches(ROW) is False


def test_a_bad_sales_log_lists_every_problem_in_portuguese():
    with pytest.raises(FlowSpecError) as caught:
        FlowSpec.from_dict({**BASE, "columns": ["preço", {"header": "X", "field": "a..b"}, "total", "Total"],
                            "filters": [{"field": "status", "values": ["pago"]},
                                        {"field": "total", "op": "gte", "value": "abc"}],
                            "options": {"keep_current": "sim", "start_date": "31/12/2026", "trigger_column": "x"}})
    text = " ".join(caught.value.problems)
    for fragment in ('"preço"', '"a..b"', 'cabeçalho "Total"', '"pago"', "reais", "keep_current", "start_date",
                     "trigger_column"):
        assert fragment in text


def test_sales_log_needs_no_trigger_column_and_other_kinds_still_do():
    spec = FlowSpec.from_dict(BASE)
    assert spec.trigger_column == "" and spec.to_dict()["columns"][-1] == {"column": "id"}
    assert FlowSpec.from_dict(spec.to_dict()) == spec
    with pytest.raises(FlowSpecError):
        FlowSpec.from_dict({**BASE, "kind": "sale"})
