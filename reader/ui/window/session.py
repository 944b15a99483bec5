"""The reading session: window layout, open panes, zoom, topic and scroll, saved and restored.

:class:`Session` reads and writes only the widgets and actions it is given, through the typed keys
of :class:`reader.ui.common.settings.Key`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

from reader.ui.common.settings import Key, Settings

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QTabWidget, QWidget

    from reader.ui.window.layout import WideLayout

logger = logging.getLogger(__name__)


def restore_geometry(window: QMainWindow, settings: Settings) -> None:
    """Give ``window`` the size and place saved last time, if any (validated by :class:`Settings`)."""
    geometry = settings.get(Key.GEOMETRY)
    if not geometry.isEmpty():
        window.restoreGeometry(geometry)


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

    def restore(self, theme: str, *, geometry: bool = True) -> None:
        """Lay out the window as it was (the diagram follows the topic: see DiagramCommands); its
        size and place too unless not ``geometry`` (a window already shown keeps where it is).

        Every value was validated by :class:`Settings`; should Qt still refuse one, the rest of
        the window starts as it is and the settings' notice says so: a session never stops start-up.
        """
        try:
            self._restore(theme, geometry)
        except Exception:
            logger.exception("the saved window layout could not be restored")
            self._settings.notice = self._settings.notice or "The saved window layout could not be restored"

    def _restore(self, theme: str, geometry: bool) -> None:
        settings, widgets = self._settings, self._widgets
        if geometry:
            restore_geometry(widgets.window, settings)
        sizes = settings.get(Key.SPLITTER)
        if _page_keeps_room(sizes):
            widgets.splitter.setSizes(sizes)
        widgets.theme_actions.get(theme, widgets.theme_actions["system"]).setChecked(True)
        right_sizes = settings.get(Key.RIGHT_SPLITTER)
        if _page_keeps_room(right_sizes) and right_sizes[0] > 0:
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
            from reader.ui.window.layout import WideLayout

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


MIN_PAGE_SHARE = 0.25  # a restored splitter gives the page at least this share of its width or height


def _page_keeps_room(sizes: list[int]) -> bool:
    """True for two sizes (pixels, the page's last) that leave the page ``MIN_PAGE_SHARE`` at least.

    A page squeezed to nothing would never be painted, and the start-up work that waits for the
    first frame would never run.
    """
    return len(sizes) == 2 and min(sizes) >= 0 and sizes[1] > 0 and sizes[1] >= MIN_PAGE_SHARE * sum(sizes)
