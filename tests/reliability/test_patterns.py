"""Pattern safety: every pattern of the model on adversarial inputs of up to 10,000 characters.

Inputs are built from each pattern's own structure: a short matching value, then every
repetition in it pumped to a long run and followed by one or two characters that cannot
match (the shapes that make a backtracking engine try every split of the run:
``(https|s3)://([^/]+)/?(.*)`` was quadratic on ``"s3://" + "a" * n + "/\n"``), plus
nested-quantifier traps and long runs of single characters. Matching is RE2's, linear in the
value whatever the pattern, or Python's ``re`` for the patterns shown to offer no choice the
next character does not decide (``irclient.validation._linear``); these inputs show both.
The matcher is timed directly, not through validate (which skips the pattern of a value
longer than its maximum length).

The 10 ms budget is a figure for the report. The test itself asserts only a very generous
bound (0.5 s per input), so a loaded machine cannot make it flaky while a real catastrophic
backtrack (seconds to hours at these lengths) still fails it.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from irclient.validation._patterns import compile_pattern
from strategies import _python_regex, model_patterns

from .report import FIGURES

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as sc
    import sre_parse

pytestmark = pytest.mark.reliability

LENGTHS = (100, 1_000, 10_000)
BAD = ("!", "\n", "\x00", " ", "\u2028", "/")
GENEROUS_BOUND_S = 0.5
PATTERNS = model_patterns()


def _example(items: Any, pump: int | None, length: int, counter: list[int]) -> str:
    """A short string matching the parsed ``items``; repetition number ``pump`` is pumped."""
    out = []
    for op, arg in items:
        if op is sc.LITERAL:
            out.append(chr(arg))
        elif op is sc.NOT_LITERAL:
            out.append("a" if chr(arg) != "a" else "b")
        elif op is sc.ANY:
            out.append("a")
        elif op is sc.IN:
            out.append(_class_char(arg))
        elif op is sc.SUBPATTERN:
            out.append(_example(arg[-1], pump, length, counter))
        elif op is sc.BRANCH:
            out.append(_example(arg[1][0], pump, length, counter))
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, getattr(sc, "POSSESSIVE_REPEAT", None)):
            low, _high, body = arg
            index = counter[0]
            counter[0] += 1
            unit = _example(body, pump, length, counter)
            if index == pump:
                out.append(unit * max(1, length // max(1, len(unit))))
            else:
                out.append(unit * max(low, 1 if unit else 0))
        # AT (anchors) and the like add no characters
    return "".join(out)


def _class_char(items: Any) -> str:
    negate = any(op is sc.NEGATE for op, _ in items)
    if negate:
        return "a"
    for op, arg in items:
        if op is sc.LITERAL:
            return chr(arg)
        if op is sc.RANGE:
            return chr(arg[0])
        if op is sc.CATEGORY:
            return "0" if "DIGIT" in str(arg) else "a"
    return "a"


def _repeats(items: Any) -> int:
    counter = [0]
    _example(items, None, 0, counter)
    return counter[0]


def adversarial(pattern: str) -> Iterator[str]:
    """Long inputs crafted from the pattern's structure, each at most 10,000 characters."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed = sre_parse.parse(_python_regex(pattern))
    base = _example(parsed, None, 0, [0])
    alphabet = sorted(set(base) | set("a0-_/.:@ \t"))
    for length in LENGTHS:
        for pump in range(_repeats(parsed)):
            pumped = _example(parsed, pump, length, [0])[:length]
            yield pumped
            for bad in BAD:
                yield pumped[: length - 1] + bad
                # Two characters: a separator the pattern accepts, then one it refuses
                # ("s3://aaaa.../\n"), so that every split of the run is tried again.
                for second in BAD:
                    yield pumped[: length - 2] + bad + second
        for char in alphabet:
            yield (char * length)[:length]
            yield (char * (length - 1)) + "!"
        # Nested-quantifier traps: alternating runs that many paths can split.
        for unit in ("a-", "-a", "a/", "a:", "0-", "-"):
            yield (unit * length)[: length - 1] + "!"
        yield (base + "a" * length)[: length - 1] + "\n"


def _best_of_three(matcher: Callable[[str], Any], value: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        matcher(value)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_is_fast_on_adversarial_input(pattern: str) -> None:
    matcher = compile_pattern(pattern)
    worst = 0.0
    count = 0
    for value in adversarial(pattern):
        assert len(value) <= 10_000
        seconds = _best_of_three(matcher, value)
        count += 1
        FIGURES.pattern(pattern, seconds * 1000, len(value), value[:20])
        worst = max(worst, seconds)
    assert count > 20
    assert worst < GENEROUS_BOUND_S, f"{pattern!r}: {worst * 1000:.1f} ms"


def test_every_pattern_is_timed() -> None:
    assert len(PATTERNS) >= 15
