"""The resource groups hanging off a `ContaAzul` client."""
from .base import is_active
from .catalog import Products, Services
from .contracts import Contracts
from .financial import Installments, Payables, Receivables
from .lookups import Categories, Company, CostCenters, FinancialAccounts
from .people import People
from .protocols import Protocols
from .sales import Sales

__all__ = [
    "Categories",
    "Company",
    "Contracts",
    "CostCenters",
    "FinancialAccounts",
    "Installments",
    "Payables",
    "People",
    "Products",
    "Protocols",
    "Receivables",
    "Sales",
    "Services",
    "is_active",
]
