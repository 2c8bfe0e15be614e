"""The demo companies' fixed data: a Brazilian chart of categories and two small businesses.

Kept apart from the code that builds records (`demo.py`) so it reads as data and can be
reviewed by someone who knows how a Brazilian bakery or garage keeps its books.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# (parent, [children]) per type; Conta Azul's default chart, ~130 names with accents and ordinals.
CATEGORY_TREE: dict[str, list[tuple[str, list[str]]]] = {
    "RECEITA": [
        ("Receitas de Vendas", ["Vendas de Mercadorias", "Vendas de Produtos", "Serviços Prestados",
                                "Revenda de Mercadorias", "Vendas no Cartão", "Vendas por Encomenda",
                                "Vendas Online", "Vendas para Empresas"]),
        ("Receitas Financeiras", ["Rendimentos de Aplicações", "Juros Recebidos", "Descontos Obtidos",
                                  "Multas Recebidas", "Cashback Recebido"]),
        ("Outras Receitas", ["Aluguéis Recebidos", "Reembolsos de Despesas", "Venda de Ativo Imobilizado",
                             "Empréstimos Recebidos", "Aporte de Sócios", "Bonificações Recebidas",
                             "Receitas Diversas"]),
    ],
    "DESPESA": [
        ("Despesas com Pessoal", ["Salários", "13º Salário - 1ª Parcela", "13º Salário - 2ª Parcela", "Férias",
                                  "1/3 de Férias", "Rescisões", "FGTS", "INSS sobre Salários", "Vale-Transporte",
                                  "Vale-Refeição", "Vale-Alimentação", "Plano de Saúde", "Pró-labore",
                                  "Horas Extras", "Adiantamento Salarial", "Comissões de Vendedores",
                                  "Treinamentos", "Uniformes e EPIs", "Exames Admissionais e Demissionais",
                                  "Bolsa de Estágio"]),
        ("Despesas Administrativas", ["Aluguel", "Condomínio", "IPTU", "Água e Esgoto", "Energia Elétrica",
                                      "Telefone e Internet", "Material de Escritório", "Material de Limpeza",
                                      "Correios e Entregas", "Honorários Contábeis", "Honorários Advocatícios",
                                      "Softwares e Assinaturas", "Manutenção Predial", "Segurança e Monitoramento",
                                      "Seguros", "Cartório e Taxas", "Viagens e Hospedagem", "Copa e Cozinha",
                                      "Doações", "Lanches e Refeições"]),
        ("Despesas Comerciais", ["Publicidade e Propaganda", "Marketing Digital", "Brindes", "Fretes e Carretos",
                                 "Embalagens", "Taxas de Marketplace", "Eventos e Feiras", "Representação Comercial"]),
        ("Custos dos Produtos e Serviços", ["Compra de Mercadorias", "Matéria-prima", "Insumos de Produção",
                                           "Serviços de Terceiros", "Frete sobre Compras",
                                           "Manutenção de Equipamentos", "Gás de Cozinha", "Peças e Componentes"]),
        ("Impostos e Taxas", ["Simples Nacional (DAS)", "ICMS", "ISS", "PIS", "COFINS", "IRPJ", "CSLL", "IPI",
                              "Taxa de Alvará", "IPVA", "Licenciamento de Veículos", "Taxas Municipais"]),
        ("Despesas Financeiras", ["Tarifas Bancárias", "Juros Pagos", "Multas Pagas", "IOF",
                                  "Taxas de Cartão de Crédito", "Antecipação de Recebíveis", "Descontos Concedidos",
                                  "Tarifa de Boleto", "Tarifa Pix"]),
        ("Veículos", ["Combustível", "Manutenção de Veículos", "Estacionamento e Pedágio", "Seguro de Veículos",
                      "Multas de Trânsito"]),
        ("Investimentos", ["Compra de Equipamentos", "Móveis e Utensílios", "Obras e Reformas",
                           "Computadores e Periféricos", "Aquisição de Veículos"]),
        ("Empréstimos e Financiamentos", ["Pagamento de Empréstimos", "Parcelas de Financiamento", "Consórcios",
                                          "Juros de Empréstimos"]),
        ("Retiradas dos Sócios", ["Distribuição de Lucros", "Retirada de Sócios"]),
    ],
}
DRE = {"RECEITA": "RECEITAS_OPERACIONAIS", "DESPESA": "DESPESAS_OPERACIONAIS"}


@dataclass(frozen=True)
class DemoPerson:
    nome: str
    tipo: str  # Física | Jurídica
    email: str
    telefone: str
    perfis: tuple[str, ...]
    nome_fantasia: str | None = None
    ativo: bool = True


@dataclass(frozen=True)
class DemoCompany:
    razao_social: str
    nome_fantasia: str
    email: str
    data_fundacao: date
    login_email: str
    password: str
    cidade: str
    estado: str
    bairros: tuple[str, ...]
    ruas: tuple[str, ...]
    cost_centers: tuple[tuple[str, str, bool], ...]          # nome, código, ativo
    accounts: tuple[tuple[str, str, str, bool, bool], ...]   # nome, tipo, banco, padrão, ativo
    products: tuple[tuple[str, str, str, str, bool], ...]    # nome, SKU, preço, custo, ativo
    services: tuple[tuple[str, str, str, str, bool], ...]    # descrição, código, preço, custo, ativo
    sellers: tuple[str, ...]
    people: tuple[DemoPerson, ...]
    sale_category: str
    expenses: tuple[tuple[str, str, str, str], ...]          # descrição, categoria, valor, fornecedor
    contract: tuple[str, str, str]                           # cliente, item, quantidade


PADARIA = DemoCompany(
    razao_social="Padaria Aurora Ltda", nome_fantasia="Padaria Aurora", email="contato@padariaaurora.com.br",
    data_fundacao=date(2012, 3, 14), login_email="ana@padariaaurora.com.br", password="aurora123",
    cidade="São Paulo", estado="SP", bairros=("Vila Mariana", "Moema", "Saúde", "Ipiranga", "Aclimação"),
    ruas=("Rua Domingos de Morais", "Rua Vergueiro", "Avenida Jabaquara", "Rua Santa Cruz", "Rua Loefgren"),
    cost_centers=(("Loja Vila Mariana", "CC-01", True), ("Produção", "CC-02", True), ("Delivery", "CC-03", True),
                  ("Administrativo", "CC-04", True), ("Eventos", "CC-05", False)),
    accounts=(("Conta Corrente Itaú", "CONTA_CORRENTE", "ITAU", True, True),
              ("Caixa da Loja", "CAIXINHA", "NAO_BANCO", False, True),
              ("Maquininha Stone", "MEIOS_RECEBIMENTO", "STONE", False, True),
              ("Poupança Caixa", "POUPANCA", "CAIXA_ECONOMICA", False, False)),
    products=(("Pão Francês (kg)", "PF-KG", "18.90", "7.20", True),
              ("Pão de Queijo Congelado 1kg", "PQ-1KG", "42.00", "21.50", True),
              ("Bolo de Cenoura com Chocolate", "BL-CEN", "38.00", "14.00", True),
              ("Croissant de Presunto e Queijo", "CR-PQ", "9.50", "3.80", True),
              ("Sonho de Creme", "SN-CRM", "7.00", "2.40", True),
              ("Café Torrado Aurora 500g", "CF-500", "29.90", "16.00", True),
              ("Torta de Frango (fatia)", "TF-FAT", "12.50", "4.90", True),
              ("Rosca de Coco", "RS-COC", "16.00", "6.00", True),
              ("Biscoito Amanteigado 300g", "BS-300", "19.90", "8.50", True),
              ("Baguete Tradicional", "BG-TRD", "11.00", "3.50", True),
              ("Panetone Artesanal 750g", "PN-750", "59.90", "24.00", False),
              ("Broa de Milho", "BR-MIL", "6.50", "2.10", False)),
    services=(("Encomenda de Bolo Personalizado", "SRV-BOLO", "180.00", "70.00", True),
              ("Coffee Break Empresarial (por pessoa)", "SRV-CB", "35.00", "14.00", True),
              ("Entrega em Domicílio", "SRV-ENT", "8.00", "3.00", True),
              ("Aula de Panificação", "SRV-AULA", "250.00", "90.00", False)),
    sellers=("Ana Beatriz Souza", "Carlos Eduardo Lima", "Juliana Ferreira"),
    people=(DemoPerson("Maria Aparecida dos Santos", "Física", "maria.santos@gmail.com", "(11) 98765-4321", ("Cliente",)),
            DemoPerson("José Carlos Oliveira", "Física", "jose.oliveira@hotmail.com", "(11) 97654-3210", ("Cliente",)),
            DemoPerson("Fernanda Ribeiro Costa", "Física", "fernanda.costa@yahoo.com.br", "(11) 99123-4567", ("Cliente",)),
            DemoPerson("Café Bom Dia Ltda", "Jurídica", "compras@cafebomdia.com.br", "(11) 3456-7890", ("Cliente",),
                       "Café Bom Dia"),
            DemoPerson("Escola Pequeno Príncipe Ltda", "Jurídica", "financeiro@pequenoprincipe.edu.br",
                       "(11) 3322-1100", ("Cliente",), "Escola Pequeno Príncipe"),
            DemoPerson("Hotel Ipiranga Ltda", "Jurídica", "compras@hotelipiranga.com.br", "(11) 2215-9900",
                       ("Cliente",), "Hotel Ipiranga", ativo=False),
            DemoPerson("Moinho Paulista Farinhas Ltda", "Jurídica", "vendas@moinhopaulista.com.br", "(11) 4002-8922",
                       ("Fornecedor",), "Moinho Paulista"),
            DemoPerson("Laticínios Serra Azul Ltda", "Jurídica", "pedidos@serraazul.com.br", "(35) 3221-4455",
                       ("Fornecedor",), "Laticínios Serra Azul"),
            DemoPerson("Embalagens Nova Era Ltda", "Jurídica", "comercial@novaera.com.br", "(11) 2688-1234",
                       ("Fornecedor",), "Nova Era Embalagens"),
            DemoPerson("Cooperativa Agrícola Vale Verde", "Jurídica", "coop@valeverde.coop.br", "(19) 3433-7788",
                       ("Cliente", "Fornecedor"), "Vale Verde")),
    sale_category="Vendas de Mercadorias",
    expenses=(("Aluguel da loja", "Aluguel", "6500.00", "Cooperativa Agrícola Vale Verde"),
              ("Farinha de trigo - 40 sacos", "Matéria-prima", "5280.00", "Moinho Paulista Farinhas Ltda"),
              ("Leite e manteiga", "Matéria-prima", "1890.40", "Laticínios Serra Azul Ltda"),
              ("Embalagens para delivery", "Embalagens", "742.15", "Embalagens Nova Era Ltda")),
    contract=("Café Bom Dia Ltda", "Pão Francês (kg)", "60"),
)

OFICINA = DemoCompany(
    razao_social="Oficina Ipê Ltda", nome_fantasia="Oficina Ipê", email="contato@oficinaipe.com.br",
    data_fundacao=date(2016, 8, 2), login_email="joao@oficinaipe.com.br", password="ipe123",
    cidade="Curitiba", estado="PR", bairros=("Batel", "Água Verde", "Portão", "Rebouças", "Centro"),
    ruas=("Rua XV de Novembro", "Avenida Sete de Setembro", "Rua Marechal Deodoro", "Avenida República Argentina"),
    cost_centers=(("Mecânica", "M-01", True), ("Funilaria e Pintura", "F-01", True), ("Administrativo", "A-01", True),
                  ("Lavagem", "L-01", False)),
    accounts=(("Conta Corrente Banco do Brasil", "CONTA_CORRENTE", "BANCO_BRASIL", True, True),
              ("Caixinha da Oficina", "CAIXINHA", "NAO_BANCO", False, True),
              ("Conta PJ Nubank", "CONTA_CORRENTE", "NUBANK", False, True)),
    products=(("Óleo Motor 5W30 Sintético 1L", "OL-5W30", "54.90", "31.00", True),
              ("Filtro de Óleo", "FO-001", "32.00", "14.50", True),
              ("Pastilha de Freio Dianteira", "PF-D01", "189.00", "92.00", True),
              ("Disco de Freio Ventilado", "DF-V01", "320.00", "170.00", True),
              ("Correia Dentada", "CD-001", "145.00", "70.00", True),
              ("Bateria 60Ah", "BT-60", "549.00", "380.00", True),
              ("Lâmpada H4", "LP-H4", "29.90", "11.00", True),
              ("Fluido de Freio DOT 4", "FF-D4", "36.00", "17.00", True),
              ("Aditivo de Radiador 1L", "AR-1L", "27.50", "12.00", True),
              ("Amortecedor Dianteiro", "AM-D01", "410.00", "250.00", False),
              ("Vela de Ignição Iridium", "VI-IR", "89.00", "45.00", False)),
    services=(("Troca de Óleo", "SRV-OLEO", "80.00", "20.00", True),
              ("Alinhamento e Balanceamento", "SRV-AB", "120.00", "35.00", True),
              ("Revisão Completa", "SRV-REV", "450.00", "150.00", True),
              ("Diagnóstico Eletrônico", "SRV-DIAG", "150.00", "30.00", True),
              ("Funilaria (hora)", "SRV-FUN", "180.00", "60.00", True),
              ("Higienização de Ar-condicionado", "SRV-AC", "140.00", "40.00", False)),
    sellers=("João Pereira", "Marcos Antônio Silva"),
    people=(DemoPerson("Roberto Almeida", "Física", "roberto.almeida@gmail.com", "(41) 99876-5432", ("Cliente",)),
            DemoPerson("Patrícia Gomes", "Física", "patricia.gomes@outlook.com", "(41) 98811-2233", ("Cliente",)),
            DemoPerson("Transportadora Rápido Sul Ltda", "Jurídica", "frota@rapidosul.com.br", "(41) 3025-6677",
                       ("Cliente",), "Rápido Sul"),
            DemoPerson("Locadora Estrela Ltda", "Jurídica", "manutencao@locadoraestrela.com.br", "(41) 3344-5566",
                       ("Cliente",), "Locadora Estrela"),
            DemoPerson("Auto Peças Brasil Ltda", "Jurídica", "vendas@autopecasbrasil.com.br", "(41) 3232-1010",
                       ("Fornecedor",), "Auto Peças Brasil"),
            DemoPerson("Lubrificantes Central Ltda", "Jurídica", "pedidos@lubcentral.com.br", "(41) 3077-8080",
                       ("Fornecedor",), "Lubrificantes Central"),
            DemoPerson("Tintas Automotivas Arco-Íris Ltda", "Jurídica", "vendas@arcoiristintas.com.br",
                       "(41) 3366-9090", ("Fornecedor",), "Arco-Íris Tintas")),
    sale_category="Serviços Prestados",
    expenses=(("Aluguel do galpão", "Aluguel", "8200.00", "Auto Peças Brasil Ltda"),
              ("Compra de peças de freio", "Peças e Componentes", "3120.00", "Auto Peças Brasil Ltda"),
              ("Óleo e lubrificantes", "Compra de Mercadorias", "2470.80", "Lubrificantes Central Ltda"),
              ("Tintas e vernizes", "Insumos de Produção", "1365.90", "Tintas Automotivas Arco-Íris Ltda")),
    contract=("Locadora Estrela Ltda", "Revisão Completa", "2"),
)

DEMO_COMPANIES = (PADARIA, OFICINA)

FIRST_NAMES = ("Ana", "Bruno", "Carla", "Daniel", "Eduarda", "Felipe", "Gabriela", "Henrique", "Isabela", "João",
               "Karina", "Lucas", "Mariana", "Nicolas", "Otávio", "Paula", "Rafael", "Sofia", "Thiago", "Vitória",
               "Letícia", "Caio", "Beatriz", "Gustavo", "Luíza", "Matheus", "Júlia", "André", "Cecília", "Vinícius")
LAST_NAMES = ("Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
              "Costa", "Ribeiro", "Martins", "Carvalho", "Araújo", "Melo", "Barbosa", "Rocha", "Dias", "Nascimento",
              "Conceição", "Moreira", "Brandão", "Magalhães", "Assunção")
BUSINESS_WORDS = ("Comércio", "Distribuidora", "Mercearia", "Restaurante", "Lanchonete", "Hotel", "Padaria",
                  "Construtora", "Transportes", "Papelaria", "Farmácia", "Empório", "Açougue", "Café")
BUSINESS_NAMES = ("Boa Vista", "São Jorge", "Primavera", "Horizonte", "Estrela", "Bela Vista", "Jardim", "Paraíso",
                  "Santa Luzia", "Nossa Senhora", "Ipê Amarelo", "Sol Nascente", "Três Irmãos", "Pinheiros")
PRODUCT_WORDS = ("Bolo", "Torta", "Pão", "Biscoito", "Doce", "Salgado", "Geleia", "Café", "Chá", "Suco")
PRODUCT_FLAVOURS = ("de Laranja", "de Chocolate", "de Coco", "Integral", "de Fubá", "de Morango", "de Maracujá",
                    "de Limão", "Caseiro", "de Goiabada", "de Banana", "de Milho")
SERVICE_WORDS = ("Consultoria", "Manutenção", "Instalação", "Treinamento", "Entrega", "Montagem", "Limpeza")
SERVICE_OBJECTS = ("de Equipamentos", "Técnica", "Expressa", "Mensal", "de Vitrine", "de Cozinha", "Especial")
