"""Value normalisers and formatters: the one place that says how irclient reads and shows values.

Two families, named apart so that a reader knows which one a call gives back:

* Normalisers read a value the way AWS sends it and give a typed value or ``None``:
  :func:`wire_text`, :func:`float_or_none`, :func:`int_or_none`, :func:`environment_pairs`,
  :func:`parse_time`.
* Formatters give the text a table, a summary or the command line shows, ``"n/a"`` for a
  missing value: :func:`format_money`, :func:`format_percent`, :func:`format_integer`,
  :func:`format_time`, :func:`format_duration`, :func:`format_environment`,
  :func:`endpoint_label`, and for free text
  :func:`one_line`, :func:`shorten` and :func:`short_repr`.

Only the standard library is imported: the models' validation, the displays and the command
line's ``--help`` all use this module, and none of them may pay for more.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from .text import safe_text

NA = "n/a"
"""How every formatter shows a missing (or NaN) value."""

_ELLIPSIS = "\u2026"
_REPR_LIMIT = 60


class _EnvironmentParameter(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def value(self) -> str: ...


# --------------------------------------------------------------------------- normalisers


def wire_text(value: Any) -> str | None:
    """An enum member as its wire value, any other value as ``str``; ``None`` stays ``None``.

    A value the generated enum does not know arrives as a plain string, so both read alike.
    """
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def float_or_none(value: Any) -> float | None:
    """A number as ``float``; ``None`` for a missing value, NaN, a boolean or a non-number.

    AWS writes NaN for a metric it could not measure: that is a missing value, not a number.
    An integer no float can hold (beyond about 1.8e308) is not a measure either: ``None``.
    (A response never carries one: the response rules take it out with a warning. A model
    built by hand may.)
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return None if math.isnan(number) else number


_LONG = 2**63


def int_or_none(value: Any) -> int | None:
    """A whole number as ``int``; ``None`` for a missing, NaN, infinite or fractional value.

    Also ``None`` beyond 64 bits, which no integer column (pandas' ``Int64``) holds and no
    response carries (the response rules take such a member out).
    """
    if type(value) is int:
        whole = value  # exact: through a float, 2**63 - 1 would round up to 2**63
    else:
        number = float_or_none(value)
        if number is None or math.isinf(number) or not number.is_integer():
            return None
        whole = int(number)
    return whole if -_LONG <= whole < _LONG else None


def environment_pairs(
    parameters: Iterable[_EnvironmentParameter | Mapping[str, str]] | None,
) -> tuple[tuple[str, str], ...]:
    """A model's environment parameters as ``(key, value)`` pairs, in the order given.

    Args:
        parameters: ``EnvironmentParameters`` as models (``.key``, ``.value``) or in wire form
            (``{"Key": ..., "Value": ...}``); ``None`` when there are none.
    """
    pairs = []
    for parameter in parameters or ():
        if isinstance(parameter, Mapping):
            pairs.append((parameter["Key"], parameter["Value"]))
        else:
            pairs.append((parameter.key, parameter.value))
    return tuple(pairs)


def read_timestamp(value: object) -> datetime.datetime:
    """A timestamp as AWS's wire forms give it, as a timezone-aware datetime.

    The one reader of timestamps: a datetime is kept; ISO 8601 text (with ``Z`` or an offset;
    a time without a zone is UTC, as the AWS CLI reads it) and epoch seconds (JSON has no
    timestamp type) are converted.

    Raises:
        TypeError: ``value`` is of no timestamp form (a bool counts as none).
        ValueError: ``value`` is text that is not ISO 8601, or a number no datetime holds.
    """
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.datetime.fromtimestamp(value, tz=datetime.UTC)
        except (OverflowError, OSError) as exc:
            raise ValueError(f"no datetime holds {value!r} seconds") from exc
    raise TypeError(f"expected a timestamp, got {type(value).__name__} {short_repr(value)}")


def parse_time(text: str) -> datetime.datetime:
    """An ISO 8601 time typed by a person, as a timezone-aware datetime (zoneless is UTC).

    Raises:
        ValueError: ``text`` is not an ISO 8601 time; the message says what was given and
            shows the expected form.
    """
    try:
        return read_timestamp(text)
    except ValueError:
        raise ValueError(
            f"not an ISO 8601 time: {text!r} (try 2025-01-31 or 2025-01-31T12:00:00Z)"
        ) from None


# --------------------------------------------------------------------------- formatters


