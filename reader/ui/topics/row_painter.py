"""Paints the topic tree's rows: the style draws each row's band, the title comes from a kept layout.

Qt's own delegate asks the model for seven roles per row and shapes the title's text twice with
HarfBuzz on every paint (once to decide on elision, once to draw): most of the tree's repaint.
:class:`TitlePainter` lets the style draw what it always draws (the selection band), with the
row's text left out, and then draws the title from a ``QTextLayout`` made once per row and width
exactly as Qt's item view text makes it: shaped once, drawn again on later paints. Titles of
several lines or in right-to-left script, and the row with a focus frame (which the style draws
over the text), go through Qt's own path unchanged; a title too long for its row is elided by
Qt's own rule. Every row looks exactly as before: tests compare the pixels with Qt's delegate.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_ROWS_KEPT = 4096  # prepared titles kept; past this the cache starts again (a screenful is ~50)
_RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI", "AN"})
_SELECTED = int(QStyle.StateFlag.State_Selected.value)
_ACTIVE = int(QStyle.StateFlag.State_Active.value)
_ENABLED = int(QStyle.StateFlag.State_Enabled.value)
_STATE_BITS = _SELECTED | _ACTIVE | _ENABLED
_HAS_FOCUS = int(QStyle.StateFlag.State_HasFocus.value)


def plain_line(title: str) -> bool:
    """True if ``title`` is one left-to-right line, which a kept one-line layout draws as Qt's views do."""
    if "\n" in title or "\r" in title or "\u2028" in title or "\u2029" in title:
        return False
    return title.isascii() or not any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in title)


class _Title:
    """One row's prepared title: its text, the colour it is drawn in when not selected (``None``:
    the palette's text colour), whether it can be drawn from a kept layout as Qt would draw it,
    that layout (``None`` until first drawn) for the text rectangle ``laid_for`` (a
    :meth:`TitlePainter._place` answer), and whether it is drawn clipped to its row."""

    __slots__ = ("clip", "color", "laid_for", "layout", "plain", "text")

    def __init__(self, title: str, color: QColor | None) -> None:
        self.text = title
        self.color = color
        self.plain = bool(title) and plain_line(title)
        self.laid_for: tuple[int, int, int, int] | None = None
        self.layout: QTextLayout | None = None
        # Qt clips each row's text to the row; ASCII glyphs stay inside the line's box, which
        # lies inside the row, while accents stacked on capitals (and the like) may not
        self.clip = not title.isascii()


def title_option() -> QTextOption:
    """The text option of Qt's item view text for a title: left aligned, left to right, no wrapping."""
    option = QTextOption(Qt.AlignmentFlag.AlignLeft)
    option.setWrapMode(QTextOption.WrapMode.ManualWrap)
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    return option


def _laid_out(text: str, font: QFont, width: int, option: QTextOption) -> QTextLayout:
    """``text`` laid out once as Qt's views lay out a title: one line ``width`` px wide in ``font``
    with ``option`` (a :func:`title_option`), kept shaped to be drawn again."""
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    layout.createLine().setLineWidth(width)  # at (0, 0); no wrapping, no line breaks (plain_line)
    layout.endLayout()
    return layout


