"""Bad input of any kind gets Conta Azul's JSON error shape with a 4xx, never a stack trace.

Each case also checks that the catch-all handler for real bugs was not reached.
"""
from __future__ import annotations

import pytest

from sandbox_assertions import pick

SALE = "00000000-0000-4000-8000-000000000000"


def _json_error(answer, status: int = 400, key: str = "message") -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    assert "Traceback" not in answer.text and "<html" not in answer.text.lower()
    return answer.json()[key]


@pytest.mark.parametrize("content", [b"{", b"", b"   ", b"[1, 2]", b"null", b"42", b'"texto"',
                                     b'{"nome": NaN}', b'{"nome": Infinity}', b"\xff\xfe{}", b"[" * 50_000,
                                     b'{"nome": "a"} lixo'])
def test_malformed_bodies(sandbox, api, content):
    message = _json_error(api.post("/v1/pessoas", content=content, headers={"content-type": "application/json"}))
    assert message.startswith("O corpo da requisição")
    assert sandbox.stats()["unexpected_errors"] == 0


@pytest.mark.parametrize("body", [
    {"nome": 123}, {"nome": ["a"]}, {"nome": "A", "perfis": [1]}, {"nome": "A", "perfis": [{"tipo_perfil": None}]},
    {"nome": "A", "enderecos": {"cep": "1"}}, {"nome": "A", "enderecos": [{"cep": "123"}]},
    {"nome": "A", "ativo": "talvez"}, {"nome": "A", "cpf": 52998224725}, {"nome": "A", "cpf": "52998224725", "cnpj": "1"},
    {"nome": "A", "contato_cobranca_faturamento": "x"}, {"nome": "A", "data_nascimento": 19900101},
])
def test_wrong_types_in_people(sandbox, api, body):
    _json_error(api.post("/v1/pessoas", json=body))
    assert sandbox.stats()["unexpected_errors"] == 0


def _absurd_sales(sale_body, company):
    bread = pick(company.products, codigo_sku="PF-KG")["id"]
    yield sale_body(numero=1e308)
    yield sale_body(numero=-5)
    yield sale_body(numero=True)
    yield sale_body(itens=[{"id": bread, "quantidade": "NaN", "valor": 1}])
    yield sale_body(itens=[{"id": bread, "quantidade": -1, "valor": 1}])
    yield sale_body(itens=[{"id": bread, "quantidade": 0, "valor": 1}])
    yield sale_body(itens=[{"id": bread, "quantidade": 1, "valor": 1e20}])
    yield sale_body(itens=[{"id": bread, "quantidade": True, "valor": 1}])
    yield sale_body(itens=[{"id": bread, "quantidade": 1, "valor": {"a": 1}}])
    yield sale_body(itens=["pão"])
    yield sale_body(itens={"id": bread})
    yield sale_body(itens=[{"id": 7, "quantidade": 1, "valor": 1}])
    yield sale_body(condicao_pagamento="À vista")
    yield sale_body(condicao_pagamento={"opcao_condicao_pagamento": 3, "parcelas": []})
    yield sale_body(composicao_de_valor={"desconto": {"tipo": "VALOR", "valor": "abc"}})
    yield sale_body(composicao_de_valor={"desconto": {"tipo": "PORCENTAGEM", "valor": 150}})
    yield sale_body(composicao_de_valor=[1])
    yield sale_body(data_venda=20260101)
    yield sale_body(situacao=None)
    yield sale_body(observacoes="x" * 6000)


def test_absurd_sales(sandbox, api, sale_body, company):
    for body in _absurd_sales(sale_body, company):
        _json_error(api.post("/v1/venda", json=body))
    assert sandbox.stats()["unexpected_errors"] == 0


