"""Which patterns Python's ``re`` may match: decided mechanically, checked on every model pattern.

A pattern goes to ``re`` only when every choice it offers is decided by the next character;
everything else stays with RE2. On the patterns that go to ``re``, both engines must give
the same answer on every value, and ``re`` must stay linear (the reliability suite times every
model pattern on adversarial input; here a cheap ratio check guards the decision itself).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irclient.validation._linear import backtrack_free
from irclient.validation._patterns import compile_pattern, python_matcher, re2_matcher, translate
from strategies import _python_regex, model_patterns

MODEL_PATTERNS = model_patterns()
TO_RE = [p for p in MODEL_PATTERNS if python_matcher(p) is not None]


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a|aa)*(b|c)",  # alternatives that start alike, under a repetition
        r"(a*)*b",  # a repetition of what can be empty
        r"[a-z]*[a-z]",  # two repetitions over the same characters
        r"a?a",
        r"(https|s3)://([^/]+)/?(.*)",  # quadratic on "s3://" + "a" * n + "/\n"
        r"[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?",
        r"(x+x+)+y",
        r"(a|b|ab)*c",
        r"\d+",  # a category: refused rather than decided
        r"(?i)abc",  # a flag
        r"(a)\1",  # a back reference
        r"(?:[ \t]|[^ \t])*",  # a long repetition of a group: re is not linear on it
        r"a(?=b)b",  # a lookahead
    ],
)
def test_patterns_with_a_choice_the_next_character_does_not_decide_are_refused(
    pattern: str,
) -> None:
    assert not backtrack_free(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"[a-z]+",
        r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
        r"[-a-zA-Z_0-9]+/[^\n]+",
        r"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z0-9\-]{1,14}/[^\n]*",
        r"(?:[ \t]|[^ \t]){0,100}",
        r"abc(?<!-)",
        r"(ab|cd){1,50}e",
    ],
)
def test_deterministic_patterns_are_taken(pattern: str) -> None:
    assert backtrack_free(pattern)


def test_most_model_patterns_go_to_re_and_the_ambiguous_ones_to_re2() -> None:
    assert len(TO_RE) >= 12
    assert r"(https|s3)://([^/]+)/?(.*)" not in TO_RE
    # A pattern with a Unicode category (\p{L}) is not re's syntax: RE2 keeps it.
    assert not any(r"\p{" in p for p in TO_RE)
    for pattern in MODEL_PATTERNS:
        expected = python_matcher(pattern) is not None
        assert expected == backtrack_free(translate(pattern, dialect="python"))


def _near(values: list[str]) -> st.SearchStrategy[str]:
    # Matching values with one character changed, inserted or dropped: where engines differ.
    def mutate(pair: tuple[str, int, str, int]) -> str:
        value, index, char, how = pair
        index = index % (len(value) + 1)
        if how == 0:
            return value[:index] + char + value[index + 1 :]
        if how == 1:
            return value[:index] + char + value[index:]
        return value[:index] + value[index + 1 :]

    chars = st.sampled_from(list("aZ09-_./:@ \t\n!\u00e9\u2028\ud800\ufffd"))
    return st.tuples(st.sampled_from(values), st.integers(0, 200), chars, st.integers(0, 2)).map(
        mutate
    )


@pytest.mark.parametrize("pattern", TO_RE)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_re_and_re2_agree_on_every_value(pattern: str, data: st.DataObject) -> None:
    python, re2 = python_matcher(pattern), re2_matcher(pattern)
    assert python is not None
    matching = st.from_regex(_python_regex(pattern), fullmatch=True)
    seeds = data.draw(st.lists(matching, min_size=1, max_size=3))
    value = data.draw(matching | _near(seeds) | st.text(max_size=30))
    assert python(value) == re2(value), repr(value)
    assert compile_pattern(pattern)(value) == re2(value)


@pytest.mark.parametrize("pattern", TO_RE)
def test_re_stays_linear_on_pumped_input(pattern: str) -> None:
    # The longest run of each character the pattern accepts, then a character it refuses:
    # ten times the length must cost well under a hundred times the time (quadratic).
    matcher = python_matcher(pattern)
    assert matcher is not None

    def cost(n: int) -> float:
        values = [c * n + end for c in "a0-/.:_ " for end in ("!", "\n", "/\n", "-", "")]
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            for value in values:
                matcher(value)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = cost(5_000), cost(50_000)
    assert large < max(small, 1e-3) * 40, (pattern, small, large)
