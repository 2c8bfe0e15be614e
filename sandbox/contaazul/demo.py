"""Builds the demo world (two small Brazilian companies) and bulk-seeds records for paging and benchmarks.

Everything is drawn from generators seeded by settings.seed, so two runs with one seed hold the
same ids, names and numbers.
"""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from .documents import make_cnpj, make_cpf
from .errors import BadRequest
from .model import catalog, contracts, finance, ledger, people, sales
from .model.common import cents, live, stamp
from .model.items import compute_composition, make_line
from .settings import SandboxSettings
from .world import Company, World
from . import demo_catalog as data

DEMO_EMAIL, DEMO_PASSWORD = data.PADARIA.login_email, data.PADARIA.password
OTHER_EMAIL, OTHER_PASSWORD = data.OFICINA.login_email, data.OFICINA.password
SEED_KINDS = ("people", "sales", "payables", "receivables", "products", "services")
DEMO_SALES = (  # days ago, situation, payment type, installments
    (2, "APROVADO", "PIX_PAGAMENTO_INSTANTANEO", 1), (4, "APROVADO", "CARTAO_CREDITO", 3),
    (6, "EM_ANDAMENTO", "BOLETO_BANCARIO", 1), (9, "FATURADO", "DINHEIRO", 1),
    (12, "CANCELADO", "PIX_PAGAMENTO_INSTANTANEO", 1), (15, "ORCAMENTO", "BOLETO_BANCARIO", 2),
    (18, "ORCAMENTO_ACEITO", "TRANSFERENCIA_BANCARIA", 1), (21, "ORCAMENTO_RECUSADO", "DINHEIRO", 1),
    (25, "APROVADO", "BOLETO_BANCARIO", 2), (30, "EM_ANDAMENTO", "CARTAO_DEBITO", 1),
)


def build_world(settings: SandboxSettings) -> World:
    """A world holding both demo companies (records only when settings.demo_data)."""
    world = World(settings)
    for profile in data.DEMO_COMPANIES:
        _add_company(world, profile)
    return world


def add_company(world: World, login_email: str, password: str, razao_social: str,
                like: str = DEMO_EMAIL) -> Company:
    """Another tenant with its own login, set up like the demo company whose login is `like`
    (same catalogue, categories and accounts; its own CNPJ, ids, people and records), for
    tests and benchmarks that need many companies, each with its own rate limit."""
    with world.lock:
        if world.company_by_login(login_email) is not None:
            raise BadRequest(f"Já existe uma empresa com o login {login_email}.")
        model = next((p for p in data.DEMO_COMPANIES if p.login_email == like.strip().casefold()), None)
        if model is None:
            raise BadRequest(f"Nenhuma empresa de demonstração com o login {like}.")
        name = razao_social.strip() or model.razao_social
        profile = replace(model, razao_social=name, nome_fantasia=name.removesuffix(" Ltda"),
                          login_email=login_email.strip().casefold(), password=password)
        return _add_company(world, profile)


def _add_company(world: World, profile: data.DemoCompany) -> Company:
    rng = random.Random(f"{world.settings.seed}-{len(world.companies)}")
    company = world.add_company(Company(
        id=world.new_id(), razao_social=profile.razao_social, nome_fantasia=profile.nome_fantasia,
        documento=make_cnpj(rng), email=profile.email, data_fundacao=profile.data_fundacao,
        login_email=profile.login_email, password=profile.password))
    world.profiles[company.id] = profile
    if world.settings.demo_data:
        _fill_company(world, company, profile, rng)
    return company


