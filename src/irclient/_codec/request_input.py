"""Requests from what users give (wire dicts, keyword fields), with every fault in one pass.

The strict converter in :mod:`irclient.serde` stops at conversion faults, which would hide the
constraint faults behind them. When it fails, :func:`from_wire` builds the request anyway:
models do not check their values on construction, so a member that cannot be converted stays
as it was given, next to its siblings, and :func:`irclient.validation.check` then reports
wrong types, missing members and broken constraints together. Only what the model cannot
hold is reported here: unknown keys (with what to write instead) and ``null`` values.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, TypeVar

from .._utils.format import read_timestamp
from ..errors import ValidationError, Violation
from ..models import _base, _specs

__all__ = ["from_fields", "from_wire", "resolve_fields"]

_S = TypeVar("_S", bound=_base.Shape)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# --------------------------------------------------------------------------- values


def _timestamp(value: Any) -> Any:
    # JSON has no timestamp type: ISO-8601 strings are the wire form the AWS CLI takes.
    if isinstance(value, str):
        try:
            return read_timestamp(value)
        except ValueError:
            return value  # validation reports it as a string where a datetime belongs
    return value


def _value(spec: _base.TypeSpec, value: Any, path: str, out: list[Violation]) -> Any:
    """``value`` made into what the model holds where it can be, else left as given."""
    if spec.kind == "structure" and spec.structure is not None:
        if isinstance(value, Mapping):
            return from_wire(spec.structure, value, path, out)
        return value
    if spec.kind == "list" and spec.member is not None:
        if isinstance(value, list | tuple):
            return tuple(
                _value(spec.member, item, f"{path}[{index}]", out) if item is not None else None
                for index, item in enumerate(value)
            )
        return value
    if spec.kind == "map" and spec.value is not None:
        if isinstance(value, Mapping):
            return _base.FrozenMap(
                {
                    k: _value(spec.value, item, f"{path}[{k!r}]", out) if item is not None else None
                    for k, item in value.items()
                }
            )
        return value
    if spec.kind == "timestamp":
        return _timestamp(value)
    if spec.enum is not None and isinstance(value, str) and not isinstance(value, enum.Enum):
        return spec.enum._value2member_map_.get(value, value)
    return value


# --------------------------------------------------------------------------- suggestions


def _suggest(
    key: str, fields: tuple[_base.FieldSpec, ...], *, wire: bool
) -> _base.FieldSpec | None:
    """The member a mistyped key most likely meant (``job_name`` -> ``JobName``)."""
    by_name = {f.name: f for f in fields}
    by_wire = {f.wire: f for f in fields}
    # The other naming convention, exactly or but for case: the commonest slip.
    folded = key.replace("_", "").lower()
    for field in fields:
        if folded in (field.wire.lower(), field.name.replace("_", "").lower()):
            return field
    from .._utils.suggest import nearest

    names = list(by_wire) if wire else list(by_name)
    close = nearest(key, names, limit=1)
    if close:
        return by_wire[close[0]] if wire else by_name[close[0]]
    return None


def _unknown(
    cls: type[_base.Shape], key: str, path: str, field: _base.FieldSpec | None, *, wire: bool
) -> Violation:
    where = _join(path, key)
    if field is None:
        known = ", ".join(f.wire if wire else f.name for f in _specs.SPECS[cls])
        return Violation(
            where, "unknown_key", f"{key!r} is not a member of {cls.__name__} (members: {known})"
        )
    meant = field.wire if wire else field.name
    if key.replace("_", "").lower() == meant.replace("_", "").lower():
        form = "PascalCase wire name" if wire else "snake_case attribute name"
        hint = f"write {meant!r}, its {form}"
    else:
        hint = f"did you mean {meant!r}?"
    return Violation(where, "unknown_key", f"{key!r} is not a member of {cls.__name__}; {hint}")


# --------------------------------------------------------------------------- building


_LOOKUPS: dict[tuple[type[_base.Shape], bool], dict[str, _base.FieldSpec]] = {}
"""Each class's members by key, per form: built once, as every request goes through here."""


