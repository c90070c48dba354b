"""AWS (Java) patterns: every escape the model uses keeps Java's meaning, and matching is linear."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from irclient import validation
from irclient.models import RecommendationJobContainerConfig
from irclient.validation._patterns import PatternError, compile_pattern, translate
from strategies import model_patterns

MODEL_PATTERNS = model_patterns()


def matches(pattern: str, value: str) -> bool:
    return compile_pattern(pattern)(value)


# --------------------------------------------------------------------------- the model's patterns


@pytest.mark.parametrize("pattern", MODEL_PATTERNS)
def test_every_escape_of_every_model_pattern_has_a_translation(pattern: str) -> None:
    # Each escape alone, inside and outside a class: an escape the translation does not know
    # raises PatternError, so a new model pattern with a new escape fails here, by name.
    for escape in set(re.findall(r"\\(?:[pP]\{[^}]*\}|.)", pattern)):
        translate(escape)
        if not escape.startswith(("\\p", "\\P")):
            translate(f"[{escape}]")
    compile_pattern(pattern)


def test_the_model_has_patterns_to_scan() -> None:
    assert len(MODEL_PATTERNS) >= 15
    assert any("\\w" in p for p in MODEL_PATTERNS)


@pytest.mark.parametrize(
    "pattern",
    [r"\R", r"\b", r"\Qa\E", r"\p{IsLatin}", r"\k<x>", "(?i)a", "a*+", "[a&&b]", "[^\\S]"],
)
def test_syntax_without_a_translation_is_refused_not_passed_through(pattern: str) -> None:
    with pytest.raises(PatternError):
        compile_pattern(pattern)


# --------------------------------------------------------------------------- Java's meaning


@pytest.mark.parametrize(
    ("pattern", "value", "java"),
    [
        # \w and \W are ASCII-only in Java: AWS refuses "applicatión/json".
        (r"[-\w]+\/.+", "application/json", True),
        (r"[-\w]+\/.+", "applicatión/json", False),
        (r"\w+", "a_Z9", True),
        (r"\w+", "é", False),
        (r"\W", "é", True),
        (r"\W", "_", False),
        (r"[\W]", "é", True),
        (r"[a\W]", "a", True),
        (r"[a\W]", "b", False),
        # \d and \D: ASCII digits only.
        (r"\d", "\u0661", False),
        (r"\D", "\u0661", True),
        (r"\D", "1", False),
        # \s and \S: Java's six ASCII spaces, vertical tab included; no other space.
        (r"\s", "\x0b", True),
        (r"\s", "\u00a0", False),
        (r"\S", "\u00a0", True),
        (r"[\S\s]+", "any\nthing\u2028", True),
        # "." stops at every Java line terminator.
        (".", "\u2028", False),
        (".", "\u0085", False),
        (".", "\t", True),
        # Unicode categories.
        (r"\p{L}+", "日本語é", True),
        (r"\p{N}", "\u0663", True),
        (r"\p{Z}", "\u00a0", True),
        (r"\P{L}", "a", False),
        # Escaped punctuation is literal; \uXXXX and \xHH name characters.
        (r"a\.b", "axb", False),
        (r"a\-\/", "a-/", True),
        (r"\u00e9", "é", True),
        (r"\x41", "A", True),
        (r"\t", "\t", True),
        *[("\\" + c, c, True) for c in "\\.-/[](){}*+?^$|&:,=!<>@#%'\"`~;_ "],
        # Whole-value match: a trailing newline is not a match.
        ("abc", "abc\n", False),
        ("a{2,3}", "aaaa", False),
        ("a{2,}", "aaaa", True),
    ],
)
def test_translation_keeps_java_meaning(pattern: str, value: str, java: bool) -> None:
    assert matches(pattern, value) is java


def test_java_w_is_ascii_through_validation() -> None:
    config = RecommendationJobContainerConfig(supported_response_mime_types=["applicatión/json"])
    paths = {v.path: v.constraint for v in validation.check(config)}
    assert paths == {"supported_response_mime_types[0]": "pattern"}


def test_a_counted_repetition_above_re2s_limit_keeps_its_bounds() -> None:
    arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/"
    pattern = next(p for p in MODEL_PATTERNS if "{1,2048}" in p)
    assert matches(pattern, arn + "x" * 2048)
    assert not matches(pattern, arn + "x" * 2049)
    assert not matches(pattern, arn)
    assert matches("a{1500,2500}", "a" * 1500) and matches("a{1500,2500}", "a" * 2500)
    assert not matches("a{1500,2500}", "a" * 1499) and not matches("a{1500,2500}", "a" * 2501)
    assert matches("a{1200,}", "a" * 5000) and not matches("a{1200,}", "a" * 1199)


def test_a_lone_surrogate_is_matched_as_java_matches_it() -> None:
    # Java sees U+D800 as a character of its own: "." and [^/] match it, \p{L} does not.
    assert matches(r"(https|s3)://([^/]+)/?(.*)", "s3://\ud800/key\udfff")
    assert not matches(r"\p{L}", "\ud800")
    assert matches(r"\S", "\ud800")


def test_the_python_dialect_means_the_same() -> None:
    translated = translate(".", dialect="python")
    assert re.fullmatch(translated, "\u2028") is None
    assert re.fullmatch(translated, "x")


# --------------------------------------------------------------------------- linear time


def test_matching_is_linear_where_a_backtracking_engine_is_quadratic() -> None:
    # With a backtracking engine (re, regex) this input takes hours (quadratic: 546 ms at
    # 10,000 characters); a linear matcher takes milliseconds. A subprocess with a
    # generous limit turns "never finishes" into a failure instead of a hung test run.
    code = textwrap.dedent(
        """
        from irclient.validation._patterns import compile_pattern
        uri = compile_pattern(r"(https|s3)://([^/]+)/?(.*)")
        assert not uri("s3://" + "a" * 2_000_000 + "/\\n")
        nested = compile_pattern(r"(a|aa)*(b|c)")
        assert not nested("a" * 100_000)
        print("done")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "done"


