"""Bookmarks from the window: Ctrl+D, the Bookmarks pane and menu, kept across starts."""

from __future__ import annotations

import pytest
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


def _write_bookmarks(count: int) -> None:
    import json

    from reader.core.storage import user_data_dir

    marks = [{"topic_id": f"topic-{n}", "title": f"Topic {n}", "added": ""} for n in range(count)]
    user_data_dir().mkdir(parents=True, exist_ok=True)
    (user_data_dir() / "bookmarks.json").write_text(json.dumps({"version": 1, "bookmarks": marks}))


@pytest.mark.timeout(60)  # a hang guard: listing 100,000 entries took about 9 s
def test_100000_bookmarks_list_the_most_recent_and_an_entry_for_all(qtbot, guide_window):
    from reader.ui.window.bookmark_commands import MENU_LIMIT

    _write_bookmarks(100_000)
    window = guide_window
    menu = window.menus["bookmarks"]
    menu.aboutToShow.emit()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts[2 : 2 + MENU_LIMIT] == [f"Topic {n}" for n in range(100_000 - MENU_LIMIT, 100_000)]
    assert texts[-1] == "All 100,000 Bookmarks…"
    menu.actions()[-1].trigger()
    assert window.left_tabs.currentWidget() is window.bookmarks_pane
    assert window.bookmarks_panel.list.count() == 100_000
    assert window.bookmarks_panel.count_label.text() == "100000 bookmarks"


def test_an_unreadable_bookmarks_file_is_read_only_with_a_message(qtbot, guide_window, monkeypatch):
    from reader.core import storage

    _write_bookmarks(1)
    original = (storage.user_data_dir() / "bookmarks.json").read_bytes()

    def denied(path):
        raise storage.UnreadableFile("Permission denied")

    monkeypatch.setattr(storage, "read_user_file", denied)
    monkeypatch.setattr("reader.core.bookmarks.read_user_file", denied)
    window = guide_window
    window.navigator.open_topic("security/csrf")
    qtbot.keyClick(window.page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    message = window.statusBar().currentMessage()
    assert "read-only" in message
    assert "Permission denied" in message
    assert not window.actions_.bookmark.isChecked()
    menu = window.menus["bookmarks"]
    menu.aboutToShow.emit()
    assert "Bookmarks are read-only (see the status bar)" in [action.text() for action in menu.actions()]
    assert (storage.user_data_dir() / "bookmarks.json").read_bytes() == original
