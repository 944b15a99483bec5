"""Highlight words in a ``QTextBrowser`` page with extra selections, in colours that suit the palette.

Search hits (after opening a search result) and find-in-page matches are separate *layers* of
extra selections kept on the browser itself, so one never wipes out the other. The document is
never modified, and a layer can be cleared on its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from reader.ui.common.colors import is_dark

if TYPE_CHECKING:
    from collections.abc import Iterable

SEARCH_LAYER = "search"
FIND_LAYER = "find"
FIND_CURRENT_LAYER = "find-current"
MAX_MATCHES = 5000
_LAYER_ORDER = (SEARCH_LAYER, FIND_LAYER, FIND_CURRENT_LAYER)
_LAYERS_PROPERTY = "readerHighlightLayers"

# (background, text) of each kind of mark on light and dark pages. Search hits are blue, find
# matches amber, the current find match the strongest amber: told apart at a glance, so the find
# count matches the amber marks. Each mark stands out from its page by at least 3:1 and its text
# reads at least 4.5:1 on it (WCAG AA; tests/ui/page/test_highlight.py measures them).
_COLOURS = {
    (False, SEARCH_LAYER): ("#3b8fd9", "#000000"),
    (False, FIND_LAYER): ("#d97706", "#000000"),
    (False, FIND_CURRENT_LAYER): ("#b45309", "#ffffff"),
    (True, SEARCH_LAYER): ("#3b8fd9", "#000000"),
    (True, FIND_LAYER): ("#d97706", "#000000"),
    (True, FIND_CURRENT_LAYER): ("#fbbf24", "#000000"),
}


def mark_colours(palette: QPalette, layer: str) -> tuple[QColor, QColor]:
    """(background, text) of a mark of ``layer`` (SEARCH_LAYER, FIND_LAYER, FIND_CURRENT_LAYER)."""
    background, text = _COLOURS[(is_dark(palette), layer)]
    return QColor(background), QColor(text)


def match_format(palette: QPalette, current: bool = False, layer: str = FIND_LAYER) -> QTextCharFormat:
    """Return the format of a highlighted match of ``layer`` (``current``: the focused find match)."""
    background, text = mark_colours(palette, FIND_CURRENT_LAYER if current else layer)
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    fmt.setForeground(text)
    return fmt


def word_start_pattern(terms: Iterable[str]) -> QRegularExpression | None:
    """Regex matching any of ``terms`` at the start of a word, ignoring case (longest first)."""
    words = sorted({term.strip() for term in terms if term.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in words)
    options = (
        QRegularExpression.PatternOption.CaseInsensitiveOption
        | QRegularExpression.PatternOption.UseUnicodePropertiesOption
    )
    return QRegularExpression(rf"(?<![\w])(?:{alternatives})", options)


def find_all(
    document: QTextDocument,
    needle: str | QRegularExpression,
    flags: QTextDocument.FindFlag | None = None,
    limit: int = MAX_MATCHES,
) -> list[QTextCursor]:
    """Return cursors selecting every match of ``needle`` in ``document`` (at most ``limit``)."""
    matches: list[QTextCursor] = []
    flags = flags if flags is not None else QTextDocument.FindFlag(0)
    cursor = QTextCursor(document)
    while len(matches) < limit:
        cursor = document.find(needle, cursor, flags)
        if cursor.isNull():
            break
        if not cursor.hasSelection():  # an empty match would loop forever
            break
        matches.append(QTextCursor(cursor))
    return matches


def selections_for(
    browser: QTextEdit, cursors: Iterable[QTextCursor], current: bool = False, layer: str = FIND_LAYER
) -> list:
    """Wrap ``cursors`` in extra selections formatted as marks of ``layer`` for ``browser``'s palette."""
    fmt = match_format(browser.palette(), current, layer)
    selections = []
    for cursor in cursors:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    return selections


def set_layer(browser: QTextEdit, layer: str, selections: list) -> None:
    """Replace one layer of extra selections and show all layers (find above search)."""
    layers = dict(browser.property(_LAYERS_PROPERTY) or {})
    if selections:
        layers[layer] = selections
    else:
        layers.pop(layer, None)
    browser.setProperty(_LAYERS_PROPERTY, layers)
    ordered = sorted(layers, key=lambda name: (_LAYER_ORDER.index(name) if name in _LAYER_ORDER else 9, name))
    browser.setExtraSelections([selection for name in ordered for selection in layers[name]])


def scroll_to(browser: QTextEdit, cursor: QTextCursor, always: bool = False) -> None:
    """Scroll so ``cursor`` sits a third of the way down, unless it is already well in view."""
    probe = QTextCursor(cursor)
    probe.setPosition(cursor.selectionStart())
    rect = browser.cursorRect(probe)
    height = browser.viewport().height()
    margin = min(48, height // 6)
    if not always and margin <= rect.top() and rect.bottom() <= height - margin:
        return
    bar = browser.verticalScrollBar()
    bar.setValue(bar.value() + rect.top() - height // 3)
    horizontal = browser.horizontalScrollBar()
    if rect.left() < 0 or rect.right() > browser.viewport().width():
        horizontal.setValue(horizontal.value() + rect.left() - browser.viewport().width() // 3)


def highlight_terms(browser: QTextBrowser, terms: list[str]) -> int:
    """Highlight every word starting with one of ``terms``; scroll to the first; return the count."""
    pattern = word_start_pattern(terms)
    cursors = find_all(browser.document(), pattern) if pattern is not None else []
    set_layer(browser, SEARCH_LAYER, selections_for(browser, cursors, layer=SEARCH_LAYER))
    if cursors:
        scroll_to(browser, cursors[0], always=True)
    return len(cursors)


def clear_highlights(browser: QTextBrowser, layer: str = SEARCH_LAYER) -> None:
    """Remove one layer of highlights (by default the search-term layer)."""
    set_layer(browser, layer, [])
