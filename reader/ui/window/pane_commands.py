"""What the main window's search, find, focus and diagram commands do.

The window creates one :class:`PaneCommands` and connects its slots in
``MainWindow._connect_signals``, the one place where signals are wired.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class PaneCommands:
    """Slots for moving between topics and panes, searching, finding in the page and the diagram."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # --- search, find and focus ---------------------------------------------------------------
    def open_home(self) -> None:
        if self.window.content.start_topic_id:
            self.window.open_topic(self.window.content.start_topic_id)

    def open_neighbour(self, which: int) -> None:
        """Open the previous (0) or next (1) topic in reading order."""
        if self.window.current_topic_id:
            neighbour = self.window.content.neighbours(self.window.current_topic_id)[which]
            if neighbour is not None:
                self.window.open_topic(neighbour)

    def focus_search(self) -> None:
        self.window.left_tabs.setCurrentWidget(self.window.search_pane)
        self.window.search_panel.focus_search()

    def leave_search(self) -> None:
        self.window.left_tabs.setCurrentIndex(0)
        self.window.page.setFocus()

    def open_search_result(self, topic_id: str, terms: list[str]) -> None:
        if self.window.open_topic(topic_id) or topic_id == self.window.current_topic_id:
            from reader.ui.page.highlight import clear_highlights, highlight_terms

            clear_highlights(self.window.page)
            count = highlight_terms(self.window.page, terms)
            self.window.statusBar().showMessage(f"{count} match(es) highlighted" if count else "", 4000)
            self.window.page.setFocus()

    def focus_filter(self) -> None:
        self.window.left_tabs.setCurrentIndex(0)
        self.window.tree_filter.setFocus()
        self.window.tree_filter.selectAll()

    def find_next(self) -> None:
        if self.window.find_bar.isHidden():
            self.window.find_bar.open_bar()
        else:
            self.window.find_bar.find_next()

    def find_previous(self) -> None:
        if self.window.find_bar.isHidden():
            self.window.find_bar.open_bar()
        else:
            self.window.find_bar.find_previous()

    def focus_panes(self) -> list[QWidget]:
        """The panes F6 cycles through, in reading order, visible ones only."""
        index = self.window.left_tabs.currentIndex()
        left = (
            self.window.tree
            if index == 0
            else self.window.search_panel.edit
            if index == 1
            else self.window.bookmarks_panel.list
        )
        panes: list[QWidget] = [left, self.window.page, self.window.headings_panel.list]
        if self.window.diagram_pane.isVisibleTo(self.window) and self.window.diagram_panel.view is not None:
            panes.insert(1, self.window.diagram_panel.view)
        return [pane for pane in panes if pane.isVisibleTo(self.window)]

    def cycle_focus(self, step: int) -> None:
        panes = self.focus_panes()
        if not panes:
            return
        focused = self.window.focusWidget()
        current = next(
            (i for i, pane in enumerate(panes) if focused is pane or pane.isAncestorOf(focused)), -1
        )
        panes[(current + step) % len(panes)].setFocus(Qt.FocusReason.TabFocusReason)

    # --- diagram ------------------------------------------------------------------------------
    def show_diagram(self, visible: bool) -> None:
        self.window.diagram_pane.setVisible(visible)
        sizes = self.window.right_splitter.sizes()
        if visible and sizes[0] < 150:
            total = max(sum(sizes), 600)
            self.window.right_splitter.setSizes([total * 11 // 20, total * 9 // 20])
        if visible and self.window.diagram_panel.view is not None:
            self.window.diagram_panel.highlight_topic(self.window.current_topic_id)
        elif not visible and self.window.diagram_pane.isAncestorOf(self.window.focusWidget()):
            self.window.page.setFocus()

    def focus_diagram(self, visible: bool) -> None:
        """When the user turns the diagram on, it takes the focus (not when navigation shows it)."""
        if visible and self.window.diagram_panel.view is not None:
            self.window.diagram_panel.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_walkthrough(self) -> None:
        if not self.window.has_diagram or self.window.diagram_panel.view is None:
            self.window.statusBar().showMessage(
                "This content has no diagram.toml, so there is no walk-through", 6000
            )
            return
        self.window.actions_.diagram.setChecked(True)
        self.window.diagram_panel.follow_button.setChecked(True)
