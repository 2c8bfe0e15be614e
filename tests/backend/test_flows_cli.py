"""`flask --app app flows import|export|list`: the JSON format round-trips; bad files change nothing."""
from __future__ import annotations

import json

import pytest

SALE_FLOW = {
    "name": "Vendas da loja",
    "kind": "sale",
    "spreadsheet_id": "1AbCdEf",
    "worksheet": "Vendas de novembro",
    "trigger_column": "Enviar?",
    "mapping": {
        "client_document": "CPF/CNPJ",
        "client_name": "Cliente",
        "sale_date": "Data",
        "item_code": "Código",
        "quantity": "Qtd",
        "unit_price": "Preço",
        "payment_type": "Pagamento",
    },
    "filters": [{"column": "Preço", "op": "gte", "value": "10,00"}],
    "options": {"poll_interval_seconds": 120},
}


def write_document(tmp_path, flows, name="flows.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"version": 1, "flows": flows}, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_then_export_round_trips(runner, tmp_path):
    source = write_document(tmp_path, [SALE_FLOW])
    result = runner.invoke(args=["flows", "import", str(source), "--owner", "Ana@PadariaAurora.com.br"])
    assert result.exit_code == 0, result.output
    assert "imported 1 flow(s): 1" in result.output

    exported = runner.invoke(args=["flows", "export"])
    assert exported.exit_code == 0, exported.output
    document = json.loads(exported.output)
    assert document["version"] == 1
    [flow] = document["flows"]
    assert flow["id"] == 1
    assert flow["owner"] == "ana@padariaaurora.com.br"
    assert flow["status_column"] == "Status Azulejo"
    assert flow["enabled"] is False
    for key in ("name", "kind", "spreadsheet_id", "worksheet", "trigger_column", "options"):
        assert flow[key] == SALE_FLOW[key]
    assert flow["mapping"] == SALE_FLOW["mapping"]

    flow["enabled"] = True
    again = write_document(tmp_path, [flow], name="again.json")
    assert runner.invoke(args=["flows", "import", str(again)]).exit_code == 0
    listing = runner.invoke(args=["flows", "list"])
    assert listing.output.splitlines() == [
        "1\tenabled\tsale\tana@padariaaurora.com.br\t1AbCdEf\tVendas de novembro\tVendas da loja"
    ]


def test_a_bad_entry_imports_nothing_and_names_every_problem(runner, tmp_path):
    broken = {**SALE_FLOW, "name": "Quebrado", "kind": "venda", "options": {"poll_interval_seconds": 5}}
    no_price = {**SALE_FLOW, "name": "Sem preço", "mapping": {"sale_date": "Data", "client_name": "Cliente"}}
    source = write_document(tmp_path, [SALE_FLOW, broken, no_price])
    result = runner.invoke(args=["flows", "import", str(source), "--owner", "ana@padariaaurora.com.br"])
    assert result.exit_code != 0
    assert 'Fluxo 2 ("Quebrado")' in result.output
    assert 'Tipo de fluxo "venda" desconhecido' in result.output
    assert "de 60 a 604800" in result.output
    assert 'Fluxo 3 ("Sem preço")' in result.output
    assert runner.invoke(args=["flows", "list"]).output == ""


@pytest.mark.parametrize(
    "content, expected",
    [
        ("{not json", "not valid JSON"),
        ('{"flows": {}}', 'lista "flows"'),
        ('{"version": 9, "flows": []}', "Versão do arquivo"),
    ],
)
def test_malformed_documents_are_refused_clearly(runner, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(args=["flows", "import", str(path), "--owner", "ana@padariaaurora.com.br"])
    assert result.exit_code != 0
    assert expected in result.output


def test_an_owner_is_required(runner, tmp_path):
    result = runner.invoke(args=["flows", "import", str(write_document(tmp_path, [SALE_FLOW]))])
    assert result.exit_code != 0
    assert "a quem pertence" in result.output


def test_an_id_of_someone_else_creates_a_new_flow(runner, tmp_path):
    first = write_document(tmp_path, [SALE_FLOW], name="a.json")
    runner.invoke(args=["flows", "import", str(first), "--owner", "ana@padariaaurora.com.br"])
    theirs = write_document(tmp_path, [{**SALE_FLOW, "id": 1, "owner": "joao@oficinaipe.com.br"}], name="b.json")
    assert runner.invoke(args=["flows", "import", str(theirs)]).exit_code == 0
    owners = [line.split("\t")[3] for line in runner.invoke(args=["flows", "list"]).output.splitlines()]
    assert owners == ["ana@padariaaurora.com.br", "joao@oficinaipe.com.br"]


def test_export_of_an_unknown_flow_fails(runner):
    result = runner.invoke(args=["flows", "export", "42"])
    assert result.exit_code != 0
    assert "no such flow: 42" in result.output
