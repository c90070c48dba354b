"""Checking a workload document against the pinned schema with ``jsonschema``.

The schema ships beside this module (:data:`SCHEMA_FILE`); the rules are the schema's, applied
by ``jsonschema``'s Draft 2020-12 validator, and this module only turns each error into an
irclient :class:`~irclient.errors.Violation` with a path. ``jsonschema`` and PyYAML are
imported on first use, so importing irclient does not pay for them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

from .._utils.format import json_kind, short_repr
from ..errors import ValidationError, Violation

__all__ = [
    "AIPERF_VERSION",
    "SCHEMA_FILE",
    "document_violations",
    "inline_violations",
    "load_document",
    "schema",
]

AIPERF_VERSION = "0.12.0"
"""The AIPerf release the service runs, which the schema is pinned to."""

SCHEMA_FILE = f"aiperf-{AIPERF_VERSION}-workload.schema.json"
"""The schema's file name inside this package."""

_CONSTRAINTS = {
    "required": "required",
    "minimum": "min",
    "exclusiveMinimum": "min",
    "maximum": "max",
    "exclusiveMaximum": "max",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_length",
    "maxItems": "max_length",
    "pattern": "pattern",
    "enum": "enum",
    "const": "enum",
    "type": "type",
    "additionalProperties": "unknown_key",
    "propertyNames": "pattern",
}

# Where a value is a secret, a violation never repeats it.
_SECRET_ROOT = "secrets"


@functools.cache
def schema() -> dict[str, Any]:
    """The pinned schema, loaded once from the package data."""
    from importlib import resources

    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.cache
def _validator() -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


def _path(prefix: str, parts: Iterable[Any]) -> str:
    out = prefix
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _leaves(error: Any) -> list[Any]:
    """The errors to report for one failure.

    A failed ``anyOf`` whose schema states a rule (a description) is reported as that rule.
    Otherwise the branch closest to the value is reported: one whose type matched (so
    ``concurrency: [0]`` is "``concurrency[0]`` must be >= 1", not "must be an integer").
    """
    if error.validator in ("anyOf", "oneOf") and error.context:
        if isinstance(error.schema, Mapping) and error.schema.get("description"):
            return [error]
        typed = [e for e in error.context if e.validator != "type"] or list(error.context)
        deepest = max(typed, key=lambda e: len(e.absolute_path))
        return _leaves(deepest)
    return [error]


def _message(error: Any, secret: bool) -> str:
    keyword = error.validator
    where = _path("", error.absolute_path) or "the document"
    if secret and keyword in ("pattern", "type"):
        # Never echo a secret: a plaintext token given by mistake would land in a log.
        return (
            f"{where} must be the ARN of an AWS Secrets Manager secret "
            "(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME), never the secret itself; "
            "the value is not shown"
        )
    value = error.instance
    if keyword == "required":
        return f"{where}: {error.message}"
    if keyword == "additionalProperties":
        return f"{where}: {error.message} (the schema allows no other keys here)"
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        sign = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}
        return f"{where} is {short_repr(value)}; it must be {sign[keyword]} {error.validator_value}"
    if keyword == "type":
        return f"{where} is {json_kind(value)}; it must be of type {error.validator_value}"
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        return f"{where} is {short_repr(value)}; it must be one of {', '.join(map(repr, allowed))}"
    description = error.schema.get("description") if isinstance(error.schema, Mapping) else None
    if keyword == "pattern" and "propertyNames" in error.relative_schema_path:
        return f"{where}: the key {short_repr(value)} does not match {error.validator_value}"
    if keyword == "pattern":
        rule = f" ({description})" if description else ""
        return f"{where} is {short_repr(value)}; it must match {error.validator_value}{rule}"
    if description:
        return f"{where}: {description or error.message}"
    return (
        f"{where}: {short_repr(value)} breaks the schema's {keyword!r} rule ({error.message[:120]})"
    )


def document_violations(doc: Any, *, prefix: str) -> list[Violation]:
    """Every way ``doc`` breaks the schema, each a :class:`Violation` under ``prefix``."""
    out: list[Violation] = []
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    for top in errors:
        for error in _leaves(top):
            parts = list(error.absolute_path)
            secret = bool(parts) and parts[0] == _SECRET_ROOT
            if error.validator == "required" and isinstance(error.instance, Mapping):
                missing = error.message.split("'")[1] if "'" in error.message else ""
                parts = [*parts, missing] if missing else parts
            constraint = _CONSTRAINTS.get(error.validator, f"schema:{error.validator}")
            if error.validator in ("if", "then", "not", "allOf") or (
                error.validator == "anyOf" and "then" in error.relative_schema_path
            ):
                constraint = "aiperf_rule"
            out.append(
                Violation(
                    path=_path(prefix, parts),
                    constraint=constraint,
                    message=_message(error, secret),
                )
            )
    return out


def _has_alias(text: str) -> bool:
    import yaml

    return any(
        isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader)
    )


def load_document(text: str, *, prefix: str) -> Any:
    """Parse an Inline string as JSON, or else YAML (a superset of JSON), safely.

    YAML anchors and aliases are refused: expanded, a few lines can name gigabytes.

    Raises:
        irclient.ValidationError: Neither parses, or the top level is not a mapping.
    """
    where = prefix or "<inline>"
    if not isinstance(text, str):
        raise ValidationError(
            [
                Violation(
                    path=where,
                    constraint="type",
                    message=f"Inline is {json_kind(text)}; it must be a string",
                )
            ]
        )
    try:
        doc = json.loads(text)
    except ValueError:
        import yaml

        try:
            if _has_alias(text):
                raise ValidationError(
                    [
                        Violation(
                            path=where,
                            constraint="format",
                            message="Inline YAML uses anchors or aliases (not expanded)",
                        )
                    ]
                )
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise ValidationError(
                [
                    Violation(
                        path=where,
                        constraint="format",
                        message=f"Inline is neither JSON nor YAML: {problem}{at}",
                    )
                ]
            ) from None
    if not isinstance(doc, Mapping):
        kind = json_kind(doc) if text.strip() else "an empty document"
        raise ValidationError(
            [
                Violation(
                    path=where,
                    constraint="type",
                    message=f"Inline holds {kind}; it must hold a mapping",
                )
            ]
        )
    return doc


def inline_violations(
    text: Any, *, prefix: str = "ai_workload_configs.workload_spec.inline"
) -> list[Violation]:
    """Every way an Inline string breaks the schema (a parse failure is one violation).

    Args:
        text: The ``WorkloadSpec.Inline`` string.
        prefix: The path of the string in its request, put before each violation's path.
    """
    try:
        doc = load_document(text, prefix=prefix)
    except ValidationError as exc:
        return list(exc.violations)
    return document_violations(doc, prefix=prefix)
