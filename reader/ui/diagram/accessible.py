"""The diagram as a screen reader sees it: one list item per box, focus events, spoken steps.

The view's interface (role List, named like the view) has one child per box, in Tab order: role
ListItem, name = the box's label, description = its caption, value = "N of M", state selected for
the box of the topic being read and focused for the box with the keyboard focus, and a press
action that opens its topic. Moving between boxes (arrows, Tab) sends a focus event on the box;
an arrow with no box further that way, and each walk-through step, are announced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAccessible

from reader.ui.common.accessible import (
    ChildSet,
    ChildSpec,
    VirtualChild,
    VirtualParent,
    ensure_factory,
    refresh_interface,
    send_event,
)
from reader.ui.common.announce import announce

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAccessibleInterface
    from PySide6.QtWidgets import QGraphicsView

    from reader.ui.diagram.items import NodeItem

DIRECTIONS = {(-1, 0): "to the left", (1, 0): "to the right", (0, -1): "above", (0, 1): "below"}


class DiagramInterface(VirtualParent):
    """The view's interface: a List whose children are the boxes."""

    def __init__(self, view: QGraphicsView, owner: DiagramAccessibility) -> None:
        super().__init__(view, QAccessible.Role.List, owner.boxes, owner.focused_box)


class DiagramAccessibility(QObject):
    """Accessible boxes, focus events and announcements for one diagram view.

    ``node_items`` gives the boxes in Tab order, ``focused_node`` the one with the keyboard focus.
    """

    def __init__(
        self,
        view: QGraphicsView,
        node_items: Callable[[], list[NodeItem]],
        focused_node: Callable[[], NodeItem | None],
    ) -> None:
        super().__init__(view)
        self._view = view
        self._node_items, self._focused_node = node_items, focused_node
        self._set = ChildSet()
        self._built_for: QAccessibleInterface | None = None
        self._interface: DiagramInterface | None = None
        view.destroyed.connect(self._set.clear)

    def attach(self) -> None:
        """Install Qt's factory; with a screen reader running, rebuild the view's interface."""
        ensure_factory()
        refresh_interface(self._view, DiagramInterface)

    def make_interface(self, view: QGraphicsView) -> DiagramInterface:
        """The interface Qt's factory gives the view (kept alive by this object)."""
        self._interface = DiagramInterface(view, self)
        return self._interface

    def boxes(self, parent: QAccessibleInterface) -> list[VirtualChild]:
        """One accessible child per box (built for ``parent`` on first use)."""
        if self._built_for is not parent:
            items = self._node_items()
            self._set.replace(parent, [self._spec(item, n, len(items)) for n, item in enumerate(items, 1)])
            self._built_for = parent
        return self._set.children

    def focused_box(self) -> QAccessibleInterface | None:
        focused = self._focused_node()
        items = self._node_items()
        return self._set.at(items.index(focused)) if focused in items else None

    def _spec(self, item: NodeItem, number: int, count: int) -> ChildSpec:
        def live() -> set[str]:
            states = set()
            if item.current:
                states.add("selected")
            if item.hasFocus():
                states.add("focused")
            return states

        return ChildSpec(
            QAccessible.Role.ListItem, item.node.label, item.node.caption, value=f"{number} of {count}",
            rect=lambda: self._screen_rect(item), press=item.activated.emit,
            states={"focusable", "selectable"}, live_states=live,
        )  # fmt: skip

    def _screen_rect(self, item: NodeItem) -> QRect:
        view = self._view
        polygon = view.mapFromScene(item.sceneBoundingRect())
        rect = polygon.boundingRect()
        return QRect(view.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def node_focused(self, item: NodeItem) -> None:
        """Send a focus event on ``item``'s box (a screen reader then says its name and "N of M")."""
        if not QAccessible.isActive():
            return
        iface = QAccessible.queryAccessibleInterface(self._view)
        items = self._node_items()
        if iface is None or item not in items:
            return
        box = self.boxes(iface)[items.index(item)]
        send_event(box, QAccessible.Event.Focus)

    def edge_reached(self, dx: int, dy: int) -> None:
        """An arrow key found no box further that way: say so."""
        announce(self._view, f"No box {DIRECTIONS.get((dx, dy), 'that way')}")

    def step_changed(self, index: int, count: int, sentence: str) -> None:
        """Announce the walk-through step ``index`` of ``count`` (-1: stopped)."""
        if index < 0:
            announce(self._view, "Walk-through stopped")
        else:
            last = " Last step." if index == count - 1 else ""
            announce(self._view, f"Step {index + 1} of {count}: {sentence}{last}")
