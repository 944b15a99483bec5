"""Which topics a title filter shows: one scan of the titles in tree order, no Qt.

:class:`TopicFilter` keeps every title, lower-cased, in one string in tree order, so "is there a
match at or under this topic?" is a single ``str.find`` over the topic's span.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot


class TopicFilter:
    """Which topics a title filter shows: the matches, their ancestors and their descendants.

    Built once per content root, O(topics): the case-folded titles in depth-first order
    (``ContentRoot.walk()``) joined into one string, so the titles of a whole subtree are one
    slice of it. Nothing is scanned when the text changes; "is there a match at or under this
    topic?" is one ``str.find`` over that slice (C speed), asked only for the rows a view shows.
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

    def set_text(self, text: str) -> None:
        """Match titles containing ``text`` (case-insensitive; surrounding blanks ignored). O(1)."""
        self.text = " ".join(text.strip().casefold().split("\n"))

    def _found(self, start: int, end: int) -> bool:
        return self._joined.find(self.text, self._offset[start], self._offset[end] - 1) != -1

    def has_match_within(self, topic_id: str) -> bool:
        """True if the title of ``topic_id`` or of a topic under it matches."""
        position = self._position.get(topic_id)
        return position is not None and self._found(position, self._end[position])

    def has_match_below(self, topic_id: str) -> bool:
        """True if the title of a topic under ``topic_id`` (not itself) matches."""
        position = self._position.get(topic_id)
        return position is not None and self._found(position + 1, self._end[position])

    def children_with_match(self, children: list[str]) -> list[str]:
        """Those of ``children`` (the children of one topic, or the top level, in tree order) whose
        title or a title under them matches: one scan of their titles, which jumps past a child
        once it has a match, so children without one cost no Python at all."""
        if not children:
            return []
        position, end, offset, joined, text = self._position, self._end, self._offset, self._joined, self.text
        starts = [position[child] for child in children]
        stop = offset[end[starts[-1]]] - 1
        at = offset[starts[0]]
        found: list[str] = []
        while True:
            hit = joined.find(text, at, stop)
            if hit == -1:
                return found
            number = bisect_right(starts, bisect_right(offset, hit) - 1) - 1
            found.append(children[number])
            at = offset[end[starts[number]]]

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
        found: list[str] = []
        start = 0
        while len(found) < count and start < len(self._joined):  # "" matches at the very end too
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
