"""The opened Django project: scanning it off the GUI thread, its panel, source view and flow diagram.

:class:`ProjectCommands` owns the loaded :class:`~reader.core.project.model.ProjectMap`. It scans
a folder with :func:`reader.ui.common.background.run_in_background` (the GUI never waits), fills
the "Project" tab, remembers recent projects, shows activated rows' files in the read-only source
view, draws a selected URL's request with the diagram widget, and starts the learner's editor
(never through a shell, only on files under the project root).

While the Project tab is current and a project is open, the right side shows the project
workspace (flow diagram over source) instead of the guide's page; "Read about … in the guide"
goes back to the page with that topic (``topic_requested``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from reader.core.wording import plural
from reader.ui.common.background import BackgroundTask, run_in_background
from reader.ui.common.lazy_pane import LazyPane
from reader.ui.common.status import Duration
from reader.ui.window.editor_launcher import EditorLauncher
from reader.ui.window.project_scan import Scanned, outline, panel_title, scan_and_outline
from reader.ui.window.recent_projects import RecentProjects

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget

    from reader.core.project.flow import Flow
    from reader.core.project.model import ProjectMap, SourceRef
    from reader.core.project.source import SourceText
    from reader.ui.common.settings import Settings
    from reader.ui.diagram.panel import DiagramPanel
    from reader.ui.project.panel import ProjectPanel
    from reader.ui.project.source_view import SourceView

logger = logging.getLogger(__name__)

NOT_A_PROJECT = (
    "{reason}\n\n"
    "Django Reader looks for manage.py in the folder you open and up to two levels below it, "
    "then for the settings module that manage.py names (DJANGO_SETTINGS_MODULE), and reads "
    "ROOT_URLCONF, INSTALLED_APPS, MIDDLEWARE and TEMPLATES from it. Nothing in the folder is run."
)
FLOW_HINT = "Select a URL in the project map to draw the request that reaches it."


class ProjectWidgets(NamedTuple):
    """Where the project shows: the left tabs, and the stack whose first page is the guide's side."""

    window: QMainWindow
    left_tabs: QTabWidget
    right_stack: QStackedWidget