class TitlePainter(QStyledItemDelegate):
    """The topic tree's delegate. ``title_of(number)`` gives a row's title and its text colour
    (what the model answers for ``DisplayRole`` and ``ForegroundRole``), by the row's ``internalId``.

    Call :meth:`forget` when the rows' numbers, the font, the palette or the style change (the
    view does).
    """

    def __init__(self, view: QWidget, title_of: Callable[[int], tuple[str, QColor | None]]) -> None:
        super().__init__(view)
        self._view = view
        self._title_of = title_of
        self._titles: dict[int, _Title] = {}
        self._geometry: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # row size -> text place
        self._colors: dict[int, QColor] = {}  # the pens of unmuted titles, by state
        self._font: QFont | None = None
        self._elider: QFontMetrics | None = None  # Qt elides with integer metrics
        self._option = title_option()
        self._full = 1  # >0 while Qt's own path (size hints, unusual rows) needs the text
        self._started = False  # see start()

    def start(self) -> None:
        """Paint titles from kept layouts from now on. Until then every row takes Qt's own path,
        so the window's first frame does not wait for layouts made to be kept (about 2 ms)."""
        if not self._started:
            self._started = True
            self._full -= 1

    def forget(self) -> None:
        """Drop every prepared title and measurement (new rows, font, style or palette)."""
        self._titles.clear()
        self._geometry.clear()
        self._colors.clear()
        self._font = self._elider = None

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Qt's own options only while Qt draws or measures the text itself; else the row's text is
        left out, and so are the model's roles, which only the text uses."""
        if self._full:
            super().initStyleOption(option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        self._full += 1
        try:
            return super().sizeHint(option, index)
        finally:
            self._full -= 1

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if self._full:  # not started yet
            super().paint(painter, option, index)
            return
        number = index.internalId()
        prepared = self._titles.get(number)
        if prepared is None:  # laid out once, even for a row painted once: cheaper than Qt's path
            prepared = self._prepare(number, option)
        left, top, width, height = cast("tuple[int, int, int, int]", option.rect.getRect())
        place = self._geometry.get((width, height))
        if place is None:
            place = self._place(option, index, width, height)
        state = option.state.value
        if not prepared.plain or state & _HAS_FOCUS:  # more lines, right to left, or a focus frame
            self._paint_as_qt(painter, option, index)  # (drawn over the text, translucent)
            return
        super().paint(painter, option, index)  # the row's band, as Qt draws it
        state &= _STATE_BITS
        if prepared.color is not None and not state & _SELECTED:
            color = prepared.color
        else:
            color = self._colors.get(state) or self._color(option, state)
        if prepared.laid_for is not place:
            self._lay_out(prepared, place)
        painter.setPen(color)
        layout = cast("QTextLayout", prepared.layout)
        if prepared.clip:
            painter.save()
            painter.setClipRect(option.rect)
            layout.draw(painter, QPointF(left + place[0], top + place[1]))
            painter.restore()
        else:
            layout.draw(painter, QPointF(left + place[0], top + place[1]))

    def _paint_as_qt(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self._full += 1
        try:
            super().paint(painter, option, index)
        finally:
            self._full -= 1

    def _prepare(self, number: int, option: QStyleOptionViewItem) -> _Title:
        if self._font is None:
            self._font = QFont(option.font)
        if len(self._titles) >= MAX_ROWS_KEPT:
            self._titles.clear()
        prepared = self._titles[number] = _Title(*self._title_of(number))
        return prepared

    def _lay_out(self, prepared: _Title, place: tuple[int, int, int, int]) -> None:
        """Lay ``prepared`` out for the text rectangle ``place``, elided at the right as Qt's views
        elide a title wider than the rectangle (``QFontMetrics.elidedText``, then laid out again)."""
        font = self._font or QFont()
        width = place[2]
        layout = _laid_out(prepared.text, font, width, self._option)
        if layout.lineAt(0).naturalTextWidth() > width:
            if self._elider is None:
                self._elider = QFontMetrics(font)
            elided = self._elider.elidedText(prepared.text, Qt.TextElideMode.ElideRight, width)
            layout = _laid_out(elided, font, width, self._option)
        prepared.layout, prepared.laid_for = layout, place

    def _place(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        width: int,
        height: int,
    ) -> tuple[int, int, int, int]:
        """Where Qt's own path puts a one-line title in a row of this size: (x, y) from the row's
        top left, the width it may take before Qt elides it, and the line's height — the style's
        text rectangle less its text margins, the line centred in it."""
        full = QStyleOptionViewItem(option)
        self._full += 1
        try:
            self.initStyleOption(full, index)
        finally:
            self._full -= 1
        style = self._view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, full, self._view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view) + 1
        text = text.adjusted(margin, 0, -margin, 0)
        metrics = QFontMetricsF(self._font or option.font)
        line = round(metrics.ascent() + metrics.descent())  # a QTextLine's height, rounded as Qt does
        rect = option.rect
        line_rect = QStyle.alignedRect(
            Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignVCenter, QSize(text.width(), line), text
        )
        place = (text.x() - rect.x(), line_rect.top() - rect.y(), text.width(), line)
        self._geometry[(width, height)] = place
        return place

    def _color(self, option: QStyleOptionViewItem, state: int) -> QColor:
        """The pen Qt's own path takes for a title in the palette's colours (``QCommonStyle``'s
        item view text): highlighted text when selected, else text, of the state's colour group."""
        if not state & _ENABLED:
            group = QPalette.ColorGroup.Disabled
        elif not state & _ACTIVE:
            group = QPalette.ColorGroup.Inactive
        else:
            group = QPalette.ColorGroup.Active
        role = QPalette.ColorRole.HighlightedText if state & _SELECTED else QPalette.ColorRole.Text
        color = self._colors[state] = option.palette.color(group, role)
        return color
