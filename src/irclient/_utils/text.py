r"""Text from AWS made safe for a terminal, a notebook or a JSON reader.

Anyone who can create a job in an account chooses its name, description and failure reason,
and so the bytes that reach the terminal of whoever lists or describes it; whoever writes a
model container chooses its log lines. Written raw, an ``ESC ] 0;title BEL`` sequence renames
the terminal window, an ``ESC ] 8`` sequence hides a link behind other text, colour codes hide
text, a carriage return overwrites the line it is on, and a lone surrogate (``"\ud800"``,
which JSON allows) makes Python's ``print`` raise. Every text output of irclient passes
through :func:`safe_text` (plain text), :func:`safe_html` (notebook HTML) or :func:`safe_json`
(JSON text):

- Control characters (Unicode category ``Cc``: C0, DEL and C1, newlines inside a value
  included), format characters (``Cf``: bidirectional overrides and isolates, zero-width
  characters, the BOM, the soft hyphen, the tag characters U+E0000-U+E007F that can spell
  hidden text), line and paragraph separators (``Zl``, ``Zp``), surrogates (``Cs``) and code
  points this Python's Unicode database does not assign (``Cn``: a format character of a
  later Unicode version, or a noncharacter) are shown as Python-style escapes (``\x1b``,
  ``\u202e``, ``\U000e0041``); in JSON they become ``\uXXXX`` escapes, so the value read
  back is exactly the one AWS sent.
- So are the other default-ignorable characters, which render as nothing although Unicode
  files them as letters or marks (the Hangul fillers, the combining grapheme joiner,
  variation selectors, which can carry hidden bytes), except one text or emoji
  presentation selector (U+FE0E, U+FE0F) right after a visible character: that one only
  picks how an emoji looks.
- A character the output's encoding cannot write (a ``C`` locale's ASCII) is shown as its
  escape instead of raising ``UnicodeEncodeError``.

Everything else, accents, CJK, emoji, private-use icons and non-ASCII spaces included, is
kept as it is.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

__all__ = ["safe_html", "safe_json", "safe_output", "safe_text"]

# Categories whose every character is escaped.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Cn"})

# Default-ignorable code points Unicode does not file as format characters (they are
# printable for Python, and invisible for a terminal): combining grapheme joiner, Hangul
# fillers, Khmer inherent vowels, Mongolian variation selectors, variation selectors.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
# The presentation selectors that may follow a visible character.
_PRESENTATION = frozenset("\ufe0e\ufe0f")
# The layout characters a program's own output uses: newline, tab, and the carriage return
# that redraws a progress line; a page needs no carriage return.
_LAYOUT = frozenset("\n\t\r")
_PAGE_LAYOUT = frozenset("\n\t")
_NO_LAYOUT: frozenset[str] = frozenset()


def _hidden(char: str) -> bool:
    """Whether ``char`` is escaped wherever it occurs (before the presentation exception)."""
    if char.isprintable():
        return _IGNORABLE.match(char) is not None
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def _sanitise(text: str, escape: Callable[[str], str], *, keep: frozenset[str]) -> str:
    # Fast path: most text is printable and holds no ignorable character.
    if text.isprintable() and _IGNORABLE.search(text) is None:
        return text
    out: list[str] = []
    after_visible = False  # whether the previous character was kept and is not a selector
    for char in text:
        if char in keep:
            out.append(char)
            after_visible = False
        elif not _hidden(char) or (after_visible and char in _PRESENTATION):
            out.append(char)
            after_visible = char not in _PRESENTATION and not char.isspace()
        else:
            out.append(escape(char))
            after_visible = False
    return "".join(out)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    # JSON writes a character beyond the BMP as its UTF-16 surrogate pair.
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _encodable(text: str, encoding: str | None, *, as_json: bool = False) -> str:
    if not encoding or text.isascii():
        return text
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        pass
    else:
        return text
    out = []
    for char in text:
        try:
            char.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            out.append(_json_escape(char) if as_json else _escape(char))
        else:
            out.append(char)
    return "".join(out)


def safe_text(text: object, encoding: str | None = "utf-8") -> str:
    r"""``text`` as one line that is safe to write to a terminal in ``encoding``.

    Control and formatting characters and lone surrogates are replaced by visible escapes
    (``\x1b``), and so is any character ``encoding`` cannot write. Printable text, accents,
    CJK and emoji included, is kept as it is.

    Args:
        text: The text to show (any object: its ``str``).
        encoding: The encoding of the output (``sys.stdout.encoding``); ``None`` for any.

    Returns:
        The text with every unsafe character escaped.
    """
    value = text if isinstance(text, str) else str(text)
    return _encodable(_sanitise(value, _escape, keep=_NO_LAYOUT), encoding)


def safe_json(document: str, encoding: str | None = "utf-8") -> str:
    r"""A JSON document (from ``json.dumps``) made safe to write to a terminal in ``encoding``.

    Inside strings, control and formatting characters, lone surrogates and characters that
    ``encoding`` cannot write become ``\uXXXX`` escapes: the document stays valid JSON and a
    reader gets back exactly the values that were dumped.

    Args:
        document: Text produced by ``json.dumps`` (with ``ensure_ascii=False``).
        encoding: The encoding of the output; ``None`` for any.

    Returns:
        The same JSON value, written with escapes where the text was unsafe.
    """
    # json.dumps already escapes C0 controls, quotes and backslashes; what is left of the
    # unsafe set can only occur inside strings, where a \\u escape means the same character.
    # Newlines, tabs and carriage returns left in the document are its indentation.
    value = _sanitise(document, _json_escape, keep=_LAYOUT)
    return _encodable(value, encoding, as_json=True)


def safe_output(text: str, encoding: str | None = "utf-8") -> str:
    r"""Text a program writes, made safe for a terminal in ``encoding``; its layout kept.

    As :func:`safe_text`, except that newlines, tabs and carriage returns stay: this is for
    whole lines of output, after each value in them went through :func:`safe_text`, as a
    last safety net for a value that did not.

    Args:
        text: What is about to be written.
        encoding: The encoding of the output; ``None`` for any.
    """
    return _encodable(_sanitise(text, _escape, keep=_LAYOUT), encoding)


def safe_html(text: object, *, multiline: bool = False) -> str:
    r"""``text`` as HTML text (escaped, quotes included), with every unsafe character shown.

    As :func:`safe_text`, then :func:`html.escape`: a bidirectional override or a lone
    surrogate would reach the page (or break Jupyter's message encoding) as a character
    reference just as well, so they are shown as ``\u202e`` text.

    Args:
        text: The text to show (any object: its ``str``).
        multiline: Keep newlines and tabs (for text shown preformatted, such as a log
            line); a carriage return is still shown as an escape.
    """
    value = text if isinstance(text, str) else str(text)
    shown = _sanitise(value, _escape, keep=_PAGE_LAYOUT if multiline else _NO_LAYOUT)
    return html.escape(shown, quote=True)
