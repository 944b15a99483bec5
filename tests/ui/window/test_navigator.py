"""Navigation: opening topics, history (keys, buttons, mouse), reading order, start and restart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from reader.ui.page.view import PageView
from reader.ui.window.library import Library
from reader.ui.window.navigator import Navigator
from tests.helpers.paths import SAMPLE

if TYPE_CHECKING:
    from collections.abc import Callable


def make_navigator(qtbot, root=SAMPLE) -> tuple[Navigator, PageView]:
    page = PageView()
    qtbot.addWidget(page)
    library = Library(root, dark=False, parent=page)
    return Navigator(library, page, page), page


def test_open_topic_shows_the_page_and_says_so(qtbot):
    navigator, page = make_navigator(qtbot)
    heard: list[object] = []
    navigator.page_shown.connect(lambda shown: heard.append(shown.title))
    navigator.topic_shown.connect(heard.append)
    assert navigator.open_topic("flow/views")
    assert heard == ["Views", "flow/views"]
    assert navigator.current_topic_id == "flow/views"
    assert "A view is a callable" in page.toPlainText()


def test_unknown_topic_is_refused_with_a_message(qtbot):
    navigator, _page = make_navigator(qtbot)
    navigator.open_topic("index")
    with qtbot.waitSignal(navigator.status_message, timeout=1000) as said:
        assert not navigator.open_topic("nowhere")
    assert "No topic 'nowhere'" in said.args[0]
    assert navigator.current_topic_id == "index"


def test_back_and_forward_follow_the_history(qtbot):
    navigator, _page = make_navigator(qtbot)
    for topic_id in ("index", "flow", "flow/views"):
        navigator.open_topic(topic_id)
    with qtbot.waitSignal(navigator.can_go_forward_changed, timeout=1000) as forward:
        navigator.go_back()
    assert forward.args == [True]
    assert navigator.current_topic_id == "flow"
    with qtbot.waitSignal(navigator.can_go_back_changed, timeout=1000) as back:
        navigator.go_back()
    assert back.args == [False]
    assert navigator.current_topic_id == "index"
    navigator.go_forward()
    assert navigator.current_topic_id == "flow"


def test_open_first_prefers_the_asked_then_the_remembered_then_the_start_topic(qtbot):
    navigator, _page = make_navigator(qtbot)
    navigator.open_first("flow", "flow/views", 0)
    assert navigator.current_topic_id == "flow"
    navigator, _page = make_navigator(qtbot)
    navigator.open_first(None, "flow/views", 0)
    assert navigator.current_topic_id == "flow/views"
    navigator, _page = make_navigator(qtbot)
    with qtbot.waitSignal(navigator.status_message, timeout=1000) as said:
        navigator.open_first("nowhere", "gone", 0)
    assert navigator.current_topic_id == "index"
    assert "showing the start page" in said.args[0]


def test_a_bad_topic_shows_the_start_page_not_the_remembered_one(qtbot):
    """``--topic bad-id`` says "showing the start page": it must not reopen the last session's topic."""
    navigator, page = make_navigator(qtbot)
    with qtbot.waitSignal(navigator.status_message, timeout=1000) as said:
        navigator.open_first("bad-id", "flow/views", 120)
    assert "showing the start page" in said.args[0]
    assert navigator.current_topic_id == "index"
    assert page.page is not None
    assert page.page.title == "Sample home"


def test_restart_keeps_the_place_and_history_only_when_asked(qtbot):
    """F5 (the same root re-read) keeps the topic and Back/Forward; another root starts afresh."""
    navigator, _page = make_navigator(qtbot)
    navigator.open_topic("index")
    navigator.open_topic("flow")
    with qtbot.waitSignal(navigator.can_go_back_changed, timeout=1000) as back:
        navigator.restart(keep_place=True)
    assert navigator.current_topic_id == "flow"
    assert back.args == [True]
    navigator.go_back()
    assert navigator.current_topic_id == "index"
    navigator.go_forward()
    assert navigator.current_topic_id == "flow"
    with qtbot.waitSignal(navigator.can_go_back_changed, timeout=1000) as back:
        navigator.restart(keep_place=False)
    assert navigator.current_topic_id == "index"
    assert back.args == [False]