_SAMPLES = (
    "",
    "a",
    "job-1",
    "ml.c5.xlarge",
    "s3://bucket/key.tar.gz",
    "https://example.com/x",
    "arn:aws:iam::123456789012:role/SageMakerRole",
    "arn:aws:sagemaker:us-east-1:123456789012:model-package/resnet/3",
    "application/json",
    "applicatión/json",
    "x\n",
    "tag value é 1",
    "\ud800",
    "a" * 3000,
)


@pytest.mark.parametrize("pattern", MODEL_PATTERNS)
def test_the_public_re2_fallback_matches_as_the_binding_does(pattern: str) -> None:
    # compile_pattern calls google-re2's private binding for speed, and falls back to the
    # public API should a release move it; both must give the same answers.
    from irclient.validation import _patterns

    fast = compile_pattern(pattern)
    public = _patterns._compile(pattern, _patterns._public_matcher)
    assert [fast(v) for v in _SAMPLES] == [public(v) for v in _SAMPLES]


def test_the_fallback_comparison_sees_both_answers() -> None:
    # Agreement on values no pattern matches would prove nothing.
    answers = {compile_pattern(p)(v) for p in MODEL_PATTERNS for v in _SAMPLES}
    assert answers == {True, False}


# --------------------------------------------------------------------------- lookbehind

_IDENTIFIER = next(p for p in MODEL_PATTERNS if p.endswith("(?<!-)"))