@pytest.mark.parametrize("path, params", [
    ("/v1/pessoas", {"pagina": "1e3"}), ("/v1/pessoas", {"pagina": "99999999999"}),
    ("/v1/pessoas", {"tamanho_pagina": "-10"}), ("/v1/pessoas", {"tamanho_pagina": "dez"}),
    ("/v1/pessoas", {"ids": "zzz"}), ("/v1/pessoas", {"tipo_perfil": "Cliente'; DROP TABLE"}),
    ("/v1/pessoas", {"data_alteracao_de": "2026-01-01T25:00:00"}), ("/v1/pessoas", {"ordem_ordenacao": "UP"}),
    ("/v1/venda/busca", {"numeros": "abc"}), ("/v1/venda/busca", {"ids_clientes": "1,2"}),
    ("/v1/venda/busca", {"data_inicio": "2026-99-99"}), ("/v1/venda/busca", {"campo_ordenado_ascendente": "VALOR"}),
    ("/v1/produtos", {"status": "true"}), ("/v1/categorias", {"permite_apenas_filhos": "talvez"}),
    ("/v1/conta-financeira", {"tipos": "COFRE"}), ("/v1/centro-de-custo", {"filtro_rapido": "X"}),
    ("/v1/financeiro/eventos-financeiros/contas-a-pagar/buscar",
     {"data_vencimento_de": "2026-01-01", "data_vencimento_ate": "2026-02-01", "valor_de": "muito"}),
    ("/v1/financeiro/eventos-financeiros/alteracoes", {"data_inicio": "x", "data_fim": "y"}),
    ("/v1/venda/%00", {}), ("/v1/produtos/../../etc/passwd", {}), ("/v1/protocolo/123", {}),
])
def test_garbage_queries_and_paths(sandbox, api, path, params):
    answer = api.get(path, params=params)
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.json()["code"] == answer.status_code
    assert sandbox.stats()["unexpected_errors"] == 0


def test_garbage_elsewhere(sandbox, api, company):
    sale = next(iter(company.sales.values()))
    assert _json_error(api.put(f"/v1/venda/{sale['id']}", json={"versao": "x"}))
    assert _json_error(api.post("/v1/financeiro/eventos-financeiros/contas-a-pagar", json={"valor": [1]}))
    assert _json_error(api.post("/v1/centro-de-custo", json={"nome": {"a": 1}}))
    assert _json_error(api.post("/v1/contratos", content=b"not json"), key="error")
    assert _json_error(api.post("/v1/contratos", json={"termos": "x", "id_cliente": SALE}), key="error")
    person = next(iter(company.people.values()))
    assert _json_error(api.patch(f"/v1/pessoas/{person['id']}", content=b"[]"))
    assert _json_error(api.post("/v1/pessoas/ativar", json={"uuids": "abc"}))
    assert _json_error(api.get("/v1/venda/99999999999999999999"), 404)
    assert _json_error(api.get("/v1/nada"), 404) == "Recurso não encontrado."
    assert _json_error(api.delete("/v1/venda/busca"), 405)
    assert _json_error(api.post("/v1/pessoas", content=b"{" + b" " * (6 * 1024 * 1024) + b"}"), 413)
    assert sandbox.stats()["unexpected_errors"] == 0


def test_garbage_at_the_token_endpoint(sandbox):
    import httpx
    bad_basic = httpx.post(sandbox.token_endpoint, headers={"Authorization": "Basic !!!"},
                           data={"grant_type": "refresh_token"})
    assert bad_basic.status_code == 401 and bad_basic.json() == {"error": "invalid_client"}
    not_form = httpx.post(sandbox.token_endpoint, auth=(sandbox.settings.client_id, sandbox.settings.client_secret),
                          content=b"\x00\xff", headers={"content-type": "application/x-www-form-urlencoded"})
    assert not_form.status_code == 400 and "error" in not_form.json()


def test_a_real_bug_still_answers_the_documented_500(sandbox, api, monkeypatch):
    from sandbox.contaazul.model import people

    def broken(company):
        raise RuntimeError("bug")

    monkeypatch.setattr(people, "connected_company", broken)
    answer = api.get("/v1/pessoas/conta-conectada")
    assert answer.status_code == 500 and answer.json() == {
        "code": 500, "message": "Ocorreu um erro inesperado no servidor. Tente novamente mais tarde."}
    assert sandbox.stats()["unexpected_errors"] == 1
