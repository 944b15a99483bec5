"""The main window: builds the panes and wires every signal in one place (``_connect_signals``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.content.loader import ContentLoader
from reader.core.history import History, Place
from reader.core.render.cache import CachedRenderer
from reader.core.render.page import RenderedPage
from reader.resources import read_text
from reader.ui.common.lazy_pane import LazyPane
from reader.ui.common.settings import Settings
from reader.ui.common.theme import ThemeController
from reader.ui.page.headings import HeadingsPanel
from reader.ui.page.view import ZOOM_RANGE, PageView
from reader.ui.topics.tree import TopicTreeView
from reader.ui.window.actions import WindowActions
from reader.ui.window.commands import WindowCommands
from reader.ui.window.pane_commands import PaneCommands
from reader.ui.window.session import open_start_topic, restore_session, save_session

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from reader.core.bookmarks import BookmarkStore
    from reader.core.diagram.model import Diagram
    from reader.ui.bookmarks.panel import BookmarksPanel
    from reader.ui.diagram.panel import DiagramPanel
    from reader.ui.page.find_bar import FindBar
    from reader.ui.page.link_router import LinkRouter
    from reader.ui.search.panel import SearchPanel

ARCHITECTURE_TOPIC = "request-flow"
FINISH_STARTUP_DELAY_MS = 150


class MainWindow(QMainWindow):
    """Topic tree, search and bookmarks on the left, diagram and page on the right, contents docked."""

    first_paint_done = Signal()
    topic_shown = Signal(str)
    content_changed_on_disk = Signal(int)  # from the verification thread: how many files changed

    def __init__(
        self, content_root: Path, start_topic: str | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.theme = ThemeController(parent=self)
        self.theme.apply(self.settings.text("view/theme", "system"))
        self.content_loader = ContentLoader(content_root)
        self.content = self.content_loader.load(verify=False)  # checked after the first paint
        self.has_diagram = (self.content.root / "diagram.toml").is_file()
        self._diagram: Diagram | None = None
        self._bookmarks: BookmarkStore | None = None
        notices = [self.settings.notice, *self.content.notices]
        self.renderer = CachedRenderer(self.content, dark=self.theme.is_dark())
        self._router: LinkRouter | None = None
        self.history = History()
        self.current_topic_id: str | None = None
        self.zoom_level = self.settings.number("view/zoom", 0, *ZOOM_RANGE)
        self._notices: list[str] = []
        self._stop_warm_up = threading.Event()
        self._build_widgets()
        self.actions_ = WindowActions(self)
        self.commands = WindowCommands(self)
        self.panes = PaneCommands(self)
        self.menus = self.actions_.build_menus()
        self.toolbar = self.actions_.build_toolbar()
        self._connect_signals()
        self._apply_page_style()
        restore_session(self)
        open_start_topic(self, start_topic)
        self._update_history_actions()
        for notice in notices:
            self.notify(notice)
        if not self._notices and self.content.problems:
            count = len(self.content.problems)
            self.statusBar().showMessage(
                f"{count} problem(s) in this content; run django-reader --check", 10000
            )

    # --- construction -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.setWindowTitle("Django Reader")
        self.resize(1280, 820)
        self.tree_filter = QLineEdit()
        self.tree_filter.setObjectName("treeFilter")
        self.tree_filter.setPlaceholderText("Filter topics (Ctrl+Shift+F)")
        self.tree_filter.setClearButtonEnabled(True)
        self.tree_filter.setAccessibleName("Filter topics")
        self.tree = TopicTreeView()
        self.tree.set_content(self.content)
        tree_pane = QWidget()
        tree_layout = QVBoxLayout(tree_pane)
        tree_layout.setContentsMargins(8, 8, 8, 4)
        tree_layout.setSpacing(6)
        tree_layout.addWidget(self.tree_filter)
        tree_layout.addWidget(self.tree)
        self.search_pane: LazyPane[SearchPanel] = LazyPane(self._make_search_panel)
        self.bookmarks_pane: LazyPane[BookmarksPanel] = LazyPane(self._make_bookmarks_panel)
        self.left_tabs = QTabWidget()
        self.left_tabs.setObjectName("leftTabs")
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(tree_pane, "Topics")
        self.left_tabs.addTab(self.search_pane, "Search")
        self.left_tabs.addTab(self.bookmarks_pane, "Bookmarks")
        self.page = PageView()
        self.page.set_content_root(self.content.root)
        self.page.document().setDocumentMargin(28)
        self._find_bar: FindBar | None = None
        page_area = QWidget()
        self._page_layout = QVBoxLayout(page_area)
        self._page_layout.setContentsMargins(0, 0, 0, 0)
        self._page_layout.setSpacing(0)
        self._page_layout.addWidget(self.page, 1)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.diagram_pane: LazyPane[DiagramPanel] = LazyPane(self._make_diagram_panel)
        self.diagram_pane.hide()
        self.right_splitter.addWidget(self.diagram_pane)
        self.right_splitter.addWidget(page_area)
        self.right_splitter.setSizes([420, 400])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 980])
        self.setCentralWidget(self.splitter)
        self.headings_panel = HeadingsPanel()
        self.headings_dock = QDockWidget("On this page", self)
        self.headings_dock.setObjectName("headingsDock")
        self.headings_dock.setWidget(self.headings_panel)
        self.headings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.headings_dock.setTitleBarWidget(QWidget())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.headings_dock)
        self.resizeDocks([self.headings_dock], [220], Qt.Orientation.Horizontal)
        self.headings_panel.follow_scroll(self.page)
        self.statusBar()

    def _connect_signals(self) -> None:
        actions = self.actions_
        # Navigation intents from the widgets.
        self.tree.topic_requested.connect(self.open_topic)
        self.tree_filter.textChanged.connect(self.tree.set_filter)
        self.page.link_activated.connect(lambda href: self.router.route(href, self.current_topic_id))
        self.page.back_requested.connect(self.go_back)
        self.page.forward_requested.connect(self.go_forward)
        self.headings_panel.anchor_requested.connect(self.page.scrollToAnchor)
        self.page.copy_code_requested.connect(self.commands.copy_code_block)
        self.page.zoom_requested.connect(lambda steps: self.set_zoom(self.zoom_level + steps))
        self.topic_shown.connect(self._follow_in_panes)
        self.page.first_painted.connect(self._on_first_paint)
        # Go menu.
        actions.back.triggered.connect(self.go_back)
        actions.forward.triggered.connect(self.go_forward)
        actions.home.triggered.connect(self.panes.open_home)
        actions.previous_topic.triggered.connect(lambda: self.panes.open_neighbour(0))
        actions.next_topic.triggered.connect(lambda: self.panes.open_neighbour(1))
        actions.search.triggered.connect(self.panes.focus_search)
        actions.filter_topics.triggered.connect(self.panes.focus_filter)
        actions.find.triggered.connect(lambda: self.find_bar.open_bar())
        actions.find_next.triggered.connect(self.panes.find_next)
        actions.find_previous.triggered.connect(self.panes.find_previous)
        actions.next_pane.triggered.connect(lambda: self.panes.cycle_focus(1))
        actions.previous_pane.triggered.connect(lambda: self.panes.cycle_focus(-1))
        QShortcut(
            QKeySequence("/"), self.page, self.panes.focus_search, context=Qt.ShortcutContext.WidgetShortcut
        )
        # View menu.
        actions.headings.toggled.connect(self.headings_dock.setVisible)
        self.headings_dock.visibilityChanged.connect(self._sync_headings_action)
        actions.zoom_in.triggered.connect(lambda: self.set_zoom(self.zoom_level + 1))
        actions.zoom_out.triggered.connect(lambda: self.set_zoom(self.zoom_level - 1))
        actions.zoom_reset.triggered.connect(lambda: self.set_zoom(0))
        actions.diagram.toggled.connect(self.panes.show_diagram)
        actions.diagram.triggered.connect(self.panes.focus_diagram)
        actions.walkthrough.triggered.connect(self.panes.start_walkthrough)
        actions.theme_group.triggered.connect(self.commands.choose_theme)
        self.theme.theme_changed.connect(self.commands.on_theme_changed)
        # Bookmarks menu.
        actions.bookmark.triggered.connect(self.commands.toggle_bookmark)
        actions.bookmarks.triggered.connect(self.commands.show_bookmarks)
        self.menus["bookmarks"].aboutToShow.connect(self.commands.fill_bookmarks_menu)
        # File and Help menus.
        actions.print.triggered.connect(self.commands.print_topic)
        actions.export_pdf.triggered.connect(self.commands.export_topic_pdf)
        actions.export_diagram.triggered.connect(lambda: self.diagram_panel.export())
        actions.copy_code.triggered.connect(lambda: self.commands.copy_code_block())
        actions.shortcuts.triggered.connect(self.commands.show_shortcuts)
        actions.about.triggered.connect(self.commands.show_about)
        actions.open_content.triggered.connect(self.commands.choose_content_folder)
        self.content_changed_on_disk.connect(self._reload_changed_content)  # a QObject slot: queued
        actions.reload.triggered.connect(lambda: self.commands.load_content())
        actions.quit.triggered.connect(self.close)

    # What the first frame does not need is built on first use and wired here as it is built.
    @property
    def router(self) -> LinkRouter:
        if self._router is None:
            from reader.ui.page.link_router import LinkRouter

            self._router = router = LinkRouter(self.content, self)
            router.topic_requested.connect(self.open_topic)
            router.anchor_requested.connect(self.page.scrollToAnchor)
            router.web_opened.connect(
                lambda url: self.statusBar().showMessage(f"Opened in your browser: {url}", 5000)
            )
            router.refused.connect(lambda message: self.statusBar().showMessage(message, 10000))
        return self._router

    @property
    def find_bar(self) -> FindBar:
        if self._find_bar is None:
            from reader.ui.page.find_bar import FindBar

            self._find_bar = FindBar(self.page)
            self._page_layout.addWidget(self._find_bar)
            chain = [self.page, *self._find_bar.focus_chain(), self.headings_panel.list]
            for before, after in pairwise(chain):  # built late, so its Tab order is set by hand
                QWidget.setTabOrder(before, after)
            self._find_bar.closed.connect(self.page.setFocus)
        return self._find_bar

    def _make_search_panel(self) -> SearchPanel:
        from reader.ui.search.panel import SearchPanel

        panel = SearchPanel()
        panel.set_content(self.content)
        panel.edit.setAccessibleName("Search the guide")
        panel.edit.setAccessibleDescription(
            "Type to search titles and pages; Up and Down pick a result, Enter opens it"
        )
        panel.result_chosen.connect(self.panes.open_search_result)
        panel.closed.connect(self.panes.leave_search)
        panel.notice.connect(self.notify)
        return panel

    def _make_bookmarks_panel(self) -> BookmarksPanel:
        from reader.ui.bookmarks.panel import BookmarksPanel

        panel = BookmarksPanel()
        panel.set_bookmarks(self.bookmarks.items())
        panel.set_shortcut_hint(self.actions_.bookmark.shortcut())
        panel.topic_requested.connect(self.open_topic)
        panel.remove_requested.connect(self.commands.remove_bookmark)
        return panel

    def _make_diagram_panel(self) -> DiagramPanel:
        from reader.ui.diagram.panel import DiagramPanel

        panel = DiagramPanel(self.diagram)
        panel.setAccessibleName("Architecture diagram")
        panel.topic_requested.connect(self.open_topic)
        panel.status_message.connect(lambda message: self.statusBar().showMessage(message, 8000))
        panel.highlight_topic(self.current_topic_id)
        return panel

    @property
    def search_panel(self) -> SearchPanel:
        return self.search_pane.widget()

    @property
    def bookmarks_panel(self) -> BookmarksPanel:
        return self.bookmarks_pane.widget()

    @property
    def diagram_panel(self) -> DiagramPanel:
        return self.diagram_pane.widget()

    @property
    def diagram(self) -> Diagram | None:
        """The content's diagram, loaded on first use (``--check`` reports its problems)."""
        if self._diagram is None and self.has_diagram:
            from reader.core.diagram.toml_reader import load_diagram

            self._diagram, _problems = load_diagram(self.content.root)
        return self._diagram

    @property
    def bookmarks(self) -> BookmarkStore:
        if self._bookmarks is None:
            from reader.core.bookmarks import BookmarkStore

            self._bookmarks = BookmarkStore()
            self.notify(self._bookmarks.load())
        return self._bookmarks

    def notify(self, notice: str) -> None:
        """Show a once-per-session notice (corrupt files set aside…) without hiding earlier ones."""
        if notice and notice not in self._notices:
            self._notices.append(notice)
            self.statusBar().showMessage(" · ".join(self._notices), 20000)

    def _follow_in_panes(self, topic_id: str) -> None:
        if self.diagram_pane.created:
            self.diagram_panel.highlight_topic(topic_id)
        if self._bookmarks is not None:
            self.commands.update_bookmark_action()

    @Slot(int)
    def _reload_changed_content(self, count: int) -> None:
        self.commands.reload_changed_content(count)

    # --- navigation ---------------------------------------------------------------------------
    def open_topic(self, topic_id: str, anchor: str = "") -> bool:
        """Show a topic, record it in history and make the tree follow; False if unknown."""
        if topic_id not in self.content.topics:
            self.statusBar().showMessage(f"No topic '{topic_id}' in this guide", 10000)
            return False
        if topic_id == self.current_topic_id:
            if anchor:
                self.page.scrollToAnchor(anchor)
            return True
        self.history.remember_scroll(self.page.verticalScrollBar().value())
        self._show(topic_id, anchor)
        self.history.visit(topic_id)
        self._update_history_actions()
        return True

    def _show(self, topic_id: str, anchor: str = "", scroll: int | None = None) -> RenderedPage:
        page = self.renderer.render(topic_id)
        self.current_topic_id = topic_id
        if self.page.extraSelections():
            from reader.ui.page.highlight import clear_highlights

            clear_highlights(self.page)
        self.page.show_page(page, anchor)
        if scroll is not None:
            self.page.verticalScrollBar().setValue(scroll)
        self.headings_panel.set_headings(page.headings)
        self.tree.select_topic(topic_id)
        self.setWindowTitle(f"{page.title} — Django Reader")
        if topic_id == ARCHITECTURE_TOPIC and self.has_diagram:
            self.actions_.diagram.setChecked(True)
        if page.error:
            self.statusBar().showMessage(page.error, 10000)
        while self.renderer.notices:
            self.notify(self.renderer.notices.pop(0))
        self.topic_shown.emit(topic_id)
        return page

    def go_back(self) -> None:
        self._go(self.history.back)

    def go_forward(self) -> None:
        self._go(self.history.forward)

    def _go(self, step: Callable[[], Place | None]) -> None:
        self.history.remember_scroll(self.page.verticalScrollBar().value())
        place = step()
        if place is not None:
            self._show(place.topic_id, scroll=place.scroll)
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.actions_.back.setEnabled(self.history.can_go_back())
        self.actions_.forward.setEnabled(self.history.can_go_forward())

    # --- appearance ---------------------------------------------------------------------------
    def _apply_page_style(self) -> None:
        css = read_text("styles/page-dark.css" if self.renderer.dark else "styles/page-light.css")
        self.zoom_level = self.page.set_appearance(css, self.zoom_level)

    def set_zoom(self, level: int) -> None:
        if level != self.zoom_level:
            self.zoom_level = level
            self._apply_page_style()
        self.statusBar().showMessage(f"Zoom {self.page.zoom_percent()}%", 2000)

    def _sync_headings_action(self, visible: bool) -> None:
        if not self.isMinimized():
            self.actions_.headings.setChecked(self.headings_dock.isVisibleTo(self) or visible)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commands.stop_background_work()
        save_session(self)
        super().closeEvent(event)

    def _on_first_paint(self) -> None:
        QTimer.singleShot(0, self.first_paint_done.emit)
        # Later, so a quit right after the first frame (--exit-after-paint) skips it.
        QTimer.singleShot(FINISH_STARTUP_DELAY_MS, self, self.commands.finish_startup)  # cancelled if closed
