"""What Azulejo relies on in each Conta Azul answer: the one place `flask contaazul check` holds live
answers to, and the tests hold the Conta Azul stand-in to.

Each expectation names the call, the shape its answer must have and where that shape comes from
("API page" is `shared/contaazul-api.md`, what public sources show of the API). Enums and paths are
the client's and the backend's own constants (people's types and profiles, catalogue statuses,
the situations the sales log filters on, the payment types it labels, the sales log's search-row
fields, the resources' paths), so neither can start using a value or a path the check does not
know. Fields are the ones the client or the backend reads; others Conta Azul sends are not checked.
`tests/contaazul_check/test_contract_expectations.py` holds the rest together: every envelope key is one
the client reads, every sales log column's path is described here.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from contaazul import TOKEN_ENDPOINT, ContaAzulError, NotFoundError, ValidationError, parse_date, parse_timestamp
from contaazul.resources import contracts, financial, people, protocols, sales
from contaazul.resources.catalog import ACTIVE, INACTIVE, Products, Services
from contaazul.resources.lookups import Categories, CostCenters, FinancialAccounts
from contaazul.resources.numbers import next_number_from
from sheets_addon.sales_log.columns import SEARCH_ROW_ROOTS
from sheets_addon.sales_log.filters import STATUS_SITUATIONS
from sheets_addon.sales_log.labels import PAYMENT_TYPES
from sheets_addon.sync.messages import CATEGORY_KIND_WORDS

from .shapes import (ALL_TYPES, ANY, BOOLEAN, INTEGER, NUMBER, OBJECT, STRING, Envelope, Kind, list_of, nullable,
                     obj, one_of, scalar)


def _number_answer(body: object) -> None:
    """What `next_number()` reads: a bare number, or one wrapped in an object."""
    try:
        next_number_from(body, "proximo-numero")
    except ContaAzulError:
        raise ValueError("no number") from None


TEXT = scalar({STRING}, "text")
UUID = scalar({STRING}, "uuid", uuid.UUID)
DATE = scalar({STRING}, "date", parse_date)
TIMESTAMP = scalar({STRING}, "timestamp", parse_timestamp)
WHOLE = scalar({INTEGER}, "integer")
AMOUNT = scalar({INTEGER, NUMBER}, "number")
FLAG = scalar({BOOLEAN}, "boolean")
NEXT_NUMBER = scalar({INTEGER, STRING, OBJECT}, "a number, bare or {numero}", _number_answer)
NOTHING_READ = scalar(ALL_TYPES, "any 2xx (its body is not read)")

PERSON_TYPE = one_of(people.PERSON_TYPES)
PROFILE = one_of(people.PROFILES)
CATALOG_STATUS = one_of((ACTIVE, INACTIVE))
SITUATION = one_of({name for names in STATUS_SITUATIONS.values() for name in names}, "sale situation")
PAYMENT_TYPE = one_of(PAYMENT_TYPES, "payment type")
CATEGORY_TYPE = one_of(CATEGORY_KIND_WORDS)


@dataclass(frozen=True)
class Expectation:
    """One call and what its answer must be; `status` and `error` for a call meant to be refused."""

    name: str
    method: str
    path: str  # as the client sends it, `{id}` standing for a record's id
    answer: Kind | Envelope
    source: str
    status: int | None = None
    error: type[ContaAzulError] | None = None

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def expected(self) -> str:
        if self.error is None:
            return str(self.answer)
        return f"HTTP {self.status} {self.answer} → {self.error.__name__}"


# -- sign-in and the company --------------------------------------------------------------------

TOKEN = Expectation(
    "code traded for tokens", "POST", urlsplit(TOKEN_ENDPOINT).path,
    obj({"access_token": TEXT, "refresh_token": TEXT, "expires_in": WHOLE}),
    "API page, Authentication; contaazul.tokens.TokenPair.from_token_response")
COMPANY = Expectation(
    "connected company", "GET", f"{people.PATH}/conta-conectada",
    obj({"id_empresa": TEXT, "razao_social": nullable(TEXT), "nome_fantasia": nullable(TEXT),
         "documento": nullable(TEXT)}),
    "API page, Authentication; connections.save_connection")

# -- people ------------------------------------------------------------------------------------

_PERSON_ROW = {"id": UUID, "nome": TEXT, "documento": nullable(TEXT), "email": nullable(TEXT),
               "tipo_pessoa": PERSON_TYPE, "perfis": list_of(PROFILE)}
PEOPLE = Expectation(
    "people search", "GET", people.PATH, Envelope(("items",), ("totalItems",), obj(_PERSON_ROW)),
    "API page, People (perfis a list of strings); sync/actions/people.py, customer.py")
PEOPLE_CHANGED = Expectation(
    "people changed in the last year", "GET", people.PATH,
    Envelope(("items",), ("totalItems",), obj({**_PERSON_ROW, "data_alteracao": TIMESTAMP})),
    "API page, People; the client's change windows read data_alteracao")
_PERSON = obj({"id": UUID, "nome": TEXT, "email": nullable(TEXT), "observacao": nullable(TEXT),
               "enderecos": nullable(list_of(scalar({OBJECT}, "address"))),
               "perfis": list_of(obj({"tipo_perfil": PROFILE}))})
PERSON = Expectation(
    "person detail", "GET", f"{people.PATH}/{{id}}", _PERSON,
    "API page, People (perfis as objects); sync/actions/people.py reads observacao for its marker")

# -- products and services -----------------------------------------------------------------------

PRODUCTS = Expectation(
    "products", "GET", Products.path,
    Envelope(("items",), ("totalItems",),
             obj({"id": UUID, "nome": TEXT, "codigo_sku": nullable(TEXT), "status": CATALOG_STATUS})),
    "API page, Products and services; sync/actions/references.py")
SERVICES = Expectation(
    "services", "GET", Services.path,
    Envelope(("itens", "items"), ("itens_totais", "totalItems"),
             obj({"id": UUID, "descricao": TEXT, "codigo": nullable(TEXT), "status": CATALOG_STATUS})),
    "API page, Products and services (envelope itens or items [?]); sync/actions/references.py")

# -- sales ---------------------------------------------------------------------------------------

_SALE_ROW = {root: ANY for root in sorted(SEARCH_ROW_ROOTS)} | {
    "id": UUID, "numero": WHOLE, "data": DATE, "criado_em": TIMESTAMP, "data_alteracao": TIMESTAMP,
    "total": AMOUNT, "versao": WHOLE, "id_contrato": nullable(UUID),
    "situacao": obj({"nome": SITUATION, "descricao": TEXT}),
    "cliente": obj({"id": UUID, "nome": TEXT, "email": nullable(TEXT)})}
_SALES = Envelope(("itens",), ("total_itens",), obj(_SALE_ROW))
SALES = Expectation(
    "sales search", "GET", f"{sales.PATH}/busca", _SALES,
    "API page, Sales; sales_log.columns.SEARCH_ROW_ROOTS and its columns, sales_log.filters")
SALES_CHANGED = Expectation(
    "sales changed in the last year", "GET", f"{sales.PATH}/busca", _SALES,
    "API page, Sales (data_alteracao_de/_ate); the sales log's poll")
SALE = Expectation(
    "sale detail", "GET", f"{sales.PATH}/{{id}}",
    obj({"cliente": obj({"documento": nullable(TEXT)}),
         "venda": obj({"observacoes": nullable(TEXT), "id_categoria": nullable(UUID),
                       "condicao_pagamento": obj({"tipo_pagamento": nullable(PAYMENT_TYPE),
                                                  "opcao_condicao_pagamento": nullable(TEXT)})}),
         "vendedor": nullable(obj({"nome": TEXT}))}),
    "API page, Sales; the sales log's columns, sync/actions/sale.py reads venda.observacoes for its marker")
SALE_ITEMS = Expectation(
    "sale items", "GET", f"{sales.PATH}/{{id}}/itens",
    Envelope(("itens",), ("itens_totais",),
             obj({"nome": nullable(TEXT), "descricao": nullable(TEXT), "quantidade": AMOUNT})),
    "API page, Sales; the sales log's itens column")
SALE_NUMBER = Expectation(
    "next sale number", "GET", f"{sales.PATH}/proximo-numero", NEXT_NUMBER,
    "API page, Sales (possibly a bare number); contaazul.resources.numbers")
SELLERS = Expectation(
    "sellers", "GET", f"{sales.PATH}/vendedores", list_of(obj({"id": UUID, "nome": TEXT})),
    "API page, Sales ([{id, nome, id_legado}]); sync/actions/references.py")

# -- contracts -----------------------------------------------------------------------------------

CONTRACTS = Expectation(
    "contracts", "GET", contracts.PATH,
    Envelope(("itens",), ("itens_totais",), obj({"id": UUID, "numero": WHOLE})),
    "API page, Contracts and Conventions; sync/actions/contract.py")
CONTRACT = Expectation(
    "contract detail", "GET", f"{contracts.PATH}/{{id}}", obj({"observacoes": nullable(TEXT)}),
    "contracts bundle; sync/actions/contract.py reads observacoes for its marker")
CONTRACT_NUMBER = Expectation(
    "next contract number", "GET", f"{contracts.PATH}/proximo-numero", NEXT_NUMBER,
    "API page, Contracts; contaazul.resources.numbers")

# -- payables and receivables --------------------------------------------------------------------


def _installments(contact: str) -> Envelope:
    return Envelope(("itens",), ("itens_totais",), obj({
        "id": UUID, "descricao": TEXT, "data_vencimento": DATE, "total": AMOUNT,
        contact: obj({"id": UUID, "nome": TEXT})}))


_SEARCH_SOURCE = "API page, Payables and receivables (rows are installments); sync/actions/financial.py"
PAYABLES = Expectation("payables search", "GET", f"{financial.BASE}/contas-a-pagar/buscar",
                       _installments("fornecedor"), _SEARCH_SOURCE)
RECEIVABLES = Expectation("receivables search", "GET", f"{financial.BASE}/contas-a-receber/buscar",
                          _installments("cliente"), _SEARCH_SOURCE)
RECEIVABLES_CHANGED = Expectation(
    "receivables changed in the last year", "GET", f"{financial.BASE}/contas-a-receber/buscar",
    _installments("cliente"), "API page, Payables and receivables (data_alteracao_de/_ate)")
INSTALLMENT = Expectation(
    "installment by id", "GET", f"{financial.BASE}/parcelas/{{id}}",
    obj({"id": UUID, "evento": obj({"id": UUID})}),
    "financial bundle, Parcela; contaazul.resources.financial.Installments.event_id")

# -- categories, cost centres, financial accounts ----------------------------------------------------

CATEGORIES = Expectation(
    "categories", "GET", Categories.path,
    Envelope(("itens",), ("itens_totais",), obj({"id": UUID, "nome": TEXT, "tipo": CATEGORY_TYPE})),
    "API page, Categories; sync/actions/references.py, the sales log's categoria column")
COST_CENTERS = Expectation(
    "cost centres", "GET", CostCenters.path,
    Envelope(("items", "itens"), (), obj({"id": UUID, "nome": TEXT, "ativo": FLAG})),
    "API page, Categories, cost centres (items or itens [?], no total documented); sync/actions/references.py")
ACCOUNTS = Expectation(
    "financial accounts", "GET", FinancialAccounts.path,
    Envelope(("itens",), ("itens_totais",),
             obj({"id": UUID, "nome": TEXT, "ativo": FLAG, "conta_padrao": FLAG})),
    "API page, financial accounts; sync/actions/references.py (conta_padrao is the default account)")

# -- errors: a call Conta Azul must refuse, in the shape the client reads ------------------------------

ERROR_BODY = obj({"code": WHOLE, "message": TEXT})
BAD_UUID = Expectation(
    "malformed uuid refused", "GET", f"{people.PATH}/{{id}}", ERROR_BODY,
    "API page, Conventions ({code, message}); contaazul.errors", status=400, error=ValidationError)
CONTRACT_BAD_UUID = Expectation(
    "malformed uuid refused (contracts)", "GET", f"{contracts.PATH}/{{id}}", obj({"error": TEXT}),
    "API page, Conventions (contracts answer {error}); contaazul.errors", status=400, error=ValidationError)
UNKNOWN_PROTOCOL = Expectation(
    "unknown protocol", "GET", f"{protocols.PATH}/{{id}}", ERROR_BODY,
    "API page, Payables and receivables (GET /v1/protocolo/{id}); contaazul.resources.protocols",
    status=404, error=NotFoundError)

# -- with --write: a probe person created, read, changed and deleted ---------------------------------

PROBE_CREATED = Expectation(
    "probe person created", "POST", people.PATH, obj({"id": UUID, "nome": TEXT}),
    "API page, People; sync/actions/people.py as_row reads the created record")
PROBE = Expectation(
    "probe person read back", "GET", f"{people.PATH}/{{id}}", _PERSON,
    "API page, People; the notes must come back as sent (row markers live there)")
PROBE_UPDATED = Expectation(
    "probe person changed (PATCH)", "PATCH", f"{people.PATH}/{{id}}", NOTHING_READ,
    "API page, People (PATCH for partial updates); sync/actions/customer.py")
PROBE_DELETED = Expectation(
    "probe person deleted", "POST", f"{people.PATH}/excluir", NOTHING_READ,
    "API page, People (excluir with {uuids})")
