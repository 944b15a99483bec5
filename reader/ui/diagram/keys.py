"""The keys the diagram answers to: zoom, activating a node, and arrows that move between nodes."""

from __future__ import annotations

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


def is_zoom_key(event: QKeyEvent) -> bool:
    """True for the diagram's own zoom keys, which win over the window's page-zoom shortcuts."""
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    return (
        event.matches(QKeySequence.StandardKey.ZoomIn)
        or event.matches(QKeySequence.StandardKey.ZoomOut)
        or (ctrl and event.key() in (*ZOOM_IN_KEYS, Qt.Key.Key_Minus, Qt.Key.Key_0))
    )
