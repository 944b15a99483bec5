"""Per-topic caps checked before Markdown sees a topic: what would make rendering slow or deep.

Python-Markdown and the standard library's ``html.parser`` are not linear on every input: each
unclosed ``[`` makes the link pattern scan to the end of its paragraph (20 KB of ``[`` takes
minutes), each unclosed ``<`` makes the HTML parser scan to the next ``>``, and each heading,
rule or reference line in a paragraph re-scans the rest of that paragraph. Rather than rewrite
those libraries, :func:`render_limit` measures, in one linear pass, how many characters they
would scan (:data:`MAX_SCAN_COST`), and also caps nesting, headings, list items, code blocks
and line length.
A topic over a cap is not rendered; its page and ``--check`` name the cap it broke.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.core.content.lines import is_list_item

MAX_NESTING = 60
MAX_SCAN_COST = 1_500_000  # characters re-scanned: about a second of Python-Markdown at worst
MAX_HEADINGS = 2_000
MAX_LIST_ITEMS = 20_000
MAX_LINE_LENGTH = 100_000
MAX_CODE_BLOCKS = 600  # each costs Pygments about 1.5 ms

_BLANKS = " \t"
# Fixed-length alternatives without repetition: each match is found in constant time.
_BRACKET_TOKENS = re.compile(r"\[|\]|\n\n")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_LIST_MARKERS = frozenset("-*+")
# A line can nest deeper than MAX_NESTING only if it starts with this many characters that
# nesting_of counts (each counts at most 2 levels: a tab is 4 columns of indentation). The
# pattern starts with a literal "\n" so that searching for it skips from line to line quickly.
_DEEP_CHARS = MAX_NESTING // 2 + 1
_DEEP_START = re.compile(rf"\n[ \t>*+\-0-9.)]{{{_DEEP_CHARS}}}")


class Limit(NamedTuple):
    """A cap a topic breaks: ``line`` (1-based) where it is first seen, and what to tell the reader."""

    line: int
    message: str


def nesting_of(line: str) -> int:
    """How deep ``line`` nests blocks: quote markers, list markers and indentation (two spaces
    a level) before its text, so ``> - > - x`` and ``- - - - x`` count as much as indentation."""
    depth = 0
    index = 0
    length = len(line)
    indent = 0
    while index < length:
        char = line[index]
        if char == " ":
            indent += 1
        elif char == "\t":
            indent += 4
        elif char == ">" or (char in _LIST_MARKERS and (index + 1 == length or line[index + 1] in _BLANKS)):
            depth += 1
        elif char.isdigit():
            end = index
            while end < length and line[end].isdigit():
                end += 1
            if end < length and line[end] in ".)" and (end + 1 == length or line[end + 1] in _BLANKS):
                depth += 1
                index = end
            else:
                break
        else:
            break
        index += 1
    return depth + indent // 2


def _is_peeled_line(line: str) -> bool:
    """Lines that Python-Markdown's block processors split off a paragraph one at a time, each
    split searching the rest of the paragraph again: headings, rules, reference definitions."""
    body = line.lstrip(_BLANKS)
    if len(line) - len(body) > 3 or not body:
        return False
    first = body[0]
    if first == "#":
        return True
    if first == "[":
        return "]:" in body
    if first in "-*_=":
        stripped = body.rstrip(_BLANKS)
        return len(stripped) >= 3 and set(stripped) <= {first, " ", "\t"}
    return False


def _is_reference_definition(line: str) -> bool:
    body = line.lstrip(_BLANKS)
    return len(line) - len(body) <= 3 and body.startswith("[") and "]:" in body


def _is_comment_line(line: str) -> bool:
    body = line.strip(_BLANKS)
    return body.startswith("<!--") and body.endswith("-->")


def _bracket_scan_cost(text: str) -> int:
    """Characters Python-Markdown's link patterns scan: from every ``[`` on to its matching
    ``]``, or to the end of its paragraph when it has none."""
    cost = 0
    open_at: list[int] = []
    for match in _BRACKET_TOKENS.finditer(text):
        token, position = match.group(), match.start()
        if token == "[":
            open_at.append(position)
        elif token == "]":
            if open_at:
                cost += position - open_at.pop()
        else:  # a blank line ends the paragraph and every bracket still open in it
            cost += sum(position - start for start in open_at)
            open_at.clear()
    return cost + sum(len(text) - start for start in open_at)


def _unclosed_tag_cost(text: str) -> int:
    """Characters ``html.parser`` scans for tags that never end: from each ``<`` that starts a
    tag after the last ``>`` to the end of the text (an ended tag is read once)."""
    last_close = text.rfind(">")
    return sum(len(text) - match.start() for match in _TAG_START.finditer(text, last_close + 1))


def surely_within_limits(markdown: str) -> bool:
    """True if ``markdown`` can break no cap, from a few counts (about 10 µs for a 4 KB topic,
    a tenth of the full pass): every line, heading, list item and fence needs a line; each
    peeled line, ``[`` and ``<`` re-reads at most the whole text."""
    length = len(markdown)
    lines = markdown.count("\n") + 1
    if length > MAX_LINE_LENGTH or lines > min(MAX_HEADINGS, MAX_LIST_ITEMS, 2 * MAX_CODE_BLOCKS):
        return False
    if length * (lines + markdown.count("[") + markdown.count("<")) > MAX_SCAN_COST:
        return False
    first_line = "\n" + markdown[:_DEEP_CHARS]
    return _DEEP_START.search(first_line) is None and _DEEP_START.search(markdown) is None


def render_limit(markdown: str) -> Limit | None:
    """The first cap the Markdown body ``markdown`` breaks, or ``None``. Linear in its length."""
    return None if surely_within_limits(markdown) else first_limit(markdown)


def first_limit(markdown: str) -> Limit | None:
    """:func:`render_limit` by the full pass over every line."""
    headings = items = fences = 0
    peeled_cost = 0
    paragraph_end = 0
    after_reference = True  # the line before opens a paragraph, defines a reference or is a comment
    lines = markdown.split("\n")
    offsets: list[int] = []
    offset = 0
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_LENGTH:
            return Limit(number, f"line {number} is longer than {MAX_LINE_LENGTH:,} characters")
        if nesting_of(line) > MAX_NESTING:
            return Limit(number, f"this topic nests blocks deeper than {MAX_NESTING} levels (line {number})")
        if not line.strip(_BLANKS):
            after_reference = True
            continue
        if line.lstrip(_BLANKS).startswith(("```", "~~~")):
            fences += 1
            if fences > 2 * MAX_CODE_BLOCKS:
                return Limit(number, f"this topic has more than {MAX_CODE_BLOCKS:,} code blocks")
        if is_list_item(line):
            items += 1
            if items > MAX_LIST_ITEMS:
                return Limit(number, f"this topic has more than {MAX_LIST_ITEMS:,} list items")
        is_reference = _is_reference_definition(line)
        cheap_reference = is_reference and after_reference
        after_reference = is_reference or _is_comment_line(line)
        if cheap_reference:
            # Python-Markdown takes a run of definitions one at a time from its top without
            # searching the rest again (20,000 render in 0.2 s); a definition after text is not cheap.
            continue
        if _is_peeled_line(line):
            if line.lstrip(_BLANKS).startswith("#"):
                headings += 1
                if headings > MAX_HEADINGS:
                    return Limit(number, f"this topic has more than {MAX_HEADINGS:,} headings")
            if paragraph_end <= offsets[number - 1]:
                end = markdown.find("\n\n", offsets[number - 1])
                paragraph_end = len(markdown) if end < 0 else end
            peeled_cost += paragraph_end - offsets[number - 1]
    cost = peeled_cost
    if "[" in markdown:
        cost += _bracket_scan_cost(markdown)
    if "<" in markdown:
        cost += _unclosed_tag_cost(markdown)
    if cost > MAX_SCAN_COST:
        return Limit(
            1,
            "this topic has too many unclosed brackets, tags or stacked headings to render quickly "
            f"(about {cost:,} characters to re-read; the limit is {MAX_SCAN_COST:,})",
        )
    return None
