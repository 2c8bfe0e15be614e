"""People (clients, suppliers, carriers): validation as Conta Azul does it, search, presentation."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from ..documents import bare, cnpj_is_valid, cpf_is_valid, digits
from ..errors import BadRequest
from ..filters import changed_between, contains, fold, one_of
from ..jsonio import json_default
from ..validation import Fields, Query
from ..world import Company, World
from .common import live, new_record, ordered, referenced, stamp

PERSON_TYPES = ("Física", "Jurídica", "Estrangeira")
PROFILES = ("Cliente", "Fornecedor", "Transportadora")
DEFAULT_TYPES, DEFAULT_PROFILE = ("Física",), "Cliente"  # what a search that omits them gets
UFS = ("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB",
       "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CODE_MAX, EMAIL_MAX, NOTES_MAX = 20, 100, 2000  # the official `criarpessoa` page
NOT_FOUND = "Pessoa não encontrada."
UNKNOWN = "A pessoa '{id}' não foi encontrada."
ORDER_KEYS = {"NOME": lambda p: fold(p["nome"]), "DATA_CRIACAO": lambda p: p["data_criacao"],
              "DATA_ALTERACAO": lambda p: p["data_alteracao"], "DOCUMENTO": lambda p: p["documento"]}


def format_document(document: str) -> str:
    if len(document) == 11:
        return f"{document[:3]}.{document[3:6]}.{document[6:9]}-{document[9:]}"
    if len(document) == 14:
        return f"{document[:2]}.{document[2:5]}.{document[5:8]}/{document[8:12]}-{document[12:]}"
    return document


DOCUMENTS = (("cpf", "CPF", "Física", cpf_is_valid), ("cnpj", "CNPJ", "Jurídica", cnpj_is_valid))


def _document(body: Fields, tipo: str) -> str:
    """The CPF or CNPJ (bare), checked against the person type and its check digits."""
    given = [(key, label, kind, valid, body.text(key, max_length=20)) for key, label, kind, valid in DOCUMENTS]
    given = [entry for entry in given if entry[-1]]
    if len(given) > 1:
        raise BadRequest("Informe apenas um documento: 'cpf' ou 'cnpj'.")
    for key, label, kind, valid, value in given:
        if tipo != kind:
            raise BadRequest(f"O campo '{key}' só pode ser informado para pessoa {kind} (tipo_pessoa '{tipo}').")
        if not valid(value):
            raise BadRequest(f"O {label} '{value}' é inválido.")
        return bare(value)
    return ""


def _address(item: Fields) -> dict:
    cep = item.text("cep", max_length=10)
    if cep and len(digits(cep)) != 8:
        raise BadRequest(f"O CEP '{cep}' é inválido.")
    address = {key: item.text(key, max_length=200) for key in
               ("logradouro", "numero", "complemento", "bairro", "cidade")}
    return {"cep": digits(cep) or None, **address, "estado": item.choice("estado", UFS),
            "pais": item.text("pais", max_length=60) or "Brasil"}


def _passthrough_list(body: Fields, key: str) -> list[dict]:
    return [dict(item.data) for item in body.objects(key)]


def parse_person(body: Fields, company: Company, person_id: str | None = None,
                 whole: bool = False) -> dict:
    """Checked person fields from a body; `whole` (PUT) requires what a full record needs."""
    nome = body.text("nome", required=True, max_length=200)
    has_cnpj = body.has("cnpj")
    tipo = body.choice("tipo_pessoa", PERSON_TYPES, required=whole) or ("Jurídica" if has_cnpj else "Física")
    document = _document(body, tipo)
    if document and any(p["documento"] == document and p["id"] != person_id for p in live(company.people)):
        kind = "CPF" if len(document) == 11 else "CNPJ"
        raise BadRequest(f"Já existe uma pessoa cadastrada com o {kind} {format_document(document)}.")
    email = body.text("email", max_length=EMAIL_MAX)
    if email and not EMAIL.match(email):
        raise BadRequest(f"O e-mail '{email}' é inválido.")
    profiles = [item.choice("tipo_perfil", PROFILES, required=True) for item in body.objects("perfis")]
    return {
        "nome": nome, "tipo_pessoa": tipo, "documento": document, "email": email,
        "telefone_celular": body.text("telefone_celular", max_length=30),
        "telefone_comercial": body.text("telefone_comercial", max_length=30),
        "nome_fantasia": body.text("nome_fantasia", max_length=200),
        "rg": body.text("rg", max_length=30), "data_nascimento": body.date("data_nascimento"),
        "codigo": body.text("codigo", max_length=CODE_MAX),
        "observacao": body.text("observacao", max_length=NOTES_MAX),
        "ativo": True if body.boolean("ativo") is None else body.boolean("ativo"),
        "perfis": list(dict.fromkeys(profiles)),
        "enderecos": [_address(item) for item in body.objects("enderecos", max_items=20)],
        "inscricoes": _passthrough_list(body, "inscricoes"),
        "outros_contatos": _passthrough_list(body, "outros_contatos"),
        "contato_cobranca_faturamento": dict(body.object("contato_cobranca_faturamento").data)
        if body.has("contato_cobranca_faturamento") else None,
    }


def create_person(world: World, company: Company, fields: dict) -> dict:
    person = new_record(world, company, **fields)
    company.people[person["id"]] = person
    return person


def update_person(world: World, person: dict, fields: dict) -> dict:
    person.update(fields)
    return stamp(person, world.now())


def patched_body(person: dict, changes: dict) -> Fields:
    """The record as a whole body with the PATCH's fields laid over it, validated like a PUT."""
    current = json.loads(json.dumps(person_detail(person), default=json_default), parse_float=Decimal)
    for key in ("cpf", "cnpj"):
        if key in changes:
            current.pop("cpf", None), current.pop("cnpj", None)
    return Fields({**current, **changes})


