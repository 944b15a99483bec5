"""The "Topics" tab: a filter line over the topic tree.

The filter narrows the tree as the learner types (``tree.set_filter``); Down moves into the tree
at the first match and Enter opens it. Everything else the tree asks for (``topic_requested``) is
wired by the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from reader.ui.common.accessible import name_clear_button
from reader.ui.topics.tree import TopicTreeView


class TopicsPane(QWidget):
    """``filter`` (a ``QLineEdit`` named ``treeFilter``) above ``tree`` (a :class:`TopicTreeView`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setObjectName("treeFilter")
        self.filter.setPlaceholderText("Filter topics (Ctrl+Shift+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter topics")
        self.filter.setAccessibleDescription("Down moves to the matching topics; Enter opens the first")
        name_clear_button(self.filter, "Clear the filter")
        self.tree = TopicTreeView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self.tree.set_filter)
        self.filter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the filter moves into the tree at the first match; Enter opens that match."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Down:
                self.tree.open_first_match(focus=True)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.tree.open_first_match(focus=False)
                return True
        return super().eventFilter(watched, event)
