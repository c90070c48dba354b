"""The text sanitiser: no control, format, bidi or invisible character, no lone surrogate.

Every category Unicode files such characters under is walked whole, and hypothesis fuzzes
every sanitiser with text weighted towards what an attacker would pick.
"""

from __future__ import annotations

import html
import json
import sys
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings

from hostile_text import HIDDEN_CATEGORIES, IGNORABLE, check_all_outputs, hostile_text
from irclient._utils.text import safe_html, safe_json, safe_output, safe_text


def _every(categories: frozenset[str], *, planes: tuple[range, ...]) -> str:
    return "".join(
        chr(code)
        for plane in planes
        for code in plane
        if unicodedata.category(chr(code)) in categories
    )


# The BMP, the SMP (Egyptian format controls, musical symbols' format characters) and the
# plane of the tag characters and the supplementary variation selectors.
PLANES = (range(0x20000), range(0xE0000, 0xE1000))
FORMAT = _every(frozenset({"Cf"}), planes=PLANES)
HIDDEN = _every(HIDDEN_CATEGORIES - {"Cf"}, planes=PLANES)


def test_every_format_character_is_escaped() -> None:
    # 170 of them in Unicode 14; the probe found 131 shown raw, the tag block among them.
    assert len(FORMAT) > 150
    assert "\U000e0041" in FORMAT and "\u00ad" in FORMAT and "\U00013430" in FORMAT
    shown = safe_text(FORMAT)
    assert not any(unicodedata.category(c) == "Cf" for c in shown)
    assert shown.count("\\") == len(FORMAT)


def test_the_tag_block_cannot_spell_hidden_text() -> None:
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "rm -rf")
    shown = safe_text(f"model-a{hidden}")
    assert shown == "model-a" + "".join(f"\\U{0xE0000 + ord(c):08x}" for c in "rm -rf")


@pytest.mark.parametrize(
    "sanitise",
    [
        lambda t: safe_text(t),
        lambda t: safe_output(t),
        lambda t: html.unescape(safe_html(t)),
        lambda t: safe_json(json.dumps(t, ensure_ascii=False)),
    ],
    ids=["safe_text", "safe_output", "safe_html", "safe_json"],
)
def test_every_sanitiser_escapes_every_hidden_character(sanitise: Callable[[str], str]) -> None:
    text = FORMAT + HIDDEN.replace("\n", "").replace("\t", "").replace("\r", "")
    shown = sanitise(text)
    assert not [c for c in shown if unicodedata.category(c) in HIDDEN_CATEGORIES]


def test_invisible_letters_and_variation_selectors_are_escaped() -> None:
    for char in sorted(IGNORABLE):
        if char in "\ufe0e\ufe0f":
            continue
        assert safe_text(f"a{char}b") == f"a\\{'u' if ord(char) < 0x10000 else 'U'}" + (
            f"{ord(char):04x}b" if ord(char) < 0x10000 else f"{ord(char):08x}b"
        )


def test_one_presentation_selector_after_a_visible_character_is_kept() -> None:
    assert safe_text("ok \u2764\ufe0f") == "ok \u2764\ufe0f"  # a red heart emoji
    # Anywhere else it carries nothing visible: a run, a start, after a space.
    assert safe_text("\u2764\ufe0f\ufe0f") == "\u2764\ufe0f\\ufe0f"
    assert safe_text("\ufe0fa") == "\\ufe0fa"
    assert safe_text("a \ufe0e") == "a \\ufe0e"


def test_printable_text_is_kept() -> None:
    text = "équipe 日本語 😀 \u00a0nbsp \ue000private ml.g5.xlarge"
    for shown in (safe_text(text), safe_output(text), html.unescape(safe_html(text))):
        assert shown == text


def test_html_escapes_markup_and_shows_bidi_and_surrogates() -> None:
    shown = safe_html('<b title="x">\u202e\ud800</b>\n')
    assert shown == "&lt;b title=&quot;x&quot;&gt;\\u202e\\ud800&lt;/b&gt;\\x0a"
    assert safe_html("line\nnext", multiline=True) == "line\nnext"
    shown.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_fuzz_every_output_is_free_of_hidden_characters(value: str) -> None:
    check_all_outputs(value)


def test_this_python_knows_the_tag_block() -> None:
    # Guards the tests above: they walk this interpreter's Unicode database.
    assert unicodedata.category("\U000e0041") == "Cf", sys.version
