"""Read marks: a topic counts as read once it has stayed on screen for ``READ_AFTER_MS``.

The rule is time on the page, not scrolling to its end: most topics fit in one or two screens, and
a page read at the top is still read. Leaving the topic (or the window closing) before the time is
up does not mark it. Marks are kept per content root by :class:`reader.core.reading.ReadingMarks`
in the user data folder, and shown as ticks in the topic tree; "Mark All Topics Unread" clears them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.ui.common.status import Duration

if TYPE_CHECKING:
    from reader.ui.topics.tree import TopicTreeView
    from reader.ui.window.library import Library

READ_AFTER_MS = 5000


class ReadingCommands(QObject):
    """Marks the shown topic read after ``read_after_ms`` and keeps the tree's ticks in step."""

    status_message = Signal(str, object)  # message, Duration

    def __init__(
        self,
        library: Library,
        tree: TopicTreeView,
        read_after_ms: int = READ_AFTER_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._tree = tree
        self._shown = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(read_after_ms)
        self._timer.timeout.connect(self._mark_shown)

    def follow_topic(self, topic_id: str) -> None:
        """A topic was shown: it counts as read if it is still shown ``read_after_ms`` from now."""
        self._shown = topic_id
        self._timer.start()

    def show_marks(self) -> None:
        """Load the marks (if not yet) and show them in the tree; call after the first frame and
        after a new content root."""
        self._tree.set_read_topics(self._library.reading.read_ids())

    def mark_all_unread(self) -> None:
        """Forget every read mark of this content root."""
        reading = self._library.reading
        reading.mark_all_unread()
        self._tree.set_read_topics(reading.read_ids())
        error = reading.error
        self.status_message.emit(error or "Every topic is marked unread", self._duration(error))

    def stop(self) -> None:
        """The window is closing or the content changing: the topic on screen is not marked."""
        self._timer.stop()

    def _mark_shown(self) -> None:
        reading = self._library.reading
        if self._shown and self._shown in self._library.content.topics and reading.mark_read(self._shown):
            self._tree.set_read_topics(reading.read_ids())
            if reading.error:
                self.status_message.emit(reading.error, Duration.PROBLEM)

    @staticmethod
    def _duration(error: str) -> Duration:
        return Duration.PROBLEM if error else Duration.BRIEF
