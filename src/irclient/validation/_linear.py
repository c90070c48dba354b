r"""Which patterns Python's ``re`` matches in linear time: decided from the parse ``re`` runs.

``re`` backtracks. A pattern can only make it take more than linear time when, at some
point of a match, two ways forward could both take the next character (``[a-z]*[a-z]``,
``(a|ab)``, ``/?.*``): a failed match then retries every split between them. When every
choice the pattern offers is *deterministic*, whichever way goes on is fixed by the next
character alone, and every way not taken fails at that character, so a match (failed or
not) costs time linear in the value's length.

:func:`backtrack_free` decides this on the parse tree ``re`` itself compiles (its private
``re._parser``: should it move, every pattern is simply left to RE2). A pattern is taken
only when:

- every alternation's branches start with disjoint characters, and at most one of them can
  match the empty string (what follows the alternation counting as its start then);
- every repetition of variable count has a body that cannot match the empty string and
  starts with characters disjoint from what may follow the repetition (the end of the
  value included);
- a repeated group (anything but one character or class) repeats at most 100 times:
  ``re`` runs a single repeated character in a tight loop, but a repeated group through a
  general one that keeps state per iteration, which measures worse than linear on long
  values even when the pattern is deterministic;
- it uses nothing else than literals, character classes of explicit ranges, groups
  without flags, anchors and a negative lookbehind of literal text.

Anything else (a category escape, a back reference, a possessive or atomic construct, a
class ``re`` writes with a category) is refused: the pattern goes to RE2.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

_parser: Any
_sre: Any
try:  # the parser behind re.compile: private (and untyped), so only used while it is there
    _parser = importlib.import_module("re._parser")
    _sre = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    _parser = _sre = None

__all__ = ["backtrack_free"]

_MAX_CODE = 0x10FFFF
_MAX_GROUP_REPEAT = 100
"""The most iterations of a repeated group (not a single character) taken for ``re``."""
_END = -1
"""Stands for the end of the value among the characters that may follow."""

Ranges = tuple[tuple[int, int], ...]
"""A set of code points (and maybe ``_END``): sorted, merged, inclusive ranges."""


_ANCHORS = (
    ()
    if _sre is None
    else (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING, _sre.AT_END, _sre.AT_END_STRING)
)
"""Anchors: they match no character, so they offer no choice."""


class _Refused(Exception):
    """The pattern offers a choice that is not deterministic, or uses an unknown construct."""


def _merge(ranges: list[tuple[int, int]]) -> Ranges:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def _union(*sets: Ranges) -> Ranges:
    return _merge([r for ranges in sets for r in ranges])


def _complement(ranges: Ranges) -> Ranges:
    out, start = [], 0
    for lo, hi in ranges:
        if lo > start:
            out.append((start, lo - 1))
        start = max(start, hi + 1)
    if start <= _MAX_CODE:
        out.append((start, _MAX_CODE))
    return tuple(out)


def _disjoint(a: Ranges, b: Ranges) -> bool:
    return not any(lo <= b_hi and b_lo <= hi for lo, hi in a for b_lo, b_hi in b)


def _class(items: list[tuple[Any, Any]]) -> Ranges:
    """The code points of an ``IN`` item: literals and ranges, maybe negated."""
    ranges: list[tuple[int, int]] = []
    negated = False
    for op, av in items:
        if op is _sre.LITERAL:
            ranges.append((av, av))
        elif op is _sre.RANGE:
            ranges.append(av)
        elif op is _sre.NEGATE:
            negated = True
        else:  # a category (\d, \w) has locale and Unicode meanings: not worth deciding
            raise _Refused(f"class item {op}")
    merged = _merge(ranges)
    return _complement(merged) if negated else merged


def _start(items: Any) -> tuple[Ranges, bool]:
    """The characters a sequence can start with, and whether it can match the empty string."""
    first: Ranges = ()
    for op, av in items:
        chars, nullable = _item_start(op, av)
        first = _union(first, chars)
        if not nullable:
            return first, False
    return first, True


def _item_start(op: Any, av: Any) -> tuple[Ranges, bool]:
    if op is _sre.LITERAL:
        return ((av, av),), False
    if op is _sre.NOT_LITERAL:
        return _complement(((av, av),)), False
    if op is _sre.IN:
        return _class(av), False
    if op in (_sre.AT, _sre.ASSERT_NOT):
        return (), True
    if op is _sre.SUBPATTERN:
        return _start(av[3])
    if op is _sre.BRANCH:
        starts = [_start(branch) for branch in av[1]]
        return _union(*(s for s, _ in starts)), any(n for _, n in starts)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        chars, nullable = _start(av[2])
        return chars, nullable or av[0] == 0
    raise _Refused(f"construct {op}")


def _check_sequence(items: Any, follow: Ranges) -> None:
    """Refuse a non-deterministic choice in ``items``, ``follow`` coming after them."""
    items = list(items)
    for index, (op, av) in enumerate(items):
        after_chars, after_nullable = _start(items[index + 1 :])
        after = _union(after_chars, follow) if after_nullable else after_chars
        _check_item(op, av, after)


def _check_item(op: Any, av: Any, follow: Ranges) -> None:
    if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN):
        _item_start(op, av)  # refuses a class it cannot read
    elif op is _sre.AT:
        if av not in _ANCHORS:
            raise _Refused(f"anchor {av}")
    elif op is _sre.ASSERT_NOT:
        direction, body = av
        if direction != -1 or any(item_op is not _sre.LITERAL for item_op, _ in body):
            raise _Refused("a lookaround other than a literal lookbehind")
    elif op is _sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        if add_flags or del_flags:
            raise _Refused("a group with flags")
        _check_sequence(body, follow)
    elif op is _sre.BRANCH:
        starts: list[Ranges] = []
        for branch in av[1]:
            chars, nullable = _start(branch)
            start = _union(chars, follow) if nullable else chars
            if not all(_disjoint(start, other) for other in starts):
                raise _Refused("alternatives that can start alike")
            starts.append(start)
            _check_sequence(branch, follow)
    elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, high, body = av
        chars, nullable = _start(body)
        if nullable:
            raise _Refused("a repetition of what can be empty")
        if high != low and not _disjoint(chars, follow):
            raise _Refused("a repetition that can stop or go on at the same character")
        single = len(body) == 1 and body[0][0] in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN)
        if not single and high > _MAX_GROUP_REPEAT:
            # re runs a repeated group through a general loop that keeps state per
            # iteration; measured, it grows faster than the value on long runs.
            raise _Refused("a long repetition of a group")
        _check_sequence(body, _union(chars, follow) if high != 1 else follow)
    else:
        raise _Refused(f"construct {op}")


@functools.cache
def backtrack_free(python_pattern: str) -> bool:
    """Whether Python's ``re`` matches ``python_pattern`` whole in linear time.

    Args:
        python_pattern: A pattern in Python's syntax (``translate(..., dialect="python")``).

    Returns:
        ``True`` only when every choice of the pattern is decided by the next character
        (see the module's documentation); ``False`` for anything it cannot show so.
    """
    if _parser is None:  # pragma: no cover - see the import
        return False
    try:
        parsed = _parser.parse(python_pattern)
    except Exception:  # re's own syntax error (a \p{..} class): RE2 reads it
        return False
    if parsed.state.flags & ~(_sre.SRE_FLAG_UNICODE):
        return False
    try:
        _check_sequence(parsed.data, ((_END, _END),))
    except _Refused:
        return False
    return True
