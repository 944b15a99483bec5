"""The main window: builds the panes and actions and wires every signal in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader.core.content import ContentRoot, load_content
from reader.core.history import History
from reader.core.render import RenderedPage
from reader.core.render_cache import CachedRenderer
from reader.resources import read_text
from reader.ui.link_router import LinkRouter
from reader.ui.page_view import PageView
from reader.ui.settings import Settings
from reader.ui.topic_tree import TopicTreeView


class MainWindow(QMainWindow):
    """Topic tree on the left, the page on the right; history, links and session restore."""

    first_paint_done = Signal()
    topic_shown = Signal(str)

    def __init__(
        self, content_root: Path, start_topic: str | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.content: ContentRoot = load_content(content_root)
        self.renderer = CachedRenderer(self.content, dark=self._is_dark())
        self.router = LinkRouter(self.content, self)
        self.history = History()
        self.current_topic_id: str | None = None
        self._painted = False
        self._build_widgets()
        self._build_actions()
        self._connect_signals()
        self._apply_page_style()
        self._restore_session()
        self._open_start_topic(start_topic)
        if self.settings.notice:
            self.statusBar().showMessage(self.settings.notice, 15000)
        elif self.content.problems:
            count = len(self.content.problems)
            self.statusBar().showMessage(
                f"{count} problem(s) in this content; run django-reader --check", 10000
            )

    # --- construction -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.setWindowTitle("Django Reader")
        self.resize(1200, 800)
        self.tree_filter = QLineEdit()
        self.tree_filter.setObjectName("treeFilter")
        self.tree_filter.setPlaceholderText("Filter topics")
        self.tree_filter.setClearButtonEnabled(True)
        self.tree_filter.setAccessibleName("Filter topics")
        self.tree = TopicTreeView()
        self.tree.set_content(self.content)
        self.tree.expandToDepth(0)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.tree_filter)
        left_layout.addWidget(self.tree)
        self.page = PageView()
        self.page.set_content_root(self.content.root)
        self.page.viewport().installEventFilter(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.page)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        self.setCentralWidget(self.splitter)
        self.statusBar()

    def _build_actions(self) -> None:
        style = self.style()
        self.back_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "&Back", self)
        self.back_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Back))
        self.back_action.setStatusTip("Go back to the previous topic")
        self.forward_action = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), "&Forward", self
        )
        self.forward_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Forward))
        self.forward_action.setStatusTip("Go forward again")
        self.home_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon), "&Home", self)
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        self.home_action.setStatusTip("Open the guide's start page")
        self.filter_action = QAction("Filter &Topics", self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        for action in (self.back_action, self.forward_action, self.home_action, self.filter_action):
            self.addAction(action)
        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.back_action, self.forward_action, self.home_action])
        self.addToolBar(toolbar)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.quit_action)
        go_menu = self.menuBar().addMenu("&Go")
        go_menu.addActions([self.back_action, self.forward_action, self.home_action, self.filter_action])
        self._update_history_actions()

    def _connect_signals(self) -> None:
        # Navigation intents from the widgets.
        self.tree.topic_requested.connect(self.open_topic)
        self.tree_filter.textChanged.connect(self.tree.set_filter)
        self.page.link_activated.connect(lambda href: self.router.route(href, self.current_topic_id))
        self.page.back_requested.connect(self.go_back)
        self.page.forward_requested.connect(self.go_forward)
        # What the link router decided.
        self.router.topic_requested.connect(self.open_topic)
        self.router.anchor_requested.connect(self.page.scrollToAnchor)
        self.router.web_opened.connect(
            lambda url: self.statusBar().showMessage(f"Opened in your browser: {url}", 5000)
        )
        self.router.refused.connect(lambda message: self.statusBar().showMessage(message, 10000))
        # Actions.
        self.back_action.triggered.connect(self.go_back)
        self.forward_action.triggered.connect(self.go_forward)
        self.home_action.triggered.connect(self._open_home)
        self.filter_action.triggered.connect(self._focus_filter)
        self.quit_action.triggered.connect(self.close)

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
        self.page.show_page(page, anchor)
        if scroll is not None:
            self.page.verticalScrollBar().setValue(scroll)
        self.tree.select_topic(topic_id)
        self.setWindowTitle(f"{page.title} — Django Reader")
        if page.error:
            self.statusBar().showMessage(page.error, 10000)
        self.topic_shown.emit(topic_id)
        return page

    def go_back(self) -> None:
        self.history.remember_scroll(self.page.verticalScrollBar().value())
        place = self.history.back()
        if place is not None:
            self._show(place.topic_id, scroll=place.scroll)
        self._update_history_actions()

    def go_forward(self) -> None:
        self.history.remember_scroll(self.page.verticalScrollBar().value())
        place = self.history.forward()
        if place is not None:
            self._show(place.topic_id, scroll=place.scroll)
        self._update_history_actions()

    def _open_home(self) -> None:
        if self.content.start_topic_id:
            self.open_topic(self.content.start_topic_id)

    def _focus_filter(self) -> None:
        self.tree_filter.setFocus()
        self.tree_filter.selectAll()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def _open_start_topic(self, start_topic: str | None) -> None:
        remembered = self.settings.text("session/topic")
        for candidate in (start_topic, remembered, self.content.start_topic_id):
            if candidate and candidate in self.content.topics:
                self.open_topic(candidate)
                if candidate == remembered and not start_topic:
                    scroll = self.settings.number("session/scroll", 0, 0)
                    QTimer.singleShot(0, lambda value=scroll: self.page.verticalScrollBar().setValue(value))
                break
        if start_topic and start_topic not in self.content.topics:
            self.statusBar().showMessage(
                f"No topic '{start_topic}' in this guide; showing the start page", 10000
            )
        if self.current_topic_id is None:
            self.page.setHtml("<h1>No topics</h1><p>This content root has no readable Markdown topics.</p>")

    # --- appearance ---------------------------------------------------------------------------
    def _is_dark(self) -> bool:
        return self.palette().window().color().lightness() < 128

    def _apply_page_style(self) -> None:
        css = read_text("styles/page-dark.css" if self.renderer.dark else "styles/page-light.css")
        self.page.set_style_sheet(css)

    # --- session ------------------------------------------------------------------------------
    def _restore_session(self) -> None:
        geometry = self.settings.blob("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        sizes = self.settings.numbers("window/splitter")
        if len(sizes) == 2 and all(size >= 0 for size in sizes) and sum(sizes) > 0:
            self.splitter.setSizes(sizes)

    def save_session(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/splitter", self.splitter.sizes())
        if self.current_topic_id:
            self.settings.set("session/topic", self.current_topic_id)
            self.settings.set("session/scroll", self.page.verticalScrollBar().value())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_session()
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self.page.viewport() and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self.first_paint_done.emit)
        return super().eventFilter(watched, event)
