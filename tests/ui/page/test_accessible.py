"""The page through Qt's accessibility API: headings, links, caret browsing and their events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from reader.core.render.page import RenderedPage
from reader.ui.page.view import PageView
from tests.helpers.accessibility import children

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.helpers.accessibility import EventLog

PAGE = RenderedPage(
    "intro",
    "Intro",
    '<h1><a name="intro"></a>Intro</h1><p>Read <a href="views.md">the views</a> first.</p>'
    '<h2><a name="more"></a>More</h2><p>Then <a href="https://docs.djangoproject.com/">the docs</a>.</p>'
    '<h3><a name="last"></a>Last words</h3><p>The end.</p>',
)


@pytest.fixture
def events(a11y_events: EventLog) -> EventLog:
    return a11y_events


@pytest.fixture
def page(qtbot, events) -> Iterator[PageView]:
    """A shown page after a field (so Tab has somewhere to go), built while a reader listens."""
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    layout.addWidget(QLineEdit(holder))
    view = PageView(holder)
    layout.addWidget(view)
    after = QLineEdit(holder)
    after.setObjectName("after")
    after.setAccessibleName("After the page")
    layout.addWidget(after)
    holder.resize(600, 500)
    holder.show()
    qtbot.waitExposed(holder)
    view.show_page(PAGE)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    yield view
    holder.close()


def _content(page: PageView):
    iface = QAccessible.queryAccessibleInterface(page)
    assert iface is not None
    content = [child for child in children(iface) if child.role() == QAccessible.Role.Document]
    assert len(content) == 1, "the page's viewport is one Document child"
    return content[0]


def test_headings_and_links_are_children_with_role_level_and_target(page: PageView) -> None:
    parts = children(_content(page))
    seen = [(p.role(), p.text(QAccessible.Text.Name)) for p in parts]
    assert seen == [
        (QAccessible.Role.Heading, "Intro"),
        (QAccessible.Role.Link, "the views"),
        (QAccessible.Role.Heading, "More"),
        (QAccessible.Role.Link, "the docs"),
        (QAccessible.Role.Heading, "Last words"),
    ]
    levels = [
        p.attributesInterface().attributeValue(QAccessible.Attribute.Level)
        for p in parts
        if p.role() == QAccessible.Role.Heading
    ]
    assert levels == [1, 2, 3]
    assert parts[1].text(QAccessible.Text.Value) == "views.md"
    assert parts[3].text(QAccessible.Text.Value) == "https://docs.djangoproject.com/"
    assert parts[0].parent().text(QAccessible.Text.Name) == "Topic page content"
    assert not parts[1].rect().isEmpty()


def test_a_link_is_activated_by_its_accessible_press_action(qtbot, page: PageView) -> None:
    link = children(_content(page))[1]
    action = link.actionInterface()
    assert action is not None
    assert action.actionNames() == ["Press"]
    with qtbot.waitSignal(page.link_activated, timeout=1000) as activated:
        action.doAction("Press")
    assert activated.args == ["views.md"]


def test_a_new_page_replaces_the_children(page: PageView) -> None:
    children(_content(page))
    page.show_page(RenderedPage("x", "X", "<h2>Only</h2><p>text</p>"))
    assert [p.text(QAccessible.Text.Name) for p in children(_content(page))] == ["Only"]


def test_caret_browsing_is_on_when_a_screen_reader_listens_and_f7_toggles_it(qtbot, page: PageView) -> None:
    assert page.accessibility.caret_browsing
    assert page.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    page.accessibility.set_caret_browsing(False)
    assert not page.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def test_line_and_heading_moves_send_caret_and_focus_events(qtbot, page: PageView, events) -> None:
    events.clear()
    qtbot.keyClick(page, Qt.Key.Key_Down)
    assert events.of(QAccessible.Event.TextCaretMoved), "a line move sends a caret event"
    events.clear()
    qtbot.keyClick(page, Qt.Key.Key_H)
    assert events.focus_names() == ["More"]
    assert events.of(QAccessible.Event.TextCaretMoved)
    qtbot.keyClick(page, Qt.Key.Key_H)
    qtbot.keyClick(page, Qt.Key.Key_H)
    assert events.focus_names() == ["More", "Last words"]
    assert events.announcements() == ["No more headings"]
    qtbot.keyClick(page, Qt.Key.Key_H, Qt.KeyboardModifier.ShiftModifier)
    assert events.focus_names()[-1] == "More"
    qtbot.keyClick(page, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert page.textCursor().atEnd()


def test_tab_walks_the_links_with_focus_events_then_leaves_the_page(qtbot, page: PageView, events) -> None:
    events.clear()
    qtbot.keyClick(page, Qt.Key.Key_Tab)
    qtbot.keyClick(page, Qt.Key.Key_Tab)
    assert events.focus_names() == ["the views", "the docs"]
    assert page.hasFocus()
    qtbot.keyClick(page, Qt.Key.Key_Tab)
    assert not page.hasFocus()
    assert page.window().focusWidget().objectName() == "after"


def test_ctrl_tab_leaves_the_page_at_once(qtbot, page: PageView) -> None:
    qtbot.keyClick(page, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.window().focusWidget().objectName() == "after"


def test_in_caret_mode_tab_goes_to_the_first_link_after_the_caret(qtbot, page: PageView, events) -> None:
    qtbot.keyClick(page, Qt.Key.Key_H)  # to "More", after the first link
    events.clear()
    qtbot.keyClick(page, Qt.Key.Key_Tab)
    assert events.focus_names() == ["the docs"]
    assert page.textCursor().selectedText() == "the docs"
    qtbot.keyClick(page, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert events.focus_names() == ["the docs", "the views"]


def test_without_the_caret_tab_still_walks_the_links_then_leaves(qtbot, page: PageView, events) -> None:
    page.accessibility.set_caret_browsing(False)
    events.clear()
    for _ in range(3):
        qtbot.keyClick(page.window().focusWidget(), Qt.Key.Key_Tab)
    assert events.focus_names()[:2] == ["the views", "the docs"]
    assert page.window().focusWidget().objectName() == "after"


def test_a_copy_link_written_in_a_topic_is_not_described_as_copying() -> None:
    from reader.core.links import copy_code_href
    from reader.ui.page.accessible import link_description

    assert link_description("copy-code:0", "abc") == "A copy-code link written in the topic; it is refused"
    assert link_description(copy_code_href("abc", 0), "abc") == "Copies the code block below to the clipboard"


def test_the_walk_through_button_is_described_as_what_it_does() -> None:
    from reader.core.links import WALKTHROUGH_HREF
    from reader.ui.page.accessible import link_description

    assert link_description(WALKTHROUGH_HREF) == "Starts Follow a request, the walk-through of the diagram"
    assert link_description("topic:request-flow") == "Opens the topic request-flow"