def _fill_company(world: World, company: Company, profile: data.DemoCompany, rng: random.Random) -> None:
    for tipo, tree in data.CATEGORY_TREE.items():
        for parent_name, children in tree:
            parent = ledger.new_category(world, company, parent_name, tipo, entrada_dre=data.DRE[tipo])
            for child in children:
                ledger.new_category(world, company, child, tipo, parent, data.DRE[tipo])
    for nome, codigo, ativo in profile.cost_centers:
        ledger.new_cost_center(world, company, nome, codigo, ativo)
    for nome, tipo, banco, padrao, ativo in profile.accounts:
        ledger.new_account(world, company, nome, tipo, banco, padrao, ativo,
                           agencia=f"{rng.randint(100, 9999):04d}", numero=f"{rng.randint(10000, 99999)}-{rng.randint(0, 9)}")
    for nome, sku, price, cost, ativo in profile.products:
        catalog.new_product(world, company, nome, sku, Decimal(price), Decimal(cost), Decimal(rng.randint(0, 200)),
                            ativo, codigo_ean=_ean(rng))
    for descricao, codigo, price, cost, ativo in profile.services:
        catalog.new_service(world, company, descricao, codigo, Decimal(price), Decimal(cost), ativo)
    for nome in profile.sellers:
        ledger.new_seller(world, company, nome)
    for person in profile.people:
        document = make_cpf(rng) if person.tipo == "Física" else make_cnpj(rng)
        people.create_person(world, company, _person_fields(rng, profile, person.nome, person.tipo, document,
                                                             person.email, person.telefone, list(person.perfis),
                                                             person.nome_fantasia, person.ativo))
    _backdate_registers(world, company, rng)
    _demo_sales(world, company, profile, rng)
    _demo_expenses(world, company, profile, rng)
    _demo_contract(world, company, profile, rng)


def _backdate_registers(world: World, company: Company, rng: random.Random) -> None:
    """The company was set up months ago: its registers were not all changed a moment ago."""
    start = world.today() - timedelta(days=180)
    for collection in (company.categories, company.cost_centers, company.accounts, company.products,
                       company.services, company.sellers, company.people):
        for record in collection.values():
            _backdate(record, _at(start + timedelta(days=rng.randint(0, 150)), rng))


def _ean(rng: random.Random) -> str:
    return "789" + "".join(str(rng.randint(0, 9)) for _ in range(10))


def _person_fields(rng: random.Random, profile: data.DemoCompany, nome: str, tipo: str, document: str,
                   email: str | None, phone: str, perfis: list[str], nome_fantasia: str | None = None,
                   ativo: bool = True) -> dict:
    """Fields as people.parse_person returns them, for records made without a request."""
    address = {"cep": f"{rng.randint(1000, 99999):05d}{rng.randint(0, 999):03d}", "logradouro": rng.choice(profile.ruas),
               "numero": str(rng.randint(10, 3999)), "complemento": None, "bairro": rng.choice(profile.bairros),
               "cidade": profile.cidade, "estado": profile.estado, "pais": "Brasil"}
    return {"nome": nome, "tipo_pessoa": tipo, "documento": document, "email": email,
            "telefone_celular": phone if tipo == "Física" else None,
            "telefone_comercial": phone if tipo != "Física" else None, "nome_fantasia": nome_fantasia,
            "rg": None, "data_nascimento": None, "codigo": None, "observacao": None, "ativo": ativo,
            "perfis": perfis, "enderecos": [address], "inscricoes": [], "outros_contatos": [],
            "contato_cobranca_faturamento": None}


def _by_name(records: dict[str, dict], name: str, key: str = "nome") -> dict:
    return next(record for record in records.values() if record[key] == name)


def _split(total: Decimal, parts: int) -> list[Decimal]:
    """Installment values that add up to the total to the cent (the last takes the remainder)."""
    share = cents(total / parts)
    return [share] * (parts - 1) + [total - share * (parts - 1)]


def _backdate(record: dict, when: datetime) -> None:
    record["data_criacao"] = record["data_alteracao"] = when


def _backdate_sale(company: Company, sale: dict, when: datetime) -> None:
    """A sale made in the past, with the receivable it carries."""
    _backdate(sale, when)
    if sale["id_evento_financeiro"]:
        _backdate(company.events[sale["id_evento_financeiro"]], when)


