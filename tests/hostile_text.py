"""What hostile text is, and what "safe" means for each of irclient's text outputs.

Shared by the sanitiser tests (``tests/test_sanitiser.py``) and the reliability suite's fuzz
(``tests/reliability/test_hostile_text.py``), so both check one definition.
"""

from __future__ import annotations

import html
import json
import unicodedata

from hypothesis import strategies as st

from irclient._utils.text import safe_html, safe_json, safe_output, safe_text

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Cn"})
"""Unicode categories no output of irclient may carry raw."""

# Printable for Python, invisible on a terminal (Unicode's other default-ignorable points).
IGNORABLE = frozenset(
    [chr(c) for c in (0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0)]
    + [chr(c) for c in range(0x180B, 0x1810)]
    + [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
)
PRESENTATION = frozenset("\ufe0e\ufe0f")
LAYOUT = frozenset("\n\t\r")

# The characters a probe found or an attacker would pick first.
NASTY = [
    "\x1b",
    "\x07",
    "\x9b",
    "\x7f",
    "\r",
    "\n",
    "\x00",
    "\u00ad",
    "\u061c",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\u2028",
    "\ufeff",
    "\ufe0f",
    "\ufe0e",
    "\u3164",
    "\U000e0001",
    "\U000e0041",
    "\U000e007f",
    "\U000e0100",
    "\ud800",
    "\udfff",
    "\U00013430",
    "\U0001d173",
    "\uffff",
    "\\",
    '"',
    "<",
    "&",
    "é",
    "😀",
    "❤",
    " ",
]

hostile_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(NASTY),
        # Every code point, surrogates included.
        st.characters(exclude_categories=()),
    ),
    max_size=60,
)
"""Text made of every kind of character, weighted towards the dangerous ones."""


def hidden(char: str) -> bool:
    """Whether ``char`` may never reach an output raw (the presentation exception aside)."""
    return unicodedata.category(char) in HIDDEN_CATEGORIES or char in IGNORABLE


def check_shown(text: str, *, layout: bool) -> None:
    """``text`` (an output) carries no hidden character, bar a selector after a visible one."""
    previous = ""
    for char in text:
        if layout and char in LAYOUT:
            previous = char
            continue
        if char in PRESENTATION:
            visible = previous and not hidden(previous) and not previous.isspace()
            assert visible and previous not in PRESENTATION, repr(text)
        else:
            assert not hidden(char), f"{char!r} in {text!r}"
        previous = char
    text.encode("utf-8")  # a lone surrogate would raise here


def check_all_outputs(value: str) -> None:
    """Every sanitiser of irclient, on ``value``: nothing hidden, JSON values kept."""
    check_shown(safe_text(value), layout=False)
    check_shown(safe_text(value, None), layout=False)
    safe_text(value, "ascii").encode("ascii")
    check_shown(safe_output(value), layout=True)
    check_shown(html.unescape(safe_html(value)), layout=False)
    check_shown(html.unescape(safe_html(value, multiline=True)), layout=True)
    assert "\r" not in safe_html(value, multiline=True)
    assert "<" not in safe_html(value) and '"' not in safe_html(value)
    document = json.dumps({"v": value, "k": [value]}, ensure_ascii=False, indent=2)
    for encoding in ("utf-8", "ascii", None):
        shown = safe_json(document, encoding)
        check_shown(shown, layout=True)
        assert json.loads(shown) == {"v": value, "k": [value]}
