"""Bookmarks from the window: Ctrl+D, the Bookmarks pane and menu, kept across starts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.resources import guide_root
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow


def test_ctrl_d_bookmarks_the_topic_and_the_panel_opens_it(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("security/csrf")
    qtbot.keyClick(window.page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.actions_.bookmark.isChecked()
    assert window.bookmarks_panel.topic_ids() == ["security/csrf"]
    assert "Bookmarked" in window.statusBar().currentMessage()
    window.navigator.open_topic("index")
    assert not window.actions_.bookmark.isChecked()
    window.actions_.bookmarks.trigger()
    assert window.left_tabs.currentWidget() is window.bookmarks_pane
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
        qtbot.keyClick(window.bookmarks_panel.list, Qt.Key.Key_Return)
    assert shown.args == ["security/csrf"]
    again = MainWindow(guide_root(), settings=Settings())
    qtbot.addWidget(again)
    assert again.library.bookmarks.contains("security/csrf")


def test_the_bookmarks_menu_lists_bookmarks_and_opens_them(qtbot, guide_window):
    window = guide_window
    menu = window.menus["bookmarks"]
    menu.aboutToShow.emit()
    assert [action.text() for action in menu.actions() if not action.isEnabled()] == ["No bookmarks yet"]
    window.navigator.open_topic("security/csrf")
    window.actions_.bookmark.trigger()
    window.navigator.open_topic("index")
    menu.aboutToShow.emit()
    [entry] = [action for action in menu.actions()[3:]]
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
        entry.trigger()
    assert shown.args == ["security/csrf"]


def test_removing_a_bookmark_from_the_pane(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("security/csrf")
    window.actions_.bookmark.trigger()
    window.bookmarks_panel.remove_requested.emit("security/csrf")
    assert window.bookmarks_panel.topic_ids() == []
    assert not window.actions_.bookmark.isChecked()
    assert "Bookmark removed" in window.statusBar().currentMessage()
