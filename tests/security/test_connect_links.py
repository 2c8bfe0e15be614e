"""Connect links handed to someone else (issue 14), each test the attacker's steps, through real HTTP:
gunicorn with both stand-ins, on SQLite and on PostgreSQL. Two browsers are two `Browser`s, each
with its own cookie jar.

Mallory has an Azulejo account; Ana, her victim, has a Conta Azul company (Padaria Aurora). Before
the begin page, a link Mallory made and Ana finished in her own browser stored Ana's company under
Mallory's account, and Mallory then read every sale.
"""
from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from sandbox.contaazul import DEMO_EMAIL, DEMO_PASSWORD
from sheets_addon.config import GOOGLE_CALLBACK_PATH
from sheets_addon.db import make_engine
from sheets_addon.models import OAuthState, User
from sheets_addon.oauth_states import CONTAAZUL, issue_state
from tests.databases import POSTGRESQL, SQLITE
from tests.deployment import Browser, Deployment, state_of
from tests.postgres import upgrade

ANA = DEMO_EMAIL
ANAS_COMPANY = (DEMO_EMAIL, DEMO_PASSWORD)
MALLORYS_COMPANY = ("joao@oficinaipe.com.br", "ipe123")  # a company Mallory controls
OTHER_BROWSER = "outro navegador"
_ATTACKERS = itertools.count(1)
# Hundreds of begin pages and callbacks from 127.0.0.1 in a few minutes: the limit per address is not under test.
# The address and start limits lifted: these tests open many links on purpose (test_fair_use.py has them).
SETTINGS = {"OAUTH_CALLBACKS_PER_MINUTE": "100000", "CONNECT_STARTS_PER_MINUTE": "100000", "OAUTH_STATES_PER_USER": "5"}


@pytest.fixture(scope="module", params=[SQLITE, pytest.param(POSTGRESQL, marks=pytest.mark.postgresql)])
def own_database(request: pytest.FixtureRequest) -> Iterator[Callable[[], dict[str, str]]]:
    """Makes a deployment's database settings: SQLite in its instance folder, or a PostgreSQL database
    of its own (dropped once the module's tests are done)."""
    server = request.getfixturevalue("postgres_server") if request.param == POSTGRESQL else None
    made: list[str] = []

    def make() -> dict[str, str]:
        if server is None:
            return {}
        made.append(server.create_database(template=server.migrated_template()))
        return {"DATABASE_URL": made[-1]}

    yield make
    for url in made:
        server.drop_database(make_url(url).database)


@pytest.fixture(scope="module")
def signing_in(own_database) -> Iterator[Deployment]:
    """A backend with a Google web client: a Conta Azul connect checks the person with Google sign-in."""
    with Deployment(worker=False, google_web_client=True, env={**SETTINGS, **own_database()}) as deployment:
        yield deployment


@pytest.fixture(scope="module")
def confirming(own_database) -> Iterator[Deployment]:
    """A backend without one: the person confirms the Azulejo account the begin page names."""
    with Deployment(worker=False, env={**SETTINGS, **own_database()}) as deployment:
        yield deployment


@pytest.fixture
def mallory() -> str:
    """The attacker: an Azulejo account of her own in each test (the deployments serve the whole module)."""
    return f"mallory.{next(_ATTACKERS)}@golpe.example.com"


