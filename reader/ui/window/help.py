"""The Help menu's windows: the keyboard shortcuts (generated from the actions) and About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog, QWidget


class HelpCommands:
    """Opens the help windows as children of ``parent``; each deletes itself when closed."""

    def __init__(self, actions: list[QAction], parent: QWidget) -> None:
        self._actions = actions
        self._parent = parent

    def show_shortcuts(self) -> None:
        from reader.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self._actions, self._parent)
        dialog.add_entry(
            "Topics", "Open the selected topic", ["Return"], "In the topic tree, results and bookmarks"
        )
        dialog.add_entry("Search", "Focus search from the page", ["/"], "While the page has the focus")
        dialog.add_entry("Page", "Next / previous heading", ["H", "Shift+H"], "With caret browsing on (F7)")
        dialog.add_entry(
            "Page", "Next / previous link", ["Tab", "Shift+Tab"], "Tab leaves after the last link"
        )
        dialog.add_entry("Page", "Leave the page", ["Ctrl+Tab", "Ctrl+Shift+Tab"], "Skips the page's links")
        dialog.add_entry("Bookmarks", "Remove the selected bookmark", ["Del"], "In the bookmark list")
        dialog.add_entry(
            "Diagram", "Move between components", ["Tab", "Arrows"], "Enter or Space opens a component"
        )
        self._show(dialog)

    def show_about(self) -> None:
        from reader.ui.dialogs.about import AboutDialog

        self._show(AboutDialog(self._parent))

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
