"""The bookmarks panel: titles with ids, Enter and double-click open, Delete and the button ask to remove."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.bookmarks import Bookmark
from reader.ui.bookmarks.panel import BookmarksPanel

MARKS = [
    Bookmark("request-flow/index", "How a request flows", "2026-11-25T10:00:00+00:00"),
    Bookmark("security/csrf", "CSRF protection", "2026-11-25T10:01:00+00:00"),
    Bookmark("scaling/caching", "Caching", "2026-11-25T10:02:00+00:00"),
]


@pytest.fixture
def panel(qtbot) -> BookmarksPanel:
    widget = BookmarksPanel()
    qtbot.addWidget(widget)
    widget.set_bookmarks(MARKS)
    widget.show()
    qtbot.waitExposed(widget)
    widget.list.setFocus()
    return widget


def test_panel_lists_titles_with_ids_as_tooltips(panel: BookmarksPanel) -> None:
    model = panel.list.model()
    assert [model.index(row, 0).data() for row in range(3)] == [m.title for m in MARKS]
    tips = [model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(3)]
    assert tips == [f"<qt>{m.topic_id}</qt>" for m in MARKS]
    assert panel.topic_ids() == [m.topic_id for m in MARKS]
    assert panel.list.accessibleName() == "Bookmarks"
    assert panel.count_label.text() == "3 bookmarks"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_opens_the_current_bookmark(qtbot, panel: BookmarksPanel, key: Qt.Key) -> None:
    with qtbot.assertNotEmitted(panel.topic_requested):
        panel.list.setCurrentRow(1)  # merely selecting opens nothing
    with qtbot.waitSignal(panel.topic_requested, timeout=1000) as signal:
        qtbot.keyClick(panel.list, key)
    assert signal.args == ["security/csrf"]


def test_double_click_opens(qtbot, panel: BookmarksPanel) -> None:
    rect = panel.list.visualRect(panel.list.model().index(2, 0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.topic_requested, timeout=1000) as signal:
        qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["scaling/caching"]


def test_delete_key_asks_to_remove(qtbot, panel: BookmarksPanel) -> None:
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(panel.remove_requested, timeout=1000) as signal:
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert signal.args == ["request-flow/index"]
    assert panel.topic_ids() == [m.topic_id for m in MARKS]  # the owner decides; the panel only asks


def test_remove_button_and_context_action_ask_to_remove(qtbot, panel: BookmarksPanel) -> None:
    panel.list.setCurrentRow(2)
    with qtbot.waitSignal(panel.remove_requested, timeout=1000) as signal:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["scaling/caching"]
    with qtbot.waitSignal(panel.remove_requested, timeout=1000) as signal:
        panel.remove_action.trigger()
    assert signal.args == ["scaling/caching"]
    assert panel.remove_action.text().replace("&", "") == "Remove Bookmark"


def test_after_removal_the_neighbour_is_selected(panel: BookmarksPanel) -> None:
    panel.list.setCurrentRow(1)
    panel.set_bookmarks([MARKS[0], MARKS[2]])
    assert panel.current_topic_id() == "scaling/caching"
    panel.set_bookmarks([MARKS[0]])
    assert panel.current_topic_id() == "request-flow/index"


def test_empty_state(qtbot, panel: BookmarksPanel) -> None:
    panel.set_bookmarks([])
    assert panel.list.count() == 0
    assert "No bookmarks yet" in panel.list.accessibleDescription()
    assert "Ctrl+D" in panel.list.accessibleDescription()
    assert not panel.remove_button.isVisible()
    assert panel.grab().isNull() is False  # the hint paints without error
    with qtbot.assertNotEmitted(panel.remove_requested):
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)


def test_a_tooltip_shows_a_topic_id_that_looks_like_html_as_text(qtbot) -> None:
    panel = BookmarksPanel()
    qtbot.addWidget(panel)
    panel.set_bookmarks([Bookmark('<img src="/dev/zero">', "Odd", "")])
    tip = panel.list.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == '<qt>&lt;img src="/dev/zero"&gt;</qt>'  # shown as text: the one plain_tooltip helper
