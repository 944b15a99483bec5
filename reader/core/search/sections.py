"""Which section of a topic a search hit is in, and the snippet shown for it (no Qt, no database).

The index stores each topic's prose with its sections' start offsets
(:class:`~reader.core.search.plaintext.IndexText`). Given the prose with the matched words marked
(FTS5's ``highlight()``), :func:`best_section` picks the section with the most marked words (the
earliest on a tie; text before the first heading is the topic itself, heading "") and cuts a
snippet of about :data:`SNIPPET_WORDS` words from it, starting a few words before the first mark
(a result row shows two or three lines: the mark must come early).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

SNIPPET_WORDS = 24
WORDS_BEFORE_MARK = 4  # a snippet starts this many words before its first mark…
START_SLACK = 8  # …unless the mark is within this many words of the section's start
ELLIPSIS = "…"


class SectionHit(NamedTuple):
    """``heading`` ("" for the top of the topic) and a snippet of its prose, still marked."""

    heading: str
    snippet: str


def encode_sections(sections: tuple[tuple[int, str], ...]) -> str:
    """The sections as one line each, ``offset<TAB>heading``, for an index column."""
    return "\n".join(f"{offset}\t{heading}" for offset, heading in sections)


def decode_sections(text: str) -> list[tuple[int, str]]:
    """Inverse of :func:`encode_sections`; malformed lines are skipped."""
    found: list[tuple[int, str]] = []
    for line in text.split("\n") if text else []:
        offset, _, heading = line.partition("\t")
        if offset.isdigit():
            found.append((int(offset), heading))
    return found


def best_section(marked: str, sections: str, start: str, end: str, top: bool = False) -> SectionHit:
    """The section of ``marked`` (prose with matches between ``start`` and ``end``) that holds the
    most marks, and its snippet; the start of the topic when nothing is marked or with ``top``
    (the title matched: the topic itself is the hit). Costs a scan for the marks and a split of
    the chosen section only (this runs for every result row painted)."""
    decoded = decode_sections(sections)
    offsets = [offset for offset, _ in decoded]
    marks: list[tuple[int, int]] = []  # (position in marked, section) of each mark
    position = marked.find(start)
    while position >= 0:
        marks.append((position, bisect_right(offsets, position - 2 * len(marks))))
        position = marked.find(start, position + 1)
    counts: dict[int, int] = {}
    for _, section in marks:
        counts[section] = counts.get(section, 0) + 1
    chosen = max(counts, key=lambda section: (counts[section], -section)) if counts and not top else 0

    unmarked_marks = [mark - 2 * number for number, (mark, _) in enumerate(marks)]

    def in_marked(unmarked: int) -> int:  # a section boundary's position in the marked text
        return unmarked + 2 * bisect_left(unmarked_marks, unmarked)

    begin_at = in_marked(offsets[chosen - 1]) if chosen else 0
    end_at = in_marked(offsets[chosen]) if chosen < len(offsets) else len(marked)
    heading = decoded[chosen - 1][1] if chosen else ""
    words = marked[begin_at:end_at].split()
    first = min(len(words), len(f"{heading}.".split())) if chosen else 0  # the heading is shown apart
    mark = next((number for number, word in enumerate(words) if start in word and number >= first), first)
    begin = first if mark - first < START_SLACK else mark - WORDS_BEFORE_MARK
    finish = min(len(words), begin + SNIPPET_WORDS)
    text = " ".join(words[begin:finish])
    if text.count(start) > text.count(end):
        text += end
    elif text.count(end) > text.count(start):
        text = start + text
    if begin > first:
        text = ELLIPSIS + text
    if finish < len(words):
        text += ELLIPSIS
    return SectionHit(heading, text)


def section_anchor(headings: list[tuple[str, str]], heading: str) -> str:
    """The anchor of the page heading named ``heading`` among ``(anchor, text)`` pairs, compared
    without case, punctuation or spacing; "" when there is none."""
    wanted = _normal(heading)
    if not wanted:
        return ""
    for anchor, text in headings:
        if _normal(text) == wanted:
            return anchor
    return ""


def same_words(first: str, second: str) -> bool:
    """True if two headings read the same, ignoring case, punctuation and spacing."""
    return _normal(first) == _normal(second)


def _normal(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())