def _sale_fields(world: World, company: Company, client: dict, lines: list[dict], number: int, day: date,
                 situation: str, payment_type: str, parts: int, category: dict | None, seller: dict | None) -> dict:
    """Fields as sales.parse_sale returns them, for sales made without a request."""
    values = compute_composition(lines)
    account = ledger.default_account(company)
    option = "À vista" if parts == 1 else f"{parts}x"
    installments = [{"id": world.new_id(), "numero": index + 1, "data_vencimento": day + timedelta(days=30 * index),
                     "valor": value, "descricao": f"Parcela {index + 1}/{parts}"}
                    for index, value in enumerate(_split(values["valor_liquido"], parts))]
    return {"id_cliente": client["id"], "numero": number, "situacao": situation,
            "status": sales.SITUATIONS[situation][1], "data_venda": day,
            "id_categoria": category["id"] if category else None, "id_centro_custo": None,
            "id_vendedor": seller["id"] if seller else None, "observacoes": None, "observacoes_pagamento": None,
            "itens": lines, "valores": values, "total": values["valor_liquido"],
            "pagamento": {"tipo_pagamento": payment_type, "id_conta_financeira": account["id"] if account else None,
                          "opcao_condicao_pagamento": option, "nsu": None, "parcelas": installments}}


def _random_lines(world: World, rng: random.Random, items: list[tuple[dict, str]]) -> list[dict]:
    chosen = rng.sample(items, k=min(len(items), rng.randint(1, 3)))
    lines = []
    for record, kind in chosen:
        price = record["valor_venda"] if kind == "PRODUTO" else record["preco"]
        lines.append(make_line(world, record, kind, Decimal(rng.randint(1, 12)), price))
    return lines


def _sellable(company: Company) -> list[tuple[dict, str]]:
    return ([(p, "PRODUTO") for p in company.products.values() if p["ativo"]]
            + [(s, "SERVICO") for s in company.services.values() if s["ativo"]])


def _clients(company: Company) -> list[dict]:
    return [p for p in live(company.people) if p["ativo"] and "Cliente" in p["perfis"]]


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 19), rng.randint(0, 59), rng.randint(0, 59)))


def _demo_sales(world: World, company: Company, profile: data.DemoCompany, rng: random.Random) -> None:
    items, clients = _sellable(company), _clients(company)
    category = _by_name(company.categories, profile.sale_category)
    sellers = list(company.sellers.values())
    today = world.today()
    for index, (days_ago, situation, payment_type, parts) in enumerate(DEMO_SALES):
        day = today - timedelta(days=days_ago)
        fields = _sale_fields(world, company, clients[index % len(clients)], _random_lines(world, rng, items),
                              1001 + index, day, situation, payment_type, parts, category, sellers[index % len(sellers)])
        sale = sales.create_sale(world, company, fields, origem="MANUAL")
        _backdate_sale(company, sale, min(_at(day, rng), world.now()))  # never stamped in the future
        if index == 9:
            sale["status"] = "REVISAO_PENDENTE"


def _event_fields(contact: dict, account: dict, category: dict | None, description: str, amount: Decimal,
                  accrual: date, parts: int = 1, method: str = "BOLETO_BANCARIO") -> dict:
    """Fields as finance's body parser returns them, for events made without a request."""
    return {"data_competencia": accrual, "valor": amount, "descricao": description, "observacao": "",
            "id_contato": contact["id"], "id_conta_financeira": account["id"],
            "rateio": [{"id_categoria": category["id"], "valor": amount, "rateio_centro_custo": []}] if category else [],
            "parcelas": [{"numero": index + 1, "descricao": f"{description} ({index + 1}/{parts})",
                          "data_vencimento": accrual + timedelta(days=10 + 30 * index), "nota": None,
                          "id_conta_financeira": account["id"], "metodo_pagamento": method,
                          "detalhe_valor": {"valor_bruto": value}}
                         for index, value in enumerate(_split(amount, parts))]}


def _demo_expenses(world: World, company: Company, profile: data.DemoCompany, rng: random.Random) -> None:
    account = ledger.default_account(company)
    today = world.today()
    for index, (description, category_name, amount, supplier) in enumerate(profile.expenses):
        accrual = today - timedelta(days=5 + 7 * index)
        event = finance.new_event(world, company, finance.PAYABLE, _event_fields(
            _by_name(company.people, supplier), account, _by_name(company.categories, category_name),
            description, Decimal(amount), accrual))
        if index % 2:
            for installment in event["parcelas"]:
                installment["pago"] = installment["detalhe_valor"]["valor_bruto"]
        _backdate(event, _at(accrual, rng))


