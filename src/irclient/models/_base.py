"""Runtime shared by every generated model: the base class and the metadata record types.

This module is hand-written (``tools/codegen.py`` generates the rest of the package and
writes only the other modules of this package). It holds:

* :class:`Shape`, the base class of every generated model;
* :class:`FrozenMap`, the read-only value of a map member;
* the metadata records the generated ``_specs`` module fills in: :class:`TypeSpec` and
  :class:`FieldSpec` (constraints and wire names), :class:`Operation` and
  :class:`Paginator` (the operation table);
* :class:`Pipeline`, what the generated client methods need from the request pipeline.

The codec that turns models into wire dicts and back is built in ``irclient.serde``;
``irclient._codec`` installs it here with :func:`install_codec`, so that this package imports
nothing else of irclient.
"""

from __future__ import annotations

import dataclasses
import enum as _enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, Protocol, Self, TypeVar

_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")


class Codec(Protocol):
    """What a model needs from the converter: wire dict to model and back."""

    def structure(self, data: Mapping[str, Any], cls: type[_T]) -> _T:
        """Build ``cls`` from its wire form."""
        ...

    def unstructure(self, obj: Shape) -> dict[str, Any]:
        """Give the wire form of ``obj``, omitting unset members."""
        ...

    def html(self, obj: Shape) -> str | None:
        """An HTML rendering of ``obj`` for Jupyter, or None for the plain repr."""
        ...


