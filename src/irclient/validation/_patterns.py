r"""AWS (Java) patterns, matched in linear time.

The service model's patterns are ``java.util.regex`` patterns, matched against the whole value.
Python's ``re`` and the ``regex`` package backtrack: ``(https|s3)://([^/]+)/?(.*)`` is quadratic
on ``"s3://" + "a" * n + "/\n"``. RE2 (through ``google-re2``) never backtracks; its time is
linear in the value's length whatever the pattern, so a hostile value cannot stall validation.
Most of the model's patterns offer no choice that the next character does not decide
(``[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}``); on those ``re`` is linear too, and faster on short
values, so :func:`compile_pattern` matches them with ``re`` (the decision is mechanical, on
the parse ``re`` runs: :mod:`._linear`) and every other pattern with RE2.

RE2's syntax is not Java's, so each pattern is translated first, keeping Java's meaning:

- ``\d``, ``\D``, ``\s``, ``\S``, ``\w``, ``\W`` are ASCII-only in Java (without the
  ``UNICODE_CHARACTER_CLASS`` flag, which AWS does not set); they become explicit ASCII classes.
- ``.`` stops at every Java line terminator (``\n``, ``\r``, U+0085, U+2028, U+2029).
- ``\p{L}``, ``\P{N}`` and the other Unicode general categories keep their meaning.
- A counted repetition above RE2's limit of 1,000 (``[\S]{1,2048}``) is split into chained
  repetitions of the same language.
- Escaped punctuation (``\-``, ``\/``, ``\.``) is literal, as in Java.
- A negative lookbehind of literal text closing the whole pattern (``AIResourceIdentifier``'s
  ``...(?<!-)``), which RE2 cannot run, becomes a test beside the match: under a whole-value
  match, "not preceded by ``-`` at the end" is "does not end with ``-``". A lookbehind
  anywhere else, or of anything but literal text, is refused.
- A negative lookahead after a literal prefix (the inference components' ``(?!\s*$).+`` and
  ``/(?!.*\.\.)[a-zA-Z0-9/_.\-]+``) becomes two linear tests: after the prefix, the rest
  matches the pattern's remainder and the lookahead's body matches no prefix of it.

Anything else (an escape, a flag, a class operation the translation does not know) raises
:class:`PatternError` instead of being passed through with a different meaning.

A Python string may hold a lone surrogate (``"\ud800"``), which RE2 cannot see (it matches
UTF-8). The matcher reads each lone surrogate as U+FFFD, which every class the model uses
treats as Java treats a lone surrogate: not a letter, digit, space or word character, but
matched by ``.``, ``\S`` and negated classes. (Validation refuses such strings anyway.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, Literal

import re2

from ._linear import backtrack_free

try:  # the binding under google-re2's Python layer: private, so only used while it is there
    from re2 import _re2 as _binding
except ImportError:  # pragma: no cover - a google-re2 release without it
    _binding = None

__all__ = [
    "LONE_SURROGATE",
    "PatternError",
    "compile_pattern",
    "python_matcher",
    "re2_matcher",
    "split_lookahead",
    "split_lookbehind",
    "translate",
]


class PatternError(ValueError):
    """A pattern uses Java syntax that the translation to RE2 does not handle."""


_SPACE = r" \t\n\x0B\f\r"
_DIGIT = "0-9"
_WORD = "a-zA-Z_0-9"
# Characters outside Latin-1 are written {U+XXXX} here and put in each dialect's syntax.
_LINE_END = r"\n\r\x85{U+2028}{U+2029}"
# Java's \v and \h (Java 8): vertical and horizontal whitespace, Unicode-aware.
_VERTICAL = r"\n\x0B\f\r\x85{U+2028}{U+2029}"
_HORIZONTAL = r" \t\xA0{U+1680}{U+180E}{U+2000}-{U+200A}{U+202F}{U+205F}{U+3000}"
_WIDE = re.compile(r"\{U\+([0-9A-F]{4})\}")

# Escapes naming a set of characters: (the set's members, whether the escape is its complement).
_SET_ESCAPES: dict[str, tuple[str, bool]] = {
    "d": (_DIGIT, False),
    "D": (_DIGIT, True),
    "s": (_SPACE, False),
    "S": (_SPACE, True),
    "w": (_WORD, False),
    "W": (_WORD, True),
    "v": (_VERTICAL, False),
    "V": (_VERTICAL, True),
    "h": (_HORIZONTAL, False),
    "H": (_HORIZONTAL, True),
}
# Escapes of one control character, written the same way in RE2.
_CONTROL_ESCAPES = {"t": r"\t", "n": r"\n", "r": r"\r", "f": r"\f", "a": r"\x07", "e": r"\x1B"}
_PUNCTUATION = frozenset(r"""\.-/[](){}*+?^$|&:,=!<>@#%'"`~;_ """)
_CATEGORY = re.compile(r"[pP](?:\{(?:Is)?([A-Z][a-z]?)\}|([A-Z]))")
_QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")
_RE2_MAX_REPEAT = 1000
_PYTHON_MAX_REPEAT = 2**31 - 2


