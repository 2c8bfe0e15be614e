"""/v1/pessoas: create, read, PUT/PATCH, status batch, search filters, document checks."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sandbox_assertions import error_of

CPF = "529.982.247-25"
CNPJ = "11.222.333/0001-81"
ALPHANUMERIC_CNPJ = "12.ABC.345/01DE-35"  # the RFB's example (Nota Técnica 49/2024)


def _person(**changes) -> dict:
    body = {"nome": "Luiza Helena Prado", "tipo_pessoa": "Física", "cpf": CPF, "email": "luiza@exemplo.com.br",
            "telefone_celular": "(11) 91234-5678", "perfis": [{"tipo_perfil": "Cliente"}],
            "enderecos": [{"cep": "04101-000", "logradouro": "Rua Vergueiro", "numero": "100", "bairro": "Vila Mariana",
                           "cidade": "São Paulo", "estado": "SP"}]}
    body.update(changes)
    return body


def test_connected_company(api):
    me = api.get("/v1/pessoas/conta-conectada").json()
    assert me["razao_social"] == "Padaria Aurora Ltda" and me["nome_fantasia"] == "Padaria Aurora"
    assert len(me["documento"]) == 14 and set(me) == {"id_empresa", "razao_social", "nome_fantasia", "documento",
                                                       "email", "data_fundacao"}


def test_create_then_get_and_find_by_document(api):
    created = api.post("/v1/pessoas", json=_person())
    assert created.status_code == 201
    person = created.json()
    assert person["cpf"] == "52998224725" and person["perfis"] == [{"tipo_perfil": "Cliente"}]
    assert api.get(f"/v1/pessoas/{person['id']}").json()["nome"] == "Luiza Helena Prado"
    rows = api.get("/v1/pessoas", params={"documentos": "529.982.247-25"}).json()
    assert rows["totalItems"] == 1 and rows["items"][0]["perfis"] == ["Cliente"]
    assert rows["items"][0]["documento"] == "52998224725" and rows["items"][0]["tipo_pessoa"] == "Física"


def test_company_person_with_cnpj(api):
    person = api.post("/v1/pessoas", json=_person(nome="Mercado Sol Ltda", tipo_pessoa="Jurídica", cpf=None,
                                                   cnpj=CNPJ, perfis=[{"tipo_perfil": "Fornecedor"}])).json()
    assert person["cnpj"] == "11222333000181" and "cpf" not in person


def _company(cnpj: str, **changes) -> dict:
    return _person(**{"nome": "Nova Empresa Ltda", "tipo_pessoa": "Jurídica", "cpf": None, "cnpj": cnpj, **changes})


@pytest.mark.parametrize("cnpj", [ALPHANUMERIC_CNPJ, "12ABC34501DE35"])
def test_an_alphanumeric_cnpj_is_kept_bare_and_found_masked_or_bare(api, cnpj):
    created = api.post("/v1/pessoas", json=_company(cnpj))
    assert created.status_code == 201 and created.json()["cnpj"] == "12ABC34501DE35"
    company = {"tipos_pessoa": "Jurídica"}  # a search without it looks among people (Física) only
    for wanted in (ALPHANUMERIC_CNPJ, "12ABC34501DE35"):
        rows = api.get("/v1/pessoas", params={"documentos": wanted, **company}).json()
        assert [(p["id"], p["documento"]) for p in rows["items"]] == [(created.json()["id"], "12ABC34501DE35")]
    assert api.get("/v1/pessoas", params={"documentos": "12abc34501de35", **company}).json()["totalItems"] == 0
    assert api.get("/v1/pessoas", params={"busca": "12.ABC.345/01DE", **company}).json()["totalItems"] == 1


def test_only_the_rfb_form_of_an_alphanumeric_cnpj_is_taken(api):
    """Upper case, bare or with the mask's . / -, numeric check digits that match; letters never in a CPF."""
    for cnpj in ("12.abc.345/01de-35", "12ABC34501DE36", "12ABC34501DE3S", "12 ABC 345 01DE 35", "12ABC34501DE3"):
        assert error_of(api.post("/v1/pessoas", json=_company(cnpj))) == f"O CNPJ '{cnpj}' é inválido."
    assert error_of(api.post("/v1/pessoas", json=_person(cpf="5299822472S"))) == "O CPF '5299822472S' é inválido."
    assert api.post("/v1/pessoas", json=_company("12.ABC.345/01DE-35")).status_code == 201


