"""The walk-through drawn on a diagram's scene: the step's node or edge marked, numbered badges.

:class:`~reader.core.diagram.walkthrough.Walkthrough` (Qt-free) says which step is current;
:class:`StepMarks` only paints that on the view's items. The view moves the cursor, scrolls and
emits the signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from reader.ui.diagram.items import BadgeItem, EdgeItem, NodeItem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene

    from reader.core.diagram.model import Diagram, Step
    from reader.core.diagram.walkthrough import Walkthrough
    from reader.ui.diagram.items import Theme

BADGE_SPACING = 26.0  # scene units between badges of steps that share a node or an edge


class StepMarks:
    """Marks and badges for ``walk`` over the view's ``nodes`` (by id) and ``edges`` (by (source, target)).

    The dicts are the view's own, filled as it builds the scene; badges are created on first
    :meth:`place`, so a diagram nobody walks through has none.
    """

    def __init__(
        self,
        scene: QGraphicsScene,
        theme: Theme,
        walk: Walkthrough,
        nodes: dict[str, NodeItem],
        edges: dict[tuple[str, str], EdgeItem],
    ) -> None:
        self._scene, self._theme, self._walk = scene, theme, walk
        self._nodes, self._edges = nodes, edges
        self._badges: list[BadgeItem] = []

    @property
    def placed(self) -> bool:
        """True once the badges exist (the walk-through was started at least once)."""
        return bool(self._badges)

    def badges(self) -> list[BadgeItem]:
        """The step number badges, step 1 first."""
        return list(self._badges)

    def item(self, step: Step) -> NodeItem | EdgeItem | None:
        """The node or edge a step marks; ``None`` for a recap step, which marks nothing."""
        if step.node is not None:
            return self._nodes[step.node]
        return self._edges[step.edge] if step.edge is not None else None

    def place(self, diagram: Diagram) -> None:
        """Create the step badges once, then put each on its node or edge (side by side if shared)."""
        for number in range(len(self._badges) + 1, len(diagram.steps) + 1):
            self._badges.append(BadgeItem(number, self._theme))
            self._badges[-1].setVisible(False)
            self._scene.addItem(self._badges[-1])
        used: dict[object, int] = {}
        for badge, step in zip(self._badges, diagram.steps, strict=True):
            item = self.item(step)
            if item is None:  # a recap step has no badge on the diagram
                continue
            used[item] = used.get(item, -1) + 1
            badge.setPos(item.badge_anchor() + QPointF(BADGE_SPACING * used[item], 0))

    def show(self, diagram: Diagram) -> NodeItem | EdgeItem | None:
        """Mark the current step and show the badges up to it (none when stopped).

        Returns the current step's node or edge; ``None`` when stopped or on a recap step.
        """
        walk = self._walk
        for node in self._nodes.values():
            node.set_state(stepped=walk.marks_node(node.node.id))
        for (source, target), edge in self._edges.items():
            edge.stepped = walk.marks_edge(source, target)
            edge.update()
        for index, badge in enumerate(self._badges):
            badge.setVisible(walk.badge_visible(index) and self.item(diagram.steps[index]) is not None)
            badge.current = index == walk.index
            badge.update()
        step = walk.current
        return self.item(step) if step is not None else None