def format_money(value: float | None) -> str:
    """A US dollar amount: ``$0.990``, ``$1,234.500``, ``$2.9e-06``; ``n/a`` when missing.

    Three decimals, as AWS's price lists show hourly prices, so that amounts line up in a
    column. Three decimals would show an amount under a cent (a cost per inference, typically
    millionths of a dollar) as ``$0.000``; those get four significant figures instead.
    """
    if value is None:
        return NA
    if value == 0 or abs(value) >= 0.01:
        return f"${value:,.3f}"
    return f"${value:.4g}"


def format_percent(value: float | None) -> str:
    """A percentage with one decimal: ``26.7%``; ``n/a`` when missing."""
    return NA if value is None else f"{value:.1f}%"


def format_integer(value: int | None, unit: str = "") -> str:
    """A whole number with thousands separators and a unit: ``14,153/min``; ``n/a`` when missing.

    Args:
        value: The number.
        unit: Text to append, spaces included (``" ms"``, ``"/min"``).
    """
    return NA if value is None else f"{value:,}{unit}"


def format_time(value: datetime.datetime | None) -> str:
    """A time to the second, in UTC when it has a zone: ``2026-11-01 12:00:00 UTC``."""
    if value is None:
        return NA
    if value.tzinfo is not None:
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return value.strftime("%Y-%m-%d %H:%M:%S")


def format_duration(start: datetime.datetime | None, end: datetime.datetime | None) -> str:
    """The time from ``start`` to ``end``: ``45s``, ``3m 07s``, ``1h 15m``.

    ``n/a`` when either is missing, or when ``end`` is before ``start``.
    """
    if start is None or end is None:
        return NA
    seconds = int((end - start).total_seconds())
    if seconds < 0:
        return NA
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {seconds:02d}s" if minutes else f"{seconds}s"


def format_environment(pairs: Iterable[tuple[str, str]]) -> str:
    """Environment parameters as ``KEY=value, KEY2=value2``; empty when there are none."""
    return ", ".join(f"{key}={value}" for key, value in pairs)


def endpoint_label(
    *,
    instance_type: str | None,
    instance_count: int | None = None,
    serverless_memory_size_in_mb: int | None = None,
    serverless_max_concurrency: int | None = None,
    otherwise: str = "?",
) -> str:
    """An endpoint configuration in a few words, as every table, report and message names it.

    ``ml.c5.xlarge``, ``ml.g4dn.xlarge x2`` (two instances), ``serverless 2048 MB x5``
    (memory and maximum concurrency), or ``otherwise`` when neither is known.

    Args:
        instance_type: The instance type (its wire value), for instance-based endpoints.
        instance_count: The initial instance count.
        serverless_memory_size_in_mb: Memory size, for serverless endpoints.
        serverless_max_concurrency: Maximum concurrency, for serverless endpoints.
        otherwise: What to say when the configuration names neither.
    """
    if serverless_memory_size_in_mb is not None:
        text = f"serverless {serverless_memory_size_in_mb} MB"
        if serverless_max_concurrency is not None:
            text += f" x{serverless_max_concurrency}"
        return text
    if instance_type is not None:
        if instance_count in (None, 1):
            return instance_type
        return f"{instance_type} x{instance_count}"
    return otherwise


def one_line(text: object) -> str:
    r"""``str(text)`` with every run of whitespace, newlines included, made one space.

    Control characters (ESC, BEL...), invisible formatting characters and lone surrogates
    are then shown as escapes (``\x1b``): free text comes from AWS, and whoever can create a
    job chooses it (the rules are in ``irclient._utils.text``).
    """
    return safe_text(" ".join(str(text).split()), None)


def shorten(text: str, limit: int) -> str:
    """:func:`one_line` of ``text``, cut to ``limit`` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def short_repr(value: Any) -> str:
    """``repr(value)`` cut to 60 characters, for naming a bad value in an error message."""
    text = repr(value)
    return text if len(text) <= _REPR_LIMIT else text[: _REPR_LIMIT - 3] + "..."


def json_kind(value: Any) -> str:
    """A value in the user's terms (JSON's): ``the number 0``, ``the string '600'``.

    Errors about request members name the value as the user wrote it, never as Python's type
    (``got the number 0``, not ``'int' object has no attribute 'keys'``).
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return f"the number {text if len(text) <= 24 else text[:21] + '...'}"
    if isinstance(value, str):
        return f"the string {short_repr(value)}"
    if isinstance(value, list | tuple):
        return "a list of 1 item" if len(value) == 1 else f"a list of {len(value):,} items"
    if isinstance(value, Mapping):
        return "an object"
    return f"{type(value).__name__} {short_repr(value)}"
