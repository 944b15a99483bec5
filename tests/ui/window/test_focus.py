"""Pane focus: F6 cycling and the keys that focus search, the filter and the bookmarks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


def test_f6_cycles_panes(qtbot, window):
    window.activateWindow()
    window.tree.setFocus()
    panes = window.focus.panes()
    assert panes == [window.tree, window.page, window.headings_panel.list]
    for expected in [*panes[1:], panes[0]]:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)
        assert window.focusWidget() is expected


def test_f6_starts_from_the_left_tab_shown(qtbot, window):
    window.activateWindow()
    window.focus.focus_search()
    assert window.focus.panes()[0] is window.search_panel.edit
    qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_F6)
    assert window.focusWidget() is window.page
    window.focus.focus_bookmarks()
    assert window.focus.panes() == [window.bookmarks_panel.list, window.page, window.headings_panel.list]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is window.headings_panel.list


def test_shift_f6_cycles_backwards_through_a_shown_diagram(qtbot, guide_window):
    window = guide_window
    window.actions_.diagram.setChecked(True)
    window.activateWindow()
    window.tree.setFocus()
    panes = window.focus.panes()
    assert panes[1] is window.diagram_panel.view
    qtbot.keyClick(window.tree, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is panes[-1]


def test_slash_on_page_focuses_search_and_escape_returns(qtbot, window):
    window.activateWindow()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Slash)
    assert window.search_panel.edit.hasFocus()
    qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_Escape)
    assert window.page.hasFocus()
    assert window.left_tabs.currentIndex() == 0


def test_filter_key_focuses_the_filter_on_the_topics_tab(qtbot, window):
    window.activateWindow()
    window.left_tabs.setCurrentIndex(1)
    window.tree_filter.setText("views")
    window.actions_.filter_topics.trigger()
    assert window.left_tabs.currentIndex() == 0
    assert window.tree_filter.hasFocus()
    assert window.tree_filter.selectedText() == "views"


def test_escape_from_search_is_one_focus_change_for_a_screen_reader(qtbot, window, a11y_events):
    window.activateWindow()
    window.focus.focus_search()
    qtbot.waitUntil(window.search_panel.edit.hasFocus)
    a11y_events.clear()
    qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_Escape)
    assert window.page.hasFocus()
    assert window.focus.panes()[0] is window.tree
    assert a11y_events.focus_names() == ["Topic page"]


def test_escape_clears_the_topic_filter_then_goes_to_the_tree(qtbot, window):
    every = window.tree.visible_topic_ids()
    window.actions_.filter_topics.trigger()
    qtbot.keyClicks(window.tree_filter, "views")
    assert len(window.tree.visible_topic_ids()) < len(every)
    qtbot.keyClick(window.tree_filter, Qt.Key.Key_Escape)
    assert window.tree_filter.text() == ""
    assert window.tree.visible_topic_ids() == every
    assert window.tree_filter.hasFocus()
    qtbot.keyClick(window.tree_filter, Qt.Key.Key_Escape)
    assert window.tree.hasFocus()


def test_page_keys_belong_to_the_page_only(qtbot, window):
    """ "/" and Escape are shortcuts of one widget each, not of the whole window."""
    window.actions_.filter_topics.trigger()
    qtbot.keyClicks(window.tree_filter, "a/b")
    assert window.tree_filter.text() == "a/b"  # "/" did not jump to search
    assert window.tree_filter.hasFocus()
    window.actions_.find.trigger()
    bar = window.page_commands.find_bar
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.isHidden()  # the find bar's Escape, not the topic filter's
    assert window.tree_filter.text() == "a/b"


@pytest.mark.parametrize(
    ("key", "modifiers", "target"),
    [
        (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier, "search"),
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, "filter"),
        (Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier, "bookmarks"),
    ],
)
def test_keys_of_a_folded_side_panel_open_it(qtbot, window, key, modifiers, target):
    """In a small window (or after F9) the side panel is folded away: Ctrl+K, Ctrl+Shift+F and
    Ctrl+B open it, so the reader sees the field they type into (it used to stay hidden)."""
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.responsive.compact)
    window.activateWindow()
    window.page.setFocus()
    assert not window.left_tabs.isVisible()
    qtbot.keyClick(window.page, key, modifiers)
    widgets = {
        "search": lambda: window.search_panel.edit,
        "filter": lambda: window.tree_filter,
        "bookmarks": lambda: window.bookmarks_panel.list,
    }
    field = widgets[target]()
    qtbot.waitUntil(field.isVisible)
    assert window.actions_.side_panel.isChecked()
    assert field.hasFocus()
    qtbot.waitUntil(lambda: window.page.width() >= 0.6 * window.width())


def test_slash_in_a_wide_window_with_the_side_panel_hidden_shows_search(qtbot, window):
    window.actions_.side_panel.trigger()
    assert not window.left_tabs.isVisible()
    window.activateWindow()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Slash)
    qtbot.waitUntil(window.search_panel.edit.isVisible)
    assert window.search_panel.edit.hasFocus()


def test_escape_in_the_bookmarks_and_on_this_page_lists_returns_to_the_page(qtbot, window):
    """Escape leaves search for the page; the other side lists, reached by Ctrl+B or F6, used to
    swallow it. Now it goes back to the page there too."""
    window.activateWindow()
    window.actions_.bookmark.trigger()
    window.actions_.bookmarks.trigger()
    bookmarks = window.bookmarks_panel.list
    qtbot.waitUntil(bookmarks.hasFocus)
    qtbot.keyClick(bookmarks, Qt.Key.Key_Escape)
    assert window.page.hasFocus()
    headings = window.headings_panel.list
    headings.setFocus()
    qtbot.waitUntil(headings.hasFocus)
    qtbot.keyClick(headings, Qt.Key.Key_Escape)
    assert window.page.hasFocus()
