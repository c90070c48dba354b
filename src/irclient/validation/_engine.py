"""The validation engine: per-class checks compiled once from the generated metadata.

The checks for a class are compiled once into a list of small closures; validating a request
walks those closures and does no reflection. The public entry points are re-exported by
:mod:`irclient.validation`.
"""

from __future__ import annotations

import datetime
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .. import rules
from .._utils.format import json_kind, short_repr
from .._utils.suggest import nearest
from ..errors import ValidationError, ValidationWarning, Violation
from ..models import _base, _specs
from ._fast import botocore_enum as _botocore_enum
from ._fast import passes
from ._patterns import LONE_SURROGATE as _LONE_SURROGATE
from ._patterns import compile_pattern

__all__ = ["advise", "check", "validate"]


# --------------------------------------------------------------------------- enums


_LISTED = 8
"""Enums with at most this many values are listed whole in a message."""


def _enum_message(wire: str, value: str, allowed: list[str], enum_name: str) -> str:
    if len(allowed) <= _LISTED:
        return f"{wire} {short_repr(value)} is not one of: {', '.join(allowed)}"
    close = nearest(value, allowed)
    if close:
        options = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
        return f"{wire} {short_repr(value)} is not a known value; did you mean {options}?"
    return f"{wire} {short_repr(value)} is not one of the {len(allowed)} values of {enum_name}"


# --------------------------------------------------------------------------- checkers


class _Found(list[Violation]):
    """The errors found so far (the list itself) and the warnings (``.warnings``)."""

    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[Violation] = []


# A checker appends the violations of ``value`` at ``path`` to ``out``.
Checker = Callable[[Any, str, _Found], None]


def _type_error(wire: str, expected: str, value: Any, path: str, out: list[Violation]) -> None:
    if wire.endswith(" item") and path.endswith("]"):
        # An item is named as the user wrote it: Tags[3], not "Tags item".
        wire = wire.removesuffix(" item") + path[path.rindex("[") :]
    out.append(Violation(path, "type", f"{wire} must be {expected}, got {json_kind(value)}"))


def _expected_structure(cls: type[_base.Shape]) -> str:
    """``an object with Key and Value (a Tag)``: the wire form first, then the model."""
    required = [f.wire for f in _specs.SPECS[cls] if f.required]
    if not required:
        return f"an object (a {cls.__name__})"
    names = required[0] if len(required) == 1 else ", ".join(required[:-1]) + " and " + required[-1]
    return f"an object with {names} (a {cls.__name__})"


def _surrogate(wire: str, value: str, path: str, out: list[Violation]) -> None:
    # A lone surrogate is half of a UTF-16 pair: no Unicode text holds one, UTF-8 cannot
    # encode it, and a job stored with one breaks whoever prints or saves it later. It
    # comes from a decoding mistake (surrogateescape), never from meaning to send it.
    found = _LONE_SURROGATE.search(value)
    assert found is not None
    out.append(
        Violation(
            path,
            "unicode",
            f"{wire} holds a lone surrogate (\\u{ord(found.group()):04x}) at index "
            f"{found.start()}, which is not Unicode text",
        )
    )


def _string_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    lo, hi, pattern, enum_cls = spec.min, spec.max, spec.pattern, spec.enum
    matcher = compile_pattern(pattern) if pattern is not None else None
    allowed = list(enum_cls._value2member_map_) if enum_cls is not None else []
    known = frozenset(allowed)
    enum_name = enum_cls.__name__ if enum_cls is not None else ""

    def check(value: Any, path: str, out: _Found) -> None:
        if not isinstance(value, str):
            _type_error(wire, "a string", value, path, out)
            return
        if not value.isascii() and _LONE_SURROGATE.search(value):
            _surrogate(wire, value, path, out)
            return
        size = len(value)
        if lo is not None and size < lo:
            out.append(
                Violation(
                    path,
                    "min_length",
                    f"{wire} {short_repr(value)} is {size} characters; the minimum length is {lo}",
                )
            )
        elif hi is not None and size > hi:
            out.append(
                Violation(
                    path,
                    "max_length",
                    f"{wire} {short_repr(value)} is {size} characters; the maximum length is {hi}",
                )
            )
        # A value of the wrong length is already refused; skipping the pattern then keeps
        # validation linear on adversarial input and reports one fault, not two.
        elif matcher is not None and not matcher(value):
            # The pattern as AWS writes it (single backslashes), not its Python repr.
            out.append(
                Violation(path, "pattern", f"{wire} {short_repr(value)} does not match {pattern}")
            )
        if enum_cls is not None and value not in known and value not in _botocore_enum(spec.shape):
            out.append(Violation(path, "enum", _enum_message(wire, value, allowed, enum_name)))

    return check


