"""The find bar (Ctrl+F): counting, wrapping, match case, "No matches", Escape, following page changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from reader.ui.page.find_bar import FindBar
from reader.ui.page.highlight import highlight_terms

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextBrowser


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
