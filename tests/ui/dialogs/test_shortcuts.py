"""The keyboard shortcuts window: every action's keys grouped by menu, search, Escape."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

from reader.ui.dialogs.shortcuts import ShortcutsDialog


@pytest.fixture
def window_actions(qtbot) -> tuple[QMainWindow, list[QAction]]:
    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().addMenu("&File")
    help_menu = window.menuBar().addMenu("&Help")
    export = QAction("&Export as PDF...", window)
    export.setShortcut(QKeySequence("Ctrl+Shift+E"))
    export.setStatusTip("Save the current page as a PDF file")
    back = QAction("&Back", window)
    back.setShortcuts([QKeySequence("Alt+Left"), QKeySequence("Ctrl+[")])
    back.setStatusTip("Go back")
    keys = QAction("&Keyboard Shortcuts", window)
    keys.setShortcuts([QKeySequence("F1"), QKeySequence("Ctrl+/")])
    about = QAction("&About", window)  # no shortcut: not listed
    file_menu.addActions([export])
    help_menu.addActions([keys, about])
    return window, [export, back, keys, about]


def test_shortcuts_dialog_lists_every_shortcut(qtbot, window_actions) -> None:
    window, actions = window_actions
    dialog = ShortcutsDialog(actions, window)
    qtbot.addWidget(dialog)
    rows = dialog.visible_rows()
    names = [row[0] for row in rows]
    assert names == ["Export as PDF", "Keyboard Shortcuts", "Back"]  # grouped by menu, then the rest
    for action in actions[:3]:
        row = rows[names.index(action.text().replace("&", "").removesuffix("..."))]
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in row[1]
        assert row[2] == action.statusTip()
    groups = [entry.group for entry in dialog.entries()]
    assert groups == ["File", "Help", "General"]


def test_shortcuts_dialog_search_and_escape(qtbot, window_actions) -> None:
    window, actions = window_actions
    dialog = ShortcutsDialog(actions, window)
    qtbot.addWidget(dialog)
    dialog.add_entry("Topics", "Open topic", ["Return"], "In the topic tree")
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search, "pdf")
    assert [row[0] for row in dialog.visible_rows()] == ["Export as PDF"]
    dialog.search.setText("ctrl+/")
    assert [row[0] for row in dialog.visible_rows()] == ["Keyboard Shortcuts"]
    dialog.search.setText("no such thing")
    assert dialog.visible_rows() == []
    assert dialog.no_match.isVisibleTo(dialog)
    dialog.search.clear()
    assert "Open topic" in [row[0] for row in dialog.visible_rows()]
    assert not dialog.grab().isNull()  # key caps and group headings paint
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.view.currentIndex().data() == "Export as PDF"
    dialog.search.setFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_descriptions_are_shown_whole_not_cut_with_an_ellipsis(qtbot, window_actions) -> None:
    window, actions = window_actions
    dialog = ShortcutsDialog(actions, window)
    qtbot.addWidget(dialog)
    long = "Walk through the diagram one hop at a time, from the browser to the database and back"
    dialog.add_entry("Diagram", "Follow a request", ["N"], long)
    dialog.resize(560, 500)  # narrower than the longest line: it must wrap
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.view
    metrics = view.fontMetrics()
    assert metrics.horizontalAdvance(long) > view.header().sectionSize(2)
    groups = [dialog.proxy.index(row, 0) for row in range(dialog.proxy.rowCount())]
    checked = 0
    for group in groups:
        for row in range(dialog.proxy.rowCount(group)):
            index = dialog.proxy.index(row, 2, group)
            text = str(index.data())
            rect = view.visualRect(index)
            assert rect.right() <= view.viewport().width(), text
            flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
            needed = metrics.boundingRect(rect.adjusted(4, 0, -4, 0), flags, text)
            assert needed.height() <= rect.height(), f"{text!r}: {needed.height()} > {rect.height()} px"
            checked += 1
    assert checked == len(dialog.entries())
