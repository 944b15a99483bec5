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

# (background, foreground or "" to keep the text colour) for light and dark pages.
_COLOURS = {
    (False, False): ("#ffe97a", ""),
    (False, True): ("#ff9632", "#000000"),
    (True, False): ("#6e5a12", "#fff6d5"),
    (True, True): ("#f0a040", "#000000"),
}


def match_format(palette: QPalette, current: bool = False) -> QTextCharFormat:
    """Return the format of a highlighted match (``current``: the stronger, focused one)."""
    background, foreground = _COLOURS[(is_dark(palette), current)]
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    if foreground:
        fmt.setForeground(QColor(foreground))
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


def selections_for(browser: QTextEdit, cursors: Iterable[QTextCursor], current: bool = False) -> list:
    """Wrap ``cursors`` in extra selections formatted for ``browser``'s palette."""
    fmt = match_format(browser.palette(), current)
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
    set_layer(browser, SEARCH_LAYER, selections_for(browser, cursors))
    if cursors:
        scroll_to(browser, cursors[0], always=True)
    return len(cursors)


def clear_highlights(browser: QTextBrowser, layer: str = SEARCH_LAYER) -> None:
    """Remove one layer of highlights (by default the search-term layer)."""
    set_layer(browser, layer, [])