class ProjectCommands(QObject):
    """Open, scan and show a project; slots for the panel, the source view and the flow diagram."""

    status_message = Signal(str, object)  # message, Duration
    topic_requested = Signal(str)  # a guide topic the learner asked to read
    project_loaded = Signal(object)  # the new ProjectMap

    def __init__(
        self,
        settings: Settings,
        widgets: ProjectWidgets,
        topic_title: Callable[[str], str],
        is_dark: Callable[[], bool],
    ) -> None:
        super().__init__(widgets.window)
        self._settings, self._widgets = settings, widgets
        self._topic_title, self._is_dark = topic_title, is_dark
        self.editor = EditorLauncher(settings)
        self.recent = RecentProjects(settings, self.open_project)
        self.map: ProjectMap | None = None
        self.flow: Flow | None = None
        self._scan_task: BackgroundTask | None = None
        self._source_task: BackgroundTask | None = None
        self._shown: tuple[str, int] | None = None  # (file relative to the root, line)
        self.pane: LazyPane[ProjectPanel] = LazyPane(self._make_panel)
        self.workspace: LazyPane[QSplitter] = LazyPane(self._make_workspace)
        self.flow_panel: DiagramPanel | None = None
        widgets.right_stack.addWidget(self.workspace)
        widgets.left_tabs.addTab(self.pane, "Project")
        tabs = widgets.left_tabs
        tabs.setMinimumWidth(max(tabs.minimumWidth(), tabs.tabBar().sizeHint().width() + 4))  # no clipped tab
        widgets.left_tabs.currentChanged.connect(lambda _index: self._follow_tab())

    # ------------------------------------------------------------------ building

    def _make_panel(self) -> ProjectPanel:
        from reader.ui.project.panel import ProjectPanel

        panel = ProjectPanel()
        panel.open_requested.connect(self.choose_project)
        panel.url_selected.connect(self.draw_url)
        panel.source_requested.connect(self.show_source)
        panel.editor_requested.connect(self.edit_source)
        self.pane.setFocusProxy(panel)  # F6 and the tab reach the tree (or the open button)
        return panel

    def _make_workspace(self) -> QSplitter:
        from reader.ui.project.source_view import SourceView

        workspace = QSplitter(Qt.Orientation.Vertical)
        workspace.setObjectName("projectWorkspace")
        self._flow_holder = QWidget(workspace)
        self._flow_layout = QVBoxLayout(self._flow_holder)
        self._flow_layout.setContentsMargins(0, 0, 0, 0)
        self._flow_hint = QLabel(FLOW_HINT, self._flow_holder)
        self._flow_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._flow_hint.setWordWrap(True)
        self._flow_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, still AA
        self._flow_layout.addWidget(self._flow_hint)
        self.source_view: SourceView = SourceView(workspace)
        self.source_view.set_editor_template(self.editor.template())
        self.source_view.editor_requested.connect(self.open_in_editor)
        self.source_view.editor_template_chosen.connect(self.set_editor_template)
        self.source_view.guide_requested.connect(self.read_in_guide)
        self.source_view.closed.connect(self._leave_source)
        workspace.addWidget(self._flow_holder)
        workspace.addWidget(self.source_view)
        workspace.setSizes([600, 400])  # the flow scrolls rather than shrink its labels: give it room
        self.workspace.setFocusProxy(self.source_view.text)
        return workspace

    @property
    def panel(self) -> ProjectPanel:
        return self.pane.widget()

    # ------------------------------------------------------------------ opening

    def choose_project(self) -> None:
        """Ask for a folder (File → Open Django Project…) and open it."""
        from PySide6.QtWidgets import QFileDialog

        start = self.map.root if self.map is not None else (self.recent_projects() or [str(Path.home())])[0]
        folder = QFileDialog.getExistingDirectory(self._widgets.window, "Open a Django project", start)
        if folder:
            self.open_project(folder)

    def open_project(self, path: str | Path) -> None:
        """Scan ``path`` on a worker thread; the panel says so meanwhile and shows the map after."""
        folder = Path(path).expanduser()
        self._widgets.left_tabs.setCurrentWidget(self.pane)
        if self._scan_task is not None:
            self._scan_task.cancel()
        if not folder.is_dir():
            self._refuse(folder, f"{folder} is not a Django project: it is not a folder (or cannot be read).")
            return
        self.panel.show_message(f"Reading the project in {folder}…\n\nNothing in it is run.", folder.name)
        self.status_message.emit(f"Reading the Django project in {folder}…", Duration.NORMAL)
        self._scan_task = run_in_background(
            lambda _stop: scan_and_outline(folder), self,
            on_done=lambda result: self._loaded(folder, result),
            on_error=lambda error: self._failed(folder, error), name="project-scan",
        )  # fmt: skip

    def _loaded(self, folder: Path, result: Scanned | str) -> None:
        if isinstance(result, str):
            self._refuse(folder, result)
            return
        project, rows, items = result
        self.map, self.flow = project, None
        root = Path(project.root)
        self.panel.set_outline(panel_title(project), rows, items)
        self.recent.remember(str(root))
        if self.workspace.created:
            self._clear_flow()
            self.source_view.show_note("")
            self.source_view.set_guide_topic("", "")
        self._follow_tab()
        problems = len(project.diagnostics)
        note = f", {plural(problems, 'note')} under Diagnostics" if problems else ""
        self.status_message.emit(
            f"Opened {root.name}: {len(project.urls)} URL patterns{note}", Duration.NORMAL
        )
        self.project_loaded.emit(project)

    def _failed(self, folder: Path, error: BaseException) -> None:
        logger.error("reading the project in %s failed: %s", folder, error)
        self.panel.show_message(f"The project in {folder} could not be read:\n\n{error}", folder.name)
        self.status_message.emit(f"Could not read the project in {folder}: {error}", Duration.PROBLEM)

    def _refuse(self, folder: Path, reason: str) -> None:
        self.panel.show_message(NOT_A_PROJECT.format(reason=reason), folder.name)
        self.status_message.emit(
            f"{folder} is not a Django project; the Project tab says why", Duration.PROBLEM
        )

    # ------------------------------------------------------------------ recent projects

    def recent_projects(self) -> list[str]:
        """Project folders opened before, newest first."""
        return self.recent.folders()

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Rebuild File → Recent Projects (called just before it opens)."""
        self.recent.fill_menu(menu)

    # ------------------------------------------------------------------ workspace, source, flow

    def _follow_tab(self) -> None:
        """The workspace replaces the guide's side while the Project tab shows a map."""
        stack = self._widgets.right_stack
        on = self.map is not None and self._widgets.left_tabs.currentWidget() is self.pane
        if on:
            stack.setCurrentWidget(self.workspace)
        else:
            stack.setCurrentIndex(0)

    def show_source(self, source: SourceRef, topic: str = "") -> None:
        """Show ``source``'s file at its line in the source view (files under the root only)."""
        if self.map is None:
            return
        from reader.core.project.model import Origin
        from reader.core.project.paths import OutsideProject, resolve_in_project

        self.workspace.widget()
        self._set_guide(topic)
        if source.origin is not Origin.PROJECT:
            self._note(f"{source.file} is {source.origin.value} code, outside your project: not shown here")
            return
        try:
            path = resolve_in_project(self.map.root, source.file)
        except OutsideProject as error:
            self._note(f"Not opened: {error}", Duration.PROBLEM)
            return
        if self._source_task is not None:
            self._source_task.cancel()
        dark, file, line = self._is_dark(), source.file, source.line
        self._shown = (file, line)
        from reader.core.project.source import read_source

        self._source_task = run_in_background(
            lambda _stop: read_source(path, dark), self,
            on_done=lambda text: self._show_text(file, text, line),
            on_error=lambda error: self._note(f"{file} could not be read: {error}", Duration.PROBLEM),
            name="project-source",
        )  # fmt: skip

    def _show_text(self, file: str, text: SourceText, line: int) -> None:
        self.source_view.show_source(file, text, line)

    def _note(self, message: str, duration: Duration = Duration.NORMAL) -> None:
        self._shown = None
        self.source_view.show_note(message)
        self.status_message.emit(message, duration)

    def _set_guide(self, topic: str) -> None:
        title = self._topic_title(topic) if topic else ""
        self.source_view.set_guide_topic(topic if title else "", title)

    def _leave_source(self) -> None:
        self._widgets.left_tabs.setCurrentWidget(self.pane)
        self.panel.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def theme_changed(self) -> None:
        """Colour the shown file in the new theme's code style."""
        if self._shown is not None and self.map is not None:
            from reader.core.project.model import SourceRef

            self.show_source(SourceRef(*self._shown), self.source_view.guide_topic)

    def read_in_guide(self, topic: str) -> None:
        """Leave the project workspace for the guide's page on ``topic``."""
        self._widgets.left_tabs.setCurrentIndex(0)
        self.topic_requested.emit(topic)

    def draw_url(self, index: int) -> None:
        """Draw the request that URL pattern ``index`` of the map answers."""
        if self.map is None or not 0 <= index < len(self.map.urls):
            return
        from reader.core.project.flow import request_flow

        self.show_flow(request_flow(self.map, self.map.urls[index]))

    def show_flow(self, flow: Flow) -> None:
        """Draw ``flow`` (a URL's request, or one followed by running) in the workspace."""
        from reader.core.project.flow import TOPICS
        from reader.ui.diagram.panel import DiagramPanel

        self.workspace.widget()
        self.flow = flow
        self._clear_flow()
        panel = DiagramPanel(flow.diagram, self._flow_holder)
        panel.setAccessibleName("Request flow of the selected URL")
        assert panel.view is not None
        panel.view.node_activated.connect(self.open_node)
        panel.view.step_changed.connect(self._follow_step)
        panel.topic_requested.connect(self._set_guide)
        panel.status_message.connect(lambda message: self.status_message.emit(message, Duration.NORMAL))
        self._flow_hint.hide()
        self._flow_layout.addWidget(panel)
        panel.show()
        panel.highlight_topic(
            TOPICS["pattern"]
        )  # mark the selected pattern; a flow too big for the pane centres on it
        self.flow_panel = panel

    def show_map(self, project: ProjectMap) -> None:
        """Show ``project``, the open project's map completed by running it; a drawn flow stays."""

        def refresh(scanned: Scanned) -> None:
            self.map = scanned.project
            self.panel.set_outline(panel_title(scanned.project), scanned.rows, scanned.items)

        run_in_background(lambda _stop: outline(project), self, on_done=refresh, name="project-outline")

    def show_card(self, card: QWidget) -> None:
        """Put ``card`` (a failed run's card) at the top of the workspace, above the flow."""
        self.workspace.widget()
        self._flow_layout.insertWidget(0, card)
        card.show()

    def _clear_flow(self) -> None:
        if self.flow_panel is not None:
            self.flow_panel.hide()
            self.flow_panel.deleteLater()
            self.flow_panel = None
        self._flow_hint.show()

    def open_node(self, node_id: str) -> None:
        """Show the source of flow node ``node_id`` (or say it lies outside the project)."""
        if self.flow is None:
            return
        node = self.flow.diagram.node(node_id)
        topic = node.topic if node is not None else ""
        source = self.flow.sources.get(node_id)
        if source is None:
            self._set_guide(topic)
            label = node.label if node is not None else node_id
            self._note(f"{label}: not in your project's source; read about this stage in the guide")
            return
        self.show_source(source, topic)

    def _follow_step(self, index: int, _count: int, _sentence: str) -> None:
        if self.flow is not None and 0 <= index < len(self.flow.diagram.steps):
            node = self.flow.diagram.steps[index].node
            if node is not None and node in self.flow.sources:
                self.open_node(node)

    # ------------------------------------------------------------------ editor

    def set_editor_template(self, template: str) -> None:
        self.editor.set_template(template)
        self.source_view.set_editor_template(self.editor.template())
        self.status_message.emit(f"Files open with: {self.editor.template()}", Duration.BRIEF)

    def open_in_editor(self) -> None:
        """Start the editor on the shown file at its line (files under the project root only)."""
        if self.map is not None and self._shown is not None:
            self.open_file_in_editor(*self._shown)

    def edit_source(self, source: SourceRef) -> bool:
        """Start the editor at ``source`` if it is the project's own code; False (and why) otherwise."""
        from reader.core.project.model import Origin

        if source.origin is not Origin.PROJECT:
            self.status_message.emit(f"Not opened: {source.file} is outside your project", Duration.PROBLEM)
            return False
        return self.open_file_in_editor(source.file, source.line)

    def open_file_in_editor(self, file: str, line: int) -> bool:
        """Start the editor command on ``file`` (relative to the root) at ``line``; False if refused."""
        if self.map is None:
            return False
        started, message = self.editor.open(self.map.root, file, line)
        self.status_message.emit(message, Duration.BRIEF if started else Duration.PROBLEM)
        return started

    def stop(self) -> None:
        """Drop the results of work still running (the window is closing)."""
        for task in (self._scan_task, self._source_task):
            if task is not None:
                task.cancel()