def test_a_cnpj_typed_twice_in_its_two_forms_is_one_person(api):
    assert api.post("/v1/pessoas", json=_company("12ABC34501DE35")).status_code == 201
    again = api.post("/v1/pessoas", json=_company(ALPHANUMERIC_CNPJ, nome="Outra Empresa Ltda"))
    assert error_of(again) == "Já existe uma pessoa cadastrada com o CNPJ 12.ABC.345/01DE-35."


@pytest.mark.parametrize("changes, message", [
    ({"nome": None}, "O campo 'nome' é obrigatório."),
    ({"nome": "x" * 201}, "O campo 'nome' deve ter no máximo 200 caracteres."),
    ({"tipo_pessoa": "Fisica"}, "O valor 'Fisica' fornecido no parâmetro 'tipo_pessoa' não é válido. "
                                "Valores aceitos: Física, Jurídica, Estrangeira."),
    ({"cpf": "529.982.247-26"}, "O CPF '529.982.247-26' é inválido."),
    ({"cpf": "111.111.111-11"}, "O CPF '111.111.111-11' é inválido."),
    ({"cpf": None, "cnpj": CNPJ}, "O campo 'cnpj' só pode ser informado para pessoa Jurídica (tipo_pessoa 'Física')."),
    ({"email": "luiza@"}, "O e-mail 'luiza@' é inválido."),
    ({"data_nascimento": "31/12/1990"}, "O valor '31/12/1990' fornecido no parâmetro 'data_nascimento' não é uma "
                                        "data válida (AAAA-MM-DD)."),
    ({"perfis": [{"tipo_perfil": "Cliente"}, {"tipo_perfil": "Parceiro"}]},
     "O valor 'Parceiro' fornecido no parâmetro 'perfis[1].tipo_perfil' não é válido. "
     "Valores aceitos: Cliente, Fornecedor, Transportadora."),
    ({"enderecos": [{"estado": "XX"}]}, "O valor 'XX' fornecido no parâmetro 'enderecos[0].estado' não é válido. "
                                        "Valores aceitos: AC, AL, AP, AM, BA, CE, DF, ES, GO, MA, MT, MS, MG, PA, PB, "
                                        "PR, PE, PI, RJ, RN, RS, RO, RR, SC, SP, SE, TO."),
    ({"perfis": "Cliente"}, "O campo 'perfis' deve ser uma lista."),
    ({"codigo": "C" * 21}, "O campo 'codigo' deve ter no máximo 20 caracteres."),
    ({"email": "l" * 89 + "@exemplo.com"}, "O campo 'email' deve ter no máximo 100 caracteres."),
    ({"observacao": "o" * 2001}, "O campo 'observacao' deve ter no máximo 2000 caracteres."),
])
def test_create_validation(api, changes, message):
    assert error_of(api.post("/v1/pessoas", json=_person(**changes))) == message


def test_the_criarpessoa_limits_hold_at_their_edge_and_on_patch(api):
    edge = _person(codigo="C" * 20, email="l" * 88 + "@exemplo.com", observacao="o" * 2000)
    person = api.post("/v1/pessoas", json=edge)
    assert person.status_code == 201 and len(person.json()["email"]) == 100
    answer = api.patch(f"/v1/pessoas/{person.json()['id']}", json={"observacao": "o" * 2001})
    assert answer.status_code == 400 and answer.json() == {
        "code": 400, "message": "O campo 'observacao' deve ter no máximo 2000 caracteres."}


