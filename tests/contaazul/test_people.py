"""People: find by document, e-mail and exact name; create; partial update; search."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from contaazul import NotFoundError, ValidationError


def person(name: str, **fields) -> dict:
    return {"nome": name, "tipo_pessoa": "Física", "perfis": [{"tipo_perfil": "Cliente"}], **fields}


def test_create_then_find_by_document_with_or_without_punctuation(ca, new_cpf):
    cpf = new_cpf()
    created = ca.people.create(person("Ana Documento", cpf=cpf))
    assert ca.people.find_by_document(cpf)["id"] == created["id"]
    assert ca.people.find_by_document(cpf.replace(".", "").replace("-", ""))["id"] == created["id"]
    assert ca.people.find_by_document(new_cpf()) is None


def test_an_alphanumeric_cnpj_is_found_whatever_its_case_or_punctuation(ca):
    created = ca.people.create({"nome": "Nova Empresa Ltda", "tipo_pessoa": "Jurídica", "cnpj": "12ABC34501DE35",
                                "perfis": [{"tipo_perfil": "Cliente"}]})
    for typed in ("12ABC34501DE35", "12.abc.345/01de-35", " 12 ABC 345 01DE 35 "):
        assert ca.people.find_by_document(typed)["id"] == created["id"]
    with pytest.raises(ValueError):
        ca.people.find_by_document("12ABC34501DEAB")  # letters in the check digits: no CNPJ


def test_a_document_must_look_like_a_cpf_or_cnpj(ca):
    with pytest.raises(ValueError):
        ca.people.find_by_document("123")


def test_find_by_email_ignores_case(ca):
    created = ca.people.create(person("Bruno Email", email="bruno.email@example.com"))
    assert ca.people.find_by_email("  Bruno.Email@EXAMPLE.com ")["id"] == created["id"]
    assert ca.people.find_by_email("nobody@example.com") is None


def test_find_by_name_is_exact(ca):
    exact = ca.people.create(person("Maria Exata"))
    for near in ("Maria Exata Santos", "maria exata", "Maria Éxata", "A Maria Exata"):
        ca.people.create(person(near))
    found = ca.people.find_by_name("  Maria Exata ")
    assert [p["id"] for p in found] == [exact["id"]]
    assert ca.people.find_by_name("Maria Exat") == []


def the_mill(contaazul_sandbox) -> dict:
    """A company with the profile Fornecedor: what a search left to its defaults never finds."""
    return next(p for p in contaazul_sandbox.company().people.values() if p["nome"] == "Moinho Paulista Farinhas Ltda")


@pytest.mark.parametrize("defaults", [
    pytest.param(True, marks=pytest.mark.sandbox(people_search_defaults=True)),
    pytest.param(False, marks=pytest.mark.sandbox(people_search_defaults=False))])
def test_lookups_find_companies_and_suppliers_whatever_the_search_defaults(ca, contaazul_sandbox, defaults):
    mill = the_mill(contaazul_sandbox)
    assert ca.people.find_by_document(mill["documento"])["id"] == mill["id"]
    assert ca.people.find_by_email(mill["email"])["id"] == mill["id"]
    assert [p["id"] for p in ca.people.find_by_name(mill["nome"])] == [mill["id"]]
    everyone = [p["nome"] for p in ca.people.search()]
    assert len(everyone) == len(set(everyone)) == 10  # the cooperative, client and supplier, once
    assert [p["nome"] for p in ca.people.search(profile="Fornecedor", person_types=["Jurídica"])] == sorted(
        ["Moinho Paulista Farinhas Ltda", "Laticínios Serra Azul Ltda", "Embalagens Nova Era Ltda",
         "Cooperativa Agrícola Vale Verde"])


def test_a_lookup_asks_one_profile_at_a_time_the_likeliest_first(ca, contaazul_sandbox, stats, new_cpf):
    mill = the_mill(contaazul_sandbox)

    def requests(lookup) -> int:
        before = stats["requests"]
        lookup()
        return stats["requests"] - before

    assert requests(lambda: ca.people.find_by_document(mill["documento"], profiles=("Fornecedor", "Cliente"))) == 1
    assert requests(lambda: ca.people.find_by_document(mill["documento"])) == 2  # Cliente, then Fornecedor
    assert requests(lambda: ca.people.find_by_document(new_cpf())) == 3  # nobody: every profile asked
    assert requests(lambda: ca.people.find_by_name(mill["nome"])) == 3  # a namesake of any profile counts


def test_partial_update_and_get(ca, new_cpf):
    created = ca.people.create(person("Carla Parcial", cpf=new_cpf(), email="carla@example.com"))
    ca.people.update(created["id"], {"email": "carla.nova@example.com"})
    fetched = ca.people.get(created["id"])
    assert fetched["email"] == "carla.nova@example.com"
    assert fetched["nome"] == "Carla Parcial"


def test_search_by_text_and_change_window(ca):
    before = datetime.now(timezone.utc) - timedelta(minutes=5)
    created = ca.people.create(person("Daniel Janela"))
    assert created["id"] in {p["id"] for p in ca.people.search("Daniel Janela")}
    recent = {p["id"] for p in ca.people.search(changed_from=before)}
    assert created["id"] in recent
    old = {p["id"] for p in ca.people.search(changed_from=before - timedelta(days=30),
                                             changed_until=before - timedelta(days=29))}
    assert created["id"] not in old


def test_deleted_people_are_gone_and_a_second_delete_is_refused(ca):
    created = [ca.people.create(person(f"Pessoa Apagada {n}")) for n in (1, 2)]
    ca.people.delete([p["id"] for p in created])
    for gone in created:
        with pytest.raises(NotFoundError):
            ca.people.get(gone["id"])
    with pytest.raises(ValidationError):
        ca.people.delete([created[0]["id"]])
    with pytest.raises(ValueError):
        ca.people.delete([])


def test_naive_change_window_is_refused_before_any_request(ca):
    with pytest.raises(ValueError):
        list(ca.people.search(changed_from=datetime(2026, 1, 1)))


def test_unknown_person_is_not_found(ca):
    with pytest.raises(NotFoundError) as caught:
        ca.people.get(str(uuid.uuid4()))
    assert caught.value.status == 404 and not caught.value.retryable


def test_required_name_and_tipo_pessoa_enum_are_validation_errors(ca):
    with pytest.raises(ValidationError) as missing:
        ca.people.create({"tipo_pessoa": "Física"})
    assert "nome" in missing.value.message
    with pytest.raises(ValidationError) as enum:
        ca.people.create({"nome": "Sem Acento", "tipo_pessoa": "Fisica"})
    assert "tipo_pessoa" in enum.value.message and "Física" in enum.value.message
    assert not enum.value.retryable and enum.value.status == 400
