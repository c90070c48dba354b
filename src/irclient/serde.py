"""Conversion between models and the wire form boto3 takes and returns.

Two cattrs converters share one rename table (generated, never guessed from camelCase):

* the *request* converter is strict: an unknown key, a missing required member or a value of
  the wrong type (``"10"`` or ``3.5`` for an integer, ``123`` for a string, ``True`` for an
  integer) becomes a :class:`~irclient.errors.ValidationError` naming every path at fault;
* the *response* converter is tolerant: unknown keys are kept on the model and given back by
  ``to_dict`` (``ResponseMetadata`` is dropped), enum values the enums do not know are kept
  as plain strings, a required member the data lacks gets its type's zero value (Smithy's
  client error correction, :mod:`irclient._codec.corrections`), and no value is re-checked,
  because what AWS sends is AWS's to define.

Unstructuring omits unset members: botocore rejects ``None`` for an optional parameter.
Hooks are built once per class by cattrs' code generation, never per call.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._codec import corrections as _corrections
from ._codec.misfits import remove_misfits
from ._utils.format import json_kind, read_timestamp, short_repr
from .errors import ValidationError, Violation
from .models import _base, _specs

__all__ = ["parse_request", "parse_response", "structure", "to_wire"]

T = TypeVar("T")
_S = TypeVar("_S", bound=_base.Shape)

SPECS = _specs.SPECS


def _reachable(roots: list[type[_base.Shape]]) -> frozenset[type[_base.Shape]]:
    seen: set[type[_base.Shape]] = set()

    def walk(spec: _base.TypeSpec) -> None:
        if spec.structure is not None and spec.structure not in seen:
            seen.add(spec.structure)
            for field in SPECS[spec.structure]:
                walk(field.type)
        if spec.member is not None:
            walk(spec.member)
        if spec.value is not None:
            walk(spec.value)

    for root in roots:
        walk(_base.TypeSpec(kind="structure", shape=root.__name__, structure=root))
    return frozenset(seen)


REQUEST_CLASSES = _reachable([op.input for op in _specs.OPERATIONS.values()])
"""Classes that appear in some request: ``from_dict`` on these is strict."""

RESPONSE_CLASSES = _reachable(
    [op.output for op in _specs.OPERATIONS.values() if op.output is not None]
)
"""Classes that appear in some response (some, like the input config, in requests too)."""

_WIRE: dict[type[_base.Shape], dict[str, str]] = {
    cls: {f.name: f.wire for f in fields} for cls, fields in SPECS.items()
}


def _enum_of(tp: Any) -> type[enum.StrEnum] | None:
    """The enum in an ``Enum | str`` annotation, if that is what ``tp`` is."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        for arg in args:
            if isinstance(arg, type) and issubclass(arg, enum.StrEnum) and str in args:
                return arg
    return None


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _is_map(tp: Any) -> bool:
    return typing.get_origin(tp) is _base.FrozenMap


# --------------------------------------------------------------------------- strict hooks


class _WrongType(TypeError):
    """A request value of the wrong type; carries the expectation for the message."""

    def __init__(self, expected: str, value: Any) -> None:
        self.expected = expected
        self.value = value
        super().__init__(f"expected {expected}, got {type(value).__name__} {short_repr(value)}")


class _Null(TypeError):
    """A request value given as None/null rather than left out."""


def _strict_optional_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    inner = _unwrap_optional(tp)
    inner_hook = converter.get_structure_hook(inner)

    def hook(value: Any, _: Any) -> Any:
        # botocore refuses None for a parameter; an absent key is how a member stays unset.
        if value is None:
            raise _Null()
        return inner_hook(value, inner)

    return hook


def _is_optional(tp: Any) -> bool:
    return _unwrap_optional(tp) is not tp


def _strict_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _WrongType("a string", value)
    return value


def _strict_int(value: Any, _: Any) -> int:
    if type(value) is not int:  # bool, float and str are all refused
        raise _WrongType("an integer", value)
    return value


def _strict_float(value: Any, _: Any) -> float:
    if type(value) not in (int, float):
        raise _WrongType("a number", value)
    return value  # type: ignore[no-any-return]


def _strict_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _WrongType("a boolean", value)
    return value


def _strict_timestamp(value: Any, _: Any) -> datetime.datetime:
    # JSON has no timestamp type: ISO-8601 strings are the wire form the AWS CLI takes.
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return read_timestamp(value)
        except ValueError:
            raise _WrongType("an ISO-8601 timestamp", value) from None
    raise _WrongType("a datetime or an ISO-8601 string", value)


def _strict_enum_hook(enum_cls: type[enum.StrEnum]) -> Callable[[Any, Any], Any]:
    members = enum_cls._value2member_map_

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, str):
            raise _WrongType("a string", value)
        # An unknown value stays a string; validation decides whether botocore knows it.
        return members.get(value, value)

    return hook


