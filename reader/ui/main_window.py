"""The main window: builds the panes and controllers, and wires every signal in ``_connect_signals``.

The behaviour lives in the controllers of :mod:`reader.ui.window` (library, navigator, session,
focus and the command groups); none of them knows this class.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from reader.ui.common.settings import Key, Settings
from reader.ui.common.theme import ThemeController, chosen_palette
from reader.ui.startup import FINISH_STARTUP_DELAY_MS
from reader.ui.window.first_frame import FirstFrame
from reader.ui.window.session import restore_geometry

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from reader.ui.bookmarks.panel import BookmarksPanel
    from reader.ui.diagram.panel import DiagramPanel
    from reader.ui.search.panel import SearchPanel
    from reader.ui.window.practice_commands import PracticeCommands
    from reader.ui.window.project_run import ProjectRun


class MainWindow(QMainWindow):
    """Topic tree, search and bookmarks on the left, diagram and page on the right, headings docked."""

    first_paint_done = Signal()

    def __init__(
        self,
        content_root: Path,
        start_topic: str | None = None,
        settings: Settings | None = None,
        project: Path | None = None,
        *,
        build_after_show: bool = False,
    ) -> None:
        """The window on ``content_root``, at ``start_topic`` (else the remembered place), with the
        Django ``project`` open if given. With ``build_after_show`` the window is only its first
        frame (:class:`FirstFrame`) until it has been shown and painted; ``built`` says when the
        panes exist."""
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowTitle("Django Reader")
        self.resize(1280, 820)
        self.built = False
        self.build_error: Exception | None = None  # raised by run_gui once the event loop ends
        self._start = (content_root, start_topic, project)
        if build_after_show:
            restore_geometry(self, self.settings)  # mapped where it was, so nothing jumps
            self.setCentralWidget(FirstFrame(self._build_shown, chosen_palette(self.settings.get(Key.THEME))))
        else:
            self._build()

    def _build_shown(self) -> None:
        """Build into the first frame; an error ends the event loop (Qt's timers would only print it)."""
        from PySide6.QtWidgets import QApplication

        self.setUpdatesEnabled(False)  # no frame of panes not yet laid out reaches the screen
        try:
            self._build()
        except Exception as error:
            self.build_error = error
            QApplication.exit(1)
            return
        finally:
            self.setUpdatesEnabled(True)
        if self.isActiveWindow() and QApplication.focusWidget() is None:
            self.focusNextChild()  # activated while it had no widgets, so Qt focused none

    def _build(self) -> None:
        content_root, start_topic, project = self._start
        self.theme = ThemeController(parent=self)
        self.theme.apply(self.settings.get(Key.THEME))
        from reader.ui.window.library import Library
        from reader.ui.window.status_line import StatusLine

        self.library = Library(content_root, dark=self.theme.is_dark(), parent=self)
        self.status_line = StatusLine(self.statusBar())
        self._build_widgets()
        from reader.ui.window.actions import WindowActions

        self.actions_ = WindowActions(self)
        self.menus = self.actions_.build_menus()
        self.toolbar = self.actions_.build_toolbar()
        self._build_controllers()
        self._connect_signals()
        self.built = True
        self.session.restore(self.theme.mode, geometry=not self.isVisible())  # else restored when shown
        self.responsive.start()
        self.navigator.open_first(start_topic, *self.session.remembered_place())
        self.diagram_commands.arm()
        for notice in [self.settings.notice, *self.library.content.notices]:
            self.status_line.notify(notice)
        if project is not None:
            self.project_commands.open_project(project)
        if self.isVisible():
            self._settle_layout()

    # --- construction -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

        from reader.ui.common.lazy_pane import LazyPane
        from reader.ui.page.headings import HeadingsDock
        from reader.ui.page.measure import ReadingMeasure
        from reader.ui.page.view import PageView
        from reader.ui.topics.pane import TopicsPane
        from reader.ui.window.layout import HEADINGS_PX
        from reader.ui.window.side_panels import make_bookmarks_panel, make_diagram_panel, make_search_panel

        topics = TopicsPane()
        self.tree, self.tree_filter = topics.tree, topics.filter
        self.tree.set_content(self.library.content)
        # Panes the first frame does not show: made on first use, and wired as they are made.
        self.search_pane: LazyPane[SearchPanel] = LazyPane(
            lambda: make_search_panel(
                self.library.content, self.navigator.open_with_highlights, self.focus.leave_search,
                self.status_line.notify,
            )
        )  # fmt: skip
        self.bookmarks_pane: LazyPane[BookmarksPanel] = LazyPane(
            lambda: make_bookmarks_panel(
                self.library.bookmarks.items(), self.actions_.bookmark.shortcut(), self.navigator.open_topic,
                self.bookmark_commands.remove, self.focus.back_to_page,
            )
        )  # fmt: skip
        self.left_tabs = QTabWidget()
        self.left_tabs.setObjectName("leftTabs")
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.addTab(topics, "Topics")
        self.left_tabs.addTab(self.search_pane, "Search")
        self.left_tabs.addTab(self.bookmarks_pane, "Bookmarks")
        self.left_tabs.setMinimumWidth(self.left_tabs.tabBar().sizeHint().width() + 4)  # no clipped tab
        self.page = PageView()
        self.page.set_content_root(self.library.content.root)
        self.page.document().setDocumentMargin(28)
        self.measure = ReadingMeasure(self.page)
        page_area = QWidget()
        self._page_layout = QVBoxLayout(page_area)
        self._page_layout.setContentsMargins(0, 0, 0, 0)
        self._page_layout.setSpacing(0)
        self._page_layout.addWidget(self.page, 1)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.diagram_pane: LazyPane[DiagramPanel] = LazyPane(
            lambda: make_diagram_panel(
                self.library.diagram, self.navigator.current_topic_id, self.actions_.pin_diagram,
                self.navigator.open_topic, self.status_line.show,
            )
        )  # fmt: skip
        self.diagram_pane.hide()
        self.right_splitter.addWidget(self.diagram_pane)
        self.right_splitter.addWidget(page_area)
        self.right_splitter.setSizes([420, 400])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_tabs)
        self.right_stack = QStackedWidget()  # the guide's side; the project workspace is added as page 1
        self.right_stack.setObjectName("rightStack")
        self.right_stack.addWidget(self.right_splitter)
        self.splitter.addWidget(self.right_stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 980])
        self.setCentralWidget(self.splitter)
        self.headings_dock = HeadingsDock(self)
        self.headings_panel = self.headings_dock.panel
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.headings_dock)
        self.resizeDocks([self.headings_dock], [HEADINGS_PX], Qt.Orientation.Horizontal)
        self.headings_panel.follow_scroll(self.page)

    def _settle_layout(self) -> None:
        """Lay out panes built into the shown first frame as ``show()`` would have laid them out."""
        from PySide6.QtCore import QCoreApplication, Qt

        from reader.ui.window.layout import HEADINGS_PX

        QCoreApplication.sendPostedEvents()  # the new widgets are shown and their layouts requested
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resizeDocks([self.headings_dock], [HEADINGS_PX], Qt.Orientation.Horizontal)

    def _build_controllers(self) -> None:
        from reader.ui.window.bookmark_commands import BookmarkCommands
        from reader.ui.window.diagram_commands import DiagramCommands
        from reader.ui.window.focus import PaneFocus, Panes
        from reader.ui.window.help import HelpCommands
        from reader.ui.window.layout import ResponsiveLayout
        from reader.ui.window.navigator import Navigator
        from reader.ui.window.page_commands import PageCommands
        from reader.ui.window.project_commands import ProjectCommands, ProjectWidgets
        from reader.ui.window.reading_commands import ReadingCommands
        from reader.ui.window.session import Session, SessionWidgets

        actions, library = self.actions_, self.library
        self.navigator = Navigator(library, self.page, self)
        self.page_commands = PageCommands(
            library, self.navigator, self.page, self._page_layout, self.headings_panel.list,
            self.settings.get(Key.ZOOM), self,
        )  # fmt: skip
        self.project_commands = ProjectCommands(
            self.settings,
            ProjectWidgets(self, self.left_tabs, self.right_stack),
            lambda topic: library.title(topic) if topic in library.content.topics else "",
            self.theme.is_dark,
        )
        self.focus = PaneFocus(
            Panes(
                self, self.left_tabs, self.tree, self.tree_filter, self.search_pane,
                self.bookmarks_pane, self.diagram_pane, self.page, self.headings_panel.list,
                actions.side_panel,
                (self.project_commands.pane,), (self.project_commands.workspace,),
            )
        )  # fmt: skip
        self.diagram_commands = DiagramCommands(
            library, self.navigator, self.diagram_pane, self.right_splitter, actions.diagram, self,
            self.page, self.settings, actions.pin_diagram,
        )  # fmt: skip
        self.bookmark_commands = BookmarkCommands(
            library,
            self.navigator,
            self.bookmarks_pane,
            actions.bookmark,
            [actions.bookmark, actions.bookmarks],
            self,
        )
        self.reading_commands = ReadingCommands(library, self.tree, parent=self)
        self.help = HelpCommands(actions.all, self)
        self.responsive = ResponsiveLayout(
            self, self.splitter, self.left_tabs, self.headings_dock, actions.side_panel, actions.headings
        )
        self.session = Session(
            self.settings,
            SessionWidgets(
                self, self.splitter, self.right_splitter, self.left_tabs, self.headings_dock,
                self.diagram_pane, actions.headings, actions.theme_actions, actions.side_panel,
            ),
        )  # fmt: skip

    def _connect_signals(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        from reader.ui.window.project_tools import ProjectTools

        actions, navigator, library, status = self.actions_, self.navigator, self.library, self.status_line
        # Status messages and notices of every controller.
        for controller in (
            navigator,
            library,
            self.page_commands,
            self.diagram_commands,
            self.bookmark_commands,
            self.reading_commands,
            self.project_commands,
        ):
            controller.status_message.connect(status.show)
        library.notice.connect(status.notify)
        # The content: views follow a new root.
        library.about_to_change.connect(self._stop_indexing)
        library.content_changed.connect(self._follow_content)
        # Navigation intents from the widgets, and what follows a shown topic.
        self.tree.topic_requested.connect(navigator.open_topic)
        self.page.link_activated.connect(navigator.follow_link)
        self.page.back_requested.connect(navigator.go_back)
        self.page.forward_requested.connect(navigator.go_forward)
        self.page.copy_code_requested.connect(self.page_commands.copy_code_block)
        self.page.zoom_requested.connect(self.page_commands.zoom_by)
        self.page.first_painted.connect(self._on_first_paint)
        self.headings_panel.anchor_requested.connect(self.page.scrollToAnchor)
        navigator.page_shown.connect(lambda page: self.headings_panel.set_headings(page.headings))
        navigator.page_shown.connect(lambda page: self.setWindowTitle(f"{page.title} — Django Reader"))
        navigator.topic_shown.connect(self.tree.select_topic)
        navigator.topic_shown.connect(library.report_notices)
        navigator.showing_topic.connect(self.diagram_commands.show_for_topic)  # before the paint (resizes it)
        navigator.topic_shown.connect(self.diagram_commands.mark_topic)
        navigator.showing_topic.connect(self.bookmark_commands.follow_topic)  # the action's state, at once
        navigator.topic_shown.connect(self.reading_commands.follow_topic)
        navigator.can_go_back_changed.connect(actions.back.setEnabled)
        navigator.can_go_forward_changed.connect(actions.forward.setEnabled)
        # Go menu.
        actions.back.triggered.connect(navigator.go_back)
        actions.forward.triggered.connect(navigator.go_forward)
        actions.home.triggered.connect(navigator.open_home)
        actions.previous_topic.triggered.connect(navigator.open_previous)
        actions.next_topic.triggered.connect(navigator.open_next)
        actions.mark_all_unread.triggered.connect(self.reading_commands.mark_all_unread)
        actions.search.triggered.connect(self.focus.focus_search)
        actions.filter_topics.triggered.connect(self.focus.focus_filter)
        actions.find.triggered.connect(self.page_commands.find)
        actions.find_next.triggered.connect(self.page_commands.find_next)
        actions.find_previous.triggered.connect(self.page_commands.find_previous)
        actions.next_pane.triggered.connect(lambda: self.focus.cycle(1))
        actions.previous_pane.triggered.connect(lambda: self.focus.cycle(-1))
        for widget, key, slot in (
            (self.page, "/", self.focus.focus_search),
            (self.page, "Ctrl+Home", lambda: self.page_commands.scroll_to_edge(end=False)),
            (self.page, "Ctrl+End", lambda: self.page_commands.scroll_to_edge(end=True)),
            (self.tree_filter, "Escape", self.focus.escape_filter),
            (self.headings_panel.list, "Escape", self.focus.back_to_page),
        ):
            shortcut = QShortcut(QKeySequence(key), widget, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # (PySide ignores context= here)
        # View menu.
        actions.headings.toggled.connect(self.headings_dock.setVisible)
        actions.caret.setChecked(self.page.accessibility.caret_browsing)
        actions.caret.toggled.connect(self.page.accessibility.set_caret_browsing)
        self.page.accessibility.caret_browsing_changed.connect(actions.caret.setChecked)
        self.headings_dock.visibilityChanged.connect(self._sync_headings_action)
        actions.zoom_in.triggered.connect(lambda: self.page_commands.zoom_by(1))
        actions.zoom_out.triggered.connect(lambda: self.page_commands.zoom_by(-1))
        actions.zoom_reset.triggered.connect(lambda: self.page_commands.set_zoom(0))
        actions.diagram.toggled.connect(self.diagram_commands.show)
        actions.diagram.triggered.connect(self.diagram_commands.user_toggled)
        actions.diagram.triggered.connect(self.diagram_commands.focus)
        actions.walkthrough.triggered.connect(self.diagram_commands.start_walkthrough)
        navigator.walkthrough_requested.connect(self.diagram_commands.start_walkthrough)
        actions.theme_group.triggered.connect(self._choose_theme)
        self.theme.theme_changed.connect(lambda _dark: actions.refresh_icons())
        self.theme.theme_changed.connect(self.page_commands.theme_changed)
        # Bookmarks menu.
        actions.bookmark.triggered.connect(self.bookmark_commands.toggle)
        actions.bookmarks.triggered.connect(self.focus.focus_bookmarks)
        self.menus["bookmarks"].aboutToShow.connect(
            lambda: self.bookmark_commands.fill_menu(self.menus["bookmarks"])
        )
        # File and Help menus.
        actions.print.triggered.connect(self.page_commands.print_topic)
        actions.export_pdf.triggered.connect(self.page_commands.export_pdf)
        actions.export_diagram.triggered.connect(self.diagram_commands.export)
        actions.copy_code.triggered.connect(lambda: self.page_commands.copy_code_block())
        actions.shortcuts.triggered.connect(self.help.show_shortcuts)
        actions.about.triggered.connect(self.help.show_about)
        actions.open_content.triggered.connect(self._choose_content_folder)
        # The learner's own Django project.
        project = self.project_commands
        actions.open_project.triggered.connect(project.choose_project)
        self.menus["recent_projects"].aboutToShow.connect(
            lambda: project.fill_recent_menu(self.menus["recent_projects"])
        )
        project.topic_requested.connect(navigator.open_topic)
        project.project_loaded.connect(lambda _map: actions.side_panel.setChecked(True))  # its map shows
        self.theme.theme_changed.connect(lambda _dark: project.theme_changed())
        # Running the open project (with consent), following a request, practice: made on first use.
        self.project_tools = ProjectTools(self, actions, self.project_commands, status.show)
        actions.reload.triggered.connect(lambda: library.load())
        actions.quit.triggered.connect(self.close)

    @property
    def project_run(self) -> ProjectRun:
        """The open project's runner (made now if it was not yet)."""
        return self.project_tools.run

    @property
    def practice(self) -> PracticeCommands:
        """Practice on the open project (made now if it was not yet)."""
        return self.project_tools.practice

    @property
    def search_panel(self) -> SearchPanel:
        return self.search_pane.widget()

    @property
    def bookmarks_panel(self) -> BookmarksPanel:
        return self.bookmarks_pane.widget()

    @property
    def diagram_panel(self) -> DiagramPanel:
        return self.diagram_pane.widget()

    # --- slots that reach several widgets -------------------------------------------------------
    def _follow_content(self, reloading: bool) -> None:
        """The library read a new content root: every view follows, then the page reopens."""
        content = self.library.content
        self.page.set_content_root(content.root)
        self.tree.set_content(content, keep_open=reloading)
        self.reading_commands.stop()
        self.reading_commands.show_marks()
        self.diagram_commands.content_changed()
        if self.search_pane.created:
            self.search_panel.set_content(content)
        self.navigator.restart(keep_place=reloading)

    def _stop_indexing(self) -> None:
        if self.search_pane.created:
            self.search_panel.stop_indexing()

    def _choose_content_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, "Open a folder of Markdown topics", str(self.library.content.root)
        )
        if folder:
            self.library.load(Path(folder))

    def _choose_theme(self, action: QAction) -> None:
        """A View → Theme entry was chosen: remember its mode, then apply it."""
        mode = str(action.data())
        self.settings.set(Key.THEME, mode)
        self.theme.apply(mode)

    def _sync_headings_action(self, visible: bool) -> None:
        if not self.isMinimized():
            self.actions_.headings.setChecked(self.headings_dock.isVisibleTo(self) or visible)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.built:  # closed while only the first frame was shown: nothing to save
            frame = self.centralWidget()
            if isinstance(frame, FirstFrame):
                frame.cancel()
            super().closeEvent(event)
            return
        self.library.stop_background_work()
        self.reading_commands.stop()
        self.project_commands.stop()
        self.project_tools.stop()
        self._stop_indexing()
        self.session.save(
            self.page_commands.zoom_level,
            self.navigator.current_topic_id,
            self.navigator.scroll,
            self.responsive.wide_layout(),
        )
        super().closeEvent(event)

    def _on_first_paint(self) -> None:
        QTimer.singleShot(0, self.first_paint_done.emit)
        # Later, so a quit right after the first frame (--exit-after-paint) skips it.
        QTimer.singleShot(FINISH_STARTUP_DELAY_MS, self, self.finish_startup)  # cancelled if closed

    def finish_startup(self) -> None:
        """Work the first frame does not need, done right after it is painted (see reader.ui.startup)."""
        from reader.ui.dialogs.about import load_app_icon

        self.setWindowIcon(load_app_icon())
        self.bookmark_commands.update_action()  # loads the bookmarks
        self.reading_commands.show_marks()  # loads the read marks
        self.library.finish_startup()
        if self.navigator.current_topic_id:
            self.diagram_commands.follow_topic(self.navigator.current_topic_id)
