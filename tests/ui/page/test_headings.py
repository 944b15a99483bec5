"""The "On this page" headings panel: choosing a heading, marking the current one, following scrolling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reader.core.render.markdown import Heading
from reader.ui.page.headings import HeadingsPanel, current_anchor

if TYPE_CHECKING:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QTextBrowser

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
    assert bar(1) == background
    assert bar(2) == background
    assert first_ink(1) > first_ink(2) > 0  # the h3 starts further right than the h2 below it


def test_headings_panel_without_headings(qtbot) -> None:
    panel = HeadingsPanel()
    qtbot.addWidget(panel)
    panel.set_headings([])
    assert panel.list.isHidden()
    assert not panel.empty_label.isHidden()


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
