"""Back/forward navigation history, independent of Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Container


class Place:
    """Where the reader was: a topic and how far down it was scrolled."""

    __slots__ = ("scroll", "topic_id")

    def __init__(self, topic_id: str, scroll: int = 0) -> None:
        self.topic_id = topic_id
        self.scroll = scroll

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and (self.topic_id, self.scroll) == (other.topic_id, other.scroll)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Place({self.topic_id!r}, scroll={self.scroll})"


class History:
    """Browser-style history: visiting a new place drops the forward entries."""

    def __init__(self, limit: int = 200) -> None:
        self._places: list[Place] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Place | None:
        """The place being shown, or ``None`` before the first visit."""
        return self._places[self._index] if self._index >= 0 else None

    def visit(self, topic_id: str) -> None:
        """Make ``topic_id`` the current place (unless it already is); the forward places are dropped."""
        if self.current is not None and self.current.topic_id == topic_id:
            return
        del self._places[self._index + 1 :]
        self._places.append(Place(topic_id))
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def remember_scroll(self, scroll: int) -> None:
        """Store the scroll position (pixels) of the current place."""
        if self.current is not None:
            self.current.scroll = scroll

    def can_go_back(self) -> bool:
        """True if there is a place before the current one."""
        return self._index > 0

    def can_go_forward(self) -> bool:
        """True if there is a place after the current one."""
        return self._index < len(self._places) - 1

    def back(self) -> Place | None:
        """Step back and return the place to show, or ``None`` at the start."""
        if not self.can_go_back():
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Place | None:
        """Step forward and return the place to show, or ``None`` at the end."""
        if not self.can_go_forward():
            return None
        self._index += 1
        return self.current

    def retain(self, topic_ids: Container[str]) -> None:
        """Forget the places whose topic is not in ``topic_ids`` (after the content was re-read).

        Back and Forward keep working over what is left; neighbours that became equal merge. The
        current place stays, or becomes the nearest kept place before it (else the first kept).
        """
        kept: list[Place] = []
        index = -1
        for position, place in enumerate(self._places):
            if place.topic_id not in topic_ids:
                continue
            if not kept or kept[-1].topic_id != place.topic_id:
                kept.append(place)
            if position <= self._index:
                index = len(kept) - 1
        self._places = kept
        self._index = max(index, 0) if kept else -1
