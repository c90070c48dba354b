r"""Text from AWS made safe for a terminal, a notebook or a JSON reader.

Anyone who can create a job in an account chooses its name, description and failure reason,
and so the bytes that reach the terminal of whoever lists or describes it. Written raw, an
``ESC ] 0;title BEL`` sequence renames the terminal window, colour codes hide text, and a lone
surrogate (``"\ud800"``, which JSON allows) makes Python's ``print`` raise. Every text output
of irclient passes through :func:`safe_text` (plain text) or :func:`safe_json` (JSON text):

- C0 and C1 control characters (``ESC``, ``BEL``, ``CSI``, newlines inside a value...), DEL,
  and the invisible Unicode formatting controls that reorder or hide text (bidirectional
  overrides and isolates, zero-width joiners, the BOM) are shown as Python-style escapes
  (``\x1b``, ``\u202e``); in JSON they become ``\uXXXX`` escapes, so the value read back is
  exactly the one AWS sent.
- A lone surrogate is shown as its escape (``\ud800``).
- A character the output's encoding cannot write (a ``C`` locale's ASCII) is shown as its
  escape instead of raising ``UnicodeEncodeError``.
"""

from __future__ import annotations

import re

__all__ = ["safe_json", "safe_output", "safe_text"]

# C0 controls, DEL, C1 controls, surrogates, and the format characters that change how the
# text around them is displayed: soft hyphen is harmless and left alone.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff"
    "\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)

# The same, less the layout characters a program's own output uses (newline, tab, and the
# carriage return that redraws a progress line).
_UNSAFE_OUTPUT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
    "\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


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
    value = _UNSAFE.sub(lambda m: _escape(m.group()), value)
    return _encodable(value, encoding)


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
    value = _UNSAFE_OUTPUT.sub(lambda m: _json_escape(m.group()), document)
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
    value = _UNSAFE_OUTPUT.sub(lambda m: _escape(m.group()), text)
    return _encodable(value, encoding)
