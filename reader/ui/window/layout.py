"""The window's layout at every size: side panels fold away in small windows, the page keeps the room.

Below :data:`COMPACT_BELOW` pixels of window width the window is *compact*: the left panel (topics,
search, bookmarks) and "On this page" are hidden, and their toolbar toggles open one of them at a
time, at most :data:`PANEL_SHARE` of the width, so the page always keeps at least 60 %. In a wide
window both panels come back as the user last had them there; that wide layout is what the session
saves, whatever size the window closes at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt, Signal

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

COMPACT_BELOW = 1100  # window width in pixels under which side panels fold away
PANEL_SHARE = 0.34  # the most of a compact window's width an opened side panel takes
WIDE_LEFT_PX = 300  # the left panel's width when a wide layout has none remembered
HEADINGS_PX = 220  # the width of "On this page" when it is docked


class WideLayout(NamedTuple):
    """What the session keeps of the layout: the wide window's panels."""

    splitter_sizes: list[int]  # pixels: left panel, right side
    show_headings: bool
    show_side_panel: bool = True


class ResponsiveLayout(QObject):
    """Folds and restores the side panels as ``window`` crosses :data:`COMPACT_BELOW` pixels.

    ``side_panel`` and ``headings`` are the checkable toggles of the left panel and the
    "On this page" dock; in a compact window opening one closes the other.
    """

    compact_changed = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        left_panel: QWidget,
        headings_dock: QDockWidget,
        side_panel: QAction,
        headings: QAction,
    ) -> None:
        super().__init__(window)
        self._window, self._splitter, self._left = window, splitter, left_panel
        self._dock, self._side_action, self._headings_action = headings_dock, side_panel, headings
        self.compact = False
        self._wide = WideLayout([], True)
        side_panel.toggled.connect(self._side_panel_toggled)
        headings.toggled.connect(self._headings_toggled)

    def start(self) -> None:
        """Begin following the window's width (call once the session has restored the layout)."""
        self._window.installEventFilter(self)
        self.fit(self._window.width())

    def wide_layout(self) -> WideLayout:
        """The layout to save: the current one in a wide window, the one before folding otherwise."""
        if self.compact:
            return self._wide
        return WideLayout(
            self._splitter.sizes(), self._headings_action.isChecked(), self._side_action.isChecked()
        )

    def fit(self, width: int) -> None:
        """Lay the window out for ``width`` pixels: fold or restore the side panels as needed."""
        compact = width < COMPACT_BELOW
        if compact == self.compact:
            if compact:
                self._cap_panels(width)
            return
        if compact:
            self._wide = self.wide_layout()
            self.compact = True
            self._side_action.setChecked(False)
            self._headings_action.setChecked(False)
        else:
            self.compact = False
            sizes = self._wide.splitter_sizes
            self._side_action.setChecked(self._wide.show_side_panel)
            if len(sizes) == 2 and sizes[0] > 0:
                self._splitter.setSizes(sizes)
            self._headings_action.setChecked(self._wide.show_headings)
        self.compact_changed.emit(compact)

    # --- the toggles --------------------------------------------------------------------------
    def _side_panel_toggled(self, shown: bool) -> None:
        self._left.setVisible(shown)
        if shown and self.compact:
            self._headings_action.setChecked(False)
            self._cap_panels(self._window.width())
        if shown and self._splitter.sizes()[0] == 0:
            total = sum(self._splitter.sizes())
            left = min(WIDE_LEFT_PX, int(total * PANEL_SHARE))
            self._splitter.setSizes([left, total - left])

    def _headings_toggled(self, shown: bool) -> None:
        if shown and self.compact:
            self._side_action.setChecked(False)
            self._cap_panels(self._window.width())

    def _cap_panels(self, width: int) -> None:
        """Keep an opened side panel within PANEL_SHARE of a compact window's width."""
        most = int(width * PANEL_SHARE)
        sizes = self._splitter.sizes()
        if self._left.isVisibleTo(self._window) and sizes[0] > most:
            self._splitter.setSizes([most, sum(sizes) - most])
        if self._dock.isVisibleTo(self._window):
            self._window.resizeDocks([self._dock], [min(HEADINGS_PX, most)], Qt.Orientation.Horizontal)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.fit(self._window.width())
        return False
