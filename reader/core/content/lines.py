"""Line-level Markdown recognisers written as string operations: linear in the line's length.

Content is untrusted, and a regular expression such as ``^#\\s+(.+?)\\s*#*\\s*$`` takes cubic
time on a heading line of a few thousand spaces. Everything here looks at each character a
bounded number of times, so the loader (titles) and the search indexer (plain text) stay fast on
any input.
"""

from __future__ import annotations

_BLANKS = " \t"


def atx_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` if ``line`` is an ATX heading (``## Text ##``, at most three spaces in),
    else ``None``. The closing ``#`` run is dropped only after a blank, as CommonMark says."""
    body = line.lstrip(_BLANKS)
    if len(line) - len(body) > 3 or not body.startswith("#"):
        return None
    after = body.lstrip("#")
    level = len(body) - len(after)
    if level > 6 or (after and after[0] not in _BLANKS):
        return None
    text = after.strip(_BLANKS)
    without_closing = text.rstrip("#")
    if not without_closing:
        text = ""
    elif without_closing != text and without_closing[-1] in _BLANKS:
        text = without_closing.rstrip(_BLANKS)
    return level, text


def first_title_heading(markdown: str) -> str:
    """The text of the first non-empty level-one ATX heading that starts a line, or ``""``."""
    position = 0 if markdown.startswith("#") else markdown.find("\n#")
    while position >= 0:
        start = position + (0 if position == 0 and markdown.startswith("#") else 1)
        end = markdown.find("\n", start)
        heading = atx_heading(markdown[start : end if end >= 0 else len(markdown)])
        if heading is not None and heading[0] == 1 and heading[1]:
            return heading[1]
        if end < 0:
            break
        position = markdown.find("\n#", end)
    return ""


def is_rule_line(line: str) -> bool:
    """True for a setext underline (``===``, ``---``), a thematic break (``***``, ``___``, ``- - -``)
    or a table's alignment row (``|:--|--:|``)."""
    stripped = line.strip(_BLANKS)
    if not stripped:
        return False
    characters = set(stripped)
    if characters == {"="}:
        return True
    for mark, least in (("-", 2), ("*", 3), ("_", 3)):
        if characters <= {mark, " ", "\t"} and stripped.count(mark) >= least:
            return True
    return characters <= {"|", ":", "-", " ", "\t"} and "--" in stripped