def _escape(pattern: str, i: int) -> tuple[str, str | None, bool, int]:
    r"""The escape at ``pattern[i]`` (a backslash).

    Returns ``(text, members, negated, next_index)``: ``members`` is set for a class escape
    (``\d``), ``text`` is the RE2 text otherwise.
    """
    if i + 1 >= len(pattern):
        raise PatternError(f"{pattern!r} ends in a lone backslash")
    ch = pattern[i + 1]
    if ch in _SET_ESCAPES:
        members, negated = _SET_ESCAPES[ch]
        return "", members, negated, i + 2
    if ch in _CONTROL_ESCAPES:
        return _CONTROL_ESCAPES[ch], None, False, i + 2
    if ch in "pP":
        match = _CATEGORY.match(pattern, i + 1)
        if match is None:
            raise PatternError(f"{pattern!r}: unsupported property escape at {i}")
        name = match.group(1) or match.group(2)
        return f"\\{ch}{{{name}}}", None, False, match.end()
    if ch == "x":
        digits = pattern[i + 2 : i + 4]
        if len(digits) == 2 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return f"\\x{digits}", None, False, i + 4
        raise PatternError(f"{pattern!r}: unsupported hex escape at {i}")
    if ch == "u":
        digits = pattern[i + 2 : i + 6]
        if len(digits) == 4 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return f"{{U+{digits.upper()}}}", None, False, i + 6
        raise PatternError(f"{pattern!r}: unsupported unicode escape at {i}")
    if ch in _PUNCTUATION:
        return f"\\{ch}" if ch != " " else " ", None, False, i + 2
    raise PatternError(f"{pattern!r}: the escape \\{ch} at {i} has no translation")


def _class(pattern: str, i: int) -> tuple[str, int]:
    """The RE2 text of the character class opening at ``pattern[i]`` and the index after it."""
    start = i
    i += 1
    negated = pattern.startswith("^", i)
    if negated:
        i += 1
    items: list[str] = []
    complements: list[str] = []
    first = True
    while True:
        if i >= len(pattern):
            raise PatternError(f"{pattern!r}: the class at {start} is not closed")
        ch = pattern[i]
        if ch == "]" and not first:
            i += 1
            break
        first = False
        if ch == "\\":
            text, members, negated_set, i = _escape(pattern, i)
            if members is None:
                items.append(text)
            elif negated_set:
                complements.append(members)
            else:
                items.append(members)
            continue
        if ch == "[" or pattern.startswith("&&", i):
            raise PatternError(f"{pattern!r}: nested classes and && at {i} have no translation")
        items.append(ch)
        i += 1
    if not complements:
        return f"[{'^' if negated else ''}{''.join(items)}]", i
    if negated:
        # [^a\S] is \s minus a: rare enough that no model pattern uses it.
        raise PatternError(f"{pattern!r}: a negated class with \\S, \\D or \\W at {start}")
    # [a\S] is a union RE2 cannot write as one class: an alternation of classes is the same set.
    parts = [f"[^{members}]" for members in complements]
    if items:
        parts.insert(0, f"[{''.join(items)}]")
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})", i


def _chunks(count: int) -> list[int]:
    full, rest = divmod(count, _RE2_MAX_REPEAT)
    return [_RE2_MAX_REPEAT] * full + ([rest] if rest else [])


