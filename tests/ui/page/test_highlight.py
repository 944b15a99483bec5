"""Search-term highlighting in the page: word-start matches, layers, scrolling to the first match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.page.highlight import clear_highlights, highlight_terms

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextBrowser

PAGE = (
    "<h1>Title</h1><p>Middleware is a layer; the MIDDLEWARE setting lists each middleware. "
    "Amid all this, a midden is not middleware.</p>"
)


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
