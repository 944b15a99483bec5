"""Tests of the search panel, find bar, term highlighting and the contents panel (offscreen Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTextBrowser

from reader.core.content.loader import load_content
from reader.core.content.model import ContentRoot
from reader.core.render.markdown import Heading
from reader.core.search.index import build_index
from reader.ui.page.find_bar import FindBar
from reader.ui.page.headings import HeadingsPanel, current_anchor
from reader.ui.page.highlight import clear_highlights, highlight_terms
from reader.ui.search.panel import SearchPanel

TOPICS = {
    "middleware.md": "---\ntitle: Middleware\n---\n\nLayers wrap the view.\n",
    "views.md": "---\ntitle: Views\n---\n\nMiddleware runs before the view. Middleware again.\n",
    "csrf.md": "---\ntitle: CSRF protection\n---\n\nThe middleware checks a token.\n",
}
PAGE = (
    "<h1>Title</h1><p>Middleware is a layer; the MIDDLEWARE setting lists each middleware. "
    "Amid all this, a midden is not middleware.</p>"
)


@pytest.fixture
def content(tmp_path: Path) -> ContentRoot:
    root = tmp_path / "guide"
    root.mkdir()
    for name, text in TOPICS.items():
        (root / name).write_text(text, encoding="utf-8")
    return load_content(root)


@pytest.fixture
def panel(qtbot, content: ContentRoot, tmp_path: Path) -> SearchPanel:
    widget = SearchPanel(cache_dir=tmp_path / "cache")
    qtbot.addWidget(widget)
    widget.resize(360, 480)
    widget.set_content(content)
    widget.show()
    return widget


@pytest.fixture
def browser(qtbot) -> QTextBrowser:
    widget = QTextBrowser()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.show()
    return widget


def ready(qtbot, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.index_ready, timeout=10_000):
        panel.focus_search()


# -- search panel -------------------------------------------------------------------------------
def test_indexing_happens_lazily_off_the_gui_thread(qtbot, panel: SearchPanel) -> None:
    assert not panel.is_ready()
    assert "Type to search 3 topics" in panel.status_label.text()
    with qtbot.waitSignal(panel.index_ready, timeout=10_000) as ready_signal:
        panel.focus_search()
        assert panel.status_label.text() == "Indexing…"  # the result arrives through the event loop
    assert ready_signal.args == [3]
    assert panel.is_ready()


def test_text_typed_while_indexing_is_searched_when_ready(qtbot, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.index_ready, timeout=10_000):
        qtbot.keyClicks(panel.edit, "csrf")
    assert [r.topic_id for r in panel.results()] == ["csrf"]
    assert panel.status_label.text() == "1 result"


def test_type_down_enter_opens_the_second_result(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "midd")
    assert panel.results()[0].topic_id == "middleware"
    assert panel.current_result().topic_id == "middleware"
    second = panel.results()[1].topic_id
    qtbot.keyClick(panel.edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.result_chosen, timeout=1000) as chosen:
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert chosen.args == [second, ["midd"]]
    assert panel.edit.hasFocus() or not panel.isActiveWindow()


def test_up_stops_at_the_first_result_and_enter_opens_it(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "middleware")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Up)
    with qtbot.waitSignal(panel.result_chosen, timeout=1000) as chosen:
        qtbot.keyClick(panel.edit, Qt.Key.Key_Enter)
    assert chosen.args == ["middleware", ["middleware"]]


def test_escape_emits_closed_and_enter_without_results_does_nothing(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "xylophone")
    assert panel.results() == []
    assert panel.status_label.text() == "No results for “xylophone”."
    with qtbot.assertNotEmitted(panel.result_chosen):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(panel.closed, timeout=1000):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Escape)


def test_clicking_a_result_chooses_it(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "token")
    rect = panel.view.visualRect(panel.model.index(0))
    with qtbot.waitSignal(panel.result_chosen, timeout=1000) as chosen:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == ["csrf", ["token"]]


def test_hostile_text_in_the_field_is_harmless(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    for text in ['"', "NEAR(", "*", "AND OR", "<b>x</b>", "\\"]:
        panel.edit.setText(text)
        assert isinstance(panel.results(), list)


def test_new_content_replaces_the_index(qtbot, panel: SearchPanel, tmp_path: Path) -> None:
    ready(qtbot, panel)
    other = tmp_path / "other"
    other.mkdir()
    (other / "pangolin.md").write_text("# Pangolins\n\nScaly.\n", encoding="utf-8")
    panel.edit.setText("pangolin")
    with qtbot.waitSignal(panel.index_ready, timeout=10_000):
        panel.set_content(load_content(other))
    assert [r.topic_id for r in panel.results()] == ["pangolin"]


def test_panel_destroyed_while_indexing_is_safe(qtbot, content: ContentRoot, tmp_path: Path) -> None:
    widget = SearchPanel(cache_dir=tmp_path / "cache")
    widget.set_content(content)
    widget.focus_search()
    with qtbot.waitSignal(widget.destroyed, timeout=10_000):
        widget.deleteLater()
    qtbot.wait(50)  # let a late queued result arrive (it must find no receiver)


def test_results_model_passes_the_model_tester(qtbot, panel: SearchPanel) -> None:
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    ready(qtbot, panel)
    for text in ("m", "mi", "middleware", "", "csrf"):
        panel.edit.setText(text)


def test_a_ready_index_can_be_handed_over(qtbot, panel: SearchPanel, content: ContentRoot) -> None:
    with qtbot.waitSignal(panel.index_ready, timeout=1000):
        panel.set_index(build_index(content))
    panel.edit.setText("views")
    assert panel.results()[0].topic_id == "views"


# -- highlighting search terms ------------------------------------------------------------------
def test_highlight_terms_matches_word_starts_ignoring_case(browser: QTextBrowser) -> None:
    browser.setHtml(PAGE)
    assert highlight_terms(browser, ["mid"]) == 5  # four "middleware" in any case and "midden"; not "Amid"
    assert len(browser.extraSelections()) == 5
    assert highlight_terms(browser, ["middleware", "amid"]) == 5
    clear_highlights(browser)
    assert browser.extraSelections() == []
    assert highlight_terms(browser, []) == 0


def test_highlight_scrolls_to_the_first_match(browser: QTextBrowser) -> None:
    browser.setHtml("<p>filler</p>" * 200 + "<p>needle here</p>")
    assert browser.verticalScrollBar().value() == 0
    assert highlight_terms(browser, ["needle"]) == 1
    assert browser.verticalScrollBar().value() > 0


# -- find bar -----------------------------------------------------------------------------------
@pytest.fixture
def find_bar(qtbot, browser: QTextBrowser) -> FindBar:
    browser.setHtml("<p>apple Apple pineapple</p>" + "<p>filler</p>" * 80 + "<p>APPLE last</p>")
    bar = FindBar(browser)
    qtbot.addWidget(bar)
    bar.open_bar()
    return bar


def test_find_counts_matches_and_wraps(qtbot, find_bar: FindBar, browser: QTextBrowser) -> None:
    qtbot.keyClicks(find_bar.edit, "apple")
    assert (find_bar.current_match(), find_bar.match_count()) == (1, 4)
    assert find_bar.count_label.text() == "1 of 4"
    assert len(browser.extraSelections()) == 4
    for expected in (2, 3, 4, 1):
        qtbot.keyClick(find_bar.edit, Qt.Key.Key_Return)
        assert find_bar.current_match() == expected
    qtbot.keyClick(find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert find_bar.count_label.text() == "4 of 4"
    assert browser.verticalScrollBar().value() > 0  # the last match is far down
    find_bar.find_next()
    assert find_bar.current_match() == 1


def test_find_match_case(qtbot, find_bar: FindBar) -> None:
    qtbot.keyClicks(find_bar.edit, "Apple")
    assert find_bar.match_count() == 4
    find_bar.set_match_case(True)
    assert find_bar.match_count() == 1
    qtbot.keyClick(find_bar.edit, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert not find_bar.case_button.isChecked()
    assert find_bar.match_count() == 4


def test_find_no_matches_is_reported(qtbot, find_bar: FindBar) -> None:
    qtbot.keyClicks(find_bar.edit, "zebra")
    assert find_bar.count_label.text() == "No matches"
    assert find_bar.match_count() == 0
    assert find_bar.edit.palette().base().color() != find_bar.palette().base().color()
    find_bar.edit.clear()
    assert find_bar.count_label.text() == ""


def test_escape_closes_and_clears(qtbot, find_bar: FindBar, browser: QTextBrowser) -> None:
    highlight_terms(browser, ["filler"])
    search_layer = len(browser.extraSelections())
    qtbot.keyClicks(find_bar.edit, "apple")
    assert len(browser.extraSelections()) == search_layer + 4  # the layers add up
    with qtbot.waitSignal(find_bar.closed, timeout=1000):
        qtbot.keyClick(find_bar.edit, Qt.Key.Key_Escape)
    assert find_bar.isHidden()
    assert len(browser.extraSelections()) == search_layer


def test_find_follows_a_page_change(qtbot, find_bar: FindBar, browser: QTextBrowser) -> None:
    qtbot.keyClicks(find_bar.edit, "apple")
    browser.setHtml("<p>one apple</p>")
    qtbot.waitUntil(lambda: find_bar.match_count() == 1, timeout=1000)


# -- contents panel -----------------------------------------------------------------------------
HEADINGS = [
    Heading(2, "first", "First part"),
    Heading(3, "detail", "A detail"),
    Heading(2, "second", "Second"),
]


def long_page() -> str:
    filler = "<p>" + "words " * 400 + "</p>"
    return (
        f'<h1>Page</h1>{filler}<h2><a name="first"></a>First part</h2>{filler}'
        f'<h3><a name="detail"></a>A detail</h3>{filler}<h2><a name="second"></a>Second</h2>{filler}'
    )


def test_headings_panel_click_and_enter_emit_anchor(qtbot) -> None:
    panel = HeadingsPanel()
    qtbot.addWidget(panel)
    panel.set_headings(HEADINGS)
    panel.show()
    item = panel.list.item(1)
    rect = panel.list.visualItemRect(item)
    with qtbot.waitSignal(panel.anchor_requested, timeout=1000) as requested:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert requested.args == ["detail"]
    panel.list.setCurrentRow(2)
    with qtbot.waitSignal(panel.anchor_requested, timeout=1000) as requested:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert requested.args == ["second"]


def test_headings_panel_marks_the_current_heading_and_indents_deeper_ones(qtbot) -> None:
    panel = HeadingsPanel()
    qtbot.addWidget(panel)
    panel.resize(260, 200)
    panel.set_headings(HEADINGS)
    panel.show()
    panel.set_current_anchor("first")
    image = panel.list.viewport().grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() - 1)

    def bar(row: int) -> QColor:
        rect = panel.list.visualItemRect(panel.list.item(row))
        return image.pixelColor(rect.left() + 1, rect.center().y())

    def first_ink(row: int) -> int:
        rect = panel.list.visualItemRect(panel.list.item(row))
        for x in range(rect.left() + 4, rect.right()):
            if any(image.pixelColor(x, y) != background for y in range(rect.top(), rect.bottom())):
                return x
        return -1

    assert bar(0) != background  # the accent bar of the current heading
    assert bar(1) == background and bar(2) == background
    assert first_ink(1) > first_ink(2) > 0  # the h3 starts further right than the h2 below it


def test_headings_panel_without_headings(qtbot) -> None:
    panel = HeadingsPanel()
    qtbot.addWidget(panel)
    panel.set_headings([])
    assert panel.list.isHidden() and not panel.empty_label.isHidden()


def test_current_anchor_follows_the_viewport(qtbot, browser: QTextBrowser) -> None:
    browser.setHtml(long_page())
    assert current_anchor(browser, HEADINGS) == ""
    browser.scrollToAnchor("detail")
    assert current_anchor(browser, HEADINGS) == "detail"
    browser.scrollToAnchor("first")
    assert current_anchor(browser, HEADINGS) == "first"
    bar = browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert current_anchor(browser, HEADINGS) == "second"
    assert current_anchor(browser, []) == ""


def test_headings_panel_follows_scrolling(qtbot, browser: QTextBrowser) -> None:
    browser.setHtml(long_page())
    panel = HeadingsPanel()
    qtbot.addWidget(panel)
    panel.set_headings(HEADINGS)
    panel.follow_scroll(browser)
    assert panel.current_anchor() == ""
    with qtbot.assertNotEmitted(panel.anchor_requested):
        browser.scrollToAnchor("detail")
    assert panel.current_anchor() == "detail"
    panel.follow_scroll(None)
    browser.scrollToAnchor("second")
    assert panel.current_anchor() == "detail"