def _strict_tuple_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (item_type, _) = typing.get_args(tp)
    item_hook = converter.get_structure_hook(item_type)

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _WrongType("a list", value)
        out = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                out.append(item_hook(item, item_type))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {tp} @ index {index}", index, item_type),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return tuple(out)

    return hook


def _strict_map_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (key_type, value_type) = typing.get_args(tp)
    key_hook = converter.get_structure_hook(key_type)
    value_hook = converter.get_structure_hook(value_type)

    def hook(value: Any, _: Any) -> _base.FrozenMap[Any, Any]:
        if not isinstance(value, Mapping):
            raise _WrongType("an object", value)
        # Any fault sends parse_request to its one-pass report, which names each entry.
        return _base.FrozenMap(
            {key_hook(k, key_type): value_hook(v, value_type) for k, v in value.items()}
        )

    return hook


# --------------------------------------------------------------------------- tolerant hooks


def _loose_map_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (_, value_type) = typing.get_args(tp)
    value_hook = converter.get_structure_hook(value_type)
    if value_hook is _passthrough:
        return lambda value, _: _base.FrozenMap(value)

    def hook(value: Any, _: Any) -> _base.FrozenMap[Any, Any]:
        return _base.FrozenMap({k: value_hook(v, value_type) for k, v in value.items()})

    return hook


def _loose_enum_hook(enum_cls: type[enum.StrEnum]) -> Callable[[Any, Any], Any]:
    members = enum_cls._value2member_map_

    def hook(value: Any, _: Any) -> Any:
        return members.get(value, value) if isinstance(value, str) else value

    return hook


def _loose_tuple_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    (item_type, _) = typing.get_args(tp)
    item_hook = converter.get_structure_hook(item_type)
    if item_hook is _passthrough:
        return lambda value, _: tuple(value)

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        return tuple([item_hook(item, item_type) for item in value])

    return hook


def _loose_optional_factory(tp: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    # cattrs' generic Optional hook costs a dispatch per member; responses are parsed on
    # every call, so plain values pass straight through and the rest skip the dispatch.
    inner = _unwrap_optional(tp)
    inner_hook = converter.get_structure_hook(inner)
    if inner_hook is _passthrough:
        return _passthrough

    def hook(value: Any, _: Any) -> Any:
        return None if value is None else inner_hook(value, inner)

    return hook


def _passthrough(value: Any, _: Any) -> Any:
    return value


def _loose_timestamp(value: Any, _: Any) -> Any:
    # boto3 gives aware datetimes in the machine's zone (dateutil's tzlocal); raw JSON (a
    # file, a recorded response) gives strings or epoch seconds. All become UTC: the same
    # instant, shown as every other time irclient gives back (log events, displays).
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC) if value.tzinfo is not None else value
    try:
        return read_timestamp(value).astimezone(datetime.UTC)
    except (TypeError, ValueError):
        return value


# --------------------------------------------------------------------------- converters


