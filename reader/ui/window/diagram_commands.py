"""Showing, focusing and following the diagram pane, and the rule that shows it with its topics.

The diagram's topics are those ``diagram.toml`` names: the topic that explains it (``topic``), its
nodes' topics and its walk-through steps' topics. Opening one of them shows the diagram; opening
any other topic hides it again, unless the reader pinned it (View → Pin Diagram), or hid it on
one of its topics (then it stays hidden until they show it again). Both choices are remembered.

Reading ``diagram.toml`` imports tomllib, which the first frame must not wait for: the rule holds
from :meth:`DiagramCommands.arm` on (called once the start topic is open), and the window applies
it to the start topic after the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from reader.ui.common.settings import Key
from reader.ui.common.status import Duration

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

    from reader.ui.common.lazy_pane import LazyPane
    from reader.ui.common.settings import Settings
    from reader.ui.diagram.panel import DiagramPanel
    from reader.ui.window.library import Library
    from reader.ui.window.navigator import Navigator

MIN_VISIBLE_HEIGHT = 150  # pixels: a diagram squeezed smaller than this is given room when shown


class DiagramCommands(QObject):
    """Slots of the diagram action, the walk-through and the topic-follows-diagram rule."""

    status_message = Signal(str, object)  # message, Duration

    def __init__(
        self,
        library: Library,
        navigator: Navigator,
        pane: LazyPane[DiagramPanel],
        splitter: QSplitter,
        action: QAction,
        window: QMainWindow,
        page: QWidget,
        settings: Settings,
        pin_action: QAction,
    ) -> None:
        super().__init__(window)
        self._library = library
        self._navigator = navigator
        self._pane = pane
        self._splitter = splitter
        self._action = action
        self._window = window
        self._page = page
        self._settings = settings
        self._pin_action = pin_action
        self._armed = False
        self._topics: frozenset[str] | None = None  # the diagram's topics, read on first need
        self.with_topics = settings.get(Key.DIAGRAM_WITH_TOPICS)
        pin_action.setChecked(settings.get(Key.DIAGRAM_PINNED))
        pin_action.toggled.connect(self._pinned)

    @property
    def pinned(self) -> bool:
        return self._pin_action.isChecked()

    def arm(self) -> None:
        """From now on, opening one of the diagram's topics shows it and other topics hide it."""
        self._armed = True

    def diagram_topics(self) -> frozenset[str]:
        """The topics ``diagram.toml`` names: its own, its nodes' and its steps' (empty without one)."""
        if self._topics is None:
            diagram = self._library.diagram if self._library.has_diagram else None
            topics: set[str] = set()
            if diagram is not None:
                topics.update(node.topic for node in diagram.nodes)
                topics.update(filter(None, (diagram.step_topic(step) for step in diagram.steps)))
                if diagram.topic:
                    topics.add(diagram.topic)
            self._topics = frozenset(topics)
        return self._topics

    def follow_topic(self, topic_id: str) -> None:
        """Mark ``topic_id`` in a built diagram; show the diagram on its topics, hide it elsewhere."""
        self.mark_topic(topic_id)
        self.show_for_topic(topic_id)

    def mark_topic(self, topic_id: str) -> None:
        """Mark ``topic_id`` in the diagram if it is built (a switch does this after drawing the page)."""
        if self._pane.created:
            self._pane.widget().highlight_topic(topic_id)

    def show_for_topic(self, topic_id: str) -> None:
        """Show the diagram on its topics and hide it elsewhere (before a switch draws the page,
        whose size this changes; a diagram shown here marks the topic at once)."""
        if not self._armed or not self._library.has_diagram:
            return
        if self._pane.created and self._pane.widget().walking_through():
            return  # a step may open a topic of its own; the walk-through keeps its diagram
        ours = topic_id in self.diagram_topics()
        self._action.setChecked(self.pinned or (ours and self.with_topics))

    def user_toggled(self, shown: bool) -> None:
        """The reader showed or hid the diagram: on its topics that is remembered; hiding unpins."""
        if self._navigator.current_topic_id in self.diagram_topics():
            self.with_topics = shown
            self._settings.set(Key.DIAGRAM_WITH_TOPICS, shown)
        if not shown and self.pinned:
            self._pin_action.setChecked(False)

    def _pinned(self, pinned: bool) -> None:
        self._settings.set(Key.DIAGRAM_PINNED, pinned)
        if pinned and self._library.has_diagram:
            self._action.setChecked(True)
        elif self._navigator.current_topic_id is not None:
            self.follow_topic(self._navigator.current_topic_id)

    def content_changed(self) -> None:
        """A new content root: rebuild the pane (if built) and hide it if there is no diagram now."""
        self._pane.reset()
        self._topics = None
        if not self._library.has_diagram:
            self._action.setChecked(False)

    def show(self, visible: bool) -> None:
        """Show or hide the pane, giving it room and keeping the focus out of a hidden pane."""
        self._pane.setVisible(visible)
        sizes = self._splitter.sizes()
        if visible and sizes[0] < MIN_VISIBLE_HEIGHT:
            total = max(sum(sizes), 600)
            self._splitter.setSizes([total * 11 // 20, total * 9 // 20])
        if visible and self._pane.widget().view is not None:
            self._pane.widget().highlight_topic(self._navigator.current_topic_id)
        elif not visible and self._pane.isAncestorOf(self._window.focusWidget()):
            self._page.setFocus()

    def focus(self, visible: bool) -> None:
        """When the user turns the diagram on, it takes the focus (not when navigation shows it)."""
        view = self._pane.widget().view if visible else None
        if view is not None:
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_walkthrough(self) -> None:
        if not self._library.has_diagram or self._pane.widget().view is None:
            self.status_message.emit(
                "This content has no diagram.toml, so there is no walk-through", Duration.NORMAL
            )
            return
        self._action.setChecked(True)
        self._pane.widget().follow_button.setChecked(True)

    def export(self) -> None:
        self._pane.widget().export()
