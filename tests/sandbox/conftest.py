"""Helpers for the stand-in's own tests: authorised HTTP clients and valid bodies from demo data.

Everything goes over real HTTP (httpx) to the `contaazul_sandbox` fixture of tests/conftest.py.
Rate limits are lifted here (tests that need them set them again), so fast tests are not throttled.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from sandbox.contaazul import DEMO_EMAIL, OTHER_EMAIL, OTHER_PASSWORD
from sandbox_assertions import pick


@pytest.fixture
def sandbox(contaazul_sandbox):
    """The stand-in with rate limits off."""
    contaazul_sandbox.configure_rate_limit(per_second=0, per_minute=0)
    return contaazul_sandbox


@pytest.fixture
def tokens(sandbox) -> dict:
    """A token answer for the demo company (Padaria Aurora)."""
    return sandbox.obtain_tokens()


def _client(sandbox, access_token: str) -> httpx.Client:
    return httpx.Client(base_url=sandbox.url, headers={"Authorization": f"Bearer {access_token}"}, timeout=10)


@pytest.fixture
def api(sandbox, tokens) -> Iterator[httpx.Client]:
    """An HTTP client authorised for the demo company."""
    with _client(sandbox, tokens["access_token"]) as client:
        yield client


@pytest.fixture
def other_api(sandbox) -> Iterator[httpx.Client]:
    """An HTTP client authorised for the other company (Oficina Ipê)."""
    with _client(sandbox, sandbox.obtain_tokens(OTHER_EMAIL, OTHER_PASSWORD)["access_token"]) as client:
        yield client


@pytest.fixture
def company(sandbox):
    return sandbox.company(DEMO_EMAIL)


@pytest.fixture
def sale_body(company) -> Callable[..., dict]:
    """A valid POST /v1/venda body for the demo company; keyword arguments override fields."""
    client = pick(company.people, nome="Maria Aparecida dos Santos")
    bread = pick(company.products, nome="Pão Francês (kg)")
    category = pick(company.categories, nome="Vendas de Mercadorias")
    account = pick(company.accounts, conta_padrao=True)
    numbers = iter(range(5001, 6000))

    def build(**overrides: Any) -> dict:
        body = {
            "id_cliente": client["id"], "numero": next(numbers), "situacao": "APROVADO",
            "data_venda": date.today().isoformat(), "id_categoria": category["id"],
            "itens": [{"id": bread["id"], "quantidade": 2, "valor": 18.90}],
            "composicao_de_valor": {"frete": 5.00, "desconto": {"tipo": "VALOR", "valor": 2.80}},
            "condicao_pagamento": {"tipo_pagamento": "PIX_PAGAMENTO_INSTANTANEO", "id_conta_financeira": account["id"],
                                   "opcao_condicao_pagamento": "À vista",
                                   "parcelas": [{"data_vencimento": date.today().isoformat(), "valor": 40.00}]},
        }
        body.update(overrides)
        return body

    return build


@pytest.fixture
def event_body(company) -> Callable[..., dict]:
    """A valid contas-a-pagar body (a supplier, a leaf expense category, the default account)."""
    supplier = pick(company.people, nome="Moinho Paulista Farinhas Ltda")
    category = pick(company.categories, nome="Matéria-prima")
    center = pick(company.cost_centers, nome="Produção")
    account = pick(company.accounts, conta_padrao=True)

    def build(**overrides: Any) -> dict:
        due = date.today() + timedelta(days=10)
        body = {
            "data_competencia": date.today().isoformat(), "valor": 300.50, "descricao": "Farinha especial",
            "observacao": "Pedido 778", "contato": supplier["id"], "conta_financeira": account["id"],
            "rateio": [{"id_categoria": category["id"], "valor": 300.50,
                        "rateio_centro_custo": [{"id_centro_custo": center["id"], "valor": 300.50}]}],
            "condicao_pagamento": {"parcelas": [
                {"descricao": "1/2", "data_vencimento": due.isoformat(), "detalhe_valor": {"valor_bruto": 150.25},
                 "metodo_pagamento": "BOLETO_BANCARIO"},
                {"descricao": "2/2", "data_vencimento": (due + timedelta(days=30)).isoformat(),
                 "detalhe_valor": {"valor_bruto": 150.25}}]},
        }
        body.update(overrides)
        return body

    return build