def _demo_contract(world: World, company: Company, profile: data.DemoCompany, rng: random.Random) -> None:
    client_name, item_name, quantity = profile.contract
    item = next((record, kind) for record, kind in _sellable(company)
                if (record.get("nome") or record.get("descricao")) == item_name)
    price = item[0]["valor_venda"] if item[1] == "PRODUTO" else item[0]["preco"]
    lines = [make_line(world, item[0], item[1], Decimal(quantity), price)]
    values = compute_composition(lines)
    start = world.today().replace(day=1)
    contract = contracts.create_contract(world, company, {
        "numero": 1, "tipo_frequencia": "MENSAL", "tipo_expiracao": "DATA", "data_inicio": start,
        "data_fim": contracts.add_months(start, 11), "intervalo_frequencia": 1, "dia_emissao_venda": 1,
        "id_cliente": _by_name(company.people, client_name)["id"],
        "id_categoria": _by_name(company.categories, profile.sale_category)["id"], "id_centro_custo": None,
        "id_vendedor": None, "observacoes": "Fornecimento mensal", "observacoes_pagamento": None,
        "pagamento": {"tipo_pagamento": "BOLETO_BANCARIO", "dia_vencimento": 10,
                      "primeira_data_vencimento": start + timedelta(days=9),
                      "id_conta_financeira": ledger.default_account(company)["id"]},
        "itens": lines, "valores": values, "total": values["valor_liquido"]})
    _backdate(contract, _at(start, rng))
    _backdate_sale(company, company.sales[contract["id_venda"]], _at(start, rng))


# ---- bulk seeding -------------------------------------------------------------------------------

def seed(world: World, kind: str, count: int, email: str = DEMO_EMAIL) -> list[str]:
    """Creates `count` realistic records of a kind directly in the world; answers their ids."""
    if kind not in SEED_KINDS:
        raise BadRequest(f"Tipo de dado desconhecido: {kind}. Use um de {', '.join(SEED_KINDS)}.")
    with world.lock:
        company = world.company_by_login(email)
        if company is None:
            raise BadRequest(f"Nenhuma empresa de demonstração com o login {email}.")
        rng = random.Random(f"seed-{world.settings.seed}-{kind}-{len(company.people)}-{len(company.sales)}-{count}")
        profile = world.profiles[company.id]
        maker = {"people": _seed_people, "sales": _seed_sales, "products": _seed_products,
                 "services": _seed_services, "payables": _seed_payables, "receivables": _seed_receivables}[kind]
        return maker(world, company, profile, rng, count)


def _seed_people(world: World, company: Company, profile: data.DemoCompany, rng: random.Random, count: int) -> list[str]:
    taken = {p["documento"] for p in company.people.values()}
    ids = []
    for index in range(count):
        business = index % 3 == 2
        make = make_cnpj if business else make_cpf
        document = make(rng)
        while document in taken:
            document = make(rng)
        taken.add(document)
        if business:
            nome = f"{rng.choice(data.BUSINESS_WORDS)} {rng.choice(data.BUSINESS_NAMES)} {index + 1} Ltda"
            email = f"contato{index + 1}@{rng.choice(data.BUSINESS_NAMES).lower().replace(' ', '')}.com.br"
        else:
            first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
            nome = f"{first} {rng.choice(data.LAST_NAMES)} {last}"
            email = f"{first.lower()}.{last.lower()}{index + 1}@exemplo.com.br"
        perfis = ["Fornecedor"] if business and index % 2 else ["Cliente"]
        phone = f"({rng.randint(11, 99)}) 9{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        fields = _person_fields(rng, profile, nome, "Jurídica" if business else "Física", document,
                                email.encode("ascii", "ignore").decode(), phone, perfis)
        ids.append(people.create_person(world, company, fields)["id"])
    return ids


