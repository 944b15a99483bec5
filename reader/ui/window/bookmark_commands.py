"""Bookmarking the current topic, removing bookmarks, and the Bookmarks menu and pane.

The menu lists the ``MENU_LIMIT`` most recent bookmarks; with more, its last entry opens the pane,
which lists them all (so 100,000 bookmarks open the menu as fast as 10).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.ui.common.status import Duration

MENU_LIMIT = 25  # bookmarks listed in the menu: the most recently added

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from reader.ui.bookmarks.panel import BookmarksPanel
    from reader.ui.common.lazy_pane import LazyPane
    from reader.ui.window.library import Library
    from reader.ui.window.navigator import Navigator


class BookmarkCommands(QObject):
    """Keeps the bookmark action, the Bookmarks menu and the bookmarks pane in step with the store."""

    status_message = Signal(str, object)  # message, Duration

    def __init__(
        self,
        library: Library,
        navigator: Navigator,
        pane: LazyPane[BookmarksPanel],
        action: QAction,
        menu_actions: list[QAction],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._navigator = navigator
        self._pane = pane
        self._action = action
        self._menu_actions = menu_actions
        self._show_all = menu_actions[-1]  # "Show Bookmarks": the pane lists them all

    def toggle(self) -> None:
        """Bookmark the current topic, or remove its bookmark."""
        topic_id = self._navigator.current_topic_id
        if not topic_id:
            return
        title = self._library.title(topic_id)
        now = self._library.bookmarks.toggle(topic_id, title)
        self._changed(f"Bookmarked “{title}”" if now else f"Removed the bookmark for “{title}”")

    def remove(self, topic_id: str) -> None:
        self._library.bookmarks.remove(topic_id)
        self._changed("Bookmark removed")

    def _changed(self, message: str) -> None:
        store = self._library.bookmarks
        self._pane.widget().set_bookmarks(store.items())
        self.update_action()
        problem = store.error or " ".join(store.notices)
        store.notices.clear()
        self.status_message.emit(problem or message, Duration.PROBLEM if problem else Duration.BRIEF)

    def update_action(self) -> None:
        """Check the bookmark action when the current topic is bookmarked (loads the bookmarks)."""
        topic_id = self._navigator.current_topic_id
        self._action.setChecked(bool(topic_id) and self._library.bookmarks.contains(topic_id or ""))

    def follow_topic(self, _topic_id: str) -> None:
        """A topic was shown: update the action, unless the bookmarks are not loaded yet."""
        if self._library.bookmarks_loaded:
            self.update_action()

    def fill_menu(self, menu: QMenu) -> None:
        """Rebuild the Bookmarks menu: its actions, then the ``MENU_LIMIT`` most recent bookmarks
        (in the order they were added) and, if there are more, an entry that opens the pane."""
        menu.clear()
        menu.addActions(self._menu_actions)
        menu.addSeparator()
        store = self._library.bookmarks
        items = store.items()
        for mark in items[-MENU_LIMIT:]:
            menu.addAction(_menu_text(mark.title), partial(self._navigator.open_topic, mark.topic_id))
        if len(items) > MENU_LIMIT:
            menu.addSeparator()
            menu.addAction(f"All {len(items):,} Bookmarks…", self._show_all.trigger)
        if not items:
            menu.addAction("No bookmarks yet").setEnabled(False)
        if store.read_only:
            menu.addAction("Bookmarks are read-only (see the status bar)").setEnabled(False)


def _menu_text(title: str) -> str:
    """A bookmark's title as a menu entry: at most 80 characters, ``&`` shown, not a mnemonic."""
    short = title if len(title) <= 80 else title[:79] + "…"
    return short.replace("&", "&&")