def _number_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    lo, hi = spec.min, spec.max
    integral = spec.kind in ("integer", "long")
    expected = "an integer" if integral else "a number"

    def check(value: Any, path: str, out: _Found) -> None:
        kind = type(value)
        if kind is bool or not (kind is int or (not integral and kind is float)):
            _type_error(wire, expected, value, path, out)
            return
        if lo is not None and value < lo:
            out.append(Violation(path, "min", f"{wire} is {value}; the minimum is {lo}"))
        if hi is not None and value > hi:
            out.append(Violation(path, "max", f"{wire} is {value}; the maximum is {hi}"))

    return check


def _bool_checker(wire: str) -> Checker:
    def check(value: Any, path: str, out: _Found) -> None:
        if type(value) is not bool:
            _type_error(wire, "a boolean", value, path, out)

    return check


def _timestamp_checker(wire: str) -> Checker:
    def check(value: Any, path: str, out: _Found) -> None:
        if not isinstance(value, datetime.datetime):
            _type_error(wire, "a datetime (or an ISO-8601 string)", value, path, out)
        elif value.tzinfo is None or value.utcoffset() is None:
            out.append(
                Violation(
                    path,
                    "timezone",
                    f"{wire} {value.isoformat()} has no time zone; pass an aware datetime "
                    "(for example with tzinfo=datetime.UTC)",
                )
            )

    return check


def _structure_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    cls = spec.structure
    assert cls is not None
    expected = _expected_structure(cls)

    def check(value: Any, path: str, out: _Found) -> None:
        if not isinstance(value, cls):
            _type_error(wire, expected, value, path, out)
            return
        _class_checker(cls)(value, path, out)

    return check


def _check_size(
    wire: str, size: int, noun: str, lo: float | None, hi: float | None, path: str, out: _Found
) -> None:
    """A list's or a map's length against its bounds (``noun``: ``items`` or ``entries``)."""
    if lo is not None and size < lo:
        out.append(Violation(path, "min_length", f"{wire} has {size} {noun}; the minimum is {lo}"))
    if hi is not None and size > hi:
        out.append(Violation(path, "max_length", f"{wire} has {size} {noun}; the maximum is {hi}"))


def _list_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    lo, hi = spec.min, spec.max
    assert spec.member is not None
    item = _value_checker(spec.member, f"{wire} item")

    def check(value: Any, path: str, out: _Found) -> None:
        if not isinstance(value, tuple | list):
            _type_error(wire, "a list", value, path, out)
            return
        _check_size(wire, len(value), "items", lo, hi, path, out)
        for index, element in enumerate(value):
            if element is None:
                out.append(
                    Violation(f"{path}[{index}]", "required", f"{wire} items cannot be null")
                )
            else:
                item(element, f"{path}[{index}]", out)

    return check


def _map_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    lo, hi = spec.min, spec.max
    assert spec.key is not None and spec.value is not None
    key_check = _value_checker(spec.key, f"{wire} key")
    value_check = _value_checker(spec.value, f"{wire} value")

    def check(value: Any, path: str, out: _Found) -> None:
        if not isinstance(value, Mapping):
            _type_error(wire, "an object", value, path, out)
            return
        _check_size(wire, len(value), "entries", lo, hi, path, out)
        for key, element in value.items():
            # An entry is named by its key, as the user wrote it: EnvironmentVariables['A'].
            where = f"{path}[{short_repr(key)}]"
            key_check(key, where, out)
            if element is None:
                out.append(Violation(where, "required", f"{wire} values cannot be null"))
            else:
                value_check(element, where, out)

    return check


def _value_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    if spec.kind == "string":
        return _string_checker(spec, wire)
    if spec.kind in ("integer", "long", "float", "double"):
        return _number_checker(spec, wire)
    if spec.kind == "boolean":
        return _bool_checker(wire)
    if spec.kind == "timestamp":
        return _timestamp_checker(wire)
    if spec.kind == "structure":
        return _structure_checker(spec, wire)
    if spec.kind == "list":
        return _list_checker(spec, wire)
    if spec.kind == "map":
        return _map_checker(spec, wire)
    raise NotImplementedError(f"no checker for {spec.kind} ({spec.shape})")  # pragma: no cover


# --------------------------------------------------------------------------- prose rules


def _rule_checker(rule: rules.Rule) -> Checker:
    needs = rule.needs

    def check(value: Any, path: str, out: _Found) -> None:
        if needs and any(getattr(value, attr) is None for attr in needs):
            return  # it needs a member that is unset: it can find nothing
        try:
            findings = list(rule.check(value))
        except (AttributeError, TypeError):
            # A member of the wrong type (reported on its own) got in the rule's way.
            return
        sink = out.warnings if rule.severity == "warning" else out
        for where, message in findings:
            full = ".".join(part for part in (path, where) if part).replace(".[", "[")
            # One fault per place: a member (or a container of it) already at fault, say a
            # list below its minimum size, is not reported again by a rule.
            if not _already_at_fault(full, out):
                sink.append(Violation(full, rule.name, message))

    return check


