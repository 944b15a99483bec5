"""Keyboard focus between the window's panes: F6 cycling and the commands that focus one pane.

:class:`PaneFocus` is given the widgets it moves the focus between; panes built on first use
(search, bookmarks, the diagram) are reached through their :class:`LazyPane` and built when focused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

    from reader.ui.bookmarks.panel import BookmarksPanel
    from reader.ui.common.lazy_pane import LazyPane
    from reader.ui.diagram.panel import DiagramPanel
    from reader.ui.search.panel import SearchPanel

TOPICS_TAB = 0


class Panes(NamedTuple):
    """The window's focusable panes, in reading order."""

    window: QWidget
    left_tabs: QTabWidget
    tree: QWidget
    tree_filter: QLineEdit
    search: LazyPane[SearchPanel]
    bookmarks: LazyPane[BookmarksPanel]
    diagram: LazyPane[DiagramPanel]
    page: QWidget
    headings: QWidget
    side_panel: QAction  # the checkable toggle that shows the left panel (folded in small windows)
    more_tabs: tuple[QWidget, ...] = ()  # left tabs that take the focus themselves (the Project tab)
    more_panes: tuple[QWidget, ...] = ()  # right-side panes shown instead of the page (the project's)


class PaneFocus:
    """Moves the keyboard focus between panes (F6 / Shift+F6) and into a chosen pane."""

    def __init__(self, panes: Panes) -> None:
        self._panes = panes

    def panes(self) -> list[QWidget]:
        """The panes F6 cycles through, in reading order, visible ones only."""
        p = self._panes
        tab = p.left_tabs.currentWidget()
        left: QWidget = (
            p.search.widget().edit
            if tab is p.search
            else p.bookmarks.widget().list
            if tab is p.bookmarks
            else tab
            if tab in p.more_tabs
            else p.tree
        )
        panes: list[QWidget] = [left, *p.more_panes, p.page, p.headings]
        view = p.diagram.widget().view if p.diagram.isVisibleTo(p.window) else None
        if view is not None:
            panes.insert(1, view)
        return [pane for pane in panes if pane.isVisibleTo(p.window)]

    def cycle(self, step: int) -> None:
        """Focus the pane ``step`` places after (negative: before) the one holding the focus."""
        panes = self.panes()
        if not panes:
            return
        focused = self._panes.window.focusWidget()
        current = next(
            (i for i, pane in enumerate(panes) if focused is pane or pane.isAncestorOf(focused)), -1
        )
        panes[(current + step) % len(panes)].setFocus(Qt.FocusReason.TabFocusReason)

    def _open_side_panel(self) -> None:
        """Unfold the left panel (a small window, or F9, folded it away) so the focused pane shows."""
        if not self._panes.side_panel.isChecked():
            self._panes.side_panel.setChecked(True)

    def focus_search(self) -> None:
        self._open_side_panel()
        self._panes.left_tabs.setCurrentWidget(self._panes.search)
        self._panes.search.widget().focus_search()

    def leave_search(self) -> None:
        # The page first: hiding the focused search field first would pass the focus through
        # another widget on its way to the page (three focus changes for a screen reader).
        self._panes.page.setFocus(Qt.FocusReason.OtherFocusReason)
        self._panes.left_tabs.setCurrentIndex(TOPICS_TAB)

    def back_to_page(self) -> None:
        """Escape in a side list (bookmarks, On this page): the focus goes back to the page."""
        self._panes.page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_filter(self) -> None:
        self._open_side_panel()
        self._panes.left_tabs.setCurrentIndex(TOPICS_TAB)
        self._panes.tree_filter.setFocus()
        self._panes.tree_filter.selectAll()

    def escape_filter(self) -> None:
        """Escape in the topic filter: clear it (showing every topic), or if empty go to the tree."""
        if self._panes.tree_filter.text():
            self._panes.tree_filter.clear()
        else:
            self._panes.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_bookmarks(self) -> None:
        self._open_side_panel()
        self._panes.left_tabs.setCurrentWidget(self._panes.bookmarks)
        self._panes.bookmarks.widget().list.setFocus(Qt.FocusReason.ShortcutFocusReason)
