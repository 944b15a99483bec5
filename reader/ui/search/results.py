"""The search results: a list model of :class:`SearchResult` and the delegate that paints a row.

A row is a bold title, the section it was found in ("› Heading", muted; none for the topic
itself) and a wrapped snippet with the matched words emphasised. Snippets are made when a row is
first asked for, so only the rows on screen cost one; every row has one height.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.safe_text import plain_tooltip
from reader.ui.common.colors import color_group, mix

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.core.search.index import SearchResult

TOPIC_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_LINES = 3
_ANY_INDEX = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    """A read-only list of :class:`SearchResult` (title as display text, snippet in ``SNIPPET_ROLE``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: list[SearchResult] = []
        self._add_snippet: Callable[[SearchResult], SearchResult] | None = None

    def set_results(
        self, results: list[SearchResult], add_snippet: Callable[[SearchResult], SearchResult] | None = None
    ) -> None:
        """Replace every row with ``results``, best first. Rows without a snippet get theirs
        from ``add_snippet`` when first asked for (so only the rows on screen cost one)."""
        self.beginResetModel()
        self._results, self._add_snippet = list(results), add_snippet
        self.endResetModel()

    def result(self, row: int) -> SearchResult | None:
        """The result in ``row`` with its snippet, or ``None`` outside the list."""
        if not 0 <= row < len(self._results):
            return None
        result = self._results[row]
        if not result.snippet_html and self._add_snippet is not None:
            result = self._results[row] = self._add_snippet(result)
        return result

    def close_count(self) -> int:
        """How many rows are close spellings of a typed word rather than exact matches."""
        return sum(1 for result in self._results if result.close_terms)

    def rowCount(self, parent: _ANY_INDEX | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._results)

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        result = self.result(index.row()) if index.isValid() else None
        if result is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return result.title
        if role == SNIPPET_ROLE:
            return result.snippet_html
        if role == SECTION_ROLE:
            return result.section
        if role == TOPIC_ROLE:
            return result.topic_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(result.topic_id)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            section = f", section {result.section}" if result.section else ""
            return f"{result.title}{section}: {result.plain_snippet}"
        return None


class ResultDelegate(QStyledItemDelegate):
    """Paints a result as a bold title, its section ("› Heading", muted) when it has one, and a
    wrapped snippet whose matched words are emphasised, in rows of one height."""

    PADDING = 8

    def _snippet_document(self, option: QStyleOptionViewItem, snippet: str, width: float) -> QTextDocument:
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        strong = palette.color(color_group(option), role)
        soft = strong if selected else mix(strong, palette.color(QPalette.ColorRole.Base), 0.3)
        document = QTextDocument()
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.92))
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setDefaultStyleSheet(f"b {{ color: {strong.name()}; font-weight: 700; }}")
        document.setHtml(f'<span style="color: {soft.name()}">{snippet}</span>')
        document.setTextWidth(max(40.0, width))
        return document

    def _snippet_height(self, option: QStyleOptionViewItem) -> float:
        return option.fontMetrics.lineSpacing() * 0.92 * SNIPPET_LINES + 2

    def sizeHint(self, option: QStyleOptionViewItem, _index: _ANY_INDEX) -> QSize:
        """Every row is as tall as a title over ``SNIPPET_LINES`` snippet lines: no text is laid
        out to size a row, and the list can use uniform item sizes (one size for 50 rows)."""
        width = option.rect.width() or 320
        title = option.fontMetrics.lineSpacing()
        height = self.PADDING * 2 + title + 3 + self._snippet_height(option)
        return QSize(width, int(height + 0.5))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ANY_INDEX) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        painter.save()
        title_font = QFont(opt.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(color_group(opt), role))
        line = opt.fontMetrics.lineSpacing()
        title = str(index.data() or "")
        title = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.x(), rect.y(), rect.width(), line, Qt.AlignmentFlag.AlignLeft, title)
        top = rect.y() + line + 3
        available = self._snippet_height(opt)
        section = str(index.data(SECTION_ROLE) or "")
        if section:  # its own line under the title, in the snippet's size, muted: "› Section"
            small = QFont(opt.font)
            small.setPointSizeF(max(6.0, small.pointSizeF() * 0.92))
            painter.setFont(small)
            if not selected:
                text = palette.color(color_group(opt), QPalette.ColorRole.Text)
                painter.setPen(mix(text, palette.color(QPalette.ColorRole.Base), 0.3))
            metrics = painter.fontMetrics()
            shown = metrics.elidedText(f"›  {section}", Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(
                rect.x(), top, rect.width(), metrics.lineSpacing(), Qt.AlignmentFlag.AlignLeft, shown
            )
            top += metrics.lineSpacing()
            available -= metrics.lineSpacing()
        document = self._snippet_document(opt, str(index.data(SNIPPET_ROLE) or ""), rect.width())
        height = min(document.documentLayout().documentSize().height(), available)
        painter.translate(rect.x(), top)
        document.drawContents(painter, QRectF(0, 0, rect.width(), height))
        painter.restore()
