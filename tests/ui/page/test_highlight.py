"""Search-term highlighting in the page: word-start matches, layers, scrolling to the first match."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QPalette

from reader.ui.common.colors import contrast_ratio
from reader.ui.common.theme import dark_palette, light_palette
from reader.ui.page.highlight import (
    FIND_CURRENT_LAYER,
    FIND_LAYER,
    SEARCH_LAYER,
    clear_highlights,
    highlight_terms,
    mark_colours,
)

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


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_search_and_find_marks_are_distinct_and_aa_on_the_page(dark: bool) -> None:
    palette = dark_palette() if dark else light_palette()
    page = palette.color(QPalette.ColorRole.Base)  # the page background the theme paints
    marks = {layer: mark_colours(palette, layer) for layer in (SEARCH_LAYER, FIND_LAYER, FIND_CURRENT_LAYER)}
    for layer, (background, text) in marks.items():
        assert contrast_ratio(background, page) >= 3.0, f"{layer} mark does not stand out from the page"
        assert contrast_ratio(text, background) >= 4.5, f"text on a {layer} mark is not AA"
    search, find = marks[SEARCH_LAYER][0], marks[FIND_LAYER][0]
    hue_gap = abs(search.hslHueF() - find.hslHueF()) * 360
    assert min(hue_gap, 360 - hue_gap) >= 90  # blue against amber, not two yellows
    assert marks[FIND_CURRENT_LAYER][0] != find


def test_search_marks_have_their_own_colour(browser: QTextBrowser) -> None:
    browser.setHtml(PAGE)
    highlight_terms(browser, ["mid"])
    search_colour, _text = mark_colours(browser.palette(), SEARCH_LAYER)
    find_colour, _text = mark_colours(browser.palette(), FIND_LAYER)
    backgrounds = {selection.format.background().color().name() for selection in browser.extraSelections()}
    assert backgrounds == {search_colour.name()}
    assert find_colour.name() not in backgrounds
