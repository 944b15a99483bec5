"""Line-level Markdown recognisers written as string operations: linear in the line's length.

Content is untrusted, and a regular expression such as ``^#\\s+(.+?)\\s*#*\\s*$`` takes cubic
time on a heading line of a few thousand spaces. Everything here looks at each character a
bounded number of times, so the loader (titles) and the search indexer (plain text) stay fast on
any input.
"""

from __future__ import annotations

import html
import re

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
    """The text of the first non-empty level-one heading, as GitHub would show it, or ``""``.

    An ATX heading (``# Title``), a setext heading (a paragraph over ``===``) or a raw HTML
    ``<h1>`` (``<h1 align="center">Title</h1>``, tags inside dropped, entities decoded) counts;
    lines inside fenced code blocks (a ``# comment`` in a Python example) do not.
    """
    fence = ""
    paragraph: list[str] = []  # the lines a setext underline would make a heading of
    offset = 0
    for line in markdown.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        body = line.lstrip(_BLANKS)
        indent = len(line) - len(body)
        stripped = body.rstrip(_BLANKS)
        if fence:
            if indent <= 3 and body.startswith(fence) and not stripped.lstrip(fence[0]):
                fence = ""
            continue
        if indent > 3:
            if not paragraph:
                continue  # indented code
            paragraph.append(stripped)
            continue
        fence = _fence_opening(body)
        heading = None if fence else atx_heading(line)
        if heading is not None and heading[0] == 1 and _without_attributes(heading[1]):
            return _without_attributes(heading[1])
        if paragraph and stripped and set(stripped) == {"="}:
            return _without_attributes(" ".join(paragraph))
        if stripped[:3].lower() == "<h1" and stripped[3:4] in (">", " ", "\t", ""):
            title = _html_heading_text(markdown, line_start)
            if title:
                return title
        if fence or heading is not None or not stripped or is_rule_line(stripped) or stripped[0] in _NOT_TEXT:
            paragraph = []
        elif not is_list_item(stripped):
            paragraph.append(stripped)
        else:
            paragraph = []
    return ""


_TAG = re.compile(r"<[^<>]*>")  # one pass: each character is looked at a bounded number of times
# attr_list's "{ #id .class key=value }" at a heading's end, which the page does not show
_ATTRIBUTES = re.compile(r"\{:?[ \t]*[#.][^{}]*\}[ \t]*")
_NOT_TEXT = "<>|"  # lines of HTML, quotes and tables are not a setext heading's text


def is_list_item(line: str) -> bool:
    """True if ``line`` starts a list item (``- x``, ``* x``, ``+ x``, ``1. x``, ``2) x``)."""
    body = line.lstrip(_BLANKS)
    if len(body) >= 2 and body[0] in "-*+" and body[1] in _BLANKS:
        return True
    digits = len(body) - len(body.lstrip("0123456789"))
    return 0 < digits <= 9 and body[digits : digits + 1] in (".", ")")


def _without_attributes(text: str) -> str:
    """``text`` without a trailing attribute list (``First Steps { #first-steps }`` → ``First Steps``)."""
    opening = text.rfind("{") if text.endswith("}") else -1
    if opening >= 0 and _ATTRIBUTES.fullmatch(text, opening):
        return text[:opening].rstrip(_BLANKS)
    return text


def _fence_opening(body: str) -> str:
    """The fence (three or more backticks or tildes) that ``body`` opens a code block with, or ``""``."""
    for mark in "`~":
        if body.startswith(mark * 3):
            run = len(body) - len(body.lstrip(mark))
            if mark == "`" and "`" in body[run:]:
                return ""  # a backtick fence's info string holds no backtick
            return mark * run
    return ""


def _html_heading_text(markdown: str, start: int) -> str:
    """The plain text of the ``<h1>`` element that starts at offset ``start``, read at most
    2,000 characters on (an unclosed tag gives ``""``)."""
    window = markdown[start : start + 2_000]
    close = window.lower().find("</h1>")
    opened = window.find(">")
    if close < 0 or opened < 0 or opened > close:
        return ""
    text = _TAG.sub("", window[opened + 1 : close])
    return " ".join(html.unescape(text).split())


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
