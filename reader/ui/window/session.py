"""The reading session: window layout, open panes, zoom, topic and scroll, saved and restored.

:class:`Session` reads and writes only the widgets and actions it is given, through the typed keys
of :class:`reader.ui.common.settings.Key`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from reader.ui.common.settings import Key, Settings
from reader.ui.window.layout import WideLayout

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QTabWidget, QWidget


class SessionWidgets(NamedTuple):
    """What a session saves and restores: the window's layout widgets and its toggle actions."""

    window: QMainWindow
    splitter: QSplitter
    right_splitter: QSplitter
    left_tabs: QTabWidget
    headings_dock: QDockWidget
    diagram_pane: QWidget
    show_headings: QAction
    theme_actions: dict[str, QAction]  # "system", "light", "dark"
    show_side_panel: QAction


class Session:
    """Restores the layout at start-up and saves it, with the place in the guide, on close."""

    def __init__(self, settings: Settings, widgets: SessionWidgets) -> None:
        self._settings = settings
        self._widgets = widgets

    def remembered_place(self) -> tuple[str, int]:
        """The topic id read last (empty if none) and its scroll position in pixels."""
        return self._settings.get(Key.TOPIC), self._settings.get(Key.SCROLL)

    def restore(self, theme: str) -> None:
        """Lay out the window as it was (the diagram follows the topic: see DiagramCommands)."""
        settings, widgets = self._settings, self._widgets
        geometry = settings.get(Key.GEOMETRY)
        if not geometry.isEmpty():
            widgets.window.restoreGeometry(geometry)
        sizes = settings.get(Key.SPLITTER)
        if len(sizes) == 2 and all(size >= 0 for size in sizes) and sum(sizes) > 0:
            widgets.splitter.setSizes(sizes)
        widgets.theme_actions.get(theme, widgets.theme_actions["system"]).setChecked(True)
        right_sizes = settings.get(Key.RIGHT_SPLITTER)
        if len(right_sizes) == 2 and all(size > 0 for size in right_sizes):
            widgets.right_splitter.setSizes(right_sizes)
        widgets.left_tabs.setCurrentIndex(settings.get(Key.LEFT_TAB))
        show_headings = settings.get(Key.SHOW_HEADINGS)
        widgets.headings_dock.setVisible(show_headings)
        widgets.show_headings.setChecked(show_headings)
        widgets.show_side_panel.setChecked(settings.get(Key.SHOW_SIDE_PANEL))

    def save(
        self, zoom_level: int, topic_id: str | None, scroll: int, wide: WideLayout | None = None
    ) -> None:
        """Write the layout, the zoom level and the place in the guide, and flush to disk.

        ``wide`` is the panel layout of a wide window (a small window folds its panels away, and
        that is not what the next start should restore); without it the current layout is saved.
        """
        settings, widgets = self._settings, self._widgets
        if wide is None:
            shown = widgets.show_headings.isChecked(), widgets.show_side_panel.isChecked()
            wide = WideLayout(widgets.splitter.sizes(), *shown)
        settings.set(Key.GEOMETRY, widgets.window.saveGeometry())
        if len(wide.splitter_sizes) == 2 and wide.splitter_sizes[0] > 0:
            settings.set(Key.SPLITTER, wide.splitter_sizes)
        settings.set(Key.ZOOM, zoom_level)
        settings.set(Key.SHOW_HEADINGS, wide.show_headings)
        settings.set(Key.SHOW_SIDE_PANEL, wide.show_side_panel)
        if widgets.diagram_pane.isVisibleTo(widgets.window):
            settings.set(Key.RIGHT_SPLITTER, widgets.right_splitter.sizes())
        settings.set(Key.LEFT_TAB, widgets.left_tabs.currentIndex())
        if topic_id:
            settings.set(Key.TOPIC, topic_id)
            settings.set(Key.SCROLL, scroll)
        settings.sync()
