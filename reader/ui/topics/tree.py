"""The topic tree: a ``QTreeView`` over the content root, with a title filter and read marks.

The rows come from :class:`~reader.ui.topics.topic_model.TopicModel` (filtered in place, no proxy);
:class:`~reader.ui.topics.row_painter.TitlePainter` paints them, and
:class:`~reader.ui.topics.read_mark.ReadMarks` adds a small tick to the topics the user has read.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.ui.topics.read_mark import ReadMarks
from reader.ui.topics.row_painter import TitlePainter
from reader.ui.topics.topic_model import TOPIC_ID_ROLE, TopicModel

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from reader.core.content.model import ContentRoot

logger = logging.getLogger(__name__)

EXPAND_ALL_LIMIT = 500  # larger trees open collapsed, so they lay out fast
EXPAND_FILTERED_LIMIT = 150  # matching rows (with what lies under them) up to which a filter opens all
EXPAND_FIRST_MATCHES = 30  # beyond that, the ancestors of this many first matches open (a screenful)


class TopicTreeView(QTreeView):
    """Lists topics; announces the one the user picks with ``topic_requested``."""

    topic_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topicTree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Topics")
        self.setAccessibleDescription("All topics of the guide; Enter opens the selected one")
        self._model = TopicModel(self)
        self.header().setStretchLastSection(False)  # the column leaves room for the read ticks
        self._marks = ReadMarks(self, self._model.is_read)
        self._painter = TitlePainter(self, self._model.row_title)
        self.setItemDelegate(self._painter)
        self._fitting = False
        self._programmatic = False
        self._shown = ""  # the topic the page shows, which the tree marks when it can
        self.setModel(self._model)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.activated.connect(self._on_activated)

    def set_content(self, content: ContentRoot, keep_open: bool = False) -> None:
        """Show ``content``; roots of up to ``EXPAND_ALL_LIMIT`` topics open their first level.

        With ``keep_open`` (the same root re-read) the folders open now stay open where they still
        exist. A filter in force stays in force over the new content.
        """
        opened = self.open_topic_ids() if keep_open and self._model.topic_filter() is None else None
        self._programmatic = True
        self._painter.forget()  # rows are numbered anew
        try:
            self._model.set_content(content, self.palette().placeholderText().color())
        finally:
            self._programmatic = False
        if opened is None:
            self._open_rows()
            return
        for topic_id in opened:
            index = self._model.index_for(topic_id)
            if index.isValid():
                self.expand(index)
        if self._shown:
            self.select_topic(self._shown)

    def open_topic_ids(self) -> list[str]:
        """The topics whose folders are open now, parents before their children."""
        found: list[str] = []

        def visit(parent: QModelIndex) -> None:
            for row in range(self._model.rowCount(parent)):
                index = self._model.index(row, 0, parent)
                if self.isExpanded(index):
                    found.append(index.data(TOPIC_ID_ROLE))
                    visit(index)

        visit(QModelIndex())
        return found

    def _open_rows(self) -> None:
        """Open the rows the user should see after a reset, and mark the shown topic again."""
        topic_filter = self._model.topic_filter()
        content = self._model.content
        if topic_filter is not None:
            matches = topic_filter.first_matches(EXPAND_FILTERED_LIMIT + 1)
            shown = sum(map(topic_filter.subtree_size, matches))  # at most: overlaps count twice
            if shown <= EXPAND_FILTERED_LIMIT:
                self.expandAll()
            else:  # too many rows to lay out per keystroke: open what fills the first screen
                for topic_id in matches[:EXPAND_FIRST_MATCHES]:
                    self._expand_ancestors(topic_id)
        elif content is not None and len(content.topics) <= EXPAND_ALL_LIMIT:
            self.expandToDepth(0)
        if self._shown:
            self.select_topic(self._shown)

    def _expand_ancestors(self, topic_id: str) -> None:
        parent = self._model.index_for(topic_id).parent()
        while parent.isValid() and not self.isExpanded(parent):
            self.expand(parent)
            parent = parent.parent()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._painter.forget()  # titles are prepared in the font, pens taken from the palette
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.has_read():
            self._marks.paint(event.rect())

    def updateGeometries(self) -> None:
        """Keep the one column as wide as the viewport less the ticks' room (on every resize,
        and when the scroll bar comes or goes)."""
        super().updateGeometries()
        width = ReadMarks.column_width(self.viewport().width())
        if not self._fitting and self.columnWidth(0) != width:
            self._fitting = True
            try:
                self.setColumnWidth(0, width)
            finally:
                self._fitting = False

    def set_read_topics(self, topic_ids: frozenset[str]) -> None:
        """Show a tick on exactly the topics ``topic_ids`` (the ones the user has read)."""
        self._model.set_read(topic_ids)
        self.viewport().update()

    def topic_ids(self) -> list[str]:
        """Every topic id in tree order (depth first), filtered or not."""
        return self._model.content.walk() if self._model.content is not None else []

    def set_filter(self, text: str) -> None:
        """Show topics whose title contains ``text`` (any case), their parents and children, with
        the parents of matches opened; "" shows all again. The topic marked before stays marked."""
        if text.strip() == self._model.filter_text():
            return
        self._painter.start()
        self._programmatic = True  # rows vanishing under the filter move Qt's current index
        try:
            self._model.set_filter(text)
        finally:
            self._programmatic = False
        self._open_rows()

    def visible_topic_ids(self) -> list[str]:
        """The topic ids the tree shows now (under the filter), depth first."""
        found: list[str] = []

        model = self.model()

        def visit(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                found.append(index.data(TOPIC_ID_ROLE))
                visit(index)

        visit(QModelIndex())
        return found

    def first_match(self) -> str | None:
        """The first topic in tree order whose title matches the filter (without a filter, the first
        topic), or ``None`` when nothing matches."""
        topic_filter = self._model.topic_filter()
        if topic_filter is not None:
            found = topic_filter.first_matches(1)
            return found[0] if found else None
        first = self.model().index(0, 0)
        return first.data(TOPIC_ID_ROLE) if first.isValid() else None

    def open_first_match(self, focus: bool) -> None:
        """Mark and open the first match (see :meth:`first_match`), then take the focus if ``focus``
        (nothing happens when nothing matches)."""
        topic_id = self.first_match()
        index = self.index_of(topic_id) if topic_id is not None else QModelIndex()
        if not index.isValid():
            return
        if index != self.currentIndex():
            self.setCurrentIndex(index)  # the user's move: announced as topic_requested
        elif not focus:  # Enter on the marked topic opens it again; Down only moves into the tree
            self.topic_requested.emit(topic_id)
        self.scrollTo(index)
        if focus:  # after the mark: a view focused without one marks its first row itself
            self.setFocus()

    def index_of(self, topic_id: str) -> QModelIndex:
        """The index of ``topic_id`` in the model the view shows now (invalid if filtered out)."""
        return self._model.index_for(topic_id)

    def select_topic(self, topic_id: str) -> None:
        """Follow navigation that happened elsewhere, without announcing it again."""
        self._shown = topic_id
        self._painter.start()  # after the first frame: the start page's topic is marked after it
        index = self.index_of(topic_id)
        self._programmatic = True
        if not index.isValid():  # filtered out: mark nothing rather than the previous topic
            self.selectionModel().clearCurrentIndex()
            self.clearSelection()
            self._programmatic = False
            return
        try:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            self._programmatic = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._programmatic and current.isValid() and self.sender() is self.selectionModel():
            self.topic_requested.emit(current.data(TOPIC_ID_ROLE))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.topic_requested.emit(index.data(TOPIC_ID_ROLE))
