"""Client-side validation of requests against every documented constraint.

botocore checks only required members, types and minimums; maximums, patterns and enums would
reach AWS unchecked. :func:`validate` checks all of them, plus the rules AWS states only in
prose, and reports every violation rather than the first.

The checks for a class are compiled once, from the generated metadata, into a list of small
closures; validating a request walks those closures and does no reflection.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from ._format import short_repr
from ._patterns import compile_pattern
from .errors import ValidationError, Violation
from .models import _base, _specs
from .models.shapes import ProductionVariantServerlessConfig

__all__ = ["check", "compile_pattern", "validate"]

# A checker appends the violations of ``value`` at ``path`` to ``out``.
Checker = Callable[[Any, str, list[Violation]], None]


# --------------------------------------------------------------------------- enums


@functools.cache
def _botocore_enum(shape: str) -> frozenset[str]:
    """Enum values the *installed* botocore knows: newer than the generated enums, maybe."""
    import botocore.session  # deferred: only reached for a value the generated enum lacks

    model = botocore.session.get_session().get_service_model("sagemaker")
    return frozenset(getattr(model.shape_for(shape), "enum", None) or ())


# --------------------------------------------------------------------------- checkers


def _type_error(wire: str, expected: str, value: Any, path: str, out: list[Violation]) -> None:
    out.append(
        Violation(
            path,
            "type",
            f"{wire} must be {expected}, got {type(value).__name__} {short_repr(value)}",
        )
    )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
    shown = ", ".join(allowed[:8]) + (f", ... ({len(allowed)} values)" if len(allowed) > 8 else "")

    def check(value: Any, path: str, out: list[Violation]) -> None:
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
            out.append(
                Violation(path, "pattern", f"{wire} {short_repr(value)} does not match {pattern!r}")
            )
        if enum_cls is not None and value not in known and value not in _botocore_enum(spec.shape):
            out.append(
                Violation(path, "enum", f"{wire} {short_repr(value)} is not one of: {shown}")
            )

    return check


def _number_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    lo, hi = spec.min, spec.max
    integral = spec.kind in ("integer", "long")
    expected = "an integer" if integral else "a number"

    def check(value: Any, path: str, out: list[Violation]) -> None:
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
    def check(value: Any, path: str, out: list[Violation]) -> None:
        if type(value) is not bool:
            _type_error(wire, "a boolean", value, path, out)

    return check


def _timestamp_checker(wire: str) -> Checker:
    def check(value: Any, path: str, out: list[Violation]) -> None:
        if not isinstance(value, datetime.datetime):
            _type_error(wire, "a datetime", value, path, out)
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

    def check(value: Any, path: str, out: list[Violation]) -> None:
        if not isinstance(value, cls):
            _type_error(wire, f"a {cls.__name__}", value, path, out)
            return
        _class_checker(cls)(value, path, out)

    return check


def _list_checker(spec: _base.TypeSpec, wire: str) -> Checker:
    lo, hi = spec.min, spec.max
    assert spec.member is not None
    item = _value_checker(spec.member, f"{wire} item")

    def check(value: Any, path: str, out: list[Violation]) -> None:
        if not isinstance(value, tuple | list):
            _type_error(wire, "a list", value, path, out)
            return
        size = len(value)
        if lo is not None and size < lo:
            out.append(
                Violation(path, "min_length", f"{wire} has {size} items; the minimum is {lo}")
            )
        if hi is not None and size > hi:
            out.append(
                Violation(path, "max_length", f"{wire} has {size} items; the maximum is {hi}")
            )
        for index, element in enumerate(value):
            if element is None:
                out.append(
                    Violation(f"{path}[{index}]", "required", f"{wire} items cannot be null")
                )
            else:
                item(element, f"{path}[{index}]", out)

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
    raise NotImplementedError(f"no checker for {spec.kind} ({spec.shape})")  # pragma: no cover


# --------------------------------------------------------------------------- prose rules

_SERVERLESS_STEP = 1024


def _serverless_rules(value: Any, path: str, out: list[Violation]) -> None:
    """Serverless rules the model cannot express: 1 GB memory steps, provisioned <= max."""
    memory = value.memory_size_in_mb
    if type(memory) is int and 1024 <= memory <= 6144 and memory % _SERVERLESS_STEP:
        out.append(
            Violation(
                f"{path}.memory_size_in_mb" if path else "memory_size_in_mb",
                "memory_step",
                f"MemorySizeInMB is {memory}; it must be a multiple of 1024 "
                "(1024, 2048, 3072, 4096, 5120 or 6144)",
            )
        )
    provisioned, maximum = value.provisioned_concurrency, value.max_concurrency
    if type(provisioned) is int and type(maximum) is int and provisioned > maximum:
        out.append(
            Violation(
                f"{path}.provisioned_concurrency" if path else "provisioned_concurrency",
                "provisioned_le_max",
                f"ProvisionedConcurrency is {provisioned}; it must be at most "
                f"MaxConcurrency ({maximum})",
            )
        )


_PROSE_RULES: dict[type[_base.Shape], tuple[Checker, ...]] = {
    ProductionVariantServerlessConfig: (_serverless_rules,),
}


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
    rules = _PROSE_RULES.get(cls, ())

    def check(value: Any, path: str, out: list[Violation]) -> None:
        prefix = f"{path}." if path else ""
        before = len(out)
        for name, required, checker, wire in fields:
            member = getattr(value, name)
            if member is None:
                if required:
                    out.append(Violation(prefix + name, "required", f"{wire} is required"))
                continue
            checker(member, prefix + name, out)
        if len(out) == before:
            # Prose rules read members that must already be well typed.
            for rule in rules:
                rule(value, path, out)

    return check


# --------------------------------------------------------------------------- public


def check(request: _base.Shape) -> tuple[Violation, ...]:
    """Every constraint ``request`` breaks, in field order; empty when it is valid."""
    if not isinstance(request, _base.Shape) or type(request) not in _specs.SPECS:
        raise TypeError(f"expected an irclient model, got {type(request).__name__}")
    out: list[Violation] = []
    _class_checker(type(request))(request, "", out)
    return tuple(out)


def validate(request: _base.Shape) -> None:
    """Check a request against every documented constraint before it is sent.

    Checks required members, types, string lengths, numeric ranges, list sizes, patterns
    (whole-value, AWS semantics) and enums, plus the rules AWS documents in prose.

    Args:
        request: Any model from :mod:`irclient.models`, usually a request.

    Raises:
        irclient.ValidationError: listing every violation, each with its path, constraint
            and message.
        TypeError: ``request`` is not an irclient model.
    """
    violations = check(request)
    if violations:
        raise ValidationError(violations)


def _all_patterns() -> Iterable[str]:
    """Every pattern in the generated metadata (for tests and benchmarks)."""
    seen: set[str] = set()

    def walk(spec: _base.TypeSpec) -> Iterable[str]:
        if spec.pattern is not None and spec.pattern not in seen:
            seen.add(spec.pattern)
            yield spec.pattern
        if spec.member is not None:
            yield from walk(spec.member)

    for fields in _specs.SPECS.values():
        for field in fields:
            yield from walk(field.type)
