"""Last touches on a page's HTML for QTextBrowser: task-list boxes as characters, entities Qt
does not know as characters, ``<summary>`` as a bold line, and the title heading shown once."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.render.page import Heading

_SUMMARY = re.compile(r"<summary>(?P<text>.*?)</summary>", re.DOTALL)  # Qt has no <details>: a bold line
_CHECKBOX = re.compile(r'<input type="checkbox"(?: disabled)?( checked)?\s*/?>\s?')
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_KNOWN_TO_QT = frozenset({"amp", "lt", "gt", "quot", "nbsp", "apos"})
_FIRST_H1 = re.compile(r"^\s*<h1[^>]*>(?P<inner>.*?)</h1>\s*", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def tidy_html(body: str) -> str:
    """``body`` with checkboxes as ☑/☐, unknown named entities as characters and summaries bold."""
    body = _CHECKBOX.sub(lambda match: "\u2611 " if match.group(1) else "\u2610 ", body)
    body = _ENTITY.sub(_entity_character, body)
    return _SUMMARY.sub(r"<p><b>\g<text></b></p>", body)


def _entity_character(match: re.Match[str]) -> str:
    """Named entities Qt does not know (``&ZeroWidthSpace;``) become their characters."""
    name = match.group(1)
    if name in _KNOWN_TO_QT:
        return match.group(0)
    character = html.unescape(match.group(0))
    return html.escape(character, quote=False) if character != match.group(0) else match.group(0)


def drop_title_heading(body: str, headings: list[Heading], title: str) -> tuple[str, list[Heading]]:
    """Drop the body's first ``# Heading`` when it repeats the page title shown above it."""
    first = _FIRST_H1.match(body)
    if first is None or html.unescape(_TAG.sub("", first.group("inner"))).strip() != title.strip():
        return body, headings
    if headings and headings[0].level == 1:
        headings = headings[1:]
    return body[first.end() :], headings


MAX_TABLE_NESTING = 6
"""Tables inside tables deeper than this are drawn without their boxes: Qt's layout time about
doubles with each level (14 levels of callouts, tabs or raw tables took seconds, 20 never ended)."""
_TABLE_TAG = re.compile(r"<(?P<close>/?)(?P<name>table|thead|tbody|tfoot|tr|td|th)\b[^<>]*>", re.IGNORECASE)


def flatten_deep_tables(body: str, max_depth: int = MAX_TABLE_NESTING) -> tuple[str, bool]:
    """``body`` with every table nested deeper than ``max_depth`` turned into plain blocks (its
    cells become ``<div>``s, its rows and sections vanish), and whether anything was turned.
    One pass over the tags; a closing tag without its opening one is kept as it is."""
    if body.count("<table") <= max_depth:
        return body, False
    parts: list[str] = []
    depth = 0
    flattened = False
    position = 0
    for match in _TABLE_TAG.finditer(body):
        name, closing = match.group("name").lower(), bool(match.group("close"))
        if name == "table" and not closing:
            depth += 1
        deep = depth > max_depth
        if name == "table" and closing and depth:
            depth -= 1
        if deep:
            parts.append(body[position : match.start()])
            if name in ("td", "th"):
                parts.append("</div>" if closing else "<div>")
            position = match.end()
            flattened = True
    parts.append(body[position:])
    return "".join(parts), flattened