def _strict_structure_fn(t: type[_base.Shape], conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    inner = make_dict_structure_fn(t, conv, **_renames(t))
    required = [f.wire for f in SPECS[t] if f.required]
    expected = "an object"
    if required:
        expected += " with " + (
            ", ".join(required[:-1]) + " and " + required[-1] if len(required) > 1 else required[0]
        )

    def hook(value: Any, tp: Any) -> Any:
        # Checked first: cattrs would fail inside, on value.keys(), in Python's words.
        if not isinstance(value, Mapping):
            raise _WrongType(expected, value)
        return inner(value, tp)

    return hook


def _renames(cls: type[_base.Shape]) -> dict[str, Any]:
    return {name: override(rename=wire) for name, wire in _WIRE[cls].items()}


def _register_structures(
    conv: cattrs.Converter, *, keep_extra: bool = False, **options: Any
) -> None:
    # Factories, not eager hooks: a class's hook is generated when first needed, after the
    # hooks of the classes it nests are registered, so renames apply at every depth.
    def factory(cls: Any) -> Any:
        made = make_dict_structure_fn(cls, conv, **options, **_renames(cls))
        return _keeping_extra(cls, made) if keep_extra else made

    conv.register_structure_hook_factory(lambda t: t in SPECS, factory)


def _keeping_extra(cls: Any, made: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap a response hook so what the model lacks survives on the model it builds."""
    # ResponseMetadata is boto3's, not a member: it is neither kept nor reported.
    known = frozenset(_WIRE[cls].values()) | {"ResponseMetadata"}
    mark = _corrections.MARK
    set_slot = object.__setattr__

    def hook(data: Any, tp: Any) -> Any:
        obj = made(data, tp)
        # One C-level subset test per structure keeps the common case (nothing new) cheap.
        if not known.issuperset(data):
            extra = {k: v for k, v in data.items() if k not in known}
            filled = extra.pop(mark, None)
            if filled is not None:
                set_slot(obj, "_corrected_members", filled)
            if extra:
                set_slot(obj, "_unknown_members", extra)
        return obj

    return hook


def _build_request_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(datetime.datetime, _strict_timestamp)
    conv.register_structure_hook_factory(
        lambda t: _enum_of(t) is not None,
        lambda t: _strict_enum_hook(_enum_of(t)),  # type: ignore[arg-type]
    )
    conv.register_structure_hook_factory(_is_tuple, lambda t: _strict_tuple_factory(t, conv))
    conv.register_structure_hook_factory(_is_map, lambda t: _strict_map_factory(t, conv))
    conv.register_structure_hook_factory(_is_optional, lambda t: _strict_optional_factory(t, conv))
    conv.register_structure_hook_factory(
        lambda t: t in SPECS, lambda t: _strict_structure_fn(t, conv)
    )
    return conv


def _build_response_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=False, detailed_validation=False)
    for tp in (str, int, float, bool):
        conv.register_structure_hook(tp, _passthrough)
    conv.register_structure_hook(datetime.datetime, _loose_timestamp)
    conv.register_structure_hook_factory(
        lambda t: _enum_of(t) is not None,
        lambda t: _loose_enum_hook(_enum_of(t)),  # type: ignore[arg-type]
    )
    conv.register_structure_hook_factory(_is_tuple, lambda t: _loose_tuple_factory(t, conv))
    conv.register_structure_hook_factory(_is_map, lambda t: _loose_map_factory(t, conv))
    conv.register_structure_hook_factory(_is_optional, lambda t: _loose_optional_factory(t, conv))
    _register_structures(conv, keep_extra=True)
    return conv


def _build_unstructure_converter() -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True)
    conv.register_unstructure_hook(datetime.datetime, lambda v: v)
    # Enum members go on the wire as their plain string values; unknown strings as they are.
    conv.register_unstructure_hook_factory(lambda t: _enum_of(t) is not None, lambda _: _enum_value)
    # A map goes on the wire as the plain dict boto3 takes.
    conv.register_unstructure_hook_factory(_is_map, lambda t: _map_unstructure(t, conv))
    # Factories, not eager hooks: a class's hook is generated when first needed, after the
    # hooks of the classes it nests are registered, so renames apply at every depth.
    conv.register_unstructure_hook_factory(
        lambda t: t in SPECS,
        lambda t: _giving_extra(
            make_dict_unstructure_fn(t, conv, _cattrs_omit_if_default=True, **_renames(t))
        ),
    )
    return conv


def _map_unstructure(tp: Any, conv: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    value_type = typing.get_args(tp)[1]
    return lambda value: {k: conv.unstructure(v, value_type) for k, v in value.items()}


def _giving_extra(made: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    """Wrap an unstructure hook so members a response carried unknown go back out."""

    def hook(obj: Any) -> dict[str, Any]:
        out = made(obj)
        extra = getattr(obj, "_unknown_members", None)
        if extra:
            for key, value in extra.items():
                out.setdefault(key, value)
        return out

    return hook


_REQUEST = _build_request_converter()
_RESPONSE = _build_response_converter()
_UNSTRUCTURE = _build_unstructure_converter()


# --------------------------------------------------------------------------- errors


def _wire_name(cls: Any, attr: str) -> str:
    return _WIRE.get(cls, {}).get(attr, attr)


def _violations(
    exc: BaseException, path: str, cls: Any, wire: str | None = None
) -> list[Violation]:
    """Turn cattrs' exception tree into violations with Python attribute paths."""
    out: list[Violation] = []
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            notes = [n for n in getattr(sub, "__notes__", []) if isinstance(n, str)]
            note = notes[-1] if notes else None
            if isinstance(note, AttributeValidationNote):
                sub_path = f"{path}.{note.name}" if path else note.name
                wire = _wire_name(cls, note.name)
                out.extend(_leaf(sub, sub_path, wire, note.type))
            elif isinstance(note, IterableValidationNote):
                # An item is named as the user wrote its list: Tags[3], not tags[3].
                item = f"{wire}[{note.index}]" if wire else None
                out.extend(_leaf(sub, f"{path}[{note.index}]", item, note.type))
            else:
                out.extend(_violations(sub, path, cls, wire))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            sub_path = f"{path}.{key}" if path else key
            known = ", ".join(sorted(_WIRE.get(exc.cl, {}).values()))
            out.append(
                Violation(
                    sub_path,
                    "unknown_key",
                    f"{key!r} is not a member of {exc.cl.__name__} (known members: {known})",
                )
            )
        return out
    return _leaf(exc, path, None, cls)


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _leaf(exc: BaseException, path: str, wire: str | None, tp: Any) -> list[Violation]:
    label = wire or path.rsplit(".", 1)[-1] or "value"
    if isinstance(exc, ClassValidationError | IterableValidationError | ForbiddenExtraKeysError):
        return _violations(exc, path, _unwrap_optional(tp), wire)
    if isinstance(exc, _Null):
        return [Violation(path, "type", f"{label} is null; leave the key out to leave it unset")]
    if isinstance(exc, KeyError):
        return [Violation(path, "required", f"{label} is required but missing")]
    if isinstance(exc, _WrongType):
        return [
            Violation(
                path,
                "type",
                f"{label} must be {exc.expected}, got {json_kind(exc.value)}",
            )
        ]
    if isinstance(exc, AttributeError | TypeError) and "Mapping" not in str(exc):
        return [Violation(path, "type", f"{label}: {exc}")]
    return [Violation(path, "type", f"{label} must be an object (a mapping): {exc}")]


# --------------------------------------------------------------------------- public


def parse_request(data: Mapping[str, Any], cls: type[_S]) -> _S:
    """Strictly build ``cls`` from a wire dict; raise ValidationError listing every fault."""
    if not isinstance(data, Mapping):
        raise ValidationError(
            [Violation("", "type", f"{cls.__name__} must be a mapping, got {short_repr(data)}")]
        )
    try:
        return _REQUEST.structure(data, cls)
    except Exception as exc:  # every cattrs failure becomes one ValidationError
        # Conversion faults would hide the constraint faults behind them: build the request
        # as given and report both kinds at once.
        from ._codec import request_input as _requests
        from .validation import check

        found: list[Violation] = []
        partial = _requests.from_wire(cls, data, "", found)
        violations = _requests.merge(found, check(partial))
        if not violations:  # pragma: no cover - the strict converter and the checker agree
            violations = _violations(exc, "", cls) or [Violation("", "type", str(exc))]
        raise ValidationError(violations) from None


def parse_response(data: Mapping[str, Any], cls: type[_S], *, operation: str | None = None) -> _S:
    """Tolerantly build ``cls`` from a response dict.

    Unknown keys are kept on the models (:func:`irclient.unknown_members`), unknown enum
    values are kept as strings, and required members the data lacks get their type's zero
    value (Smithy's client error correction, see :mod:`irclient._codec.corrections`), with one
    warning logged naming ``operation`` and the members.

    Raises:
        ValidationError: a value has the wrong shape (a string where a structure belongs).
    """
    # Members of the wrong type are taken out (and named in a warning) before anything reads
    # them: see irclient._codec.misfits for the rules.
    data = remove_misfits(data, cls, operation)
    try:
        return _RESPONSE.structure(data, cls)
    except Exception:
        # Rare path. A missing required member is corrected; anything else is explained.
        if isinstance(data, Mapping):
            corrected, paths = _corrections.correct(data, cls)
            if paths:
                try:
                    model = _RESPONSE.structure(corrected, cls)
                except Exception:
                    data = corrected  # still unfit: explain what is left below
                else:
                    _corrections.record(operation or cls.__name__, paths)
                    return model
        try:
            _DETAILED_RESPONSE_CONVERTER.structure(data, cls)
        except Exception as detail:
            raise ValidationError(_violations(detail, "", cls)) from None
        raise  # pragma: no cover - the two converters disagree only on bugs


def to_wire(obj: _base.Shape) -> dict[str, Any]:
    """The wire dict of a model, omitting unset members.

    Raises:
        ValidationError: the model holds values that cannot go on the wire (a required
            member left ``None``, a string where a structure belongs), which only an
            unvalidated model can.
    """
    try:
        return _UNSTRUCTURE.unstructure(obj)  # type: ignore[no-any-return]
    except (AttributeError, TypeError, ValueError) as exc:
        from .validation import check  # only on this failure path

        violations = check(obj) if type(obj) in SPECS else ()
        if not violations:
            raise
        raise ValidationError(violations) from exc


def _build_detailed_response_converter() -> cattrs.Converter:
    # The response converter with per-member error detail: only a response that failed
    # the fast converter is run through it, to name the members at fault.
    conv = _build_response_converter()
    _register_structures(conv, _cattrs_detailed_validation=True)
    return conv


_DETAILED_RESPONSE_CONVERTER = _build_detailed_response_converter()


def structure(data: Mapping[str, Any], cls: type[T]) -> T:
    """``from_dict`` of every model: strict for request classes, tolerant for the rest."""
    if cls in REQUEST_CLASSES:
        return parse_request(data, cls)  # type: ignore[type-var]
    return parse_response(data, cls)  # type: ignore[type-var]