class Shape:
    """Base class of every generated model."""

    # What a parsed response carried beyond the model, kept beside the attrs fields (so it
    # takes no part in equality): members the model does not know, by wire name, and the
    # required members the body lacked and were filled with their zero value. Unset on most
    # models; read them with ``irclient.unknown_members`` and ``irclient.corrections``.
    __slots__ = ("_corrected_members", "_unknown_members")
    _codec: ClassVar[Codec | None] = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build the model from its wire form (PascalCase keys, as boto3 takes and returns).

        Request models are strict: an unknown key or a value of the wrong type raises
        ``irclient.ValidationError`` listing every fault. Response models are tolerant:
        unknown keys are kept (and given back by ``to_dict``), unknown enum values are kept
        as plain strings, and a required member the data lacks gets its zero value.
        """
        return _codec().structure(data, cls)

    def to_dict(self) -> dict[str, Any]:
        """Give the wire form (PascalCase keys), omitting members that are unset."""
        return _codec().unstructure(self)

    def __repr__(self) -> str:
        # Only the members that are set: a response with a dozen unset members stays legible.
        shown = []
        for field in self.__attrs_attrs__:  # type: ignore[attr-defined]
            value = getattr(self, field.name)
            if value is not None:
                shown.append(f"{field.name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def _repr_html_(self) -> str | None:
        return _codec().html(self)


def install_codec(codec: Codec) -> None:
    """Called once by ``irclient._codec``: make ``from_dict``/``to_dict`` work."""
    Shape._codec = codec


def _codec() -> Codec:
    codec = Shape._codec
    if codec is None:  # pragma: no cover - import irclient runs irclient._codec, which installs it
        raise RuntimeError("import irclient before using its models")
    return codec


def as_tuple(value: Iterable[_T] | None) -> tuple[_T, ...] | None:
    """Make list members tuples; leave strings and None alone so validation can name them."""
    if type(value) is tuple:  # the common case, parsed responses: no ABC checks
        return value
    if value is None or isinstance(value, str | bytes | Mapping):
        return value  # type: ignore[return-value]
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


class FrozenMap(Mapping[_K, _V]):
    """A read-only, hashable mapping: the value of a map member (``EnvironmentVariables``).

    It compares equal to a ``dict`` with the same entries, keeps their order, and goes on
    the wire as a plain ``dict``; the frozen model that holds it stays immutable and hashable.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[_K, _V] | Iterable[tuple[_K, _V]] = ()) -> None:
        self._data: dict[_K, _V] = dict(data)

    def __getitem__(self, key: _K) -> _V:
        return self._data[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        return self._data == other if isinstance(other, Mapping) else NotImplemented

    def __repr__(self) -> str:
        return repr(self._data)


def as_map(value: Mapping[_K, _V] | None) -> FrozenMap[_K, _V] | None:
    """Make map members read-only; leave anything but a mapping alone so validation names it."""
    if value is None or type(value) is FrozenMap:
        return value
    if isinstance(value, Mapping):
        return FrozenMap(value)
    return value  # type: ignore[unreachable]


class _NaN:
    """Stands for every NaN in comparisons: NaN != NaN would make equal data compare unequal."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "nan"


_NAN_KEY = _NaN()


def nan_key(value: Any) -> Any:
    """Comparison key of float members: all NaNs are alike."""
    return _NAN_KEY if value != value else value


# Dataclasses, not attrs: this module loads with ``import irclient`` and boto3 has already
# loaded dataclasses, so the metadata types cost no import time.
@dataclasses.dataclass(frozen=True, slots=True)
class TypeSpec:
    """What the service model says of a value: its kind and its constraints."""

    kind: str
    """botocore type name: string, integer, float, boolean, timestamp, structure, list or map."""
    shape: str
    """botocore shape name."""
    min: int | float | None = None
    """Minimum length (strings, lists) or value (numbers)."""
    max: int | float | None = None
    """Maximum length (strings, lists) or value (numbers)."""
    pattern: str | None = None
    """AWS (Java) regular expression the whole value must match."""
    enum: type[_enum.StrEnum] | None = None
    """The generated enum of the allowed values."""
    structure: type[Shape] | None = None
    """The generated class, for structures."""
    member: TypeSpec | None = None
    """The items' spec, for lists."""
    key: TypeSpec | None = None
    """The keys' spec, for maps."""
    value: TypeSpec | None = None
    """The values' spec, for maps."""


@dataclasses.dataclass(frozen=True, slots=True)
class FieldSpec:
    """One member of a structure: its Python name, its wire name and its value's spec."""

    name: str
    """Attribute name (``botocore.xform_name`` of the wire name)."""
    wire: str
    """Member name on the wire (PascalCase)."""
    required: bool
    """Whether the service model lists the member as required."""
    type: TypeSpec
    """The value's kind and constraints."""


@dataclasses.dataclass(frozen=True, slots=True)
class Paginator:
    """How a list operation pages, from botocore's paginator model.

    Wire names address the request dict and the raw response; attribute names address the
    typed request and response models.
    """

    input_token: str
    """Request member that takes the token of the next page (wire name)."""
    input_token_attribute: str
    """The same member's attribute name on the request model."""
    output_token: str
    """Response member that carries the token of the next page (wire name)."""
    output_token_attribute: str
    """The same member's attribute name on the response model."""
    limit_key: str
    """Request member that caps the items per page (wire name)."""
    limit_attribute: str
    """The same member's attribute name on the request model."""
    limit_max: int | None
    """The largest page the service accepts (the limit member's maximum), if modelled."""
    result_key: str
    """Response member that holds the page's items (wire name)."""
    result_attribute: str
    """The same member's attribute name on the response model."""


@dataclasses.dataclass(frozen=True, slots=True)
class Operation:
    """One operation of the table: its names, its request and response models, its pages."""

    name: str
    """Operation name, as in the API reference and in errors (``DescribeX``)."""
    method: str
    """The boto3 client method (``describe_x``), also the name moto dispatches to."""
    input: type[Shape]
    """The request model."""
    output: type[Shape] | None
    """The response model, or ``None`` for an operation that answers with no body."""
    paginator: Paginator | None = None
    """How the operation pages, for list operations botocore can paginate."""
    since: str | None = None
    """The first botocore release whose model has the operation; ``None`` when every
    botocore irclient supports has it."""


class Pipeline(Protocol):
    """What the generated client methods call: the one request path of every operation."""

    def resolve(self, operation: Operation, request: Any, fields: dict[str, Any]) -> Any:
        """The request model, from a model, its wire-form dict, or its fields."""
        ...

    def call(self, operation: Operation, request: Any, fields: dict[str, Any]) -> Any:
        """Resolve, validate, send (retried), translate errors and parse the response."""
        ...

    def pages(self, operation: Operation, request: Shape, max_items: int | None) -> Iterator[Any]:
        """Walk a paginated operation page by page, lazily."""
        ...

    def items(self, operation: Operation, request: Shape, max_items: int | None) -> Iterator[Any]:
        """Walk a paginated operation item by item, lazily."""
        ...
