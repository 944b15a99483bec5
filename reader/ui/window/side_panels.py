"""The side panes the first frame does not show (search, bookmarks, the diagram), made on first use.

Each maker builds its panel and connects the panel's intent signals to the slots it is given; the
main window calls it the first time the pane is shown (see :class:`reader.ui.common.lazy_pane.LazyPane`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtGui import QAction, QKeySequence

    from reader.core.bookmarks import Bookmark
    from reader.core.content.model import ContentRoot
    from reader.core.diagram.model import Diagram
    from reader.ui.bookmarks.panel import BookmarksPanel
    from reader.ui.diagram.panel import DiagramPanel
    from reader.ui.search.panel import SearchPanel


def make_search_panel(
    content: ContentRoot,
    open_result: Callable[[str, list[str], str], None],
    leave: Callable[[], None],
    notify: Callable[[str], None],
) -> SearchPanel:
    """The search panel on ``content``: a chosen result opens with ``open_result(topic id, searched
    terms, section)``, Escape calls ``leave``, index notices go to ``notify``."""
    from reader.ui.search.panel import SearchPanel

    panel = SearchPanel()
    panel.set_content(content)
    panel.edit.setAccessibleName("Search the guide")
    panel.edit.setAccessibleDescription(
        "Type to search titles and pages; Up and Down pick a result, Enter opens it"
    )
    panel.result_chosen.connect(open_result)
    panel.closed.connect(leave)
    panel.notice.connect(notify)
    return panel


def make_bookmarks_panel(
    bookmarks: Sequence[Bookmark],
    shortcut: QKeySequence,
    open_topic: Callable[[str], object],
    remove: Callable[[str], None],
    back_to_page: Callable[[], None],
) -> BookmarksPanel:
    """The bookmarks panel listing ``bookmarks`` (``shortcut`` adds one); Escape calls ``back_to_page``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence, QShortcut

    from reader.ui.bookmarks.panel import BookmarksPanel

    panel = BookmarksPanel()
    panel.set_bookmarks(bookmarks)
    panel.set_shortcut_hint(shortcut)
    panel.topic_requested.connect(open_topic)
    panel.remove_requested.connect(remove)
    back = QShortcut(QKeySequence("Escape"), panel.list, back_to_page)
    back.setContext(Qt.ShortcutContext.WidgetShortcut)  # as Escape leaves search
    return panel


def make_diagram_panel(
    diagram: Diagram | None,
    current_topic: str | None,
    pin: QAction,
    open_topic: Callable[[str], object],
    show_status: Callable[[str], None],
) -> DiagramPanel:
    """The diagram panel, ``current_topic``'s box marked, with the ``pin`` action in its tool row."""
    from reader.ui.diagram.panel import DiagramPanel

    panel = DiagramPanel(diagram)
    panel.setAccessibleName("Architecture diagram")
    panel.topic_requested.connect(open_topic)
    panel.status_message.connect(show_status)
    panel.highlight_topic(current_topic)
    panel.add_tool_action(pin)
    return panel
