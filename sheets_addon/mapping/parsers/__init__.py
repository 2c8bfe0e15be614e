"""Brazilian parsers: one cell in, a typed value out, or a `ParseError` in Portuguese.

Every parser takes a raw cell (`str`, `int`, `float`, `bool` or `None`) and raises nothing
but `ParseError`, whatever it is given.
"""
from .address import parse_cep, parse_uf
from .choices import (Frequency, parse_boolean, parse_frequency, parse_payment_type,
                      parse_person_type, parse_sale_status)
from .contact import parse_email, parse_phone
from .dates import (format_date, parse_date, parse_date_list, parse_day_of_month,
                    parse_end_date, sheet_serial)
from .documents import Document, check_digits, parse_document
from .numbers import (Discount, format_money, parse_discount, parse_money, parse_number,
                      parse_percent, parse_quantity, parse_whole_number)
from .payments import (CASH, Installment, PaymentCondition, add_months, due_dates,
                       installment_schedule, monthly, parse_installment_count,
                       parse_payment_condition, split_amount)
from .text import parse_text

__all__ = [
    "CASH", "Discount", "Document", "Frequency", "Installment", "PaymentCondition",
    "add_months", "check_digits", "due_dates", "format_date", "format_money",
    "installment_schedule", "monthly", "parse_boolean", "parse_cep", "parse_date",
    "parse_date_list", "parse_day_of_month", "parse_discount", "parse_document",
    "parse_email", "parse_end_date", "parse_frequency", "parse_installment_count",
    "parse_money", "parse_number", "parse_payment_condition", "parse_payment_type",
    "parse_percent", "parse_person_type", "parse_phone", "parse_quantity", "parse_sale_status",
    "parse_text", "parse_uf", "parse_whole_number", "sheet_serial", "split_amount",
]