def set_status(world: World, company: Company, ids: list[str], action: str) -> int:
    """ativar / inativar / excluir a batch of people (all must exist)."""
    people = [referenced(company.people, person_id, UNKNOWN) for person_id in ids]
    now = world.now()
    for person in people:
        if action == "excluir":
            person["excluido"] = True
        else:
            person["ativo"] = action == "ativar"
        stamp(person, now)
    return len(people)


def search(company: Company, query: Query, with_defaults: bool = True) -> list[dict]:
    """GET /v1/pessoas filters and ordering.

    `with_defaults`: a search that leaves them out gets `tipos_pessoa` Física and `tipo_perfil`
    Cliente, so companies and suppliers are found only when asked for (see README).
    """
    busca = query.text("busca")
    documents = [bare(value) for value in query.texts("documentos")]
    emails = [value.casefold() for value in query.texts("emails")]
    names = query.texts("nomes")
    types = query.choices("tipos_pessoa", PERSON_TYPES) or (list(DEFAULT_TYPES) if with_defaults else [])
    profile = query.text("tipo_perfil")
    profile = next((p for p in PROFILES if fold(p) == fold(profile)), None) if profile else None
    if query.has("tipo_perfil") and profile is None:
        query.choice("tipo_perfil", PROFILES)
    if not query.has("tipo_perfil") and with_defaults:
        profile = DEFAULT_PROFILE
    ids = query.uuids("ids")
    status = query.choice("status", ("ATIVO", "INATIVO", "TODOS"))
    start, end = query.changed_range()
    order = query.choice("tipo_ordenacao", tuple(ORDER_KEYS)) or "NOME"
    descending = (query.choice("ordem_ordenacao", ("ASC", "DESC")) or "ASC") == "DESC"
    rows = [p for p in live(company.people)
            if contains(busca, p["nome"], p["nome_fantasia"], p["documento"], p["email"], p["codigo"],
                        format_document(p["documento"]))
            and one_of(p["documento"], documents) and one_of(p["tipo_pessoa"], types)
            and one_of((p["email"] or "").casefold(), emails)
            and (not names or any(contains(name, p["nome"]) for name in names))
            and (profile is None or profile in p["perfis"])
            and one_of(p["id"], ids)
            and (status in (None, "TODOS") or p["ativo"] == (status == "ATIVO"))
            and changed_between(p, start, end)]
    return ordered(rows, ORDER_KEYS[order], descending)


def person_row(person: dict) -> dict:
    """A row of GET /v1/pessoas (note: perfis as a list of strings)."""
    return {
        "id": person["id"], "id_legado": person["id_legado"], "nome": person["nome"],
        "documento": person["documento"], "email": person["email"],
        "telefone": person["telefone_celular"] or person["telefone_comercial"],
        "ativo": person["ativo"], "perfis": list(person["perfis"]), "tipo_pessoa": person["tipo_pessoa"],
        "codigo": person["codigo"], "data_criacao": person["data_criacao"],
        "data_alteracao": person["data_alteracao"],
    }


def person_detail(person: dict) -> dict:
    """GET /v1/pessoas/{id}: the record as it was sent, perfis as objects."""
    document_key = {"Física": "cpf", "Jurídica": "cnpj"}.get(person["tipo_pessoa"])
    detail: dict[str, Any] = {"id": person["id"], "id_legado": person["id_legado"],
                              "nome": person["nome"], "tipo_pessoa": person["tipo_pessoa"]}
    if document_key and person["documento"]:
        detail[document_key] = person["documento"]
    for key in ("email", "telefone_celular", "telefone_comercial", "nome_fantasia", "rg",
                "data_nascimento", "codigo", "observacao", "ativo", "enderecos", "inscricoes",
                "outros_contatos", "contato_cobranca_faturamento", "data_criacao", "data_alteracao"):
        detail[key] = person[key]
    detail["perfis"] = [{"tipo_perfil": profile} for profile in person["perfis"]]
    return detail


def connected_company(company: Company) -> dict:
    """GET /v1/pessoas/conta-conectada."""
    return {"id_empresa": company.id, "razao_social": company.razao_social,
            "nome_fantasia": company.nome_fantasia, "documento": company.documento,
            "email": company.email, "data_fundacao": company.data_fundacao}
