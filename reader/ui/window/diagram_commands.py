"""Showing, focusing and following the diagram pane, and the rule that opens it for its own topic.

The content names the topic that explains its diagram (``topic = "..."`` in ``diagram.toml``);
opening that topic shows the diagram. Reading ``diagram.toml`` imports tomllib, which the first
frame must not wait for: the rule holds from :meth:`DiagramCommands.arm` on (called once the start
topic is open), and the window applies it to the start topic after the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from reader.ui.common.status import Duration

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

    from reader.ui.common.lazy_pane import LazyPane
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
    ) -> None:
        super().__init__(window)
        self._library = library
        self._navigator = navigator
        self._pane = pane
        self._splitter = splitter
        self._action = action
        self._window = window
        self._page = page
        self._armed = False

    def arm(self) -> None:
        """From now on, opening the diagram's own topic shows the diagram."""
        self._armed = True

    def follow_topic(self, topic_id: str) -> None:
        """Mark ``topic_id`` in a built diagram; show the diagram if this is its topic."""
        if self._pane.created:
            self._pane.widget().highlight_topic(topic_id)
        if self._armed and self._library.has_diagram:
            diagram = self._library.diagram
            if diagram is not None and diagram.topic == topic_id:
                self._action.setChecked(True)

    def content_changed(self) -> None:
        """A new content root: rebuild the pane (if built) and hide it if there is no diagram now."""
        self._pane.reset()
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
