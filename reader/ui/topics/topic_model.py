"""The topic tree's model: a read-only ``QAbstractItemModel`` straight over a content root, filtered in place.

The filter lives in the model itself rather than in a ``QSortFilterProxyModel``: a proxy asks the
Python model for ``parent()`` of every row again and again (quadratic in the number of topics),
while :class:`~reader.ui.topics.title_filter.TopicFilter` finds the matching titles in one scan of
a flat string, for the rows the view asks about only. Topics the user has read carry ``READ_ROLE``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reader.core.safe_text import plain_tooltip
from reader.ui.topics.read_mark import READ_ROLE
from reader.ui.topics.title_filter import TopicFilter

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.core.content.model import ContentRoot

TOPIC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
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
        self._up: dict[int, QModelIndex] = {}  # number -> its parent's index (made once: createIndex
        self._made: dict[int, QModelIndex] = {}  # costs a microsecond) / number -> its own index
        self._no_index = QModelIndex()

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
        self._kids, self._up, self._made = {}, {}, {}
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
        self._kids, self._up, self._made = {}, {}, {}
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
                kept = topic_filter.children_with_match(children)
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
        number = children[row]
        made = self._made.get(number)
        if made is None:
            made = self._made[number] = self.createIndex(row, 0, number)
        return made

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 - Qt's own signature
        if not index.isValid():
            return self._no_index
        number = index.internalId()
        up = self._up.get(number)
        if up is None:
            if self.content is None:
                return self._no_index
            parent_id = self.content.topics[self._ids[number]].parent_id
            # the parent of a row shown is shown: no filter check (parent() is Qt's most asked)
            if parent_id is None:
                up = self._no_index
            else:
                parent_number = self._number[parent_id]
                up = self._made.get(parent_number) or self.createIndex(
                    self._row_of(parent_id), 0, parent_number
                )
                self._made[parent_number] = up
            self._up[number] = up
        return up

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return len(self._children(parent)) if parent.column() <= 0 else 0

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own signature
        """Asked for every row laid out or drawn (its branch arrow). A row shown under a filter
        shows children whenever its topic has any: it is shown because it matches or lies under a
        match (then all of its children are shown) or because a title under it matches."""
        if parent.isValid():
            return self.content is not None and bool(
                self.content.topics[self._ids[parent.internalId()]].children
            )
        return bool(self._children(parent))

    def row_title(self, number: int) -> tuple[str, QColor | None]:
        """The title of the row whose ``internalId`` is ``number`` and its colour (``None``: the
        palette's): what ``DisplayRole`` and ``ForegroundRole`` answer, for the row painter."""
        assert self.content is not None
        topic = self.content.topics[self._ids[number]]
        return topic.title, self._muted if topic.error else None

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