def _repeat(atom: str, low: int, high: int | None, limit: int) -> str:
    """``atom{low,high}``, split into chained repetitions above ``limit`` (RE2's)."""
    if low <= limit and (high is None or high <= limit):
        if high is None:
            return f"{atom}{{{low},}}"
        return f"{atom}{{{low},{high}}}" if high != low else f"{atom}{{{low}}}"
    group = f"(?:{atom})"
    # a{m,n} is a{m} then a{0,n-m}; a{0,j} then a{0,k} is a{0,j+k}: the same language.
    parts = [f"{group}{{{c}}}" for c in _chunks(low)]
    if high is None:
        parts.append(f"{group}*")
    else:
        parts.extend(f"{group}{{0,{c}}}" for c in _chunks(high - low))
    return "".join(parts)


_LOOKBEHIND_END = re.compile(r"\(\?<!((?:[^\\()\[\]{}|*+?.^$]|\\[^a-zA-Z0-9])+)\)\Z")


def split_lookbehind(pattern: str) -> tuple[str, str | None]:
    r"""``pattern`` without a closing negative lookbehind, and the text that lookbehind bans.

    ``X(?<!-)`` matches a whole value when ``X`` does and the value does not end with ``-``.
    Only a lookbehind of literal text (escaped punctuation allowed) after a top level without
    alternation has that meaning; any other lookbehind is left in place, for the
    translation to refuse.

    Returns:
        ``(body, banned)``: ``banned`` is ``None`` when ``pattern`` has no such lookbehind.
    """
    found = _LOOKBEHIND_END.search(pattern)
    if found is None:
        return pattern, None
    body = pattern[: found.start()]
    if _top_level_alternation(body):
        return pattern, None  # "a|b(?<!-)" binds to "b" alone: not an end-of-value test
    return body, re.sub(r"\\(.)", r"\1", found.group(1))


_LITERAL_PREFIX = re.compile(r"(?:[^\\()\[\]{}|*+?.^$]|\\[^a-zA-Z0-9])*")


class Lookahead:
    """A pattern of the form ``PREFIX(?!BODY)REST`` with a literal ``PREFIX``."""

    def __init__(self, prefix: str, body: str, rest: str) -> None:
        self.prefix, self.body, self.rest = prefix, body, rest


def split_lookahead(pattern: str) -> Lookahead | None:
    r"""``pattern`` as literal prefix, negative lookahead body and remainder, if it is one.

    Under a whole-value match, ``P(?!B)R`` matches ``value`` when ``value`` starts with the
    literal ``P``, the rest matches ``R`` whole, and ``B`` matches no prefix of the rest. Only
    that shape (no alternation outside the lookahead's body) is split; any other lookahead is
    left in place, for the translation to refuse.
    """
    head = _LITERAL_PREFIX.match(pattern)
    start = head.end() if head else 0
    if not pattern.startswith("(?!", start):
        return None
    # The lookahead ends where the group it opens closes.
    end = next((i + 1 for i, _, depth in _structure(pattern, start + 3, 1) if not depth), None)
    if end is None:
        return None
    rest = pattern[end:]
    if _top_level_alternation(rest):
        return None
    prefix = re.sub(r"\\(.)", r"\1", pattern[:start])
    return Lookahead(prefix, pattern[start + 3 : end - 1], rest)


def _top_level_alternation(pattern: str) -> bool:
    return any(ch == "|" and not depth for _, ch, depth in _structure(pattern))


def _structure(pattern: str, start: int = 0, depth: int = 0) -> Iterator[tuple[int, str, int]]:
    """The characters of ``pattern`` from ``start`` that give it structure, with their depth.

    Escaped characters and character classes are passed over; each other character comes
    with its index and the group depth once it is read (``depth`` at ``start``).
    """
    i = start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class(pattern, i)[1]
            continue
        depth += ch == "("
        depth -= ch == ")"
        yield i, ch, depth
        i += 1


def translate(pattern: str, *, dialect: Literal["re2", "python"] = "re2") -> str:
    r"""The pattern with the meaning Java gives ``pattern``, in RE2's syntax or Python's.

    Python's syntax (``re``, with the ``regex`` package for ``\p{..}``) is for tools that
    generate examples from a pattern; matching uses RE2. Python keeps a closing negative
    lookbehind (:func:`split_lookbehind`) as it is; RE2 has none, so :func:`compile_pattern`
    tests it beside the match.

    Raises:
        PatternError: ``pattern`` uses syntax the translation does not handle (for RE2, a
            lookbehind).
    """
    wide = "\\x{{{}}}" if dialect == "re2" else "\\u{}"
    ahead = split_lookahead(pattern)
    if ahead is not None:
        if dialect == "re2":
            raise PatternError(
                f"{pattern!r}: RE2 has no lookahead; compile_pattern tests it beside the match"
            )
        inner = translate(ahead.body, dialect="python").replace("$", r"\Z")
        return f"{re.escape(ahead.prefix)}(?!{inner}){translate(ahead.rest, dialect='python')}"
    body, banned = split_lookbehind(pattern)
    text = _WIDE.sub(lambda m: wide.format(m.group(1)), _translate(body, dialect))
    if banned is None:
        return text
    if dialect == "python":
        return f"(?:{text})(?<!{re.escape(banned)})"
    raise PatternError(
        f"{pattern!r}: RE2 has no lookbehind; compile_pattern tests the end of the value beside "
        "the match"
    )


