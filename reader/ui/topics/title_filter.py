"""Which topics a title filter shows: one scan of the titles in tree order, no Qt.

:class:`TopicFilter` keeps every title, lower-cased, in one string in tree order, so "is there a
match at or under this topic?" is a single ``str.find`` over the topic's span.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot

ALL_MATCHES_UP_TO = 2_000
"""Up to this many matching titles the filter lists them all when the text changes, so typing on
(a text containing the last one) only re-checks those titles instead of searching every title."""


class TopicFilter:
    """Which topics a title filter shows: the matches, their ancestors and their descendants.

    Built once per content root, O(topics): the case-folded titles in depth-first order
    (``ContentRoot.walk()``) joined into one string, so the titles of a whole subtree are one
    slice of it. A text with few matches lists them when set (typing on narrows that list), and
    "is there a match at or under this topic?" is then a binary search; with many, it is one
    ``str.find`` over that slice (C speed), asked only for the rows a view shows, and no part of
    the string is searched twice for one text.
    """

    def __init__(self, content: ContentRoot) -> None:
        self._topics = content.topics
        self._order = content.walk()
        self._position = {topic_id: number for number, topic_id in enumerate(self._order)}
        self._end = [0] * len(self._order)  # position just past each topic's subtree
        for number in range(len(self._order) - 1, -1, -1):
            children = self._topics[self._order[number]].children
            self._end[number] = self._end[self._position[children[-1]]] if children else number + 1
        # "\n" never occurs in a title or in the (stripped, one-line) filter text
        folded = [self._topics[topic_id].title.casefold().replace("\n", " ") for topic_id in self._order]
        self._joined = "\n".join(folded) + "\n"
        self._offset = [0] * (len(folded) + 1)  # where each title starts in _joined
        for number, title in enumerate(folded):
            self._offset[number + 1] = self._offset[number] + len(title) + 1
        self.text = ""
        # What the searches for the current text have learnt: the span from _starts[i] up to
        # _hits[i] holds no match, and one starts at _hits[i] (len(_joined): none up to the end).
        # So each part of the string is searched once per text, however often a view asks.
        self._starts: list[int] = []
        self._hits: list[int] = []
        self._matches: list[int] | None = None  # every matching title's position, if few

    def set_text(self, text: str) -> None:
        """Match titles containing ``text`` (case-insensitive; surrounding blanks ignored).

        Lists the matches when there are at most ``ALL_MATCHES_UP_TO`` (one search, which stops
        there); typing on from such a text re-checks only the titles listed."""
        previous, listed = self.text, self._matches
        self.text = " ".join(text.strip().casefold().split("\n"))
        self._starts, self._hits = [], []
        if listed is not None and previous and previous in self.text:  # the matches can only narrow
            find, offset, wanted = self._joined.find, self._offset, self.text
            self._matches = [at for at in listed if find(wanted, offset[at], offset[at + 1] - 1) != -1]
        else:
            self._matches = self._list_matches()

    def _list_matches(self) -> list[int] | None:
        """The positions of every matching title, or ``None`` past ``ALL_MATCHES_UP_TO`` (what the
        search found up to there is kept for :meth:`_next_hit`)."""
        find, offset, wanted = self._joined.find, self._offset, self.text
        found: list[int] = []
        start = 0
        while True:
            hit = find(wanted, start)
            if hit == -1:
                return found
            if len(found) == ALL_MATCHES_UP_TO or not wanted:
                return None
            self._starts.append(start)
            self._hits.append(hit)
            position = bisect_right(offset, hit) - 1
            found.append(position)
            start = offset[position + 1]

    def _next_hit(self, position: int) -> int:
        """Where the first match at or after ``position`` starts (``len(_joined)`` if none)."""
        starts, hits = self._starts, self._hits
        known = bisect_right(starts, position) - 1
        if known >= 0 and position <= hits[known]:
            return hits[known]
        after = known + 1  # the next span already searched, if any
        until = starts[after] if after < len(starts) else len(self._joined)
        found = self._joined.find(self.text, position, until + len(self.text) - 1)  # starts before it
        if found != -1:
            starts.insert(after, position)
            hits.insert(after, found)
            return found
        if after < len(starts):
            starts[after] = position  # no match between: that span now starts here
            return hits[after]
        starts.append(position)
        hits.append(len(self._joined))
        return len(self._joined)

    def _found(self, start: int, end: int) -> bool:
        matches = self._matches
        if matches is not None:
            first = bisect_left(matches, start)
            return first < len(matches) and matches[first] < end
        # A match never spans the "\n" that ends each title, so one starting before the
        # subtree's last "\n" lies inside it.
        return self._next_hit(self._offset[start]) < self._offset[end]

    def has_match_within(self, topic_id: str) -> bool:
        """True if the title of ``topic_id`` or of a topic under it matches."""
        position = self._position.get(topic_id)
        return position is not None and self._found(position, self._end[position])

    def has_match_below(self, topic_id: str) -> bool:
        """True if the title of a topic under ``topic_id`` (not itself) matches."""
        position = self._position.get(topic_id)
        return position is not None and self._found(position + 1, self._end[position])

    def matches_topic(self, topic_id: str) -> bool:
        """True if the title of ``topic_id`` matches."""
        position = self._position.get(topic_id)
        return position is not None and self._found(position, position + 1)

    def shown(self, topic_id: str) -> bool:
        """True if ``topic_id`` matches, is an ancestor of a match or lies under one."""
        if self.has_match_within(topic_id):
            return True
        parent_id = self._topics[topic_id].parent_id if topic_id in self._topics else None
        while parent_id is not None:
            if self.matches_topic(parent_id):
                return True
            parent_id = self._topics[parent_id].parent_id
        return False

    def first_matches(self, count: int) -> list[str]:
        """The ids of the first ``count`` matching topics in tree order (fewer if there are fewer)."""
        if self._matches is not None:
            return [self._order[position] for position in self._matches[:count]]
        found: list[str] = []
        start = 0
        while len(found) < count and start < len(self._joined):
            offset = self._joined.find(self.text, start)
            if offset == -1:
                break
            position = bisect_right(self._offset, offset) - 1
            found.append(self._order[position])
            start = self._offset[position + 1]
        return found

    def subtree_size(self, topic_id: str) -> int:
        """How many topics ``topic_id``'s subtree holds, itself included."""
        position = self._position[topic_id]
        return self._end[position] - position
