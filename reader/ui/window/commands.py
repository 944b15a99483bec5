"""What the main window's commands do: content loading, bookmarks, theme, print and export, help.

The window creates one :class:`WindowCommands` and connects its slots to actions and widgets
in ``MainWindow._connect_signals``, the one place where signals are wired.
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.core.content.loader import load_content
from reader.core.history import History
from reader.core.render.cache import CachedRenderer
from reader.resources import read_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QTextDocument
    from PySide6.QtWidgets import QDialog

    from reader.ui.main_window import MainWindow


class WindowCommands:
    """Slots for bookmarks, theme, printing, PDF export, code copying and the help windows."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.help_dialog: QDialog | None = None

    # --- bookmarks ----------------------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        if not self.window.current_topic_id:
            return
        title = self.window.content.topics[self.window.current_topic_id].title
        now = self.window.bookmarks.toggle(self.window.current_topic_id, title)
        self._bookmarks_changed(f"Bookmarked “{title}”" if now else f"Removed the bookmark for “{title}”")

    def remove_bookmark(self, topic_id: str) -> None:
        self.window.bookmarks.remove(topic_id)
        self._bookmarks_changed("Bookmark removed")

    def show_bookmarks(self) -> None:
        self.window.left_tabs.setCurrentWidget(self.window.bookmarks_pane)
        self.window.bookmarks_panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _bookmarks_changed(self, message: str) -> None:
        self.window.bookmarks_panel.set_bookmarks(self.window.bookmarks.items())
        self.update_bookmark_action()
        error = self.window.bookmarks.error
        self.window.statusBar().showMessage(error or message, 10000 if error else 3000)

    def update_bookmark_action(self) -> None:
        self.window.actions_.bookmark.setChecked(
            bool(self.window.current_topic_id)
            and self.window.bookmarks.contains(self.window.current_topic_id or "")
        )

    def fill_bookmarks_menu(self) -> None:
        menu = self.window.menus["bookmarks"]
        menu.clear()
        menu.addActions([self.window.actions_.bookmark, self.window.actions_.bookmarks])
        menu.addSeparator()
        for mark in self.window.bookmarks.items():
            menu.addAction(mark.title, partial(self.window.open_topic, mark.topic_id))
        if not self.window.bookmarks.items():
            menu.addAction("No bookmarks yet").setEnabled(False)

    # --- theme --------------------------------------------------------------------------------
    def choose_theme(self, action: QAction) -> None:
        mode = {self.window.actions_.theme_light: "light", self.window.actions_.theme_dark: "dark"}.get(
            action, "system"
        )
        self.window.settings.set("view/theme", mode)
        self.window.theme.apply(mode)

    def on_theme_changed(self, dark: bool) -> None:
        self.window.actions_.refresh_icons()
        self.window.renderer.set_dark(dark)
        self.window._apply_page_style()
        if self.window.current_topic_id:
            self.window.page.show_page(
                self.window.renderer.render(self.window.current_topic_id), keep_scroll=True
            )

    # --- print and export ---------------------------------------------------------------------
    def _printable(self) -> QTextDocument | None:
        from reader.ui.page import printing

        if not self.window.current_topic_id:
            return None
        light = CachedRenderer(self.window.content, dark=False)
        return printing.printable_copy(
            self.window.page,
            light.render(self.window.current_topic_id).html,
            read_text("styles/page-light.css"),
        )

    def print_topic(self) -> None:
        from reader.ui.page import printing

        document = self._printable() if self.window.renderer.dark else None
        printing.print_page(self.window.page, self.window, document)
        if document is not None:
            document.deleteLater()

    def export_topic_pdf(self) -> None:
        from reader.ui.page import printing

        title = self.window.page.page.title if self.window.page.page else "topic"
        path = printing.ask_pdf_path(self.window, printing.suggested_file_name(title))
        document = self._printable() if path is not None else None
        if path is None or document is None:
            return
        saved = printing.export_pdf(document, path)
        document.deleteLater()
        self.window.statusBar().showMessage(f"Saved {path}" if saved else f"Could not write {path}", 8000)

    def copy_code_block(self, code: str = "") -> None:
        code = code or self.window.page.code_at_cursor()
        if not code:
            self.window.statusBar().showMessage("Put the cursor in a code block to copy it", 4000)
            return
        QGuiApplication.clipboard().setText(code)
        lines = code.count("\n") + 1
        self.window.statusBar().showMessage(f"Copied {lines} line{'s' if lines != 1 else ''} of code", 3000)

    # --- content --------------------------------------------------------------------------------
    def choose_content_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self.window, "Open a folder of Markdown topics", str(self.window.content.root)
        )
        if folder:
            self.load_content(Path(folder))

    def load_content(self, root: Path | None = None) -> None:
        """Read a content root (the current one again when ``root`` is None) and show it in place."""
        window = self.window
        reloading = root is None or root.resolve() == window.content.root.resolve()
        keep_topic = window.current_topic_id if reloading else None
        scroll = window.page.verticalScrollBar().value()
        self.stop_background_work()
        content = load_content(root or window.content.root)
        if not content.topics:
            window.statusBar().showMessage(f"No readable Markdown topics in {root}; nothing changed", 10000)
            return
        window.content = content
        window.has_diagram = (content.root / "diagram.toml").is_file()
        self.reset_content_views()
        if keep_topic and keep_topic in content.topics:
            window.open_topic(keep_topic)
            window.page.verticalScrollBar().setValue(scroll)
        elif content.start_topic_id:
            window.open_topic(content.start_topic_id)
        count = len(content.problems)
        found = f"; {count} problem(s), run django-reader --check" if count else ""
        window.statusBar().showMessage(
            f"Loaded {len(content.topics)} topics from {content.root}{found}", 10000
        )

    def reset_content_views(self) -> None:
        """After the window's content changed: renderer, router, tree, history and panes follow it."""
        self.window.renderer = CachedRenderer(self.window.content, dark=self.window.theme.is_dark())
        self.window.router.set_content(self.window.content)
        self.window.page.set_content_root(self.window.content.root)
        self.window.tree.set_content(self.window.content)
        self.window.history = History()
        self.window.current_topic_id = None
        self.window._diagram = None
        self.window.diagram_pane.reset()
        if not self.window.has_diagram:
            self.window.actions_.diagram.setChecked(False)
        if self.window.search_pane.created:
            self.window.search_panel.set_content(self.window.content)
        self.start_warm_up()

    def verify_content_in_background(self) -> None:
        """The window started from the cached front matter of a large root; check it off the GUI thread."""
        loader = self.window.content_loader
        signal = self.window.content_changed_on_disk

        def verify() -> None:
            stale = loader.changed_files()
            if stale:
                signal.emit(len(stale))  # queued to the GUI thread

        threading.Thread(target=verify, daemon=True).start()

    def reload_changed_content(self, count: int) -> None:
        self.load_content()
        self.window.notify(f"{count} topic file(s) changed since the last start; the guide was reloaded")

    def stop_background_work(self) -> None:
        self.window._stop_warm_up.set()
        if self.window.search_pane.created:
            self.window.search_panel.stop_indexing()

    def finish_startup(self) -> None:
        """Work the first frame does not need, done right after it is painted."""
        from reader.ui.dialogs.about import load_app_icon

        self.window.setWindowIcon(load_app_icon())
        self.update_bookmark_action()  # loads the bookmarks
        if not self.window._stop_warm_up.is_set():
            self.start_warm_up()
        self.verify_content_in_background()  # nothing to do unless the start trusted the topic cache

    def start_warm_up(self) -> None:
        self.window._stop_warm_up = threading.Event()
        worker = threading.Thread(
            target=self.window.renderer.warm_up,
            args=(self.window.content.walk(), self.window._stop_warm_up),
            daemon=True,
        )
        worker.start()

    # --- help ---------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        from reader.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self.window.actions_.all, self.window)
        dialog.add_entry(
            "Topics", "Open the selected topic", ["Return"], "In the topic tree, results and bookmarks"
        )
        dialog.add_entry("Search", "Focus search from the page", ["/"], "While the page has the focus")
        dialog.add_entry("Bookmarks", "Remove the selected bookmark", ["Del"], "In the bookmark list")
        dialog.add_entry(
            "Diagram", "Move between components", ["Tab", "Arrows"], "Enter or Space opens a component"
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.help_dialog = dialog

    def show_about(self) -> None:
        from reader.ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.help_dialog = dialog
