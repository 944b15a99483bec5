"""Describe Django Reader's first frame as JSON, for the same-widgets baseline window.

Run as ``python benchmarks/window_spec.py OUT.json`` (offscreen): it builds the real main window
and records what its first frame shows (menus, toolbar and icon files, tabs, tree rows, the page's
HTML and stylesheet, the docked headings) so that ``same_widgets_window.py`` can show the same
widgets with the same content using PySide6 alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QMenu, QTreeView


def _menu_spec(menu: QMenu) -> list[object]:
    entries: list[object] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            entries.append({"menu": action.text(), "entries": _menu_spec(submenu)})
        else:
            entries.append(None if action.isSeparator() else action.text())
    return entries


def _tree_spec(tree: QTreeView, parent: QModelIndex) -> list[object]:
    model = tree.model()
    rows: list[object] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        rows.append([str(index.data()), tree.isExpanded(index), _tree_spec(tree, index)])
    return rows


def window_spec() -> dict[str, object]:
    from PySide6.QtWidgets import QWidgetAction

    from reader.resources import guide_root, resource_path
    from reader.ui.app import create_application
    from reader.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(guide_root())
    window.show()
    app.processEvents()
    toolbar = []
    for action in window.toolbar.actions():
        if action.isSeparator():
            toolbar.append(None)
            continue
        if isinstance(action, QWidgetAction):  # the spacer before "On this page"
            toolbar.append("spacer")
            continue
        icons = {"side_panel", "back", "forward", "home"}
        name = next(key for key, value in vars(window.actions_).items() if value is action)
        icon_file = resource_path(f"icons/toolbar/{name}.svg")
        toolbar.append({"text": action.iconText(), "icon": str(icon_file), "icon_only": name in icons})
    spec = {
        "size": [window.width(), window.height()],
        "menus": [{"menu": menu.title(), "entries": _menu_spec(menu)} for menu in window.menus.values()],
        "toolbar": toolbar,
        "tabs": [window.left_tabs.tabText(i) for i in range(window.left_tabs.count())],
        "filter": window.tree_filter.placeholderText(),
        "tree": _tree_spec(window.tree, QModelIndex()),
        "css": window.page.document().defaultStyleSheet(),
        "point_size": window.page.document().defaultFont().pointSizeF(),
        "html": window.page.page.html if window.page.page else "",
        "dock": window.headings_dock.windowTitle(),
        "headings": [[heading.level, heading.text] for heading in window.headings_panel.headings()],
    }
    window.close()
    return spec


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(window_spec()), encoding="utf-8")
