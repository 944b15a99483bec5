"""The topic tree: a ``QTreeView`` over the content root, with a title filter and read marks.

The filter lives in the model itself rather than in a ``QSortFilterProxyModel``: a proxy asks the
Python model for ``parent()`` of every row again and again (quadratic in the number of topics),
while :class:`TopicFilter` finds the matching titles in one scan of a flat list and answers
"is anything under this topic shown?" with a binary search, for the rows the view asks about only.
Topics the user has read carry ``READ_ROLE``; :class:`~reader.ui.topics.read_mark.ReadMarks`
paints them a small tick.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.core.safe_text import plain_tooltip
from reader.ui.topics.read_mark import READ_ROLE, ReadMarks
from reader.ui.topics.title_filter import TopicFilter

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot

logger = logging.getLogger(__name__)

TOPIC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EXPAND_ALL_LIMIT = 500  # larger trees open collapsed, so they lay out fast
EXPAND_FILTERED_LIMIT = 150  # matching rows (with what lies under them) up to which a filter opens all
EXPAND_FIRST_MATCHES = 30  # beyond that, the ancestors of this many first matches open (a screenful)
MAX_ROWS_CHANGED = 50  # read marks changed at once up to which each row is announced
# data() is asked 7 roles per row painted (the delegate's font, alignment, colours, check state,
# icon, text, background): plain ints, and one set test for the roles never answered.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ACCESSIBLE_DESCRIPTION = int(Qt.ItemDataRole.AccessibleDescriptionRole.value)
_TOPIC_ID = int(TOPIC_ID_ROLE)
_READ = int(READ_ROLE)
_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _ACCESSIBLE_DESCRIPTION, _TOPIC_ID, _READ})
_ROOT = -1  # the key of the invisible root in the per-row caches


class TopicModel(QAbstractItemModel):
    """A read-only tree model straight over a :class:`ContentRoot`: nothing is copied per topic,
    so a 10,000-topic root costs no more to show than the rows on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: ContentRoot | None = None
        self._ids: list[str] = []
        self._number: dict[str, int] = {}
        self._row: dict[str, int] = {}
        self._muted = QColor()
        self._filter: TopicFilter | None = None  # built on the first filter, dropped with the content
        self._filtered_children: dict[str | None, list[str]] = {}
        self._under_match: dict[str, bool] = {}  # folders shown whole: a match or under one
        self._filter_text = ""
        self._read: frozenset[str] = frozenset()
        # Qt asks index(), parent(), rowCount() and hasChildren() hundreds of times per keystroke
        # and paint, for the same few hundred rows: answers by row number (its internalId), kept
        # until the rows change (new content or filter).
        self._kids: dict[int, list[int]] = {}  # parent's number (_ROOT for the root) -> its rows' numbers
        self._up: dict[int, tuple[int, int]] = {}  # number -> (parent's row, parent's number)

    def has_read(self) -> bool:
        """True if any topic is marked read."""
        return bool(self._read)

    def is_read(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """True if the row ``index`` is a topic the user has read (what ``READ_ROLE`` answers)."""
        return bool(self._read) and index.isValid() and self._ids[index.internalId()] in self._read

    def set_read(self, topic_ids: frozenset[str]) -> None:
        """Mark exactly ``topic_ids`` read (their rows repaint with a tick)."""
        changed = self._read ^ topic_ids
        self._read = topic_ids
        if len(changed) > MAX_ROWS_CHANGED:  # many rows (all unread again): the view just repaints
            return
        for topic_id in changed:
            index = self.index_for(topic_id)
            if index.isValid():
                self.dataChanged.emit(index, index, [READ_ROLE])

    def set_content(self, content: ContentRoot, muted: QColor) -> None:
        """Show ``content``'s topics; topics with problems are drawn in ``muted``."""
        self.beginResetModel()
        self.content, self._muted = content, muted
        self._ids = list(content.topics)
        self._number = {topic_id: number for number, topic_id in enumerate(self._ids)}
        self._row = {}  # filled a folder at a time by _row_of, as folders are shown
        self._filter = None
        self._filtered_children, self._under_match = {}, {}
        self._kids, self._up = {}, {}
        if self._filter_text:
            self._active_filter().set_text(self._filter_text)
        self.endResetModel()

    def _active_filter(self) -> TopicFilter:
        if self._filter is None:
            assert self.content is not None
            self._filter = TopicFilter(self.content)
        return self._filter

    def set_filter(self, text: str) -> None:
        """Show only topics whose title contains ``text`` (any case), their ancestors and their
        descendants; blank text shows every topic. Resets the model (views drop their state)."""
        text = text.strip()
        if text == self._filter_text:
            return
        self.beginResetModel()
        self._filter_text = text
        if self.content is not None and text:
            self._active_filter().set_text(text)
        self._row = {}
        self._filtered_children, self._under_match = {}, {}
        self._kids, self._up = {}, {}
        self.endResetModel()

    def filter_text(self) -> str:
        """The filter in force ("" for none)."""
        return self._filter_text

    def topic_filter(self) -> TopicFilter | None:
        """The filter in force, or ``None`` when every topic is shown."""
        return self._filter if self._filter_text and self.content is not None else None

    def _children_of(self, parent_id: str | None) -> list[str]:
        if self.content is None:
            return []
        children = self.content.top_level if parent_id is None else self.content.topics[parent_id].children
        topic_filter = self.topic_filter()
        if topic_filter is None:
            return children
        kept = self._filtered_children.get(parent_id)
        if kept is None:
            if parent_id is not None and self._is_under_match(parent_id, topic_filter):
                kept = children  # a match shows everything under it
            else:  # then a child is shown only for a match at or under it
                kept = [child for child in children if topic_filter.has_match_within(child)]
            self._filtered_children[parent_id] = kept
        return kept

    def _is_under_match(self, topic_id: str, topic_filter: TopicFilter) -> bool:
        known = self._under_match.get(topic_id)
        if known is None:
            parent_id = self.content.topics[topic_id].parent_id if self.content is not None else None
            known = topic_filter.matches_topic(topic_id) or (
                parent_id is not None and self._is_under_match(parent_id, topic_filter)
            )
            self._under_match[topic_id] = known
        return known

    def _children(self, parent: QModelIndex | QPersistentModelIndex) -> list[int]:
        """The numbers (internal ids) of the rows shown under ``parent``."""
        key = parent.internalId() if parent.isValid() else _ROOT
        children = self._kids.get(key)
        if children is None:
            if self.content is None:
                return []
            number = self._number
            shown = self._children_of(None if key == _ROOT else self._ids[key])
            children = self._kids[key] = [number[topic_id] for topic_id in shown]
        return children

    def is_shown(self, topic_id: str) -> bool:
        """True if ``topic_id`` is a topic the model lists now (under the filter, if any)."""
        if topic_id not in self._number:
            return False
        topic_filter = self.topic_filter()
        return topic_filter is None or topic_filter.shown(topic_id)

    def index_for(self, topic_id: str) -> QModelIndex:
        """The index of ``topic_id``, or an invalid index for an unknown or filtered-out id."""
        if not self.is_shown(topic_id):
            return QModelIndex()
        return self.createIndex(self._row_of(topic_id), 0, self._number[topic_id])

    def _row_of(self, topic_id: str) -> int:
        row = self._row.get(topic_id)
        if row is None and self.content is not None:
            siblings = self._children_of(self.content.topics[topic_id].parent_id)
            self._row.update((sibling, number) for number, sibling in enumerate(siblings))
            row = self._row[topic_id]
        return row or 0

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008 - Qt's own signature
    ) -> QModelIndex:
        children = self._kids.get(parent.internalId() if parent.isValid() else _ROOT)
        if children is None:
            children = self._children(parent)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 - Qt's own signature
        if not index.isValid():
            return QModelIndex()
        number = index.internalId()
        up = self._up.get(number)
        if up is None:
            if self.content is None:
                return QModelIndex()
            parent_id = self.content.topics[self._ids[number]].parent_id
            # the parent of a row shown is shown: no filter check (parent() is Qt's most asked)
            up = (0, _ROOT) if parent_id is None else (self._row_of(parent_id), self._number[parent_id])
            self._up[number] = up
        return QModelIndex() if up[1] == _ROOT else self.createIndex(up[0], 0, up[1])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return len(self._children(parent)) if parent.column() <= 0 else 0

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own signature
        """Asked for every row drawn (its branch arrow): one search, not a filtered child list."""
        if not parent.isValid() or not self._filter_text or self.content is None:
            return bool(self._children(parent)) if parent.column() <= 0 else False
        topic_filter = self.topic_filter()
        assert topic_filter is not None
        key = parent.internalId()
        known = self._kids.get(key)
        if known is not None:
            return bool(known)
        topic_id = self._ids[key]
        if not self.content.topics[topic_id].children:
            return False
        return self._is_under_match(topic_id, topic_filter) or topic_filter.has_match_below(topic_id)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role not in _ANSWERED or self.content is None or not index.isValid():
            return None
        topic = self.content.topics[self._ids[index.internalId()]]
        if role == _DISPLAY:
            return topic.title
        if role == _TOPIC_ID:
            return topic.id
        if role == _TOOLTIP:
            return plain_tooltip(f"Problem: {topic.error}" if topic.error else topic.summary or topic.title)
        if role == _FOREGROUND:
            return self._muted if topic.error else None
        if role == _READ:
            return topic.id in self._read
        if role == _ACCESSIBLE_DESCRIPTION:  # a screen reader's "level 2", "read"
            level = f"Level {len(self.content.ancestors(topic.id)) + 1}"
            return f"{level}, read" if topic.id in self._read else level
        return None


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

    def index_of(self, topic_id: str) -> QModelIndex:
        """The index of ``topic_id`` in the model the view shows now (invalid if filtered out)."""
        return self._model.index_for(topic_id)

    def select_topic(self, topic_id: str) -> None:
        """Follow navigation that happened elsewhere, without announcing it again."""
        self._shown = topic_id
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