def test_history_with_keys_buttons_and_mouse(qtbot, window):
    navigator = window.navigator
    navigator.open_topic("flow")
    navigator.open_topic("flow/views")
    qtbot.keyClick(window.page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert navigator.current_topic_id == "flow"
    window.actions_.back.trigger()
    assert navigator.current_topic_id == "index"
    assert not window.actions_.back.isEnabled()
    qtbot.keyClick(window.page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert navigator.current_topic_id == "flow"
    press = QMouseEvent(
        QMouseEvent.Type.MouseButtonRelease,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.ForwardButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.page.viewport(), press)
    assert navigator.current_topic_id == "flow/views"
    # The tree follows once the page is drawn (the page first).
    qtbot.waitUntil(lambda: window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow/views")


def test_pager_links_and_keys_follow_reading_order(qtbot, window):
    navigator = window.navigator
    navigator.open_topic("flow")
    html = window.page.page.html
    assert 'href="topic:index"' in html
    assert 'href="topic:flow/views"' in html
    assert "Next →" in html
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert navigator.current_topic_id == "flow/views"
    qtbot.keyClick(window.page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert navigator.current_topic_id == "flow/views"  # the last topic has no next
    qtbot.keyClick(window.page, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.page, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert navigator.current_topic_id == "index"


def test_home_opens_the_start_topic(qtbot, window):
    window.navigator.open_topic("flow/views")
    window.actions_.home.trigger()
    assert window.navigator.current_topic_id == "index"


def test_a_link_to_a_missing_section_says_so(qtbot):
    """#13: an in-page or cross-topic link to an anchor the page lacks is named in the status bar."""
    navigator, _page = make_navigator(qtbot)
    navigator.open_topic("flow/views")
    with qtbot.waitSignal(navigator.status_message, timeout=1000) as said:
        navigator.follow_link("#no-such-section")
    assert said.args[0] == "No section '#no-such-section' on this page"
    with qtbot.waitSignal(navigator.status_message, timeout=1000) as said:
        navigator.open_topic("index", "nowhere")
    assert said.args[0].startswith("No section '#nowhere' in ")
    assert navigator.current_topic_id == "index"


def test_a_link_to_an_existing_section_scrolls_without_a_message(qtbot):
    navigator, page = make_navigator(qtbot)
    page.resize(500, 200)
    page.show()
    navigator.open_topic("flow/views")
    assert page.page is not None
    headings = page.page.headings
    assert headings, "the sample topic has sections"
    assert page.has_anchor(headings[-1].anchor)
    with qtbot.assertNotEmitted(navigator.status_message):
        navigator.follow_link("#" + headings[-1].anchor)
    assert page.verticalScrollBar().value() > 0


def test_a_search_result_opens_scrolled_to_its_section(qtbot):
    from reader.resources import guide_root

    navigator, page = make_navigator(qtbot, guide_root())
    page.resize(700, 400)
    page.show()
    qtbot.waitExposed(page)
    navigator.open_with_highlights("request-flow/middleware", ["middleware"], "Where it lives in Django")
    qtbot.waitUntil(lambda: page.verticalScrollBar().value() > 0, timeout=2000)
    heading = page.document().find("Where it lives in Django")
    assert 0 <= page.cursorRect(heading).top() < 60  # the heading is at the top of the view
    navigator.open_with_highlights("request-flow/views", ["view"], "")  # the topic itself: its top
    assert page.verticalScrollBar().value() == 0


def test_highlight_counts_are_said_in_good_english(qtbot):
    navigator, page = make_navigator(qtbot)
    with qtbot.waitSignal(navigator.status_message, timeout=1000) as said:
        navigator.open_with_highlights("flow/views", ["callable"])
    count = page.toPlainText().lower().count("callable")
    assert said.args[0] == (f"{count} matches highlighted" if count != 1 else "1 match highlighted")
    assert "(es)" not in said.args[0]


def test_a_single_topic_root_has_no_empty_previous_and_next_boxes(qtbot, make_content):
    root = make_content({"only.md": "# Only\n\nThe one topic of this folder.\n"})
    navigator, page = make_navigator(qtbot, root)
    navigator.open_first(None, "", 0)
    assert navigator.current_topic_id == "only"
    shown = page.toPlainText()
    assert "The one topic" in shown
    assert "Previous" not in shown
    assert "Next" not in shown
    assert "pager" not in page.page.html


def test_the_first_topic_has_no_ruled_empty_previous_half(qtbot):
    navigator, page = make_navigator(qtbot)
    navigator.open_topic("index")
    assert "Next →" in page.toPlainText()
    assert "Previous" not in page.toPlainText()
    assert '<td class="pager" align="left"></td>' not in page.page.html  # the ruled, empty box


def _pager_cells(page: PageView) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, (top, left, bottom, right) border widths as Qt lays them out) of each pager cell."""
    from PySide6.QtGui import QTextCursor, QTextTable

    frames = [page.document().rootFrame()]
    while frames:
        frame = frames.pop()
        frames.extend(frame.childFrames())
        if isinstance(frame, QTextTable) and frame.rows() == 1 and frame.columns() == 2:
            cells = []
            for column in range(2):
                cell = frame.cellAt(0, column)
                cursor = cell.firstCursorPosition()
                cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
                style = cell.format().toTableCellFormat()
                borders = (style.topBorder(), style.leftBorder(), style.bottomBorder(), style.rightBorder())
                cells.append((cursor.selectedText(), borders))
            if any("Next →" in text or "← Previous" in text for text, _ in cells):
                return cells
    return []


def test_the_missing_half_of_the_pager_is_painted_without_a_box(qtbot, window):
    """The first topic has no Previous and the last no Next: that half is blank and unruled as
    Qt lays it out (it used to get the page's 1 px table border on every side: an empty box)."""
    content = window.library.content
    last = "index"
    while (following := content.neighbours(last)[1]) is not None:
        last = following
    for topic_id, blank in (("index", 0), (last, 1)):
        window.navigator.open_topic(topic_id)
        cells = _pager_cells(window.page)
        assert len(cells) == 2, topic_id
        text, borders = cells[blank]
        assert text == ""
        assert borders == (0, 0, 0, 0), f"{topic_id}: the empty half has borders {borders}"


class _PaintSpy(QObject):
    """Calls ``seen`` each time the watched widget is about to paint."""

    def __init__(self, seen: Callable[[], None]) -> None:
        super().__init__()
        self._seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._seen()
        return False


def test_a_switch_draws_the_page_first_then_the_tree_and_headings_follow(qtbot, window):
    """The new page is drawn before the tree and the headings dock follow it (the diagram rule and
    the bookmark action before, as they resize or mark what that frame shows)."""
    seen: list[tuple[str, object]] = []
    tree_topic = lambda: window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1)  # noqa: E731
    spy = _PaintSpy(lambda: seen.append(("paint", (window.page.page.topic_id, tree_topic()))))
    window.page.viewport().installEventFilter(spy)
    window.navigator.showing_topic.connect(lambda topic: seen.append(("showing", topic)))
    window.navigator.topic_shown.connect(
        lambda topic: seen.append(("shown", (topic, tree_topic(), window.headings_panel.headings())))
    )
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=3000):
        window.navigator.open_topic("flow/views")
    window.page.viewport().removeEventFilter(spy)
    kinds = [kind for kind, _ in seen]
    assert kinds[0] == "showing"
    assert "paint" in kinds
    assert kinds.index("paint") < kinds.index("shown")
    assert seen[kinds.index("paint")][1] == ("flow/views", "index")  # the new page; the tree not yet
    topic, marked, headings = seen[kinds.index("shown")][1]  # type: ignore[misc]
    assert (topic, marked) == ("flow/views", "flow/views")
    assert headings == list(window.library.render("flow/views").headings)
    listed = window.headings_panel.list
    assert [listed.item(row).text() for row in range(listed.count())] == [
        heading.text for heading in headings
    ]


def test_a_page_that_is_not_drawn_is_still_followed(qtbot, window):
    """No paint (the page's updates off, as in a window that is not exposed): the tree and the
    headings follow anyway, shortly after."""
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=3000):  # (drawn: nothing pending)
        window.navigator.open_topic("flow")
    window.page.setUpdatesEnabled(False)
    with (
        qtbot.assertNotEmitted(window.page.page_painted),
        qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown,
    ):
        window.navigator.open_topic("flow/views")
    window.page.setUpdatesEnabled(True)
    assert shown.args == ["flow/views"]
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow/views"
