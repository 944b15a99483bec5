"""Running the open project and practising on it: built the first time a reader asks for either.

:class:`~reader.ui.window.project_run.ProjectRun` brings the probe runner, the consent store, the
interpreter search and their dialogs (about 40 ms of imports on the build machine), and practice
brings the question maker; a reader who never runs a project should not wait for them at start-up.
The Project menu's actions are wired here at once; the controllers, and their own signals, when
first used.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from reader.ui.common.status import Duration
    from reader.ui.window.actions import WindowActions
    from reader.ui.window.practice_commands import PracticeCommands
    from reader.ui.window.project_commands import ProjectCommands
    from reader.ui.window.project_run import ProjectRun

logger = logging.getLogger(__name__)


class ProjectTools(QObject):
    """Owns the project's runner (:attr:`run`) and practice (:attr:`practice`), made on first use.

    ``show_status(message, duration)`` shows their status messages.
    """

    def __init__(
        self,
        window: QWidget,
        actions: WindowActions,
        project: ProjectCommands,
        show_status: Callable[[str, Duration], None],
    ) -> None:
        super().__init__(window)
        self._window, self._actions, self._project, self._show_status = window, actions, project, show_status
        self._run: ProjectRun | None = None
        self._practice: PracticeCommands | None = None
        actions.run_project.triggered.connect(lambda: self.run.run(project.map))
        actions.follow_request.triggered.connect(lambda: self.run.ask_follow(project.map))
        actions.run_environment.triggered.connect(lambda: self.run.edit_environment(project.map))
        actions.practice.triggered.connect(lambda: self.practice.start())
        actions.cancel_run.triggered.connect(lambda: self._run.cancel() if self._run is not None else None)
        project.project_loaded.connect(lambda _map: actions.enable_project_actions())

    @property
    def run(self) -> ProjectRun:
        """Runs the open project with consent and follows requests through it."""
        if self._run is None:
            from reader.ui.window.project_run import ProjectRun

            run = self._run = ProjectRun(self._window)
            project = self._project
            run.status_message.connect(self._show_status)
            run.running_changed.connect(self._actions.cancel_run.setEnabled)
            run.map_completed.connect(project.show_map)
            run.flow_ready.connect(project.show_flow)
            run.card_shown.connect(project.show_card)
            run.source_requested.connect(project.show_source)
            run.view_matched.connect(self._view_matched)
            logger.debug("project runner made")
        return self._run

    @property
    def practice(self) -> PracticeCommands:
        """Asks which view answers a URL of the open project, and checks the answer by running it."""
        if self._practice is None:
            from reader.ui.window.practice_commands import PracticeCommands

            practice = self._practice = PracticeCommands(
                lambda: self._project.map, lambda map_, path: self.run.run(map_, path), self._window
            )
            practice.status_message.connect(self._show_status)
        return self._practice

    def stop(self) -> None:
        """At window close: cancel a run in progress, if the runner was ever made."""
        if self._run is not None:
            self._run.stop()

    def _view_matched(self, path: str, actual: str, route: str) -> None:
        if self._practice is not None:  # no question was asked, so nothing to check
            self._practice.view_matched(path, actual, route)
