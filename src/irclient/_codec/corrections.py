"""Responses that lack members the model calls required: Smithy's client error correction.

AWS's own developer guide prints Describe outputs without ``RoleArn`` and with
``EndpointPerformances[]`` entries without ``EndpointInfo``; raw boto3 reads them, so
irclient must too. As Smithy's "client error correction" says (and AWS's newer SDKs do),
each missing required member keeps its declared type and gets that type's zero value:

==========================  ===================================================
type                        zero value
==========================  ===================================================
string (and every enum)     ``""`` (for an enum: a value it does not know)
integer, long               ``0``
float, double               ``0.0``
boolean                     ``False``
timestamp                   ``1970-01-01T00:00:00+00:00`` (the epoch, aware)
list                        ``()``
structure                   an empty structure, its own required members corrected
==========================  ===================================================

Each corrected model records the attribute names it got this way (:func:`corrections`
lists them for a whole response), and one warning is logged per response naming the
operation and every corrected member. Nothing is retried: resending cannot make AWS send
what it does not have.

This is the one place responses are corrected. :func:`correct` takes an ``accept`` test so a
member that is present but unusable can be corrected the same way.
"""

from __future__ import annotations

import datetime
import logging
import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..models import _base, _specs

__all__ = ["MARK", "EPOCH", "correct", "corrections", "record", "unknown_members", "zero_value"]

logger = logging.getLogger("irclient")

MARK = "\x00irclient:corrected"
"""Key :func:`correct` adds to a wire mapping it filled: the attribute names it filled.

No wire name can collide with it; the response converter moves it onto the model.
"""

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
"""The zero value of a timestamp."""

Accept = Callable[[_base.TypeSpec, Any], bool]
"""Whether a present member's value is usable as it is (else it is corrected too)."""


def zero_value(spec: _base.TypeSpec) -> Any:
    """The wire-form zero value of a member of type ``spec`` (see the module's table)."""
    kind = spec.kind
    if kind == "string":
        return ""
    if kind in ("integer", "long"):
        return 0
    if kind in ("float", "double"):
        return 0.0
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return EPOCH
    if kind == "list":
        return []
    if kind == "map":
        return {}
    if kind == "structure":
        return {}
    raise NotImplementedError(f"no zero value for {kind} ({spec.shape})")  # pragma: no cover


def correct(
    data: Mapping[str, Any], cls: type[_base.Shape], *, accept: Accept | None = None
) -> tuple[dict[str, Any], list[str]]:
    """A copy of ``data`` with every missing required member given its zero value.

    Args:
        data: A response's wire form.
        cls: Its model class.
        accept: Optional test of present members; a required member it refuses is
            corrected as if it were missing.

    Returns:
        The corrected copy (each filled mapping marked with :data:`MARK`) and the attribute
        paths that were filled, from the response root.
    """
    paths: list[str] = []
    return _structure(data, cls, "", paths, accept), paths


def _structure(
    data: Mapping[str, Any],
    cls: type[_base.Shape],
    path: str,
    paths: list[str],
    accept: Accept | None,
) -> dict[str, Any]:
    out = dict(data)
    filled: list[str] = []
    for field in _specs.SPECS[cls]:
        where = f"{path}.{field.name}" if path else field.name
        value = out.get(field.wire)
        missing = value is None or (accept is not None and not accept(field.type, value))
        if field.required and missing:
            value = out[field.wire] = zero_value(field.type)
            filled.append(field.name)
            paths.append(where)
        if value is not None:
            out[field.wire] = _value(field.type, value, where, paths, accept)
    if filled:
        out[MARK] = frozenset(filled)
    return out


def _value(
    spec: _base.TypeSpec, value: Any, path: str, paths: list[str], accept: Accept | None
) -> Any:
    if spec.kind == "structure" and spec.structure is not None and isinstance(value, Mapping):
        return _structure(value, spec.structure, path, paths, accept)
    if spec.kind == "map" and spec.value is not None and isinstance(value, Mapping):
        return {
            key: _value(spec.value, item, f"{path}[{key!r}]", paths, accept)
            for key, item in value.items()
        }
    if spec.kind == "list" and spec.member is not None and isinstance(value, list | tuple):
        return [
            _value(spec.member, item, f"{path}[{index}]", paths, accept)
            for index, item in enumerate(value)
        ]
    return value


def record(operation: str, paths: list[str]) -> None:
    """Log the one warning of a corrected response."""
    logger.warning(
        "%s: the response lacks %d member%s the service model calls required (%s); each got "
        "its type's zero value (see irclient.corrections)",
        operation,
        len(paths),
        "" if len(paths) == 1 else "s",
        ", ".join(paths),
    )


# --------------------------------------------------------------------------- public


def corrections(model: _base.Shape) -> tuple[str, ...]:
    """The members of a response that AWS left out and irclient filled with zero values.

    Args:
        model: A response model (or any model nested in one).

    Returns:
        The attribute paths from ``model`` (``("role_arn",
        "endpoint_performances[0].endpoint_info")``), empty when nothing was corrected.
    """
    return tuple(_walk(model, ""))


def _walk(model: Any, path: str) -> Iterator[str]:
    prefix = f"{path}." if path else ""
    corrected = getattr(model, "_corrected_members", None) or ()
    for field in _specs.SPECS.get(type(model), ()):
        if field.name in corrected:
            yield prefix + field.name
        value = getattr(model, field.name, None)
        if isinstance(value, _base.Shape):
            yield from _walk(value, prefix + field.name)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, _base.Shape):
                    yield from _walk(item, f"{prefix}{field.name}[{index}]")


def unknown_members(model: _base.Shape) -> Mapping[str, Any]:
    """The members a response carried that this version of irclient's models does not know.

    A newer botocore (or the service itself) may send members the generated models lack;
    they are kept, by wire name, with the values as they arrived, and ``to_dict`` gives them
    back.

    Args:
        model: A model parsed from a response.

    Returns:
        A read-only mapping of wire name to value; empty when there are none.
    """
    unknown = getattr(model, "_unknown_members", None)
    return types.MappingProxyType(unknown or {})
