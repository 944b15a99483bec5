"""Checks on the settings file that run before Qt reads it, and on the values Qt hands back.

``QSettings`` parses what it is given: an ``@Variant(...)`` that claims a list of 2³¹ items
aborts the process inside Qt, and a splitter size of 2³¹-1 freezes the layout. The app never
writes ``@Variant``; so :func:`unsafe_reason` looks at the file's text (one pass, string
operations only) and names anything Qt should not be given, and :func:`valid_geometry` checks
a saved window geometry field by field before ``restoreGeometry`` sees it. No Qt here.
"""

from __future__ import annotations

import struct

MAX_SETTINGS_BYTES = 256 * 1024  # the app writes about 1 KB
MAX_LINE_CHARACTERS = 16 * 1024  # the longest value it writes (the window geometry) is ~300
SAFE_TYPES = ("@ByteArray(", "@Invalid()", "@@")  # what Qt writes for our values; @@ escapes an @
MAX_COORDINATE = 1 << 16  # pixels: larger than any screen, far from where Qt's arithmetic overflows
MIN_WINDOW_SIZE = 100  # pixels: a smaller restored window would hide the page
GEOMETRY_MAGIC = 0x1D9D0CB
_GEOMETRY = struct.Struct(">IHH4i4iiBB")  # magic, version, frame and normal rects, screen, flags


def unsafe_reason(data: bytes) -> str | None:
    """Why the settings file ``data`` must not reach ``QSettings``, or ``None`` if it may.

    Too large, not UTF-8, a NUL, an over-long line, a line that is neither a section, a comment
    nor ``key=value``, or a value of a type the app never writes (``@Variant``, ``@Rect``, …).
    """
    if len(data) > MAX_SETTINGS_BYTES:
        return f"it is larger than {MAX_SETTINGS_BYTES // 1024} KB"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not UTF-8 text"
    if "\x00" in text:
        return "it contains a NUL character"
    for number, line in enumerate(text.splitlines(), 1):
        reason = _line_reason(line.strip())
        if reason:
            return f"line {number} {reason}"
    return None


def _line_reason(line: str) -> str | None:
    if not line or line[0] in ";#" or (line.startswith("[") and line.endswith("]") and len(line) > 2):
        return None
    if len(line) > MAX_LINE_CHARACTERS:
        return f"is longer than {MAX_LINE_CHARACTERS} characters"
    if "=" not in line:
        return "is not key=value"
    value = line.split("=", 1)[1]
    start = value.find("@")
    while start >= 0:  # every @ that starts a typed value, also inside a list ("a, @Variant(...)")
        if not value.startswith(SAFE_TYPES, start) and _starts_a_type(value, start):
            return "holds a value type the app never writes"
        start = value.find("@", start + (2 if value.startswith("@@", start) else 1))
    return None


def _starts_a_type(value: str, at: int) -> bool:
    """True if ``value[at:]`` reads ``@Name(`` (how Qt writes typed values)."""
    end = at + 1
    while end < len(value) and value[end].isalpha():
        end += 1
    return end > at + 1 and value.startswith("(", end)


def valid_geometry(data: bytes) -> bool:
    """True if ``data`` is a window geometry Qt saved (format 3) with sizes a screen can show
    (``MIN_WINDOW_SIZE`` to ``MAX_COORDINATE`` pixels each way)."""
    if not _GEOMETRY.size <= len(data) <= 256:
        return False
    fields = _GEOMETRY.unpack_from(data)
    magic, major, rects, screen = fields[0], fields[1], fields[3:11], fields[11]
    if magic != GEOMETRY_MAGIC or major != 3 or not 0 <= screen < 64:
        return False
    if any(abs(coordinate) > MAX_COORDINATE for coordinate in rects):
        return False
    for left, top, right, bottom in (rects[:4], rects[4:]):
        width, height = right - left, bottom - top
        if not (MIN_WINDOW_SIZE <= width <= MAX_COORDINATE and MIN_WINDOW_SIZE <= height <= MAX_COORDINATE):
            return False
    return True