def test_duplicate_document_is_refused(api):
    assert api.post("/v1/pessoas", json=_person()).status_code == 201
    again = api.post("/v1/pessoas", json=_person(nome="Outra Pessoa", cpf="52998224725"))
    assert error_of(again) == "Já existe uma pessoa cadastrada com o CPF 529.982.247-25."


def test_put_validates_the_whole_record_and_patch_merges(api, sandbox):
    person = api.post("/v1/pessoas", json=_person()).json()
    url = f"/v1/pessoas/{person['id']}"
    assert error_of(api.put(url, json={"email": "nova@exemplo.com.br"})) == "O campo 'nome' é obrigatório."
    sandbox.advance_clock(5)
    patched = api.patch(url, json={"email": "nova@exemplo.com.br"}).json()
    assert patched["email"] == "nova@exemplo.com.br" and patched["cpf"] == "52998224725"
    assert patched["nome"] == "Luiza Helena Prado" and patched["data_alteracao"] > person["data_alteracao"]
    replaced = api.put(url, json=_person(nome="Luiza H. Prado", email=None)).json()
    assert replaced["nome"] == "Luiza H. Prado" and replaced["email"] is None
    assert error_of(api.patch(url, json={"tipo_pessoa": "Jurídica"})).startswith("O campo 'cpf' só pode")


def test_unknown_and_malformed_ids(api):
    assert error_of(api.get("/v1/pessoas/00000000-0000-4000-8000-000000000000"), 404) == "Pessoa não encontrada."
    assert error_of(api.get("/v1/pessoas/abc")) == ("O valor 'abc' fornecido no parâmetro 'id' não é um "
                                                    "identificador (uuid) válido.")


def test_activate_deactivate_delete_in_batches(api):
    person = api.post("/v1/pessoas", json=_person()).json()
    ids = {"uuids": [person["id"]]}
    assert api.post("/v1/pessoas/inativar", json=ids).status_code == 204
    assert api.get(f"/v1/pessoas/{person['id']}").json()["ativo"] is False
    assert api.post("/v1/pessoas/ativar", json=ids).status_code == 204
    assert api.get(f"/v1/pessoas/{person['id']}").json()["ativo"] is True
    assert api.post("/v1/pessoas/excluir", json=ids).status_code == 204
    assert api.get(f"/v1/pessoas/{person['id']}").status_code == 404
    too_many = {"uuids": [person["id"]] * 11}
    assert error_of(api.post("/v1/pessoas/inativar", json=too_many)) == "O campo 'uuids' aceita no máximo 10 itens."
    unknown = {"uuids": ["00000000-0000-4000-8000-000000000000"]}
    assert "não foi encontrada" in error_of(api.post("/v1/pessoas/ativar", json=unknown))


EVERY_TYPE = {"tipos_pessoa": "Física,Jurídica,Estrangeira"}


def test_search_filters(api):
    clients = api.get("/v1/pessoas", params={**EVERY_TYPE, "tipo_perfil": "Cliente", "tamanho_pagina": 100}).json()
    assert clients["totalItems"] == 7
    suppliers = api.get("/v1/pessoas", params={**EVERY_TYPE, "tipo_perfil": "Fornecedor", "tamanho_pagina": 100}).json()
    assert {p["nome"] for p in suppliers["items"]} >= {"Moinho Paulista Farinhas Ltda", "Cooperativa Agrícola Vale Verde"}
    assert all("Fornecedor" in p["perfis"] for p in suppliers["items"])
    by_text = api.get("/v1/pessoas", params={"busca": "aparecida"}).json()
    assert [p["nome"] for p in by_text["items"]] == ["Maria Aparecida dos Santos"]
    email = by_text["items"][0]["email"]
    assert api.get("/v1/pessoas", params={"emails": email.upper()}).json()["totalItems"] == 1
    by_name = api.get("/v1/pessoas", params={**EVERY_TYPE, "nomes": "Café Bom Dia"}).json()
    assert [p["nome"] for p in by_name["items"]] == ["Café Bom Dia Ltda"]
    ids = [p["id"] for p in clients["items"][:2]]
    assert api.get("/v1/pessoas", params={**EVERY_TYPE, "ids": ",".join(ids)}).json()["totalItems"] == 2
    descending = api.get("/v1/pessoas", params={"tipo_ordenacao": "NOME", "ordem_ordenacao": "DESC"}).json()
    assert descending["items"][0]["nome"] >= descending["items"][-1]["nome"]
    inactive = api.get("/v1/pessoas", params={**EVERY_TYPE, "status": "INATIVO"}).json()
    assert inactive["items"][0]["nome"] == "Hotel Ipiranga Ltda"


