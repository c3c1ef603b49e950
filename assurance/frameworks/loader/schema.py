"""JSON Schema validation, with jsonschema's messages turned into plain
English that names the field and says what it should be."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.validators import extend

from .problems import format_path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping of fields",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


# JSON Schema counts 3.0 as an integer; a level value or number written as a
# decimal is more likely a mistake, so only true whole numbers pass.
_StrictValidator = extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool)
    ),
)


@cache
def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return _StrictValidator(schema, format_checker=FormatChecker())


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


def _quote(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _type_message(error: SchemaError) -> str:
    expected = error.validator_value
    names = [
        _TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])
    ]
    message = f"must be {' or '.join(names)}, not {describe(error.instance)}"
    if "string" in expected and isinstance(error.instance, int | float):
        message += " (put it in quotes)"
    return message


def _branch_errors(error: SchemaError) -> list[SchemaError] | None:
    """For anyOf/oneOf: the errors of the one branch whose type matches the
    value (a scale given as a mapping is checked as a scale), if there is one."""
    branches: dict[int, list[SchemaError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    plausible = [
        errors
        for errors in branches.values()
        if not any(e.validator in ("type", "const") and not e.relative_path for e in errors)
    ]
    return plausible[0] if len(plausible) == 1 else None


def _message(error: SchemaError) -> str:
    kind, value, instance = error.validator, error.validator_value, error.instance
    hint = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in instance if k not in known)
        return (
            f"{_quote(extra[0])} is not a field this format knows; check its spelling "
            f"(known fields: {', '.join(sorted(known))})"
        )
    if kind == "type":
        return _type_message(error)
    if kind == "const":
        return f"must be {_quote(value)}, not {_quote(instance)}"
    if kind == "enum":
        return f"must be one of {', '.join(map(str, value))}, not {_quote(instance)}"
    if kind == "minItems":
        return "must not be empty" if value == 1 else f"must list at least {value} items"
    if kind == "minLength":
        return "must not be empty"
    if kind == "maxLength":
        return f"is too long: at most {value} characters"
    if kind == "minimum":
        return f"must be {value} or more, not {instance}"
    if kind in ("pattern", "format"):
        what = "a valid date" if kind == "format" else "allowed here"
        return f"{_quote(instance)} is not {what}: {hint or 'check the documentation'}"
    if kind in ("anyOf", "oneOf"):
        return f"must be the word 'unscored' or a scale with levels, not {describe(instance)}"
    return error.message  # not reached with the shipped schemas


def _explain(error: SchemaError) -> list[tuple[str, str]]:
    if error.validator == "required":
        path = format_path(list(error.absolute_path))
        missing = [name for name in error.validator_value if name not in error.instance]
        return [(path, f"the required field '{name}' is missing") for name in missing]
    if error.validator in ("anyOf", "oneOf"):
        branch = _branch_errors(error)
        if branch:
            return [pair for sub in branch for pair in _explain(sub)]
    path = list(error.absolute_path)
    return [(format_path(path), _message(error))]


def _order(error: SchemaError) -> list[tuple[int, int | str]]:
    return [(0, p) if isinstance(p, int) else (1, p) for p in error.absolute_path]


def schema_problems(kind: str, doc: dict) -> list[tuple[str, str]]:
    """(path, message) for everything the schema refuses, in file order."""
    errors = sorted(validator(kind).iter_errors(doc), key=_order)
    found: list[tuple[str, str]] = []
    for error in errors:
        for pair in _explain(error):
            if pair not in found:
                found.append(pair)
    return found
