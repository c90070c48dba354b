"""AWS-style ``ValidationException`` messages from irclient's own violations.

irclient's validator reports Python attribute paths (``input_config.endpoint_configurations[0]
.serverless_config.memory_size_in_mb``) and its own wording. AWS reports member paths in
lowerCamelCase with 1-based ``.N.member`` list steps (``inputConfig.endpointConfigurations.1
.member.serverlessConfig.memorySizeInMB``) and fixed phrases, all in one message::

    2 validation errors detected: Value 'bad name' at 'jobName' failed to satisfy constraint:
    Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}; Value null
    at 'roleArn' failed to satisfy constraint: Member must not be null
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ...errors import Violation
from ...models import _base, _specs

__all__ = ["aws_message", "aws_path"]

_TOKEN = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
_MISSING = object()


def _lower_camel(wire: str) -> str:
    return wire[:1].lower() + wire[1:]


def _walk(path: str, cls: type[_base.Shape], body: Any) -> tuple[str, _base.TypeSpec | None, Any]:
    """Follow a Python path through the specs and the wire body at once.

    Returns the AWS member path, the spec of the value at its end (None when the path leaves
    the model, as for an unknown key) and the wire value there (``_MISSING`` if absent).
    """
    parts: list[str] = []
    spec: _base.TypeSpec | None = _base.TypeSpec(
        kind="structure", shape=cls.__name__, structure=cls
    )
    value: Any = body
    for match in _TOKEN.finditer(path):
        name, index = match.group(1), match.group(2)
        if index is not None:
            parts.append(f"{int(index) + 1}.member")
            spec = spec.member if spec is not None else None
            value = (
                value[int(index)]
                if isinstance(value, list) and int(index) < len(value)
                else _MISSING
            )
            continue
        field = None
        if spec is not None and spec.structure is not None:
            field = next((f for f in _specs.SPECS[spec.structure] if f.name == name), None)
        wire = field.wire if field is not None else name
        parts.append(_lower_camel(wire))
        spec = field.type if field is not None else None
        value = value.get(wire, _MISSING) if isinstance(value, Mapping) else _MISSING
    return ".".join(parts), spec, value


def aws_path(path: str, cls: type[_base.Shape]) -> str:
    """The AWS member path of a Python attribute path of a ``cls`` request."""
    return _walk(path, cls, None)[0]


def _number(limit: float | None) -> str:
    if isinstance(limit, float) and limit.is_integer():
        return str(int(limit))
    return str(limit)


def _constraint(violation: Violation, spec: _base.TypeSpec | None) -> str:
    kind = violation.constraint
    if spec is not None:
        if kind == "required":
            return "Member must not be null"
        if kind == "min_length":
            return f"Member must have length greater than or equal to {_number(spec.min)}"
        if kind == "max_length":
            return f"Member must have length less than or equal to {_number(spec.max)}"
        if kind == "min":
            return f"Member must have value greater than or equal to {_number(spec.min)}"
        if kind == "max":
            return f"Member must have value less than or equal to {_number(spec.max)}"
        if kind == "pattern" and spec.pattern is not None:
            return f"Member must satisfy regular expression pattern: {spec.pattern}"
        if kind == "enum" and spec.enum is not None:
            return f"Member must satisfy enum value set: [{', '.join(spec.enum)}]"
    # Type errors, unknown keys and prose rules have no fixed AWS phrase: say it our way.
    return violation.message


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _show(value: Any) -> str | None:
    """A value as AWS's messages quote it; None for a structure, which they do not quote."""
    if value is _MISSING or value is None:
        return "null"
    if isinstance(value, Mapping):
        return None
    if isinstance(value, list):
        # As Java prints a list: [a, b]; a list of structures is not quoted either.
        if any(isinstance(item, Mapping | list) for item in value):
            return None
        return "'[" + ", ".join(_scalar(item) for item in value) + "]'"
    return f"'{_scalar(value)}'"


def aws_message(
    violations: Iterable[Violation], cls: type[_base.Shape], body: Mapping[str, Any]
) -> str:
    """One AWS-style message for every violation of a ``cls`` request sent as ``body``."""
    parts = []
    for violation in violations:
        member, spec, value = _walk(violation.path, cls, body)
        where = member or _lower_camel(cls.__name__)
        shown = _show(value)
        subject = f"Value {shown} at '{where}'" if shown is not None else f"'{where}'"
        parts.append(f"{subject} failed to satisfy constraint: {_constraint(violation, spec)}")
    count = len(parts)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(parts)
