"""Hypothesis strategies built from the generated constraint metadata."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from irclient.models import _base, _specs

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
WIRE_NAMES = sorted({f.wire for fields in _specs.SPECS.values() for f in fields})


def json_like() -> st.SearchStrategy[Any]:
    """Arbitrary JSON-like values whose keys are often real wire names, to reach deep."""
    keys = st.sampled_from(WIRE_NAMES) | st.text(max_size=12)
    return st.recursive(
        JSON_SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
        max_leaves=30,
    )


def _aware_datetimes() -> st.SearchStrategy[datetime.datetime]:
    return st.datetimes(
        min_value=datetime.datetime(1971, 1, 1),
        max_value=datetime.datetime(2200, 1, 1),
        timezones=st.just(datetime.UTC),
    )


def any_value(spec: _base.TypeSpec, depth: int = 0) -> st.SearchStrategy[Any]:
    """Any well-typed value of a spec, ignoring constraints (as AWS may send)."""
    if spec.enum is not None:
        return st.sampled_from(list(spec.enum)) | st.text(min_size=1, max_size=12)
    if spec.kind == "string":
        return st.text(max_size=20)
    if spec.kind == "integer":
        return st.integers(min_value=-(2**31), max_value=2**31 - 1)
    if spec.kind == "float":
        return st.floats(allow_nan=True, allow_infinity=False)
    if spec.kind == "boolean":
        return st.booleans()
    if spec.kind == "timestamp":
        return _aware_datetimes()
    if spec.kind == "list":
        assert spec.member is not None
        return st.lists(any_value(spec.member, depth + 1), max_size=3 if depth < 3 else 0).map(
            tuple
        )
    assert spec.structure is not None
    return any_model(spec.structure, depth + 1)


def any_model(cls: type[_base.Shape], depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances of ``cls`` with well-typed members; optional members sometimes unset."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in _specs.SPECS[cls]:
        value = any_value(field.type, depth)
        fields[field.name] = value if field.required else st.none() | value
    return st.fixed_dictionaries(fields).map(lambda kwargs: cls(**kwargs))
