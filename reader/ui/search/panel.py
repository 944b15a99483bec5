"""The search panel: a search field over a list of ranked results with highlighted snippets.

Results update on every keystroke. The index is built the first time it is needed, on a worker
thread, while the panel shows "Indexing…". Up/Down move through the results while the focus stays
in the field, Enter opens the current result (``result_chosen``) and Escape emits ``closed``.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.content.loader import LARGE_ROOT_TOPICS
from reader.core.safe_text import plain_tooltip
from reader.core.search.index import DEFAULT_LIMIT, SearchIndex, SearchResult, build_index
from reader.core.search.query import terms_for_highlight
from reader.ui.common.background import BackgroundTask, run_in_background
from reader.ui.common.colors import color_group, mix

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from reader.core.content.model import ContentRoot

TOPIC_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_LINES = 3
_ANY_INDEX = QModelIndex | QPersistentModelIndex

logger = logging.getLogger(__name__)


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
        if role == TOPIC_ROLE:
            return result.topic_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(result.topic_id)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{result.title}: {result.plain_snippet}"
        return None


class ResultDelegate(QStyledItemDelegate):
    """Paints a result as a bold title over a wrapped snippet whose matched words are emphasised."""

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
        document = self._snippet_document(opt, str(index.data(SNIPPET_ROLE) or ""), rect.width())
        height = min(document.documentLayout().documentSize().height(), self._snippet_height(opt))
        painter.translate(rect.x(), rect.y() + line + 3)
        document.drawContents(painter, QRectF(0, 0, rect.width(), height))
        painter.restore()


class SearchPanel(QWidget):
    """Search field plus results; emits ``result_chosen(topic_id, terms)`` and ``closed``."""

    result_chosen = Signal(str, list)
    closed = Signal()
    index_ready = Signal(int)  # number of indexed topics
    notice = Signal(str)  # something the user should hear about once (a corrupt cache set aside)

    def __init__(
        self,
        parent: QWidget | None = None,
        cache_dir: Path | None = None,
        cache_threshold: int = LARGE_ROOT_TOPICS,
    ) -> None:
        super().__init__(parent)
        self._cache_dir, self._cache_threshold = cache_dir, cache_threshold
        self._content: ContentRoot | None = None
        self._index: SearchIndex | None = None
        self._generation = 0
        self._building = False
        self._build: BackgroundTask | None = None
        self._one_build_at_a_time = threading.Lock()

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Search the guide (Ctrl+K)")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.status_label = QLabel(self)
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ResultsModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)  # rows are one height (ResultDelegate.sizeHint)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setSpacing(1)
        self.view.clicked.connect(self._choose)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addWidget(self.status_label)
        layout.addWidget(self.view, 1)
        self.edit.textChanged.connect(self._run_query)
        self._update_status()

    # -- public API ---------------------------------------------------------------------------
    def set_content(self, content: ContentRoot) -> None:
        """Search ``content`` from now on; its index is built lazily, off the GUI thread."""
        self._drop_build()
        self._content = content
        if self._index is not None:
            self._index.close()
        self._index, self._building = None, False
        self.model.set_results([])
        if self.edit.text():
            self._run_query()
        else:
            self._update_status()

    def stop_indexing(self) -> None:
        """Drop queued index builds (one already running finishes and is discarded)."""
        self._drop_build()

    def set_index(self, index: SearchIndex) -> None:
        """Use an index built elsewhere (for example at start-up) for the current content."""
        self._drop_build()
        self._building = False
        self._accept_index(index, self._generation)

    def focus_search(self) -> None:
        """Focus the field and select its text; starts indexing if that has not happened yet."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._ensure_index()

    def is_ready(self) -> bool:
        """True once the index of the current content is built."""
        return self._index is not None

    def results(self) -> list[SearchResult]:
        """The results listed now, best first."""
        return [r for row in range(self.model.rowCount()) if (r := self.model.result(row)) is not None]

    def current_result(self) -> SearchResult | None:
        """The result Enter would open, or ``None``."""
        return self.model.result(self.view.currentIndex().row())

    # -- indexing -----------------------------------------------------------------------------
    def _ensure_index(self) -> None:
        if self._index is not None or self._building or self._content is None:
            return
        self._building = True
        generation, content = self._generation, self._content
        cache_dir, threshold, lock = self._cache_dir, self._cache_threshold, self._one_build_at_a_time

        def build(stop: threading.Event) -> SearchIndex | None:
            with lock:  # a build for replaced content waits its turn, then is skipped
                if stop.is_set():
                    return None
                return build_index(content, cache_dir=cache_dir, cache_threshold=threshold)

        self._build = run_in_background(
            build,
            self,
            on_done=lambda index: self._accept_index(index, generation),
            on_error=lambda error: self._index_failed(f"{type(error).__name__}: {error}", generation),
            on_dropped=_close_unused,
            name="search-index",
        )
        self._update_status()

    def _drop_build(self) -> None:
        """Forget the build under way, if any: its index is closed instead of used."""
        self._generation += 1
        if self._build is not None:
            self._build.cancel()
            self._build = None

    def _accept_index(self, index: SearchIndex | None, generation: int) -> None:
        if generation != self._generation or index is None:
            _close_unused(index)  # built for content that has since been replaced
            return
        self._build = None
        if self._index is not None:
            self._index.close()
        self._index, self._building = index, False
        for notice in index.notices:
            self.notice.emit(notice)
        self.index_ready.emit(len(index))
        self._run_query()

    def _index_failed(self, message: str, generation: int) -> None:
        if generation == self._generation:
            self._build, self._building = None, False
            logger.warning("search is unavailable: %s", message)
            self.status_label.setText(f"Search is unavailable: {message}")

    # -- searching ----------------------------------------------------------------------------
    def _run_query(self) -> None:
        query = self.edit.text()
        if self._index is None:
            if query.strip():
                self._ensure_index()
            self._update_status()
            return
        index = self._index
        results = index.search(query, snippets=False) if query.strip() else []
        self.model.set_results(results, lambda result: index.with_snippet(result, query))
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))
            self.view.scrollToTop()
        self._update_status()

    def _update_status(self) -> None:
        query = self.edit.text().strip()
        count = self.model.rowCount()
        if self._building:
            text = "Indexing…"
        elif not query or self._index is None:
            topics = len(self._content.topics) if self._content is not None else 0
            text = f"Type to search {topics} topics." if topics else "Nothing to search yet."
        elif count == 0:
            text = f"No results for “{query[:60]}”."
        else:
            text = "1 result" if count == 1 else f"{count}{'+' if count >= DEFAULT_LIMIT else ''} results"
        self.status_label.setText(text)

    def _move(self, delta: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex().row()
        row = max(0, min(rows - 1, (current if current >= 0 else -1) + delta))
        self.view.setCurrentIndex(self.model.index(row))
        self.view.scrollTo(self.model.index(row))

    def _page_rows(self) -> int:
        first = self.view.sizeHintForRow(0) if self.model.rowCount() else 0
        return max(1, self.view.viewport().height() // first) if first > 0 else 1

    def _choose(self, index: QModelIndex | None = None) -> None:
        index = index if index is not None and index.isValid() else self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        result = self.model.result(index.row()) if index.isValid() else None
        if result is not None:
            self.result_chosen.emit(result.topic_id, terms_for_highlight(self.edit.text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            moves = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 0, Qt.Key.Key_PageUp: 0}
            if key in moves:
                page = -self._page_rows() if key == Qt.Key.Key_PageUp else self._page_rows()
                self._move(moves[Qt.Key(key)] or page)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose()
                return True
            if key == Qt.Key.Key_Escape:
                self.closed.emit()
                return True
        return super().eventFilter(watched, event)


def _close_unused(index: SearchIndex | None) -> None:
    """Release an index nobody will search (built for replaced content, or for a panel that is gone)."""
    if index is not None:
        index.close()