def _seed_catalog(company: Company, rng: random.Random, count: int, collection: dict, words: tuple[str, ...],
                  objects: tuple[str, ...], code: str, cents_range: tuple[int, int], make) -> list[str]:
    """Products or services with unique codes and names, one in ten inactive."""
    start = len(collection)
    ids = []
    for index in range(start, start + count):
        price = Decimal(rng.randint(*cents_range)) / 100
        name = f"{rng.choice(words)} {rng.choice(objects)} nº {index + 1}"
        ids.append(make(name, f"{code}-{index + 1:05d}", price, rng.random() > 0.1)["id"])
    return ids


def _seed_products(world: World, company: Company, profile: data.DemoCompany, rng: random.Random, count: int) -> list[str]:
    def make(name: str, code: str, price: Decimal, active: bool) -> dict:
        return catalog.new_product(world, company, name, code, price, cents(price * Decimal("0.45")),
                                   Decimal(rng.randint(0, 500)), active, _ean(rng))
    return _seed_catalog(company, rng, count, company.products, data.PRODUCT_WORDS, data.PRODUCT_FLAVOURS, "SKU",
                         (300, 25000), make)


def _seed_services(world: World, company: Company, profile: data.DemoCompany, rng: random.Random, count: int) -> list[str]:
    def make(name: str, code: str, price: Decimal, active: bool) -> dict:
        return catalog.new_service(world, company, name, code, price, cents(price * Decimal("0.3")), active)
    return _seed_catalog(company, rng, count, company.services, data.SERVICE_WORDS, data.SERVICE_OBJECTS, "SRV",
                         (5000, 90000), make)


def _seed_sales(world: World, company: Company, profile: data.DemoCompany, rng: random.Random, count: int) -> list[str]:
    items, clients = _sellable(company), _clients(company)
    category = _by_name(company.categories, profile.sale_category)
    sellers = list(company.sellers.values()) + [None]
    situations = ("APROVADO", "APROVADO", "APROVADO", "EM_ANDAMENTO", "FATURADO", "CANCELADO", "ORCAMENTO")
    number, today = sales.next_number(company), world.today()
    ids = []
    for index in range(count):
        day = today - timedelta(days=rng.randint(0, 120))
        fields = _sale_fields(world, company, rng.choice(clients), _random_lines(world, rng, items), number + index,
                              day, rng.choice(situations), rng.choice(sales.PAYMENT_TYPES[:12]), rng.choice((1, 1, 2, 3)),
                              category, rng.choice(sellers))
        sale = sales.create_sale(world, company, fields, origem="API")
        _backdate_sale(company, sale, min(_at(day, rng), world.now()))  # never stamped in the future
        ids.append(sale["id"])
    return ids


def _seed_events(world: World, company: Company, rng: random.Random, count: int, kind: str, profile_name: str) -> list[str]:
    contacts = [p for p in live(company.people) if profile_name in p["perfis"]]
    categories = [c for c in company.categories.values() if c["tipo"] == kind and ledger.is_leaf(company, c)]
    account, today = ledger.default_account(company), world.today()
    ids = []
    for index in range(count):
        category = rng.choice(categories)
        amount = Decimal(rng.randint(1000, 500000)) / 100
        accrual = today - timedelta(days=rng.randint(-30, 90))
        event = finance.new_event(world, company, kind, _event_fields(
            rng.choice(contacts), account, category, f"{category['nome']} - lançamento {index + 1}", amount, accrual,
            rng.choice((1, 1, 2, 3)), rng.choice(finance.PAYMENT_METHODS[:8])))
        if rng.random() < 0.4:
            for installment in event["parcelas"]:
                installment["pago"] = installment["detalhe_valor"]["valor_bruto"]
            stamp(event, world.now())
        ids.append(event["id"])
    return ids


def _seed_payables(world: World, company: Company, profile: data.DemoCompany, rng: random.Random, count: int) -> list[str]:
    return _seed_events(world, company, rng, count, finance.PAYABLE, "Fornecedor")


def _seed_receivables(world: World, company: Company, profile: data.DemoCompany, rng: random.Random, count: int) -> list[str]:
    return _seed_events(world, company, rng, count, finance.RECEIVABLE, "Cliente")
