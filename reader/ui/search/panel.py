"""The search panel: a search field over a list of ranked results with highlighted snippets.

Results update on every keystroke; each names the section (heading) it was found in, and results
for a close spelling of a typed word (one edit away) say so in the status line. The index is built
the first time it is needed, on a worker thread, while the panel shows "Indexing…". Up/Down move
through the results while the focus stays in the field, Enter opens the current result
(``result_chosen``) and Escape emits ``closed``.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reader.core.content.loader import LARGE_ROOT_TOPICS
from reader.core.search.index import DEFAULT_LIMIT, SearchIndex, SearchResult, build_index
from reader.core.search.query import terms_for_highlight
from reader.ui.common.background import BackgroundTask, run_in_background
from reader.ui.search.accessible import SearchAnnouncer
from reader.ui.search.results import ResultDelegate, ResultsModel

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.model import ContentRoot

logger = logging.getLogger(__name__)


class SearchPanel(QWidget):
    """Search field plus results; emits ``result_chosen(topic_id, terms, section)`` (section: the
    heading to scroll to, "" for the top) and ``closed``."""

    result_chosen = Signal(str, list, str)
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
        self._announcer = SearchAnnouncer(self.edit, self.view, self.status_label)
        self.index_ready.connect(self._announcer.typing)  # results that wait for the index
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
        if self._content.titles_from_names:  # an index of file names would be cached as the real one
            return  # built when the library swaps in the real titles (set_content)
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
        elif self._content is not None and self._content.titles_from_names:
            text = "Search starts once every topic's title is read…"
        elif not query or self._index is None:
            topics = len(self._content.topics) if self._content is not None else 0
            text = f"Type to search {topics} topics." if topics else "Nothing to search yet."
        elif count == 0:
            text = f"No results for “{query[:60]}”."
        else:
            text = "1 result" if count == 1 else f"{count}{'+' if count >= DEFAULT_LIMIT else ''} results"
            close = self.model.close_count()
            if close:
                some = " for" if close == count else ", some for"
                text += f"{some} words close to “{query[:60]}”"
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
            terms = list(result.close_terms) or terms_for_highlight(self.edit.text())
            self.result_chosen.emit(result.topic_id, terms, result.section)

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