def _translate(pattern: str, dialect: str) -> str:
    # Each entry of a frame is one atom (what a quantifier applies to); ``(`` opens a frame.
    frames: list[list[str]] = [[]]
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        out = frames[-1]
        if ch == "\\":
            text, members, negated, i = _escape(pattern, i)
            out.append(text if members is None else f"[{'^' if negated else ''}{members}]")
        elif ch == "[":
            text, i = _class(pattern, i)
            out.append(text)
        elif ch == ".":
            out.append(f"[^{_LINE_END}]")
            i += 1
        elif ch == "(":
            if pattern.startswith("(?", i) and not pattern.startswith("(?:", i):
                raise PatternError(f"{pattern!r}: the group construct at {i} has no translation")
            i += 3 if pattern.startswith("(?:", i) else 1
            frames.append([])
        elif ch == ")":
            if len(frames) == 1:
                raise PatternError(f"{pattern!r}: unbalanced ')' at {i}")
            body = "".join(frames.pop())
            frames[-1].append(f"({body})")
            i += 1
        elif ch in "*+?{":
            i = _quantify(pattern, i, out, dialect)
        else:
            # Literals, "|", "^" and "$" mean the same in RE2 (and "$" is only ever tested
            # under a whole-value match, where Java's "before a final newline" cannot apply).
            out.append(ch)
            i += 1
    if len(frames) != 1:
        raise PatternError(f"{pattern!r}: unbalanced '('")
    return "".join(frames[0])


def _quantify(pattern: str, i: int, out: list[str], dialect: str) -> int:
    """Apply the quantifier at ``pattern[i]`` to the last atom of ``out``; the next index."""
    if not out or out[-1] == "|":
        raise PatternError(f"{pattern!r}: a quantifier at {i} follows nothing")
    atom = out.pop()
    ch = pattern[i]
    if ch == "{":
        match = _QUANTIFIER.match(pattern, i)
        if match is None:
            raise PatternError(f"{pattern!r}: malformed repetition at {i}")
        low = int(match.group(1))
        high = low if match.group(2) is None else int(match.group(3)) if match.group(3) else None
        # Python's re takes any count; RE2 stops at 1,000 (a split repetition would also
        # look ambiguous to _linear, which reads the Python form).
        limit = _RE2_MAX_REPEAT if dialect == "re2" else _PYTHON_MAX_REPEAT
        text, i = _repeat(atom, low, high, limit), match.end()
    else:
        text, i = atom + ch, i + 1
    if pattern.startswith("+", i):
        # A possessive quantifier changes the language (a*+a matches nothing); RE2 lacks it.
        raise PatternError(f"{pattern!r}: possessive quantifier at {i} has no translation")
    if pattern.startswith("?", i):
        # Lazy or greedy, the set of whole values matched is the same.
        i += 1
    out.append(text)
    return i


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair alone: no Unicode text holds one (validation refuses it)."""
_SURROGATE = LONE_SURROGATE


def _options(options: Any) -> Any:
    options.log_errors = False  # a refused pattern is reported by PatternError, not on stderr
    options.never_capture = True  # only "does the whole value match" is ever asked
    options.max_mem = 64 << 20  # the split repetitions of [\S]{1,2048} need more than 8 MiB
    return options


@functools.cache
def compile_pattern(pattern: str) -> Callable[[str], bool]:
    r"""The whole-value matcher of an AWS (Java) pattern, linear in the value's length.

    The returned function takes a string and says whether the whole value matches.
    (``re.match`` with ``$`` would accept a trailing newline, ``"abc\n"``; this does not.)

    Args:
        pattern: A pattern from the service model, in Java syntax.

    Raises:
        PatternError: ``pattern`` uses syntax that has no translation, or that RE2 refuses.
    """
    return python_matcher(pattern) or re2_matcher(pattern)


def re2_matcher(pattern: str) -> Callable[[str], bool]:
    """The whole-value matcher of ``pattern`` through RE2: linear whatever the pattern.

    Raises:
        PatternError: ``pattern`` uses syntax that has no translation, or that RE2 refuses.
    """
    return _compile(pattern, _matcher)


def python_matcher(pattern: str) -> Callable[[str], bool] | None:
    """The whole-value matcher of ``pattern`` through Python's ``re``, when that is linear.

    ``re`` answers a short value in about a third of RE2's time (no UTF-8 encoding, no call
    into the binding), but it backtracks: it is used only for a pattern whose every choice
    :func:`~irclient.validation._linear.backtrack_free` shows to be decided by the next
    character. ``None`` for any other pattern (RE2 then matches it).
    """
    try:
        text = translate(pattern, dialect="python")
    except PatternError:
        return None
    if not backtrack_free(text):
        return None
    fullmatch = re.compile(text).fullmatch

    def match(value: str) -> bool:
        if not value.isascii() and _SURROGATE.search(value):
            # Read a lone surrogate as RE2's matcher does (U+FFFD): one meaning either way.
            value = _SURROGATE.sub("\ufffd", value)
        return fullmatch(value) is not None

    return match


Build = Callable[[str, str], Callable[[str], bool]]
"""Builds the whole-value matcher of a pattern from the pattern and its RE2 translation."""


def _compile(pattern: str, build: Build) -> Callable[[str], bool]:
    """``pattern``'s matcher from ``build``, with a closing lookbehind tested beside it."""
    ahead = split_lookahead(pattern)
    if ahead is not None:
        return _compile_lookahead(pattern, ahead, build)
    body, banned = split_lookbehind(pattern)
    matcher = build(pattern, translate(body))
    if banned is None:
        return matcher

    def match_and_end(value: str) -> bool:
        # The lookbehind RE2 cannot run, as the test it is under a whole-value match.
        return not value.endswith(banned) and matcher(value)

    return match_and_end


