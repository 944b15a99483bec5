"""Running the opened project, with consent: the complete map, a followed request, failure cards.

:class:`ProjectRun` owns the run's state: the consent records, the interpreter (found or chosen),
the environment variables set for this session (never written to disk: they may be secrets),
and the run in progress. :meth:`ProjectRun.run` asks first unless "Always for this folder" was
chosen for this folder, interpreter and probe; the work happens on a worker thread
(:func:`reader.ui.common.background.run_in_background`) and :meth:`ProjectRun.cancel` stops the
child's whole process group. Results are signals: ``map_completed(ProjectMap)``,
``flow_ready(Flow)``, ``failed(ProbeFailure)``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from reader.core.project.consent import ConsentKey, ConsentStore
from reader.core.project.environment import env_names
from reader.core.project.follow import followed_flow, matched_route, matched_view
from reader.core.project.interpreter import Interpreter, chosen_interpreter, find_interpreter
from reader.core.project.model import SourceRef
from reader.core.project.runner import DEFAULT_TIMEOUT_S, probe_version
from reader.ui.common.background import BackgroundTask, run_in_background
from reader.ui.common.status import Duration
from reader.ui.project.consent_dialog import Choice, ConsentDialog
from reader.ui.project.failure_card import FailureCard

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.core.project.complete import RunOutcome
    from reader.core.project.model import ProjectMap
    from reader.core.project.runner import ProbeFailure

logger = logging.getLogger(__name__)


class ProjectRun(QObject):
    """The run controller; ``parent_widget`` parents its dialogs."""

    status_message = Signal(str, object)  # message, Duration
    map_completed = Signal(object)  # the merged ProjectMap
    flow_ready = Signal(object)  # reader.core.project.flow.Flow of a followed request
    failed = Signal(object)  # reader.core.project.runner.ProbeFailure
    running_changed = Signal(bool)
    view_matched = Signal(str, str, str)  # followed path, the dotted view the real resolver chose ("" if
    # none) and the route of the pattern it matched
    card_shown = Signal(object)  # the FailureCard, to be placed in the project workspace
    source_requested = Signal(object)  # a SourceRef in the project (from the card's Show Code)

    def __init__(
        self,
        parent_widget: QWidget,
        consent: ConsentStore | None = None,
        make_dialog: Callable[..., ConsentDialog] | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._consent = consent if consent is not None else ConsentStore()
        self._make_dialog = make_dialog or ConsentDialog
        self._interpreter: Interpreter | None = None
        self._environment: dict[str, str] = {}
        self._task: BackgroundTask | None = None
        self._stop = threading.Event()
        self.timeout = DEFAULT_TIMEOUT_S
        self.hosts: tuple[dict[str, str], ...] = ()
        self.card: FailureCard | None = None
        self._project: ProjectMap | None = None

    @property
    def running(self) -> bool:
        """True while a run is in progress."""
        return self._task is not None

    def interpreter_for(self, project: ProjectMap) -> Interpreter | None:
        """The interpreter a run of ``project`` would use (chosen earlier, else found)."""
        if self._interpreter is not None:
            return self._interpreter
        return find_interpreter(Path(project.root))

    def run(self, project: ProjectMap | None, follow: str = "", urlconf: str = "") -> bool:
        """Complete ``project``'s map by running it (asking first); with ``follow`` follow that path.

        Returns False when nothing started (no project, a run in progress, no consent, no interpreter).
        """
        if project is None:
            return False
        if self._task is not None:
            self.status_message.emit("The project is already running; wait or cancel it", Duration.NORMAL)
            return False
        self._project = project
        interpreter = self.interpreter_for(project)
        if not self._agreed(project, interpreter):
            self.status_message.emit("Nothing was run; the map read from source stays", Duration.NORMAL)
            return False
        interpreter = self._interpreter or interpreter
        if interpreter is None:
            return False
        self._stop = threading.Event()
        stop, environment, timeout = self._stop, dict(self._environment), self.timeout
        python, settings_module = interpreter.python, project.settings_module

        def work(_task_stop: threading.Event) -> RunOutcome:
            from reader.core.project.complete import run_project

            return run_project(project, python, settings_module, follow=follow, urlconf=urlconf,
                               extra_env=environment, timeout=timeout, stop=stop)  # fmt: skip

        what = f"Following {follow}" if follow else "Running the project to complete its map"
        self.status_message.emit(f"{what} with {interpreter.describe()}…", Duration.NORMAL)
        self._task = run_in_background(
            work, self, lambda outcome: self._done(outcome, follow), self._crashed, name="reader-project-run"
        )
        self.running_changed.emit(True)
        return True

    def _agreed(self, project: ProjectMap, interpreter: Interpreter | None) -> bool:
        if interpreter is not None:
            key = ConsentKey.of(Path(project.root), interpreter.python, probe_version())
            if self._consent.allows(key):
                return True
        names = env_names(Path(project.root), project.settings_module)
        dialog = self._make_dialog(
            project.root, interpreter, names, self._environment, self.timeout, self._parent
        )
        dialog.exec()
        choice = dialog.choice()
        python = dialog.python()
        if choice is Choice.CANCEL or python is None:
            return False
        if interpreter is None or python != interpreter.python:
            self._interpreter = chosen_interpreter(python)
        self._environment = dialog.environment()
        if choice is Choice.ALWAYS:
            key = ConsentKey.of(Path(project.root), python, probe_version())
            if not self._consent.remember(key):
                self.status_message.emit(self._consent.error, Duration.PROBLEM)
        return True

    def cancel(self) -> None:
        """Stop the run in progress: the child's whole process group is killed, ``failed`` says so."""
        self._stop.set()

    def _done(self, outcome: RunOutcome, follow: str) -> None:
        self._task = None
        self.running_changed.emit(False)
        if outcome.failure is not None:
            self._show_card(outcome.failure)
            self.failed.emit(outcome.failure)
            self.status_message.emit(f"{outcome.failure.title}: {outcome.failure.message}", Duration.PROBLEM)
            return
        self.hosts = outcome.hosts
        if self.card is not None:
            self.card.hide()
        self.map_completed.emit(outcome.project)
        if follow:
            if outcome.follow:
                self.flow_ready.emit(followed_flow(outcome.follow_document, outcome.project))
                document = outcome.follow_document
                self.view_matched.emit(follow, matched_view(document), matched_route(document))
            else:
                self.status_message.emit(f"{follow} could not be followed", Duration.PROBLEM)
                return
        seen = sum(1 for url in outcome.project.urls if url.provenance.value != "read from source")
        source = " (unchanged since the last run)" if outcome.cached else f" in {outcome.seconds:.1f} s"
        self.status_message.emit(
            f"Ran the project{source}: {seen} URL patterns, {outcome.versions}", Duration.NORMAL
        )

    def _show_card(self, failure: ProbeFailure) -> None:
        if self.card is None:
            self.card = FailureCard()
            self.card.retry_requested.connect(self._retry)
            self.card.environment_requested.connect(self._edit_environment_again)
            self.card.source_requested.connect(
                lambda file, line: self.source_requested.emit(SourceRef(file, line))
            )
        self.card.show_failure(failure)
        self.card_shown.emit(self.card)

    def _retry(self) -> None:
        if self._project is not None:
            self.run(self._project)

    def _edit_environment_again(self) -> None:
        if self._project is not None:
            self.edit_environment(self._project)

    def _crashed(self, error: BaseException) -> None:
        self._task = None
        self.running_changed.emit(False)
        logger.error("running the project failed", exc_info=error)
        self.status_message.emit(f"Running the project failed: {error}", Duration.PROBLEM)

    def ask_follow(self, project: ProjectMap | None) -> bool:
        """Ask for a path (and a host, for django-hosts projects), then follow it."""
        if project is None:
            return False
        path, ok = QInputDialog.getText(
            self._parent, "Follow a Request", "Path to follow (for example /polls/3/):"
        )
        path = path.strip()
        if not ok or not path:
            return False
        urlconf = ""
        if self.hosts:
            names = [f"{host['name']} ({host['urlconf']})" for host in self.hosts]
            question = "This project serves several hosts:"
            chosen, ok = QInputDialog.getItem(self._parent, "Choose a Host", question, names, 0, False)
            if not ok:
                return False
            urlconf = self.hosts[names.index(chosen)]["urlconf"]
        return self.run(project, follow=path if path.startswith("/") else "/" + path, urlconf=urlconf)

    def edit_environment(self, project: ProjectMap | None) -> None:
        """Let the learner set environment variables for the next run (the consent dialog's editor)."""
        if project is None:
            return
        names = env_names(Path(project.root), project.settings_module)
        interpreter = self.interpreter_for(project)
        dialog = self._make_dialog(
            project.root, interpreter, names, self._environment, self.timeout, self._parent
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._environment = dialog.environment()

    def stop(self) -> None:
        """At window close: cancel a run in progress."""
        self.cancel()
