"""Request files: strict JSON, read within documented limits.

A request file comes from a person or a script and may be anything: ``/dev/zero``, a
100,000-deep nest of ``[``, a 5,000-digit number, an object that names ``JobName`` twice.
Python's ``json`` would read the first forever, overflow the stack on the second, raise an
internal ``ValueError`` on the third and silently keep the last value of the fourth. Here each
is refused with one line that says what is wrong and where, as :class:`RequestFileError`:

- at most :data:`MAX_BYTES` bytes are read (a real request is a few kilobytes);
- UTF-8 text (a byte-order mark is allowed, as the AWS CLI allows it);
- objects and arrays nested at most :data:`MAX_DEPTH` deep (a request nests at most 8);
- integers of at most :data:`MAX_DIGITS` digits (a 64-bit long has 19), finite numbers, and
  no ``NaN`` or ``Infinity`` (which are not JSON);
- no key twice in one object;
- a JSON object at the top.
"""

from __future__ import annotations

import json
import math
from typing import Any, BinaryIO

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_DIGITS", "RequestFileError", "parse", "read"]

MAX_BYTES = 1 << 20
"""The largest request file read, in bytes (1 MiB)."""
MAX_DEPTH = 32
"""How deep objects and arrays may nest."""
MAX_DIGITS = 20
"""The most digits an integer may have."""


class RequestFileError(ValueError):
    """A request file cannot be read as a request: the message says why, in one line."""


def read(stream: BinaryIO, name: str) -> dict[str, Any]:
    """The JSON object in ``stream``, read within the limits of this module.

    Args:
        stream: The file, opened in binary mode (or standard input's buffer).
        name: How messages name the file.

    Raises:
        RequestFileError: The file is too large, not UTF-8, not JSON, or beyond a limit.
        OSError: The file cannot be read.
    """
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise RequestFileError(
            f"{name} is larger than {MAX_BYTES:,} bytes (1 MiB), the limit for a request "
            "file; a request is a few kilobytes"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data[: exc.start].decode("utf-8", "replace"), exc.start)
        raise RequestFileError(
            f"{name} is not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}, "
            f"column {column}"
        ) from None
    return parse(text, name)


class _Refused(Exception):
    """Raised inside the JSON parser's hooks; the message is the whole explanation."""


def _duplicate_check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {json.dumps(key)[:80]} appears twice in one object")
        out[key] = value
    return out


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _Refused(
            f"the number {text[:12]}... has {digits:,} digits; numbers in a request have at "
            f"most {MAX_DIGITS}"
        )
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:24]} is too large for a request")
    return value


def _constant(text: str) -> Any:
    raise _Refused(f"{text} is not a JSON value (JSON has no NaN or Infinity)")


def _depth(value: Any) -> int:
    """How deep ``value`` nests objects and arrays, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse(text: str, name: str) -> dict[str, Any]:
    """The JSON object in ``text`` (see :func:`read` for the rules).

    Args:
        text: The file's text.
        name: How messages name the file.

    Raises:
        RequestFileError: ``text`` is not JSON, or goes beyond a limit of this module.
    """
    too_deep = (
        f"{name} nests objects and arrays more than {MAX_DEPTH} deep; a request nests at most 8"
    )
    try:
        data = json.loads(
            text,
            object_pairs_hook=_duplicate_check,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except _Refused as exc:
        raise RequestFileError(f"{name}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RequestFileError(
            f"{name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        # json's parser recurses; Python stops it (at about 1,000 levels) before the stack can
        # overflow, and shallower nesting is measured below.
        raise RequestFileError(too_deep) from None
    if _depth(data) > MAX_DEPTH:
        raise RequestFileError(too_deep)
    if not isinstance(data, dict):
        raise RequestFileError(f"{name} must hold a JSON object (the request), not {_kind(data)}")
    return data


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return "a number"
