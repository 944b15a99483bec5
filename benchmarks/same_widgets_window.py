"""Baseline for start-up benchmarks: PySide6 alone showing the same widgets as Django Reader.

Reads the JSON written by ``window_spec.py`` (menus, toolbar icons, tabs, tree rows, the start
page's HTML and stylesheet, the docked headings), builds the same widget tree with stock Qt
classes, paints once and quits. The difference to ``django-reader --exit-after-paint`` is then
the cost of the app's own code, not of the widgets it shows.
"""

from __future__ import annotations

import json
import sys

from bare_window import run_until_first_paint
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


def fill_menu(menu: QMenu, entries: list) -> None:
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        elif isinstance(entry, dict):
            fill_menu(menu.addMenu(entry["menu"]), entry["entries"])
        else:
            menu.addAction(entry)


def fill_tree(tree: QTreeView, parent: QStandardItem, rows: list) -> None:
    for title, expanded, children in rows:
        item = QStandardItem(title)
        parent.appendRow(item)
        fill_tree(tree, item, children)
        if expanded:
            tree.expand(item.index())


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    for menu in spec["menus"]:
        fill_menu(window.menuBar().addMenu(menu["menu"]), menu["entries"])
    toolbar = QToolBar()
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for entry in spec["toolbar"]:
        if entry is None:
            toolbar.addSeparator()
            continue
        if entry == "spacer":
            spacer = QWidget()
            spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            toolbar.addWidget(spacer)
            continue
        action = toolbar.addAction(QIcon(entry["icon"]), entry["text"])
        button = toolbar.widgetForAction(action)
        if entry["icon_only"] and isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(toolbar)
    tree_pane = QWidget()
    tree_layout = QVBoxLayout(tree_pane)
    tree_filter = QLineEdit()
    tree_filter.setPlaceholderText(spec["filter"])
    tree_filter.setClearButtonEnabled(True)
    tree = QTreeView()
    tree.setHeaderHidden(True)
    model = QStandardItemModel()
    tree.setModel(model)
    fill_tree(tree, model.invisibleRootItem(), spec["tree"])
    tree_layout.addWidget(tree_filter)
    tree_layout.addWidget(tree)
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    for number, title in enumerate(spec["tabs"]):
        tabs.addTab(tree_pane if number == 0 else QWidget(), title)
    page = QTextBrowser()
    font = page.document().defaultFont()
    font.setPointSizeF(spec["point_size"])
    page.document().setDefaultFont(font)
    page.document().setDefaultStyleSheet(spec["css"])
    page.setHtml(spec["html"])
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(tabs)
    splitter.addWidget(page)
    window.setCentralWidget(splitter)
    headings = QListWidget()
    headings.addItems(["  " * (level - 2) + text for level, text in spec["headings"]])
    dock = QDockWidget(spec["dock"])
    dock.setWidget(headings)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.statusBar()
    window.resize(*spec["size"])
    return run_until_first_paint(app, window, page)


if __name__ == "__main__":
    sys.exit(main())