def _compile_lookahead(pattern: str, ahead: Lookahead, build: Build) -> Callable[[str], bool]:
    """``P(?!B)R`` as two linear tests: the rest matches ``R``, and ``B`` no prefix of it."""
    rest = _compile(ahead.rest, build)
    # "B matches a prefix" is "B followed by anything matches the whole": ``.`` stops at line
    # ends, so "anything" is spelt as every character. ``$`` inside B is the end of the value.
    banned_body = translate(ahead.body).replace("$", r"\z")
    banned = build(pattern, f"(?:{banned_body})(?s:.*)")
    prefix, size = ahead.prefix, len(ahead.prefix)

    def match(value: str) -> bool:
        if not value.startswith(prefix):
            return False
        tail = value[size:]
        return rest(tail) and not banned(tail)

    return match


def _matcher(pattern: str, translated: str) -> Callable[[str], bool]:
    """The whole-value RE2 matcher of an already translated pattern."""
    # google-re2's Python layer (re2.compile) spends some 3 µs a call converting byte offsets
    # into character offsets for match objects; a yes-or-no answer needs none of it, so the
    # compiled RE2 object of its binding is called directly (under 1 µs).
    if _binding is None or not hasattr(_binding, "RE2"):  # pragma: no cover - see the import
        return _public_matcher(pattern, translated)
    compiled = _binding.RE2(translated.encode("utf-8"), _options(_binding.RE2.Options()))
    if not compiled.ok():
        raise PatternError(f"{pattern!r}: {compiled.error()}")
    run, both = compiled.Match, _binding.RE2.Anchor.ANCHOR_BOTH

    def match(value: str) -> bool:
        try:
            data = value.encode("utf-8")
        except UnicodeEncodeError:
            data = _SURROGATE.sub("\ufffd", value).encode("utf-8")
        return bool(run(both, data, 0, len(data))[0][0] >= 0)

    return match


def _public_matcher(pattern: str, translated: str) -> Callable[[str], bool]:
    """The same matcher through google-re2's public API, should its binding ever move."""
    try:
        compiled = re2.compile(translated, options=_options(re2.Options()))
    except re2.error as exc:
        raise PatternError(f"{pattern!r}: {exc}") from None

    def match(value: str) -> bool:
        return compiled.fullmatch(_SURROGATE.sub("\ufffd", value)) is not None

    return match
