"""The keys the diagram answers to: zoom, activating a node, and arrows that move between nodes."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

ZOOM_IN_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
ARROWS = {  # key -> (dx, dy) on the diagram's grid
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class Zoom(Enum):
    """What a zoom key asks of the diagram."""

    IN = "in"
    OUT = "out"
    FIT = "fit"


def zoom_key(event: QKeyEvent) -> Zoom | None:
    """The zoom a key asks for (the platform's zoom keys, Ctrl+plus/equals/minus/0), or ``None``.

    These keys win over the window's page-zoom shortcuts while the diagram has the focus.
    """
    key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    if event.matches(QKeySequence.StandardKey.ZoomIn) or (ctrl and key in ZOOM_IN_KEYS):
        return Zoom.IN
    if event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
        return Zoom.OUT
    if ctrl and key == Qt.Key.Key_0:
        return Zoom.FIT
    return None
