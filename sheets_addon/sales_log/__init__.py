"""The sales log flow kind: which Conta Azul sales become rows, in which columns.

- `columns`: the predefined Portuguese columns and custom ones (any field path of a sale);
- `filters`: status (in the words of Conta Azul's help page), value range and seller;
- `spec`: checks a sales log's part of a flow description.
The poll itself is `sheets_addon.sync.sales_to_sheet`.
"""
from .columns import LogColumn, PREDEFINED_COLUMNS, resolve_columns
from .filters import STATUS_SITUATIONS, SaleFilter
from .spec import SALES_LOG, SalesLogOptions

__all__ = ["LogColumn", "PREDEFINED_COLUMNS", "resolve_columns", "STATUS_SITUATIONS", "SaleFilter",
           "SALES_LOG", "SalesLogOptions"]
