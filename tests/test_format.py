"""The one place values are read and shown: normalisers give typed values, formatters text."""

from __future__ import annotations

import datetime
import math

import pytest

from irclient._utils import format as _format
from irclient.models import EnvironmentParameter, RecommendationJobStatus

UTC = datetime.UTC


# --------------------------------------------------------------------------- normalisers


def test_wire_text_reads_known_and_unknown_enum_values_alike() -> None:
    assert _format.wire_text(RecommendationJobStatus.COMPLETED) == "COMPLETED"
    assert _format.wire_text("SOMETHING_NEW") == "SOMETHING_NEW"
    assert _format.wire_text(None) is None


def test_float_or_none_treats_nan_and_non_numbers_as_missing() -> None:
    assert _format.float_or_none(2) == 2.0
    assert _format.float_or_none("1.5") == 1.5
    assert _format.float_or_none(math.inf) == math.inf
    for missing in (None, math.nan, True, "fast", object()):
        assert _format.float_or_none(missing) is None, missing


def test_int_or_none_keeps_whole_finite_numbers_only() -> None:
    assert _format.int_or_none(3.0) == 3
    assert isinstance(_format.int_or_none(3.0), int)
    assert _format.int_or_none(7) == 7
    for missing in (None, math.nan, math.inf, 3.5, False):
        assert _format.int_or_none(missing) is None, missing


def test_environment_pairs_from_models_and_from_wire_form() -> None:
    models = [EnvironmentParameter(key="A", value_type="string", value="1")]
    wire = [{"Key": "A", "ValueType": "string", "Value": "1"}, {"Key": "B", "Value": "2"}]
    assert _format.environment_pairs(models) == (("A", "1"),)
    assert _format.environment_pairs(wire) == (("A", "1"), ("B", "2"))
    assert _format.environment_pairs(None) == ()


def test_parse_time_reads_iso_8601_and_takes_utc_for_a_zoneless_time() -> None:
    assert _format.parse_time("2025-01-31") == datetime.datetime(2025, 1, 31, tzinfo=UTC)
    paris = _format.parse_time("2025-01-31T12:00:00+01:00")
    assert paris == datetime.datetime(2025, 1, 31, 11, tzinfo=UTC)
    assert paris.utcoffset() == datetime.timedelta(hours=1)
    with pytest.raises(ValueError, match=r"not an ISO 8601 time: 'yesterday'"):
        _format.parse_time("yesterday")


# --------------------------------------------------------------------------- formatters


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.99, "$0.990"),
        (1.0056, "$1.006"),
        (0.204, "$0.204"),
        (1234.5, "$1,234.500"),
        (0.0, "$0.000"),
        (0.01, "$0.010"),
        (0.005, "$0.005"),
        (0.00123456, "$0.001235"),
        (2.9e-06, "$2.9e-06"),
        (1.18e-06, "$1.18e-06"),
        (None, "n/a"),
    ],
)
def test_money_has_three_decimals_and_four_figures_under_a_cent(
    value: float | None, text: str
) -> None:
    assert _format.format_money(value) == text


def test_percent_integer_and_environment() -> None:
    assert _format.format_percent(26.66) == "26.7%"
    assert _format.format_percent(None) == "n/a"
    assert _format.format_integer(14153, "/min") == "14,153/min"
    assert _format.format_integer(0, " ms") == "0 ms"
    assert _format.format_integer(None, " ms") == "n/a"
    assert _format.format_environment([("A", "1"), ("B", "x y")]) == "A=1, B=x y"
    assert _format.format_environment([]) == ""


def test_times_show_in_utc_to_the_second() -> None:
    paris = datetime.timezone(datetime.timedelta(hours=1))
    aware = datetime.datetime(2026, 11, 1, 13, 0, 5, 999, tzinfo=paris)
    assert _format.format_time(aware) == "2026-11-01 12:00:05 UTC"
    assert _format.format_time(datetime.datetime(2026, 11, 1, 12)) == "2026-11-01 12:00:00"
    assert _format.format_time(None) == "n/a"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (45, "45s"), (187, "3m 07s"), (4500, "1h 15m"), (-1, "n/a")],
)
def test_durations(seconds: int, text: str) -> None:
    start = datetime.datetime(2026, 11, 1, tzinfo=UTC)
    assert _format.format_duration(start, start + datetime.timedelta(seconds=seconds)) == text


def test_a_duration_without_both_ends_is_missing() -> None:
    start = datetime.datetime(2026, 11, 1, tzinfo=UTC)
    assert _format.format_duration(start, None) == "n/a"
    assert _format.format_duration(None, start) == "n/a"


def test_free_text_on_one_line_and_cut_short() -> None:
    assert _format.one_line("a\n  b\tc ") == "a b c"
    assert _format.shorten("abc\ndef", 10) == "abc def"
    assert _format.shorten("abcdefghijk", 5) == "abcd\u2026"
    assert _format.short_repr("x") == "'x'"
    long = _format.short_repr("y" * 100)
    assert len(long) == 60 and long.endswith("...") and long.startswith("'yyy")