def _lookup(cls: type[_base.Shape], wire: bool) -> dict[str, _base.FieldSpec]:
    found = _LOOKUPS.get((cls, wire))
    if found is None:
        found = {(f.wire if wire else f.name): f for f in _specs.SPECS[cls]}
        _LOOKUPS[cls, wire] = found
    return found


def _build(
    cls: type[_S],
    given: Mapping[str, Any],
    path: str,
    out: list[Violation],
    *,
    wire: bool,
) -> _S:
    fields = _specs.SPECS[cls]
    lookup = _lookup(cls, wire)
    values: dict[str, Any] = dict.fromkeys(f.name for f in fields)
    taken: set[str] = set()
    strays: list[tuple[str, Any]] = []
    for key, value in given.items():
        field = lookup.get(key) if isinstance(key, str) else None
        if field is None:
            strays.append((str(key), value))
            continue
        taken.add(field.name)
        # In keyword form None is how a member stays unset; on the wire a null is a fault.
        values[field.name] = _member(field, value, _join(path, field.name), out, quiet=not wire)
    for key, value in strays:
        field = _suggest(key, fields, wire=wire)
        out.append(_unknown(cls, key, path, field, wire=wire))
        if field is not None and field.name not in taken:
            # One mistake, one violation: the value counts for the member it was meant for,
            # so that member is neither reported missing nor left unchecked.
            taken.add(field.name)
            values[field.name] = _member(field, value, _join(path, field.name), out, quiet=True)
    return cls(**values)


def _member(
    field: _base.FieldSpec, value: Any, path: str, out: list[Violation], *, quiet: bool = False
) -> Any:
    if value is None:
        if not quiet:
            out.append(
                Violation(path, "type", f"{field.wire} is null; leave it out to leave it unset")
            )
        return None
    return _value(field.type, value, path, out)


def from_wire(cls: type[_S], data: Mapping[str, Any], path: str, out: list[Violation]) -> _S:
    """Build ``cls`` from a wire dict whatever it holds; append what the model cannot hold.

    Args:
        cls: The model class.
        data: Its wire form (PascalCase keys); nested structures as mappings or models.
        path: The attribute path of ``data`` from the request root.
        out: Where unknown keys and nulls are reported.
    """
    return _build(cls, data, path, out, wire=True)


def from_fields(cls: type[_S], fields: Mapping[str, Any], out: list[Violation]) -> _S:
    """Build ``cls`` from keyword fields (attribute names); nested members may be wire dicts."""
    return _build(cls, fields, "", out, wire=False)


def merge(found: list[Violation], checked: tuple[Violation, ...]) -> list[Violation]:
    """The building faults and the checker's, without reporting one path twice.

    A ``null`` member is also "required" to the checker, and a misspelled key was already
    reported where it was meant: the building fault says more.
    """
    reported = {v.path for v in found}
    return [*found, *(v for v in checked if v.path not in reported)]


def resolve_fields(cls: type[_S], fields: Mapping[str, Any], *, check: bool) -> _S:
    """The request of a keyword-form call: unknown or missing fields are ValidationErrors.

    Python's own ``TypeError`` (``missing 2 required keyword-only arguments``) names neither
    the wire members nor what was meant; this names both, and with ``check`` lists every
    other violation of the request in the same error.

    Args:
        cls: The request class.
        fields: The keyword arguments; nested members may be models or wire-form dicts.
        check: Also report every constraint the request breaks when a field is at fault
            (the client's ``validate`` setting).

    Raises:
        ValidationError: A field is unknown, null where it must not be, or a required one
            is missing.
    """
    out: list[Violation] = []
    request = from_fields(cls, fields, out)
    reported = {v.path for v in out}
    for field in _specs.SPECS[cls]:
        if field.required and getattr(request, field.name) is None and field.name not in reported:
            out.append(
                Violation(field.name, "required", f"{field.name} ({field.wire}) is required")
            )
    if not out:
        return request
    if check:
        from ..validation import check as check_request

        out = merge(out, check_request(request))
    raise ValidationError(out)