def test_a_search_without_type_or_profile_finds_only_individual_clients(api, sandbox, company):
    plain = api.get("/v1/pessoas", params={"tamanho_pagina": 100}).json()
    assert {(p["tipo_pessoa"], *p["perfis"]) for p in plain["items"]} == {("Física", "Cliente")}
    mill = {"documentos": next(p["documento"] for p in company.people.values() if p["nome"].startswith("Moinho"))}
    assert api.get("/v1/pessoas", params=mill).json()["totalItems"] == 0  # a company, and a supplier
    assert api.get("/v1/pessoas", params={**mill, "tipos_pessoa": "Jurídica"}).json()["totalItems"] == 0
    asked = {**mill, "tipos_pessoa": "Jurídica", "tipo_perfil": "Fornecedor"}
    assert api.get("/v1/pessoas", params=asked).json()["totalItems"] == 1
    assert error_of(api.get("/v1/pessoas", params={"tipos_pessoa": "Fisica"})).startswith(
        "O valor 'Fisica' fornecido no parâmetro 'tipos_pessoa' não é válido.")
    sandbox.state.settings.people_search_defaults = False  # the reading where nothing is assumed
    assert api.get("/v1/pessoas", params=mill).json()["totalItems"] == 1


def test_change_window_filter_in_sao_paulo_time(api, sandbox):
    now = datetime.fromisoformat(api.post("/v1/pessoas", json=_person()).json()["data_alteracao"])
    window = {"data_alteracao_de": (now - timedelta(seconds=1)).isoformat(),
              "data_alteracao_ate": (now + timedelta(seconds=1)).isoformat()}
    changed = api.get("/v1/pessoas", params=window).json()
    assert [p["nome"] for p in changed["items"]] == ["Luiza Helena Prado"]
    bad = api.get("/v1/pessoas", params={"data_alteracao_de": "ontem"})
    assert "não é uma data e hora válida" in error_of(bad)


def test_paging_envelope_and_sizes(api, sandbox):
    sandbox.seed("people", 45)
    clients = {**EVERY_TYPE, "tipo_perfil": "Cliente", "tamanho_pagina": 20}
    first = api.get("/v1/pessoas", params={**clients, "pagina": 1}).json()
    third = api.get("/v1/pessoas", params={**clients, "pagina": 3}).json()
    assert set(first) == {"items", "totalItems"} and first["totalItems"] == 45
    assert len(first["items"]) == 20 and len(third["items"]) == 5
    beyond = api.get("/v1/pessoas", params={**clients, "pagina": 9}).json()
    assert beyond == {"items": [], "totalItems": 45}
    assert error_of(api.get("/v1/pessoas", params={"tamanho_pagina": 15})) == (
        "O parâmetro 'tamanho_pagina' deve ser um dos valores: 10, 20, 50, 100, 200, 500, 1000.")
    assert error_of(api.get("/v1/pessoas", params={"pagina": 0})) == (
        "O parâmetro 'pagina' deve ser um número inteiro maior ou igual a 1.")
    assert error_of(api.get("/v1/pessoas", params={"pagina": "dois"})).startswith("O parâmetro 'pagina'")
