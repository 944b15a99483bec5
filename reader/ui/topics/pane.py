"""The "Topics" tab: a filter line over the topic tree.

The filter narrows the tree as the learner types (``tree.set_filter``); everything else the
tree asks for (``topic_requested``) is wired by the main window.
"""

from __future__ import annotations

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
        name_clear_button(self.filter, "Clear the filter")
        self.tree = TopicTreeView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self.tree.set_filter)