def _already_at_fault(path: str, out: list[Violation]) -> bool:
    faulty = {v.path for v in out}
    if not faulty:
        return False
    cut = len(path)
    while True:
        if path[:cut] in faulty:
            return True
        cut = max(path.rfind(".", 0, cut), path.rfind("[", 0, cut))
        if cut <= 0:
            return False


# --------------------------------------------------------------------------- per class

_CLASS_CHECKERS: dict[type[_base.Shape], Checker] = {}


def _class_checker(cls: type[_base.Shape]) -> Checker:
    """The compiled checker of a class, built on first use and kept."""
    checker = _CLASS_CHECKERS.get(cls)
    if checker is None:
        checker = _CLASS_CHECKERS[cls] = _compile_class(cls)
    return checker


def _compile_class(cls: type[_base.Shape]) -> Checker:
    # Nested classes are looked up when checked, not compiled here, so this never recurses.
    fields = []
    for field in _specs.SPECS[cls]:
        fields.append(
            (field.name, field.required, _value_checker(field.type, field.wire), field.wire)
        )
    class_rules = [_rule_checker(rule) for rule in rules.rules_for(cls)]
    name = cls.__name__

    def check(value: Any, path: str, out: _Found) -> None:
        prefix = f"{path}." if path else ""
        for attr, required, checker, wire in fields:
            member = getattr(value, attr)
            if member is None:
                if required:
                    out.append(Violation(prefix + attr, "required", f"{wire} is required"))
                continue
            checker(member, prefix + attr, out)
        unknown = getattr(value, "_unknown_members", None)
        if unknown:
            # Members a response carried that this version of the models does not know:
            # botocore cannot send them, so a request built from such a response says so.
            names = ", ".join(sorted(unknown))
            out.append(
                Violation(
                    path,
                    "unknown_key",
                    f"{name} carries members irclient does not know ({names}); "
                    "they cannot be sent (attrs.evolve(...) makes a copy without them)",
                )
            )
        # Rules run even when a member is of the wrong type: each reads only what it can.
        for rule in class_rules:
            rule(value, path, out)

    return check


# --------------------------------------------------------------------------- public


_NOTHING = _Found()
"""What a request that passes the fast path has: no errors, no warnings (never appended to)."""


def _examine(request: _base.Shape) -> _Found:
    if not isinstance(request, _base.Shape) or type(request) not in _specs.SPECS:
        raise TypeError(f"expected an irclient model, got {type(request).__name__}")
    # Nearly every request is valid: the fast path says so without building a path or a
    # violation; only a request it refuses is walked again to report every fault.
    if passes(request):
        return _NOTHING
    out = _Found()
    _class_checker(type(request))(request, "", out)
    return out


def check(request: _base.Shape) -> tuple[Violation, ...]:
    """Every constraint ``request`` breaks, in field order; empty when it is valid.

    Warnings (guidance AWS phrases as "should") are not among them: see :func:`advise`.
    """
    return tuple(_examine(request))


def advise(request: _base.Shape) -> tuple[tuple[Violation, ...], tuple[Violation, ...]]:
    """The errors and the warnings of ``request``, without raising or warning.

    Returns:
        ``(errors, warnings)``: what :func:`validate` would raise, and what it would warn
        about as :class:`~irclient.ValidationWarning`.
    """
    found = _examine(request)
    return tuple(found), tuple(found.warnings)


def _warn(violations: Iterable[Violation]) -> None:
    """Emit each violation as an :class:`~irclient.ValidationWarning`, pointing at user code."""
    for violation in violations:
        warnings.warn(ValidationWarning(violation), stacklevel=_user_stacklevel())


def _user_stacklevel() -> int:
    """The stacklevel of the first frame outside irclient, so a warning names the caller."""
    # The irclient package's folder (this module sits one level below it): every frame of
    # irclient, wherever in the package, is skipped, so the warning names the caller's line.
    package = os.path.dirname(os.path.dirname(__file__)) + os.sep
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def validate(request: _base.Shape) -> None:
    """Check a request against every documented constraint before it is sent.

    Checks required members, types, string lengths, numeric ranges, list sizes, patterns
    (whole-value, AWS semantics) and enums, plus the cross-member rules AWS documents in
    prose (:data:`irclient.rules.RULES`). Guidance AWS phrases as "should" is not an error:
    each such finding is emitted as an :class:`irclient.ValidationWarning` through
    :mod:`warnings`, and the request passes.

    Args:
        request: Any model from :mod:`irclient.models`, usually a request.

    Raises:
        irclient.ValidationError: listing every violation, each with its path, constraint
            and message.
        TypeError: ``request`` is not an irclient model.
    """
    found = _examine(request)
    if found:
        raise ValidationError(found)
    if found.warnings:
        _warn(found.warnings)
