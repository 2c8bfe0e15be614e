"""Schemathesis against /api/v1/openapi.json: every documented operation, with valid and invalid
requests, signed in with a real ID token from the Sheets stand-in, over the real stand-ins. No
answer may be a 5xx, use a status code or a content type the document does not list, or break
the document's schema for it.

Two passes per operation, both deterministic: Schemathesis's coverage cases (boundary and
invalid values, other methods: a fixed list) and Hypothesis fuzzing, derandomized, with no
example database and a fixed number of examples. Generated ids mostly name nothing, so path
ids and the body's `connection_id` are also drawn from records that exist (the caller's and
someone else's): the operations do their real work instead of answering 404. Operations that
destroy what the others use run last.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sheets_addon.api.openapi import DOCUMENT
from tests.api.test_connections import JOAO, connect  # noqa: F401  (the `connect` fixture)
from tests.api.test_flows_api import flow_body, sheet  # noqa: F401  (the `sheet` fixture)
from tests.pipeline.test_sales_log_pipeline import QUICK_COLUMNS

EXAMPLES = 12  # fuzzed requests per operation and generation mode
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
LAST = ("DELETE /api/v1/flows/{flow_id}", "POST /api/v1/connections/{connection_id}/disconnect")
FUZZING = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                   phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))


@pytest.fixture
def records(api, signed_in, connect, sheet, sheets_sandbox, contaazul_sandbox, prove) -> dict[str, list]:
    """Values that name real records, by parameter: the caller's connection, sale flow and sales log,
    someone else's connection and flow, two sheets, the catalog's kinds.

    The stand-ins' quotas are lifted: the API is under test here, not Google's or Conta Azul's limits."""
    sheets_sandbox.configure_quotas(100_000, 100_000, 100_000, 100_000)
    contaazul_sandbox.configure_rate_limit(per_second=1000, per_minute=100_000)
    ana, joao = connect(), connect(JOAO, login=(JOAO, "ipe123"))
    tab = sheets_sandbox.create_spreadsheet("Registro de vendas", {"Vendas": []})
    for person, spreadsheet in ((None, sheet), (None, tab), (JOAO, sheet)):
        assert prove(spreadsheet, *([person] if person else [])).status_code == 200
    flow = api.post("/api/v1/flows", json=flow_body(ana["id"], sheet), headers=signed_in()).json
    log = api.post("/api/v1/flows", headers=signed_in(), json={
        "connection_id": ana["id"], "name": "Registro", "kind": "sales_log", "spreadsheet_id": tab,
        "worksheet": "Vendas", "columns": QUICK_COLUMNS}).json
    joaos = api.post("/api/v1/flows", json=flow_body(joao["id"], sheet), headers=signed_in(JOAO)).json
    return {"flow_id": [flow["id"], log["id"], joaos["id"]], "connection_id": [ana["id"], joao["id"]],
            "spreadsheet_id": [sheet, tab]}


