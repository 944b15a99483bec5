"""The topic tree: a ``QTreeView`` over the content root, with a title filter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.core.content import ContentRoot

TOPIC_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TopicModel(QStandardItemModel):
    """Standard items for titles; tooltips (summaries) are looked up only when asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: ContentRoot | None = None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and self.content is not None:
            topic = self.content.topic(super().data(index, TOPIC_ID_ROLE))
            if topic is not None:
                return f"Problem: {topic.error}" if topic.error else topic.summary or topic.title
        return super().data(index, role)


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
        self.setModel(self._proxy)
        self._items: dict[str, QStandardItem] = {}
        self._programmatic = False
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.activated.connect(self._on_activated)

    def set_content(self, content: ContentRoot) -> None:
        self._model.clear()
        self._model.content = content
        self._items.clear()
        for topic_id in content.top_level:
            self._model.appendRow(self._build_item(content, topic_id))

    def _build_item(self, content: ContentRoot, topic_id: str) -> QStandardItem:
        topic = content.topics[topic_id]
        item = QStandardItem(topic.title)
        item.setData(topic_id, TOPIC_ID_ROLE)
        if topic.error:
            item.setForeground(self.palette().placeholderText())
        self._items[topic_id] = item
        for child_id in topic.children:
            item.appendRow(self._build_item(content, child_id))
        return item

    def topic_ids(self) -> list[str]:
        return list(self._items)

    def set_filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.expandAll()

    def visible_topic_ids(self) -> list[str]:
        found: list[str] = []

        def visit(parent: QModelIndex) -> None:
            for row in range(self._proxy.rowCount(parent)):
                index = self._proxy.index(row, 0, parent)
                found.append(index.data(TOPIC_ID_ROLE))
                visit(index)

        visit(QModelIndex())
        return found

    def index_of(self, topic_id: str) -> QModelIndex:
        item = self._items.get(topic_id)
        return self._proxy.mapFromSource(item.index()) if item is not None else QModelIndex()

    def select_topic(self, topic_id: str) -> None:
        """Follow navigation that happened elsewhere, without announcing it again."""
        index = self.index_of(topic_id)
        if not index.isValid():
            return
        self._programmatic = True
        try:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            self._programmatic = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._programmatic and current.isValid():
            self.topic_requested.emit(current.data(TOPIC_ID_ROLE))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.topic_requested.emit(index.data(TOPIC_ID_ROLE))
