"""Response bodies for the differential tests, generated from botocore's service model.

Built from the botocore model itself, not from irclient's generated code, so that the
specialised parsers are checked against the model rather than against themselves.
A body is drawn either *clean* (every member well typed, required members present,
timestamps as epoch seconds: the form the fast path must take) or *rough* (each member may
also be missing, null, of another type, an ISO or odd timestamp). Either kind may carry
members the model does not know.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, Shape, StructureShape
from hypothesis import strategies as st

from irclient.models._parsers import PARSERS

SERVICE = botocore.session.get_session().get_service_model("sagemaker")
OPERATIONS = sorted(PARSERS)
"""Every operation whose response the specialised parsers build."""

EPOCH_MIN = 0
EPOCH_MAX = 4_102_444_800  # 2100-01-01

# Unicode from every plane except lone surrogates (not encodable as UTF-8).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
JUNK: st.SearchStrategy[Any] = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(TEXT, st.integers(), max_size=2),
)
"""A value of any JSON type, for members that get one of the wrong type."""


def output_shape(operation: str) -> StructureShape:
    """The botocore output shape of an operation."""
    shape = SERVICE.operation_model(operation).output_shape
    assert isinstance(shape, StructureShape)
    return shape


def _epoch(rough: bool) -> st.SearchStrategy[Any]:
    clean = st.integers(EPOCH_MIN, EPOCH_MAX) | st.floats(EPOCH_MIN, EPOCH_MAX)
    if not rough:
        return clean
    iso = st.datetimes(
        min_value=datetime.datetime(1971, 1, 1), max_value=datetime.datetime(2099, 1, 1)
    ).map(lambda d: d.isoformat() + "Z")
    odd = st.sampled_from([math.nan, math.inf, -1.5, 1e20, True, "1793534400", ""])
    return clean | iso | odd


def _scalar(shape: Shape, rough: bool) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    enum = list(getattr(shape, "enum", None) or [])
    if enum:
        return st.sampled_from(enum) | TEXT
    if kind == "string":
        return TEXT
    if kind in ("integer", "long"):
        return st.integers(-(2**31), 2**31 - 1)
    if kind in ("float", "double"):
        # NaN and the infinities travel as JSON's non-standard literals, which json reads.
        return st.floats(allow_nan=True, allow_infinity=True) | st.integers(-1000, 1000)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return _epoch(rough)
    raise AssertionError(f"no strategy for {kind} ({shape.name})")  # pragma: no cover


def value(shape: Shape, rough: bool, depth: int = 0) -> st.SearchStrategy[Any]:
    """A JSON value for ``shape``; with ``rough``, sometimes damaged."""
    if isinstance(shape, StructureShape):
        good = structure(shape, rough, depth + 1)
    elif isinstance(shape, ListShape):
        item = value(shape.member, rough, depth + 1)
        if rough:
            item = item | st.none()
        good = st.lists(item, max_size=3 if depth < 3 else 1)
    elif isinstance(shape, MapShape):
        entry = value(shape.value, rough, depth + 1)
        good = st.dictionaries(TEXT, entry, max_size=3)
    else:
        good = _scalar(shape, rough)
    return (good | JUNK) if rough else good


@st.composite
def _members(draw: st.DrawFn, shape: StructureShape, rough: bool, depth: int) -> dict[str, Any]:
    required = set(shape.required_members)
    body: dict[str, Any] = {}
    if shape.is_tagged_union and not rough:
        # A clean union has exactly one member set.
        name = draw(st.sampled_from(sorted(shape.members)))
        return {name: draw(value(shape.members[name], rough, depth))}
    for name, member in shape.members.items():
        if rough:
            choice = draw(st.sampled_from(["value", "value", "absent", "null"]))
        else:
            choice = "value" if name in required else draw(st.sampled_from(["value", "absent"]))
        if choice == "value":
            body[name] = draw(value(member, rough, depth))
        elif choice == "null":
            body[name] = None
    # Members the model does not know, in clean bodies too: botocore's parser ignores them.
    names = st.sampled_from(["NewMember", "jobName", "__type"]) | TEXT
    for extra in draw(st.lists(names, max_size=2)):
        if extra not in shape.members:
            body[extra] = draw(JUNK)
    return body


def structure(shape: StructureShape, rough: bool, depth: int = 0) -> st.SearchStrategy[Any]:
    """A JSON object for a structure shape."""
    return _members(shape, rough, depth)


def bodies(operation: str) -> st.SearchStrategy[tuple[bool, Any]]:
    """(rough, body) for an operation's response: clean and rough bodies alike."""
    shape = output_shape(operation)
    return st.booleans().flatmap(lambda rough: st.tuples(st.just(rough), structure(shape, rough)))


def maximal(shape: Shape) -> Any:
    """A clean body with every member set, every list holding one item, at every depth."""
    if isinstance(shape, StructureShape) and shape.is_tagged_union:
        name, member = next(iter(shape.members.items()))  # one member, as a union has
        return {name: maximal(member)}
    if isinstance(shape, StructureShape):
        return {name: maximal(member) for name, member in shape.members.items()}
    if isinstance(shape, ListShape):
        return [maximal(shape.member)]
    if isinstance(shape, MapShape):
        return {"KEY_1": maximal(shape.value)}
    enum = list(getattr(shape, "enum", None) or [])
    kind = shape.type_name
    if enum:
        return enum[-1]
    return {
        "string": "ünïcødé ✓",
        "integer": 7,
        "long": 7,
        "float": 0.25,
        "double": 0.25,
        "boolean": True,
        "timestamp": 1_793_534_400.25,
    }[kind]
