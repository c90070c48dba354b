"""Response members of the wrong type: taken out, named in a warning, never used as they are.

botocore's parser trusts the JSON types of a body: ``"ModelLatency": "123"`` arrives as the
string ``"123"``, ``"JobName": 1.5`` as a float, ``"MaxInvocations": 1e308`` as a float no
integer column can hold, ``10**30`` as an integer beyond any 64-bit long. Used as they are,
they break irclient's helpers (HTML, DataFrames, sorting) or, worse, pass for values AWS never
meant (``"123"`` used as 123). The rule, by kind of member:

- a scalar (string, integer, long, float, double, boolean, timestamp) whose value is not of
  its declared type, or is outside its type's range (a long beyond 64 bits), is treated as
  absent;
- so is a structure that is not a JSON object and a list that is not a JSON array;
- an item of a list that does not fit the list's item type is left out of the list (a
  ``null`` item is not taken for one: it is refused, as a body that does not fit).

"Absent" then means what it means for any member AWS leaves out: an optional member is
unset (``None``); a required one is corrected or refused as the response rules say. Every
member taken out is named in one warning per response (the operation and the paths), so
nothing is silently coerced or dropped.

What botocore's own parser cannot read (a string where a structure belongs, a timestamp out
of range) never reaches this module: the call raises :class:`irclient.MalformedResponseError`
naming the member (see ``irclient._codec.parse_faults``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from .._utils.format import read_timestamp
from ..models import _base, _specs

__all__ = ["fits", "remove_misfits"]

logger = logging.getLogger("irclient")

_LONG = 2**63


def fits(spec: _base.TypeSpec, value: Any) -> bool:
    """Whether a present member's ``value`` is of ``spec``'s type (containers: their kind)."""
    kind = spec.kind
    if kind == "string":
        return isinstance(value, str)
    if kind in ("integer", "long"):
        return type(value) is int and -_LONG <= value < _LONG
    if kind in ("float", "double"):
        if type(value) is float:
            return True
        # An integer is a number too, while a float can hold it.
        return type(value) is int and abs(value) <= 1.7976931348623157e308
    if kind == "boolean":
        return type(value) is bool
    if kind == "timestamp":
        return _timestamp(value)
    if kind == "structure":
        return isinstance(value, Mapping)
    if kind == "list":
        return isinstance(value, list | tuple)
    if kind == "map":
        return isinstance(value, Mapping)
    return True  # pragma: no cover - every kind of the model is above


def _timestamp(value: Any) -> bool:
    # boto3 gives datetimes; raw JSON (a file, a recorded response) gives ISO 8601 text or
    # epoch seconds, which the response converter reads, when they name a real time.
    try:
        read_timestamp(value)
    except (TypeError, ValueError):
        return False
    return True


def remove_misfits(
    data: Mapping[str, Any], cls: type[_base.Shape], operation: str | None = None
) -> Mapping[str, Any]:
    """``data`` without the members and items that do not fit their declared types.

    Returns ``data`` itself when everything fits (the common case: one pass, no copy), else a
    copy without the misfits, after logging one warning that names them.
    """
    removed: list[str] = []
    cleaned = _structure(data, cls, "", removed)
    if not removed:
        return data
    logger.warning(
        "%s: the response's %s did not fit the service model and %s left out: %s",
        operation or cls.__name__,
        "member" if len(removed) == 1 else f"{len(removed)} members",
        "was" if len(removed) == 1 else "were",
        ", ".join(removed[:10]) + (f", and {len(removed) - 10} more" if len(removed) > 10 else ""),
    )
    return cleaned


def _structure(
    data: Mapping[str, Any], cls: type[_base.Shape], path: str, removed: list[str]
) -> Mapping[str, Any]:
    out: dict[str, Any] | None = None
    for field in _specs.SPECS[cls]:
        value = data.get(field.wire)
        if value is None:
            continue
        where = f"{path}.{field.wire}" if path else field.wire
        if not fits(field.type, value):
            new: Any = _ABSENT
            removed.append(where)
        else:
            new = _inner(field.type, value, where, removed)
        if new is not value:
            if out is None:
                out = dict(data)
            if new is _ABSENT:
                del out[field.wire]
            else:
                out[field.wire] = new
    return data if out is None else out


_ABSENT = object()


def _inner(spec: _base.TypeSpec, value: Any, path: str, removed: list[str]) -> Any:
    if spec.kind == "structure" and spec.structure is not None:
        return _structure(value, spec.structure, path, removed)
    if spec.kind == "map" and spec.key is not None and spec.value is not None:
        return _map(spec.key, spec.value, value, path, removed)
    if spec.kind == "list" and spec.member is not None:
        items: list[Any] | None = None
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            new = item
            # A null item is left to the response rules (it is refused as not fitting).
            if item is None:
                pass
            elif not fits(spec.member, item):
                new = _ABSENT
                removed.append(where)
            else:
                new = _inner(spec.member, item, where, removed)
            if new is not item and items is None:
                items = list(value[:index])
            if items is not None and new is not _ABSENT:
                items.append(new)
        return value if items is None else items
    return value


def _map(
    key_spec: _base.TypeSpec,
    value_spec: _base.TypeSpec,
    value: Mapping[Any, Any],
    path: str,
    removed: list[str],
) -> Any:
    """A map without the entries whose key or value does not fit (``value`` if none)."""
    out: dict[Any, Any] | None = None
    for key, item in value.items():
        where = f"{path}[{key!r}]"
        new = item
        if not fits(key_spec, key) or (item is not None and not fits(value_spec, item)):
            new = _ABSENT
            removed.append(where)
        elif item is not None:
            new = _inner(value_spec, item, where, removed)
        if new is not item and out is None:
            out = dict(value)
        if out is not None:
            if new is _ABSENT:
                del out[key]
            else:
                out[key] = new
    return value if out is None else out
