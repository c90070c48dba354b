"""Property tests: round trips of every response shape, and fuzzed request dicts."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import irclient
from irclient import serde
from irclient.models import _base, _specs
from strategies import any_model, json_like

RESPONSE_CLASSES = sorted(serde.RESPONSE_CLASSES, key=lambda c: c.__name__)
REQUEST_ROOTS = [op.input for op in _specs.OPERATIONS.values()]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_shape_is_a_request_or_a_response_shape() -> None:
    assert serde.REQUEST_CLASSES | serde.RESPONSE_CLASSES == set(_specs.SPECS)


@pytest.mark.parametrize("cls", RESPONSE_CLASSES, ids=lambda c: c.__name__)
@FAST
@given(data=st.data())
def test_every_response_shape_round_trips(cls: type[_base.Shape], data: st.DataObject) -> None:
    model = data.draw(any_model(cls))
    wire = model.to_dict()
    assert serde.parse_response(wire, cls) == model
    if cls not in serde.REQUEST_CLASSES:  # from_dict on a response-only class is tolerant
        assert cls.from_dict(wire) == model


@pytest.mark.parametrize("cls", REQUEST_ROOTS, ids=lambda c: c.__name__)
@FAST
@given(data=st.data())
def test_well_typed_requests_round_trip_strictly(
    cls: type[_base.Shape], data: st.DataObject
) -> None:
    model = data.draw(any_model(cls))
    assert serde.parse_request(model.to_dict(), cls) == model


@pytest.mark.parametrize("cls", REQUEST_ROOTS, ids=lambda c: c.__name__)
@settings(max_examples=200, deadline=None)
@given(payload=json_like())
def test_arbitrary_dicts_raise_nothing_but_validation_error(
    cls: type[_base.Shape], payload: Any
) -> None:
    try:
        request = cls.from_dict(payload)
        irclient.validate(request)
    except irclient.ValidationError as exc:
        assert exc.violations
        for violation in exc.violations:
            assert violation.constraint and violation.message


@pytest.mark.parametrize("cls", REQUEST_ROOTS, ids=lambda c: c.__name__)
@FAST
@given(data=st.data())
def test_validate_on_any_well_typed_request_raises_only_validation_error(
    cls: type[_base.Shape], data: st.DataObject
) -> None:
    model = data.draw(any_model(cls))
    try:
        irclient.validate(model)
    except irclient.ValidationError as exc:
        assert all(v.path is not None for v in exc.violations)
