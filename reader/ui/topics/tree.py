"""The topic tree: a ``QTreeView`` over the content root, with a title filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot

TOPIC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EXPAND_ALL_LIMIT = 500  # larger trees open collapsed, so they lay out fast


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

    def set_content(self, content: ContentRoot, muted: QColor) -> None:
        """Show ``content``'s topics; topics with problems are drawn in ``muted``."""
        self.beginResetModel()
        self.content, self._muted = content, muted
        self._ids = list(content.topics)
        self._number = {topic_id: number for number, topic_id in enumerate(self._ids)}
        self._row = {}  # filled a folder at a time by _row_of, as folders are shown
        self.endResetModel()

    def _children(self, parent: QModelIndex | QPersistentModelIndex) -> list[str]:
        if self.content is None:
            return []
        if not parent.isValid():
            return self.content.top_level
        return self.content.topics[self._ids[parent.internalId()]].children

    def index_for(self, topic_id: str) -> QModelIndex:
        """The index of ``topic_id``, or an invalid index for an unknown id."""
        if topic_id not in self._number:
            return QModelIndex()
        return self.createIndex(self._row_of(topic_id), 0, self._number[topic_id])

    def _row_of(self, topic_id: str) -> int:
        row = self._row.get(topic_id)
        if row is None and self.content is not None:
            topics = self.content.topics
            parent_id = topics[topic_id].parent_id
            siblings = self.content.top_level if parent_id is None else topics[parent_id].children
            self._row.update((sibling, number) for number, sibling in enumerate(siblings))
            row = self._row[topic_id]
        return row or 0

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008 - Qt's own signature
    ) -> QModelIndex:
        children = self._children(parent)
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, self._number[children[row]])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008 - Qt's own signature
        if not index.isValid() or self.content is None:
            return QModelIndex()
        parent_id = self.content.topics[self._ids[index.internalId()]].parent_id
        return self.index_for(parent_id) if parent_id is not None else QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return len(self._children(parent)) if parent.column() <= 0 else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or self.content is None:
            return None
        topic = self.content.topics[self._ids[index.internalId()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return topic.title
        if role == TOPIC_ID_ROLE:
            return topic.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Problem: {topic.error}" if topic.error else topic.summary or topic.title
        if role == Qt.ItemDataRole.ForegroundRole and topic.error:
            return self._muted
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
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setRecursiveFilteringEnabled(True)
        self._proxy.setAutoAcceptChildRows(True)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._programmatic = False
        self._shown = ""  # the topic the page shows, which the tree marks when it can
        self._show_model(self._model)
        self.activated.connect(self._on_activated)

    def _show_model(self, model: QAbstractItemModel) -> None:
        """Show the plain model, or the filtering proxy only while a filter is typed: the proxy
        maps every row of the tree, which is what makes a 10,000-topic root slow to show."""
        if self.model() is model:
            return
        old_selection = self.selectionModel()
        self.setModel(model)
        if old_selection is not None:
            old_selection.currentChanged.disconnect(self._on_current_changed)
            old_selection.deleteLater()
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        if self._shown:
            self.select_topic(self._shown)

    def set_content(self, content: ContentRoot) -> None:
        """Show ``content``; roots of up to ``EXPAND_ALL_LIMIT`` topics open their first level."""
        self._model.set_content(content, self.palette().placeholderText().color())
        self._proxy.invalidate()
        if len(content.topics) <= EXPAND_ALL_LIMIT:
            self.expandToDepth(0)

    def topic_ids(self) -> list[str]:
        """Every topic id in tree order (depth first), filtered or not."""
        return self._model.content.walk() if self._model.content is not None else []

    def set_filter(self, text: str) -> None:
        """Show topics whose title contains ``text`` (any case), their parents and children; "" shows all."""
        self._programmatic = True  # rows vanishing under the filter move Qt's current index
        try:
            self._proxy.setFilterFixedString(text.strip())
            self._show_model(self._proxy if text.strip() else self._model)
        finally:
            self._programmatic = False
        if text.strip():
            self.expandAll()

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
        index = self._model.index_for(topic_id)
        return self._proxy.mapFromSource(index) if self.model() is self._proxy else index

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
