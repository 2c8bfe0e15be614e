"""Just enough of Sheets' formula language for tests: literals, cell references, arithmetic,
`&`, HYPERLINK and SUM. Anything else evaluates to the error Sheets would show (`#NAME?`,
`#VALUE!`, `#DIV/0!`, `#REF!`, `#ERROR!`). Formulas are interpreted here, never executed.

Arguments may be separated by `,` or `;` (the pt_BR way); decimals in literals use `.`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .a1 import A1Error, A1Range, parse_range
from .cells import FormulaError, NumberFormat
from .ptbr import TRUE_WORDS, format_number, parse_number

Value = float | str | bool | None
Lookup = Callable[[A1Range], list[list[tuple[Value, NumberFormat | None]]]]

NAME_ERROR, VALUE_ERROR, DIV_ERROR, REF_ERROR, PARSE_ERROR = (
    FormulaError("#NAME?"), FormulaError("#VALUE!"), FormulaError("#DIV/0!"), FormulaError("#REF!"),
    FormulaError("#ERROR!"))
_TOKEN = re.compile(r"""
    \s*(?:
      (?P<string>"(?:[^"]|"")*")
    | (?P<ref>(?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?!\s*\()
    | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
    | (?P<op>[-+*/^&(),;])
    )""", re.VERBOSE)


class _Failed(Exception):
    """Carries an error value up to the top of the evaluation."""

    def __init__(self, error: FormulaError):
        super().__init__(error)
        self.error = error


@dataclass
class Result:
    """A formula's value, and the number format it shows with (inherited from its first reference)."""

    value: Value
    format: NumberFormat | None = None


def evaluate(formula: str, lookup: Lookup) -> Result:
    """Evaluates `=…`; `lookup` answers the (value, format) grid of a referenced range."""
    try:
        tokens = _tokenize(formula[1:])
    except _Failed as failed:
        return Result(failed.error)
    parser = _Parser(tokens, lookup)
    try:
        value = parser.expression()
        if parser.peek() is not None:
            raise _Failed(PARSE_ERROR)
    except _Failed as failed:
        return Result(failed.error)
    if isinstance(value, list):
        value = VALUE_ERROR
    return Result(value, parser.first_format if isinstance(value, float) else None)


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(text):
        if not text[position:].strip():
            break
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise _Failed(PARSE_ERROR)
        kind = match.lastgroup or "op"
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent over the tokens, computing as it goes (precedence: & < +- < */ < ^ < unary)."""

    def __init__(self, tokens: list[tuple[str, str]], lookup: Lookup):
        self.tokens, self.position, self.lookup = tokens, 0, lookup
        self.first_format: NumberFormat | None = None

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, *ops: str) -> str | None:
        token = self.peek()
        if token and token[0] == "op" and token[1] in ops:
            self.position += 1
            return token[1]
        return None

    def expression(self):
        value = self.additive()
        while self.take("&"):
            value = _text(value) + _text(self.additive())
        return value

    def additive(self):
        value = self.term()
        while op := self.take("+", "-"):
            right = _number(self.term())
            value = _number(value) + right if op == "+" else _number(value) - right
        return value

    def term(self):
        value = self.power()
        while op := self.take("*", "/"):
            right = _number(self.power())
            if op == "*":
                value = _number(value) * right
            elif right == 0:
                raise _Failed(DIV_ERROR)
            else:
                value = _number(value) / right
        return value

    def power(self):
        value = self.unary()
        while self.take("^"):
            try:
                value = float(_number(value) ** _number(self.unary()))
            except (OverflowError, ZeroDivisionError, TypeError):
                raise _Failed(VALUE_ERROR) from None
        return value

    def unary(self):
        if op := self.take("-", "+"):
            value = _number(self.unary())
            return -value if op == "-" else value
        return self.primary()

    def primary(self):
        token = self.peek()
        if token is None:
            raise _Failed(PARSE_ERROR)
        self.position += 1
        kind, text = token
        if kind == "number":
            return float(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            return self.reference(text)
        if kind == "name":
            return self.name(text)
        if text == "(":
            value = self.expression()
            if not self.take(")"):
                raise _Failed(PARSE_ERROR)
            return value
        raise _Failed(PARSE_ERROR)

    def reference(self, text: str):
        try:
            grid = self.lookup(parse_range(text.replace("$", "")))
        except (A1Error, LookupError):
            raise _Failed(REF_ERROR) from None
        if self.first_format is None:
            self.first_format = next((fmt for row in grid for _, fmt in row if fmt is not None), None)
        values = [value for row in grid for value, _ in row]
        return values[0] if len(values) == 1 else values

    def name(self, text: str):
        if not self.take("("):
            if text.upper() in TRUE_WORDS:
                return TRUE_WORDS[text.upper()]
            raise _Failed(NAME_ERROR)
        arguments = self.arguments()
        function = FUNCTIONS.get(text.upper())
        if function is None:
            raise _Failed(NAME_ERROR)
        return function(arguments)

    def arguments(self) -> list:
        arguments: list = []
        if self.take(")"):
            return arguments
        while True:
            arguments.append(self.expression())
            if self.take(")"):
                return arguments
            if not self.take(",", ";"):
                raise _Failed(PARSE_ERROR)


def _single(value):
    """One plain value: a range where one value belongs is #VALUE!, an error value travels up."""
    if isinstance(value, list):
        raise _Failed(VALUE_ERROR)
    if isinstance(value, FormulaError):
        raise _Failed(value)
    return value


def _number(value) -> float:
    value = _single(value)
    if value is None or value == "":
        return 0.0
    if isinstance(value, (bool, float)):
        return float(value)
    number = parse_number(value)
    if number is None:
        raise _Failed(VALUE_ERROR)
    return number


def _text(value) -> str:
    value = _single(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return format_number(value, None)
    return value


def _hyperlink(arguments: list) -> str:
    """HYPERLINK(url; [label]) shows its label (or the url)."""
    if not 1 <= len(arguments) <= 2:
        raise _Failed(PARSE_ERROR)
    return _text(arguments[-1])


def _sum(arguments: list) -> float:
    """SUM adds numbers; text and empty cells inside ranges are skipped, as in Sheets."""
    total = 0.0
    for argument in arguments:
        if isinstance(argument, list):
            for value in argument:
                if isinstance(value, FormulaError):
                    raise _Failed(value)
                if isinstance(value, float) and not isinstance(value, bool):
                    total += value
        else:
            total += _number(argument)
    return total


FUNCTIONS: dict[str, Callable[[list], Value]] = {"HYPERLINK": _hyperlink, "HIPERLINK": _hyperlink,
                                                 "SUM": _sum, "SOMA": _sum}
