"""Customers: a person or company, created or updated in Conta Azul's `pessoas`.

An existing record is matched by CPF/CNPJ, then by e-mail (`CustomerDraft.lookup_keys`);
without a match the customer is created. The person type follows from the document (CPF is
"Física", CNPJ "Jurídica") unless a column says so, and then the two must agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import messages as msg
from ..drafts import Address
from ..fields import Field, FieldType
from ..parsers import Document
from ..row_values import RowValues
from .common import NOTES

T = FieldType

FIELDS = (
    Field("name", "Nome", T.TEXT, required=True, max_length=200,
          synonyms=("Cliente", "Nome do cliente", "Razão social", "Nome completo",
                    "Nome/Razão social"),
          help="Nome da pessoa ou razão social da empresa."),
    Field("document", "CPF/CNPJ", T.DOCUMENT,
          synonyms=("Documento", "CPF", "CNPJ", "CPF ou CNPJ"),
          help="Com ou sem pontuação. É por ele que encontramos o cadastro existente."),
    Field("person_type", "Tipo de pessoa", T.PERSON_TYPE,
          synonyms=("Tipo", "Pessoa", "PF/PJ"),
          help="Física, jurídica ou estrangeira; vazio, vem do CPF/CNPJ."),
    Field("trade_name", "Nome fantasia", T.TEXT, max_length=200, synonyms=("Fantasia",)),
    Field("email", "E-mail", T.EMAIL, synonyms=("Email", "Correio eletrônico"),
          help="Usado para encontrar o cadastro quando não há CPF/CNPJ."),
    Field("mobile_phone", "Celular", T.PHONE,
          synonyms=("WhatsApp", "Whats", "Telefone celular"), help="Com DDD."),
    Field("phone", "Telefone", T.PHONE,
          synonyms=("Fone", "Tel", "Telefone comercial", "Telefone fixo"), help="Com DDD."),
    Field("cep", "CEP", T.CEP, synonyms=("Código postal",)),
    Field("street", "Logradouro", T.TEXT, max_length=200, synonyms=("Endereço", "Rua")),
    Field("street_number", "Número", T.TEXT, max_length=20,
          synonyms=("Nº", "Num", "Número do endereço")),
    Field("complement", "Complemento", T.TEXT, max_length=100),
    Field("district", "Bairro", T.TEXT, max_length=100),
    Field("city", "Cidade", T.TEXT, max_length=100, synonyms=("Município",)),
    Field("state", "Estado (UF)", T.UF, synonyms=("UF", "Estado")),
    Field("code", "Código", T.TEXT, max_length=20, synonyms=("Código do cliente", "Cód"),
          help="Até 20 caracteres, o limite do Conta Azul."),
    Field("active", "Ativo", T.BOOLEAN, synonyms=("Ativa",), help="Sim ou não; vazio é sim."),
    NOTES,
)
_ADDRESS_KEYS = {"cep": "cep", "street": "street", "street_number": "number",
                 "complement": "complement", "district": "district", "city": "city",
                 "state": "state"}


@dataclass(frozen=True)
class CustomerDraft:
    """A customer ready for Conta Azul's `pessoas`, with the profile "Cliente"."""

    name: str
    document: Document | None
    person_type: str | None
    trade_name: str | None
    email: str | None
    mobile_phone: str | None
    phone: str | None
    address: Address | None
    code: str | None
    active: bool
    notes: str | None

    def lookup_keys(self) -> list[tuple[str, str]]:
        """How to find the existing record: ("document", digits), then ("email", address)."""
        keys = [("document", self.document.number if self.document else None),
                ("email", self.email)]
        return [(kind, value) for kind, value in keys if value]


def build(values: RowValues) -> CustomerDraft:
    document: Document | None = values.get("document")
    person_type = values.get("person_type")
    if document and person_type and person_type != document.person_type:
        values.report("person_type", msg.PERSON_TYPE_CONFLICT,
                      msg.person_type_conflict(document.kind, document.person_type))
    parts = {attribute: values.get(key) for key, attribute in _ADDRESS_KEYS.items()}
    return CustomerDraft(
        name=values.get("name"), document=document,
        person_type=person_type or (document.person_type if document else None),
        trade_name=values.get("trade_name"), email=values.get("email"),
        mobile_phone=values.get("mobile_phone"), phone=values.get("phone"),
        address=Address(**parts) if any(parts.values()) else None,
        code=values.get("code"), active=values.get("active", True), notes=values.get("notes"),
    )
