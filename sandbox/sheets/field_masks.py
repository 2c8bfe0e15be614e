"""Google's FieldMask, as batchUpdate requests carry it in `fields`: which fields to change.

`a.b,c`, `a/b` and `a(b,c)` are all understood; `*` selects every field.
"""
from __future__ import annotations

from .errors import invalid_argument


def mask_of(body: dict, where: str) -> set[str]:
    """The request's `fields` as dotted paths; refused when none is given, as Google does."""
    fields = body.get("fields")
    if not isinstance(fields, str) or not fields.strip():
        raise invalid_argument(f"Invalid {where}: At least one field must be updated, but none were specified.")
    paths, stack, name = set(), [""], ""
    for char in fields.replace("/", ".") + ",":
        if char == "(":
            stack.append(stack[-1] + name.strip() + ".")
            name = ""
        elif char in ",)":
            if name.strip():
                paths.add(stack[-1] + name.strip())
            if char == ")" and len(stack) > 1:
                stack.pop()
            name = ""
        else:
            name += char
    return paths


def covers(mask: set[str], path: str) -> bool:
    """Whether a field mask selects `path` (itself, a parent of it, or `*`)."""
    parts = path.split(".")
    return "*" in mask or any(".".join(parts[:n]) in mask for n in range(1, len(parts) + 1))
