"""The walk-through's step cursor, Qt-free: which step of "Follow a request" is current, and what it marks.

A :class:`Walkthrough` starts stopped (``index == -1``). :meth:`Walkthrough.start` goes to the first
step; :meth:`~Walkthrough.next`, :meth:`~Walkthrough.previous` and :meth:`~Walkthrough.go_to` move
within the steps and never past either end; :meth:`~Walkthrough.stop` leaves the walk-through. Every
move returns whether the cursor moved, so a view redraws (and announces) only real changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.diagram.model import Diagram, Step

STOPPED = -1


class Walkthrough:
    """A cursor over ``diagram.steps``; ``index`` is 0-based, or ``STOPPED`` (-1) outside the walk-through."""

    def __init__(self, diagram: Diagram) -> None:
        self._diagram = diagram
        self._index = STOPPED

    @property
    def count(self) -> int:
        """The number of steps."""
        return len(self._diagram.steps)

    @property
    def index(self) -> int:
        """The 0-based index of the current step, or -1 outside the walk-through."""
        return self._index

    @property
    def active(self) -> bool:
        """True while walking through (a step is current)."""
        return self._index != STOPPED

    @property
    def current(self) -> Step | None:
        """The current step, or ``None`` outside the walk-through."""
        return self._diagram.steps[self._index] if self.active else None

    def start(self) -> bool:
        """Go to step 0 (from anywhere); False when the diagram has no steps."""
        if not self._diagram.steps:
            return False
        self._index = 0
        return True

    def go_to(self, index: int) -> bool:
        """Make step ``index`` current; False when stopped, out of range or already there."""
        if not self.active or not 0 <= index < self.count or index == self._index:
            return False
        self._index = index
        return True

    def next(self) -> bool:
        """Go one step on; False at the last step or when stopped."""
        return self.go_to(self._index + 1) if self.active else False

    def previous(self) -> bool:
        """Go one step back; False at the first step or when stopped."""
        return self.go_to(self._index - 1) if self.active else False

    def stop(self) -> bool:
        """Leave the walk-through; False when it was not running."""
        if not self.active:
            return False
        self._index = STOPPED
        return True

    def marks_node(self, node_id: str) -> bool:
        """True when the current step is the node ``node_id``."""
        step = self.current
        return step is not None and step.node == node_id

    def marks_edge(self, source: str, target: str) -> bool:
        """True when the current step is the arrow ``source → target``."""
        step = self.current
        return step is not None and step.edge == (source, target)

    def badge_visible(self, index: int) -> bool:
        """Step numbers show for every step up to the current one, none when stopped."""
        return index <= self._index

    def topic(self) -> str | None:
        """The topic the current step opens (see :meth:`Diagram.step_topic`), or ``None``."""
        step = self.current
        return self._diagram.step_topic(step) if step is not None else None
