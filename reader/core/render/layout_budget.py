"""The layout budget: cut a rendered page where Qt's text layout would stop being fast.

``QTextDocument`` lays out most HTML in linear time, but two shapes cost quadratic time: list
items (10,000 take 4 s, 20,000 take 22 s, 100,000 would take minutes) and a long run of text
with no break opportunity, worst with mixed left-to-right and right-to-left letters (80,000
characters take 10 s). :func:`fit_to_budget` cuts the page's HTML before the first place over
``MAX_LIST_ITEMS``, ``MAX_UNBROKEN_RUN`` or ``MAX_PAGE_CHARACTERS``, closes the elements open
there, and says what was cut. One pass over the text, with ``str.find`` and a one-character pattern.
"""

from __future__ import annotations

import html as html_text
import re
from typing import NamedTuple

MAX_LIST_ITEMS = 2000  # about 0.1 s of layout
MAX_UNBROKEN_RUN = 10_000  # characters without a space or line break: about 0.1 s
MAX_PAGE_CHARACTERS = 4_000_000  # of HTML: a few seconds of linear layout at most
_SPACE = re.compile(r"\s")  # one character: no backtracking
_VOID = frozenset({"br", "img", "hr", "meta", "input", "col", "wbr", "source"})
_BREAKS = frozenset({"br", "p", "li", "div", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})


class Budgeted(NamedTuple):
    """A page's HTML within the budget, and why it was cut ("" if it was not)."""

    html: str
    cut: str


def fit_to_budget(html: str) -> Budgeted:
    """``html`` cut before the first list item, character or text run over the budget."""
    if len(html) < MAX_UNBROKEN_RUN and html.count("<li") <= MAX_LIST_ITEMS:
        return Budgeted(html, "")
    scanner = _Scanner(html)
    position, reason = scanner.scan()
    if not reason:
        return Budgeted(html, "")
    closing = "".join(f"</{name}>" for name in reversed(scanner.open_tags))
    return Budgeted(html[:position] + closing, reason)


def cut_banner(reason: str) -> str:
    """The note at the top of a page cut to the budget, saying why (``reason`` from :func:`fit_to_budget`)."""
    return (
        '<table class="admonition warning" width="100%" cellpadding="10"><tr><td class="admonition warning">'
        '<p class="admonition-title">This topic is too long to show in full</p>'
        f"<p>The page stops early because {html_text.escape(reason)}, more than the reader lays out "
        "quickly. Split the topic into several files to read all of it here.</p></td></tr></table>"
    )


class _Scanner:
    def __init__(self, html: str) -> None:
        self.html = html
        self.open_tags: list[str] = []
        self.items = 0
        self.run = 0

    def scan(self) -> tuple[int, str]:
        """The position to cut at and why, or ``(len, "")`` if the page fits."""
        html, position = self.html, 0
        while position < len(html):
            if position > MAX_PAGE_CHARACTERS:
                return position, f"it is longer than {MAX_PAGE_CHARACTERS:,} characters of HTML"
            start = html.find("<", position)
            end = len(html) if start < 0 else start
            cut = self._text(position, end)
            if cut >= 0:
                return cut, f"a run of more than {MAX_UNBROKEN_RUN:,} characters has no space or line break"
            if start < 0:
                break
            close = html.find(">", start)
            if close < 0:
                return start, "its HTML ends inside a tag"
            if self._tag(html[start + 1 : close]):
                return start, f"it has more than {MAX_LIST_ITEMS:,} list items"
            position = close + 1
        return len(html), ""

    def _text(self, start: int, end: int) -> int:
        """Count the text ``html[start:end]`` into the current run; where it exceeds the budget, or -1."""
        html, position = self.html, start
        while position < end:
            space = _next_space(html, position, end)
            self.run += space - position
            if self.run > MAX_UNBROKEN_RUN:
                cut = space - (self.run - MAX_UNBROKEN_RUN)
                entity = html.rfind("&", max(start, cut - 10), cut)
                return entity if entity >= 0 and html.find(";", entity, cut) < 0 else cut
            if space < end:
                self.run = 0
            position = space + 1
        return -1

    def _tag(self, inside: str) -> bool:
        """Follow one tag (its text between ``<`` and ``>``); True if it is one list item too many."""
        closing = inside.startswith("/")
        name = inside.lstrip("/").split(None, 1)[0].rstrip("/").lower() if inside.strip("/ ") else ""
        if name in _BREAKS:
            self.run = 0
        if closing:
            if name in self.open_tags:
                while self.open_tags and self.open_tags.pop() != name:
                    pass
            return False
        if name == "li":
            self.items += 1
            if self.items > MAX_LIST_ITEMS:
                return True
        if name and name not in _VOID and not inside.endswith("/") and not name.startswith("!"):
            self.open_tags.append(name)
        return False


def _next_space(text: str, start: int, end: int) -> int:
    """The index of the first white space in ``text[start:end]``, or ``end``."""
    found = _SPACE.search(text, start, end)
    return found.start() if found else end
