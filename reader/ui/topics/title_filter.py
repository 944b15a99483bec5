"""Which topics a title filter shows: one scan of the titles in tree order, no Qt.

:class:`TopicFilter` keeps every title, lower-cased, in one string in tree order, so "is there a
match at or under this topic?" is a single ``str.find`` over the topic's span, or a binary search
in the list of matching titles when there are few.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot

LIST_AT_MOST = 1000  # matching titles listed at most (see TopicFilter.first_matches)


class TopicFilter:
    """Which topics a title filter shows: the matches, their ancestors and their descendants.

    Built once per content root, O(topics): the case-folded titles in depth-first order
    (``ContentRoot.walk()``) joined into one string, so the titles of a whole subtree are one
    slice of it. "Is there a match at or under this topic?" is one ``str.find`` over that slice
    (C speed), asked only for the rows a view shows; when the matches are few they are listed
    once (see :meth:`first_matches`) and the question is a binary search in that list, which
    each further letter typed narrows instead of searching the titles again.
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
        # every matching title's position, when known: listed by first_matches when the matches
        # are few, then narrowed as the text grows (typing on), so no question scans the titles
        self._matching: list[int] | None = None

    def set_text(self, text: str) -> None:
        """Match titles containing ``text`` (case-insensitive; surrounding blanks ignored). O(1),
        or O(matches) when ``text`` extends the previous text and its few matches are listed."""
        text = " ".join(text.strip().casefold().split("\n"))
        matching = self._matching
        if matching is not None and self.text and text.startswith(self.text):  # typing on
            joined, offset = self._joined, self._offset
            matching = [p for p in matching if joined.find(text, offset[p], offset[p + 1] - 1) != -1]
        else:
            matching = None
        self.text, self._matching = text, matching

    def _found(self, start: int, end: int) -> bool:
        """True if a title at a position in ``start`` .. ``end`` - 1 matches."""
        matching = self._matching
        if matching is not None:
            index = bisect_left(matching, start)
            return index < len(matching) and matching[index] < end
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
        matching = self._matching
        if matching is not None:
            return self._listed_children_with_match(children, starts, matching)
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

    def _listed_children_with_match(
        self, children: list[str], starts: list[int], matching: list[int]
    ) -> list[str]:
        end, found = self._end, []
        index, stop = bisect_left(matching, starts[0]), end[starts[-1]]
        while index < len(matching) and matching[index] < stop:
            number = bisect_right(starts, matching[index]) - 1
            found.append(children[number])
            index = bisect_left(matching, end[starts[number]], index)
        return found

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
        """The ids of the first ``count`` matching topics in tree order (fewer if there are fewer).

        When the first ``count`` lie past the middle of the titles, the few matches left are
        listed too (at most ``LIST_AT_MOST``): later questions, and the next letters typed, then
        search that list instead of the titles."""
        order, matching = self._order, self._matching
        if matching is not None:
            return [order[position] for position in matching[:count]]
        joined, offset, text = self._joined, self._offset, self.text
        length, positions, start, complete = len(joined), [], 0, True
        while start < length:  # "" matches at the very end too
            hit = joined.find(text, start)
            if hit == -1:
                break
            position = bisect_right(offset, hit) - 1
            positions.append(position)
            start = offset[position + 1]
            if len(positions) >= count and (start <= length // 2 or len(positions) > LIST_AT_MOST):
                complete = False  # many matches: the questions search the titles
                break
        if complete:
            self._matching = positions
        return [order[position] for position in positions[:count]]

    def subtree_size(self, topic_id: str) -> int:
        """How many topics ``topic_id``'s subtree holds, itself included."""
        position = self._position[topic_id]
        return self._end[position] - position