@pytest.fixture(autouse=True)
def never_a_server_error(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every refusal is a page or JSON with a 4xx: no answer of the test's deployment is a 5xx."""
    deployments = [request.getfixturevalue(name) for name in ("signing_in", "confirming")
                   if name in request.fixturenames]
    logs = [deployment.log_path("gunicorn", "stdout") for deployment in deployments]
    seen = [log.stat().st_size for log in logs]
    yield
    for log, size in zip(logs, seen):
        with log.open(encoding="utf-8") as access_log:
            access_log.seek(size)
            answered = access_log.read()
        assert not re.findall(r'" 5\d\d ', answered), answered


def connections(deployment: Deployment, email: str) -> list[dict]:
    answer = httpx.get(f"{deployment.url}/api/v1/connections", headers=deployment.signed_in(email), timeout=30)
    return answer.json()["connections"]


def google_access(deployment: Deployment, email: str) -> dict:
    answer = httpx.get(f"{deployment.url}/api/v1/connections/google", headers=deployment.signed_in(email), timeout=30)
    return answer.json()


def test_the_attackers_conta_azul_link_finished_in_the_victims_browser_binds_nothing(mallory, signing_in):
    deployment = signing_in
    with Browser(deployment) as mallorys, Browser(deployment) as anas:
        # Mallory makes a link and goes through its check herself: she is the link's person.
        link = deployment.start(headers=deployment.signed_in(mallory))
        contaazul_page = mallorys.to_contaazul(link, mallory)
        trades = deployment.contaazul.stats()["token_requests"]
        # She sends Conta Azul's page to Ana, who signs in with her company in her own browser.
        anas_page = anas.sign_in_at_contaazul(contaazul_page, *ANAS_COMPANY)
        # Should Mallory get hold of where Ana's browser was sent back, she finishes it in hers.
        in_mallorys = mallorys.http.get(str(anas_page.request.url))

    assert anas_page.status_code == 403 and OTHER_BROWSER in anas_page.text
    assert in_mallorys.status_code == 400  # the state was spent when it came back in the wrong browser
    assert deployment.contaazul.stats()["token_requests"] == trades  # Ana's code was never traded
    assert connections(deployment, mallory) == []
    assert "refused: not the browser that opened the link" in deployment.logs()


def test_a_forwarded_begin_link_makes_the_victim_sign_in_as_herself_and_is_refused(mallory, signing_in):
    deployment = signing_in
    link = deployment.start(headers=deployment.signed_in(mallory))
    with Browser(deployment) as anas, Browser(deployment) as mallorys:
        begun = anas.open(link)  # Mallory forwarded the begin link itself: Ana's browser opens it first
        hinted = httpx.URL(begun.headers["location"]).params["login_hint"]
        signed_in = anas.sign_in_at_google(begun, ANA)
        again = anas.open(link)
        mallory_late = mallorys.open(link)

    assert begun.status_code == 303 and hinted == mallory  # Google sign-in, for the link's person
    assert signed_in.status_code == 403 and "location" not in signed_in.headers  # not on to Conta Azul
    assert f"conta do Azulejo de {mallory}" in signed_in.text and f"entrou no Google como {ANA}" in signed_in.text
    assert again.status_code == mallory_late.status_code == 400  # the link is spent
    assert connections(deployment, mallory) == []


def test_a_begin_link_the_attacker_opened_first_is_refused_in_the_victims_browser(mallory, signing_in):
    deployment = signing_in
    link = deployment.start(headers=deployment.signed_in(mallory))
    with Browser(deployment) as mallorys, Browser(deployment) as anas:
        assert mallorys.open(link).status_code == 303
        anas_try = anas.open(link)

    assert anas_try.status_code == 403 and OTHER_BROWSER in anas_try.text
    assert "set-cookie" not in anas_try.headers and not anas.http.cookies  # nothing bound to Ana's browser
    assert connections(deployment, mallory) == []


def test_a_stolen_state_at_the_callback_without_the_cookie_binds_nothing(mallory, signing_in):
    """Mallory learns the state of Ana's link (a log, a shoulder) and brings her own company's code."""
    deployment = signing_in
    before = len(connections(deployment, ANA))
    link = deployment.start(headers=deployment.signed_in(ANA))
    with Browser(deployment) as anas, Browser(deployment) as mallorys:
        contaazul_page = anas.to_contaazul(link, ANA)
        mallorys_try = mallorys.sign_in_at_contaazul(contaazul_page, *MALLORYS_COMPANY)
        anas_own = anas.sign_in_at_contaazul(contaazul_page, *ANAS_COMPANY)
        in_google = mallorys.http.get(deployment.url + GOOGLE_CALLBACK_PATH,
                                      params={"code": "4/0Astolen", "state": state_of(link)})

    assert mallorys_try.status_code == 403 and OTHER_BROWSER in mallorys_try.text
    assert anas_own.status_code == 400  # spent: Ana clicks Conectar again, Mallory's company is not hers
    assert in_google.status_code == 400
    assert len(connections(deployment, ANA)) == before


def test_a_replayed_callback_binds_nothing_more(mallory, signing_in):
    deployment = signing_in
    with Browser(deployment) as anas, Browser(deployment) as mallorys:
        contaazul_page = anas.to_contaazul(deployment.start(headers=deployment.signed_in(ANA)), ANA)
        done = anas.sign_in_at_contaazul(contaazul_page, *ANAS_COMPANY)
        listed = connections(deployment, ANA)
        replayed = [browser.http.get(str(done.request.url)) for browser in (anas, mallorys)]
        fresh_code = mallorys.sign_in_at_contaazul(contaazul_page, *MALLORYS_COMPANY)

    assert done.status_code == 200
    assert [answer.status_code for answer in replayed] == [400, 400] and fresh_code.status_code == 400
    assert connections(deployment, ANA) == listed and connections(deployment, mallory) == []


def test_the_legitimate_connect_in_one_browser_names_the_account_and_the_company(signing_in):
    deployment = signing_in
    link = deployment.start(headers=deployment.signed_in(ANA))
    with Browser(deployment) as anas:
        begun = anas.open(link)
        checked = anas.sign_in_at_google(begun, ANA)
        page = anas.sign_in_at_contaazul(checked.headers["location"], *ANAS_COMPANY)

    company = deployment.contaazul.company(ANA)
    cnpj = company.documento
    assert link.startswith(f"{deployment.url}/api/v1/connections/begin?state=")
    assert "HttpOnly" in begun.headers["set-cookie"] and "SameSite=Lax" in begun.headers["set-cookie"]
    assert checked.status_code == 303 and checked.headers["location"].startswith(deployment.contaazul.url)
    assert page.status_code == 200
    assert (f"{company.nome_fantasia} (CNPJ {cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}) "
            f"está conectada à conta do Azulejo de {ANA}") in page.text
    assert company.nome_fantasia in [connection["company_name"] for connection in connections(deployment, ANA)]


def test_the_attackers_google_consent_link_finished_in_the_victims_browser_binds_nothing(mallory, signing_in):
    deployment = signing_in
    with Browser(deployment) as mallorys, Browser(deployment) as anas:
        begun = mallorys.open(deployment.start("google", deployment.signed_in(mallory)))
        redeemed = deployment.sheets.stats()["oauth"]["codes_redeemed"]
        anas_consent = anas.sign_in_at_google(begun, ANA)  # Mallory sent Google's consent page to Ana
        forwarded_begin = anas.open(deployment.start("google", deployment.signed_in(mallory)))
        anas_own_begin = anas.sign_in_at_google(forwarded_begin, ANA)

    assert anas_consent.status_code == 403 and OTHER_BROWSER in anas_consent.text
    assert deployment.sheets.stats()["oauth"]["codes_redeemed"] == redeemed + 1  # only the forwarded begin's
    assert anas_own_begin.status_code == 400 and f"autorize com a conta {mallory}" in anas_own_begin.text
    assert google_access(deployment, mallory)["connection"] is None


def test_the_legitimate_google_connect_names_both_accounts(signing_in):
    deployment = signing_in
    with Browser(deployment) as anas:
        page = anas.sign_in_at_google(anas.open(deployment.start("google", deployment.signed_in(ANA))), ANA)

    assert page.status_code == 200
    assert f"A conta Google {ANA} está conectada à conta do Azulejo de {ANA}" in page.text
    assert google_access(deployment, ANA)["connection"]["google_email"] == ANA


def test_without_google_the_forwarded_begin_link_names_the_attacker_and_binds_nothing_unconfirmed(mallory,
                                                                                                 confirming):
    deployment = confirming
    link = deployment.start(headers=deployment.signed_in(mallory))
    with Browser(deployment) as anas, Browser(deployment) as mallorys:
        asked = anas.open(link)
        # Mallory also sends Ana Conta Azul's own page for that state, so the confirmation is skipped.
        skipped = anas.sign_in_at_contaazul(deployment.contaazul.authorize_url(state_of(link)), *ANAS_COMPANY)
        other = deployment.start(headers=deployment.signed_in(mallory))
        asked_again = anas.open(other)
        forged = mallorys.confirm(asked_again)  # a Continuar from any browser but Ana's
        cancelled = anas.confirm(asked_again, "cancel")
        after_cancel = mallorys.open(other)

    assert asked.status_code == 200 and f"à conta do Azulejo de {mallory}. Continue só se foi você" in asked.text
    assert skipped.status_code == 403 and "não foi confirmada" in skipped.text
    assert forged.status_code == 403 and "location" not in forged.headers
    assert cancelled.status_code == 200 and after_cancel.status_code == 400
    assert connections(deployment, mallory) == []


def test_without_google_the_confirmed_connect_in_one_browser_works(confirming):
    deployment = confirming
    with Browser(deployment) as anas:
        asked = anas.open(deployment.start(headers=deployment.signed_in(ANA)))
        confirmed = anas.confirm(asked)
        page = anas.sign_in_at_contaazul(confirmed.headers["location"], *ANAS_COMPANY)

    assert asked.status_code == 200 and f"conta do Azulejo de {ANA}." in asked.text
    assert confirmed.status_code == 303 and page.status_code == 200
    assert f"está conectada à conta do Azulejo de {ANA}" in page.text and connections(deployment, ANA)


def test_a_person_has_at_most_five_links_open_even_asking_twenty_at_once(mallory, signing_in):
    deployment = signing_in
    person = "muitos.links@golpe.example.com"
    in_order = [deployment.start(provider, deployment.signed_in(person)) for provider in ("contaazul", "google") * 4]
    with Browser(deployment) as browser:
        in_order_open = [browser.open(link).status_code for link in in_order]
        with ThreadPoolExecutor(max_workers=8) as pool:
            at_once = list(pool.map(lambda _: deployment.start(headers=deployment.signed_in(person)), range(20)))
        at_once_open = [browser.open(link).status_code for link in at_once]
        elses = browser.open(deployment.start(headers=deployment.signed_in(mallory)))

    assert in_order_open == [400] * 3 + [303] * 5  # each new link dropped the oldest unused one
    assert sorted(at_once_open) == [303] * 5 + [400] * 15  # the person's row locked while counting
    assert elses.status_code == 303  # someone else's links are theirs


def test_two_starts_at_once_wait_for_each_other_so_the_cap_holds(database_url):
    """The HTTP test above cannot make two starts meet for sure; here they do: the second start counts
    the person's links only once the first is committed (their row is locked, on PostgreSQL; the
    database is, on SQLite)."""
    if database_url.startswith("sqlite"):
        upgrade(database_url)  # PostgreSQL's comes migrated
    engine = make_engine(database_url)
    lifetime = timedelta(minutes=10)
    with Session(engine) as setup:
        person = User(email="dois.de.uma.vez@golpe.example.com")
        setup.add(person)
        setup.flush()
        for _ in range(4):
            issue_state(setup, person, lifetime, CONTAAZUL, outstanding=5)
        setup.commit()
        person_id = person.id
    first, second = Session(engine), Session(engine)
    issue_state(first, first.get(User, person_id), lifetime, CONTAAZUL, outstanding=5)  # not committed yet

    def start_second() -> None:
        issue_state(second, second.get(User, person_id), lifetime, CONTAAZUL, outstanding=5)
        second.commit()

    waiting = threading.Thread(target=start_second)
    waiting.start()
    waiting.join(timeout=1)
    blocked = waiting.is_alive()
    first.commit()
    waiting.join(timeout=30)
    with Session(engine) as check:
        outstanding = check.scalar(select(func.count()).select_from(OAuthState).where(
            OAuthState.user_id == person_id, OAuthState.used_at.is_(None)))
    for session in (first, second):
        session.close()
    engine.dispose()

    assert blocked and not waiting.is_alive()
    assert outstanding == 5