class Exercise:
    """Sends cases, checks each answer against the document, and keeps count and failures."""

    def __init__(self, headers: dict[str, str], records: dict[str, list]) -> None:
        self.headers, self.records = headers, records
        self.sent: Counter[str] = Counter()
        self.failures: list[str] = []

    def coverage(self, operation: APIOperation) -> None:
        schema = operation.schema
        generation = schema.config.generation_for(operation=operation)
        for case in schema.iter_coverage_cases(operation, generation_modes=list(MODES), generation_config=generation):
            for variant in (case, *self.with_real_ids(case)):
                self.send(variant, f"coverage {case.method}")

    def fuzz(self, operation: APIOperation, mode: GenerationMode) -> None:
        @FUZZING
        @given(case=self.cases(operation, mode))
        def fuzzed(case: Case) -> None:
            self.check(case, case.call(headers=self.headers))
            self.sent[operation.label] += 1

        try:
            fuzzed()
        except Unsatisfiable:
            if mode is GenerationMode.POSITIVE:
                raise
            # nothing in the request can be made invalid: no parameters or body (the token is fixed)
        except Exception as failure:  # noqa: BLE001 - every operation's failures, reported together
            self.failures.append(f"{operation.label} ({mode.value}): {failure}")

    def cases(self, operation: APIOperation, mode: GenerationMode) -> st.SearchStrategy[Case]:
        """Generated cases, the same with path ids that exist, and (valid) the document's examples."""
        named = [parameter.name for parameter in operation.iter_parameters()
                 if parameter.location == "path" and parameter.name in self.records]
        generated = operation.as_strategy(generation_mode=mode)
        variants = [generated]
        if named:
            variants += 3 * [st.sampled_from(self.records[named[0]]).flatmap(
                lambda value: operation.as_strategy(generation_mode=mode, path_parameters={named[0]: value}))]
        if mode is GenerationMode.POSITIVE:
            variants += operation.get_strategies_from_examples()
            return st.tuples(st.one_of(variants), st.sampled_from(self.records["connection_id"])).map(
                _with_connection)
        return st.one_of(variants)

    def with_real_ids(self, case: Case) -> list[Case]:
        names = [name for name in case.path_parameters or {} if name in self.records]
        variants = []
        for value in self.records[names[0]] if names else []:
            variant = case.derive()
            variant.path_parameters[names[0]] = value
            variants.append(variant)
        return variants

    def send(self, case: Case, how: str) -> None:
        try:
            self.check(case, case.call(headers=self.headers))
        except Exception as failure:  # noqa: BLE001 - as in `fuzz`
            self.failures.append(f"{case.operation.label} ({how}): {failure}")
        self.sent[case.operation.label] += 1

    @staticmethod
    def check(case: Case, response: Any) -> None:
        case.validate_response(response, checks=CHECKS)


def _with_connection(drawn: tuple[Case, int]) -> Case:
    """A flow body names a connection of the caller's or someone else's, not one that never existed."""
    case, connection_id = drawn
    if isinstance(case.body, dict) and "connection_id" in case.body:
        case.body["connection_id"] = connection_id
    return case


def documented_operations() -> set[str]:
    return {f"{method.upper()} {path}" for path, operations in DOCUMENT["paths"].items() for method in operations}


def test_the_api_keeps_to_its_document_under_generated_requests(api_app, signed_in, records):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    served = [result.ok() for result in schema.get_all_operations()]
    document = schema["/api/v1/openapi.json"]["GET"]  # Schemathesis leaves out the operation serving the schema
    exercise = Exercise(signed_in(), records)

    for operation in sorted([*served, document], key=_destructive_last):
        exercise.coverage(operation)
        for mode in MODES:
            exercise.fuzz(operation, mode)

    assert not exercise.failures, "\n\n".join(exercise.failures)
    assert set(exercise.sent) == documented_operations()
    assert min(exercise.sent.values()) > 0 and sum(exercise.sent.values()) > EXAMPLES * len(documented_operations())


def _destructive_last(operation: APIOperation) -> tuple[int, str]:
    return (LAST.index(operation.label) + 1 if operation.label in LAST else 0, operation.label)


# What the run found, kept as plain regression tests (each was a 500, on one engine or both).

def test_an_id_no_integer_column_holds_is_404(api, signed_in, records):
    for too_big in (2**31, 2**64):  # past PostgreSQL's INTEGER; past SQLite's too
        assert api.get(f"/api/v1/flows/{too_big}", headers=signed_in()).status_code == 404
        assert api.post(f"/api/v1/connections/{too_big}/disconnect", headers=signed_in()).status_code == 404


def test_a_nul_character_is_refused_or_matches_nothing(api, signed_in, records, sheet):
    body = {**flow_body(records["connection_id"][0], sheet), "name": "Vendas\x00"}
    refused = api.post("/api/v1/flows", json=body, headers=signed_in())
    assert refused.status_code == 422 and any('"name"' in problem for problem in refused.json["error"]["problems"])
    nudge = {"spreadsheet_id": sheet, "sheet": "Vendas\x00"}
    assert api.post("/api/v1/hooks/nudge", json=nudge, headers=signed_in()).status_code == 422
    assert api.get("/api/v1/flows?spreadsheet_id=a%00b", headers=signed_in()).json["flows"] == []
