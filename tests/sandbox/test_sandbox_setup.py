"""Settings, the command line, documents and the demo world's promises to other tests."""
from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from sandbox.contaazul import DEMO_EMAIL, OTHER_EMAIL, SandboxServer, SandboxSettings
from sandbox.contaazul.__main__ import parse_args
from sandbox.contaazul.demo import build_world
from sandbox.contaazul.documents import cnpj_is_valid, cpf_is_valid
from sandbox.contaazul.settings import DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI


def test_settings_from_env_with_defaults_and_overrides():
    settings = SandboxSettings.from_env({"SANDBOX_CONTAAZUL_CLIENT_SECRET": "s3cret",
                                         "SANDBOX_CONTAAZUL_TOKEN_TTL_SECONDS": "60",
                                         "SANDBOX_CONTAAZUL_SEND_RETRY_AFTER": "false",
                                         "SANDBOX_CONTAAZUL_ERROR_RATE": "0.25"}, seed=7)
    assert settings.client_id == DEFAULT_CLIENT_ID == "azulejo-sandbox"
    assert settings.redirect_uri == DEFAULT_REDIRECT_URI
    assert (settings.client_secret, settings.token_ttl_seconds, settings.send_retry_after) == ("s3cret", 60, False)
    assert settings.error_rate == 0.25 and settings.seed == 7
    assert SandboxSettings.from_env({}).client_secret == "azulejo-sandbox-secret"


def test_cli_flags():
    args = parse_args(["--port", "8123", "--token-ttl", "30", "--error-rate", "0.1", "--latency-ms", "5",
                       "--rate-per-second", "20", "--rate-per-minute", "500", "--seed", "3"])
    assert (args.port, args.token_ttl_seconds, args.error_rate, args.latency_ms) == (8123, 30, 0.1, 5)
    assert (args.rate_per_second, args.rate_per_minute, args.seed, args.host) == (20, 500, 3, "127.0.0.1")


def test_python_dash_m_serves(tmp_path):
    with SandboxServer() as probe:
        port = probe.port
    process = subprocess.Popen([sys.executable, "-m", "sandbox.contaazul", "--port", str(port), "--token-ttl", "42"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_sandbox/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        code = httpx.post(f"http://127.0.0.1:{port}/_sandbox/authorize",
                          json={"email": DEMO_EMAIL, "password": "aurora123"}).json()["code"]
        tokens = httpx.post(f"http://127.0.0.1:{port}/oauth/token", auth=("azulejo-sandbox", "azulejo-sandbox-secret"),
                            data={"grant_type": "authorization_code", "code": code, "redirect_uri": DEFAULT_REDIRECT_URI})
        assert tokens.json()["expires_in"] == 42
    finally:
        process.terminate()
        process.wait(timeout=5)


@pytest.mark.parametrize("document, valid", [("529.982.247-25", True), ("52998224724", False), ("000.000.000-00", False),
                                             ("123", False), (None, False)])
def test_cpf(document, valid):
    assert cpf_is_valid(document) is valid


@pytest.mark.parametrize("document, valid", [("11.222.333/0001-81", True), ("11222333000180", False),
                                             ("11111111111111", False), ("", False), ("12.ABC.345/01DE-35", True)])
def test_cnpj(document, valid):
    assert cnpj_is_valid(document) is valid


def test_demo_world_is_deterministic_and_realistic():
    first, second = build_world(SandboxSettings(seed=5)), build_world(SandboxSettings(seed=5))
    other_seed = build_world(SandboxSettings(seed=6))
    bakery = first.company_by_login(DEMO_EMAIL)
    assert bakery.id == second.company_by_login(DEMO_EMAIL).id != other_seed.company_by_login(DEMO_EMAIL).id
    assert sorted(bakery.people) == sorted(second.company_by_login(DEMO_EMAIL).people)
    assert cnpj_is_valid(bakery.documento) and bakery.nome_fantasia == "Padaria Aurora"
    assert all(cpf_is_valid(p["documento"]) or cnpj_is_valid(p["documento"]) for p in bakery.people.values())
    assert 120 <= len(bakery.categories) <= 140
    garage = first.company_by_login(OTHER_EMAIL)
    assert garage.razao_social == "Oficina Ipê Ltda" and not set(garage.categories) & set(bakery.categories)
    assert {s["situacao"] for s in bakery.sales.values()} >= {"APROVADO", "EM_ANDAMENTO", "CANCELADO", "ORCAMENTO"}


def test_without_demo_data_the_companies_still_sign_in():
    with SandboxServer(SandboxSettings(demo_data=False)) as sandbox:
        token = sandbox.obtain_tokens()["access_token"]
        answer = httpx.get(f"{sandbox.url}/v1/produtos", headers={"Authorization": f"Bearer {token}"})
        assert answer.json() == {"items": [], "totalItems": 0}


def test_seeding_thousands_is_fast(sandbox):
    started = time.perf_counter()
    for kind in ("people", "products", "services", "sales", "payables", "receivables"):
        assert len(sandbox.seed(kind, 2000)) == 2000
    assert time.perf_counter() - started < 10
    assert len(sandbox.seed("people", 5, email=OTHER_EMAIL)) == 5
