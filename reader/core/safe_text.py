"""Text from content made safe for where it is shown: a terminal, a title, a tooltip, a name.

Content (file names, titles, summaries, captions, link titles) is written by whoever made the
content root. Each helper here is the one way one kind of output shows it:

- :func:`terminal_safe` — every CLI print of content-derived text: control characters, line
  breaks, terminal escapes, bidi controls and undecodable bytes are written as escapes, so a
  name cannot forge a line of output (``\\nOK: …``) or drive the terminal.
- :func:`display_title` — titles shown in the tree, the window title and tabs: bidi embedding,
  override and isolate characters are removed (they could reverse the text around them) and
  control characters become spaces.
- :func:`plain_tooltip` — every tooltip built from content: Qt reads a tooltip that looks like
  HTML as rich text and loads its ``<img src>`` from disk, so the text is escaped and wrapped so
  Qt shows it literally.
- :func:`is_text_name` and :func:`printable_path` — file names that are not UTF-8 (bytes from
  ``os.fsdecode``'s surrogate escapes) are recognised and reported with their bytes escaped.
- :func:`nfc` — the one Unicode normal form names and links are compared in.

Every function is linear in the length of its input and never raises. No Qt.
"""

from __future__ import annotations

import html
import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: what can reorder the text around a title."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _needs_escape(char: str) -> bool:
    category = unicodedata.category(char)
    # Cc: C0/C1 controls and DEL; Cs: surrogates (undecodable bytes); Zl/Zp: line and paragraph
    # separators; Cf: format characters such as bidi controls and zero-width joiners.
    return category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode kept it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every non-printable character written as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``, ``\\xff`` for an undecodable byte); a backslash is doubled so escapes cannot be
    forged. The result is one line and encodes to UTF-8."""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escape(char) if char == "\\" or _needs_escape(char) else char for char in text)


def printable_path(path: str) -> str:
    """A root-relative path fit for a problem report or a label: escaped as :func:`terminal_safe`
    does, but with backslashes (Windows folder separators) left as they are."""
    if path.isprintable():
        return path
    return "".join(_escape(char) if _needs_escape(char) else char for char in path)


def is_text_name(name: str) -> bool:
    """True if the file name ``name`` (from ``os.scandir``) was valid UTF-8 on disk."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def display_title(text: str) -> str:
    """``text`` for a title line: bidi embedding/override/isolate characters removed, control
    characters and line breaks turned into spaces, undecodable bytes escaped."""
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        if char in BIDI_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif category == "Cs":
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def is_plain_tooltip(text: str) -> bool:
    """True if ``text`` is already what :func:`plain_tooltip` makes: ``<qt>…</qt>`` holding no
    markup but ``<br/>`` (entities only ever stand for characters), so it is safe whoever made it."""
    if not (text.startswith("<qt>") and text.endswith("</qt>")):
        return False
    return "<" not in text[4:-5].replace("<br/>", "")


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt shows literally: escaped HTML inside ``<qt>``, so markup
    in the text (``<img src=…>``) is shown, never loaded; line breaks are kept. A text that is
    already such a tooltip (:func:`is_plain_tooltip`) is returned as it is."""
    if not text or is_plain_tooltip(text):
        return text
    lines = text.replace("\r\n", "\n").split("\n")
    return "<qt>" + "<br/>".join(html.escape(display_title(line), quote=False) for line in lines) + "</qt>"


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C, the form names and links are compared in."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)