def test_the_model_has_one_lookbehind_the_known_lookaheads_and_no_other_construct() -> None:
    # A new construct ("(?=", "(?i)", "(?<name>") in a later model must be looked at, not
    # passed through: compile_pattern refuses it, and this scan names it here.
    # The inference components' negative lookaheads are the ones LOOKAHEADS checks (each
    # split into two linear tests by split_lookahead); any other is named here.
    constructs = {c for p in MODEL_PATTERNS for c in re.findall(r"\(\?<?.", p)}
    assert constructs <= {"(?<!", "(?!"}, constructs
    assert [p for p in MODEL_PATTERNS if "(?<" in p] == [_IDENTIFIER]
    assert {p for p in MODEL_PATTERNS if "(?!" in p} == set(LOOKAHEADS)


@pytest.mark.parametrize(
    "value",
    [
        "my-endpoint",
        "my-endpoint-",
        "-",
        "a",
        "a-",
        "a--b",
        "arn:aws:sagemaker:us-west-2:123456789012:endpoint/llama-ep",
        "arn:aws:sagemaker:us-west-2:123456789012:endpoint/llama-ep-",
        "arn:aws:sagemaker:us-west-2:123456789012:inference-component/ic-1",
        "arn:aws:sagemaker:us-west-2:123456789012:endpoint/",
        "llama-ep\n",
        "a" * 63,
        "a" * 62 + "-",
    ],
)
def test_the_closing_lookbehind_means_what_java_gives_it(value: str) -> None:
    # Python's re runs lookbehinds (by backtracking, fine for a test oracle on short values).
    oracle = re.fullmatch(translate(_IDENTIFIER, dialect="python"), value) is not None
    assert matches(_IDENTIFIER, value) is oracle
    assert not matches(_IDENTIFIER, value) or not value.endswith("-")


def test_an_identifier_ending_in_a_dash_is_refused_and_one_without_is_accepted() -> None:
    assert matches(_IDENTIFIER, "llama-ep")
    assert not matches(_IDENTIFIER, "llama-ep-")


def test_re2_translation_of_a_lookbehind_is_refused_not_dropped() -> None:
    with pytest.raises(PatternError, match="lookbehind"):
        translate(_IDENTIFIER)


@pytest.mark.parametrize(
    "pattern",
    ["(?<!-)a", "a|b(?<!-)", "a(?<!a*)", "a(?<=-)", "(a(?<!-))b", "a(?<!-)b", "a(?<![-])"],
)
def test_a_lookbehind_that_is_not_a_closing_literal_is_refused(pattern: str) -> None:
    with pytest.raises(PatternError):
        compile_pattern(pattern)


def test_a_closing_lookbehind_stays_linear_on_hostile_input() -> None:
    import time

    matcher = compile_pattern(_IDENTIFIER)
    value = "a" + "-" * 200_000 + "-"
    began = time.perf_counter()
    assert not matcher(value)
    assert time.perf_counter() - began < 0.5


LOOKAHEADS = {
    # The inference components' patterns: not only white space; a path with no "..".
    r"(?!\s*$).+": {"a": True, " a": True, "   ": False, "": False, "\t\n": False, "x\n": False},
    r"/(?!.*\.\.)[a-zA-Z0-9/_.\-]+": {
        "/a/b": True,
        "/x.y": True,
        "/.a": True,
        "/a..b": False,
        "/a/../b": False,
        "/": False,
        "a/b": False,
    },
}


@pytest.mark.parametrize("pattern", sorted(LOOKAHEADS))
def test_a_lookahead_after_a_literal_prefix_is_two_linear_tests(pattern: str) -> None:
    matcher = compile_pattern(pattern)
    python = re.compile(translate(pattern, dialect="python"))
    for value, expected in LOOKAHEADS[pattern].items():
        assert matcher(value) is expected, value
        assert (python.fullmatch(value) is not None) is expected, value
    with pytest.raises(PatternError, match="no lookahead"):
        translate(pattern)


def test_a_lookahead_that_is_not_after_a_literal_prefix_is_refused() -> None:
    with pytest.raises(PatternError):
        compile_pattern(r"a+(?!b)c")
