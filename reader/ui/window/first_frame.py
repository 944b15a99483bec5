"""The window's first frame: the window is shown, empty in the theme's colours, before its panes exist.

A window appears to its user when the window system maps it. Building the panes first (the tree,
the page, the menus and the modules behind them) kept the window unmapped for most of start-up;
with :class:`FirstFrame` as its central widget the window is mapped at the size and place it had
last time, painted once in the palette's window colour, and the panes are built right after that
paint, in the same window (start-up rule 9 in :mod:`reader.ui.startup`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QPaintEvent, QPalette

BUILD_AT_LATEST_MS = 300  # a window never painted (started minimised, hidden) is still built


class FirstFrame(QWidget):
    """Fills the window until ``build`` runs: once, in the event loop turn after this widget's first
    paint, or ``BUILD_AT_LATEST_MS`` after it was made, whichever comes first."""

    def __init__(
        self, build: Callable[[], None], palette: QPalette | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._build: Callable[[], None] | None = build
        self._painted = False
        if palette is not None:  # the theme chosen; else the desktop's palette
            self.setPalette(palette)
        self.setAutoFillBackground(True)
        QTimer.singleShot(BUILD_AT_LATEST_MS, self, self.build_now)

    def build_now(self) -> None:
        """Run ``build`` unless it has run already or was cancelled."""
        build, self._build = self._build, None
        if build is not None:
            build()

    def cancel(self) -> None:
        """Never run ``build`` (the window was closed before it was built)."""
        self._build = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.build_now)  # after this frame reaches the screen
