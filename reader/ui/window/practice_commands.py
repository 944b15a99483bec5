"""Practice on the learner's own project: "Which view answers this URL?", marked by the real resolver.

:class:`PracticeCommands` owns the question dialog and the question asked. A chosen answer is
checked by following the question's path with the project's real resolver (``follow(map, path)``,
which asks for consent first); :meth:`PracticeCommands.view_matched` receives what the resolver
chose and marks the answer. The followed request is drawn like any other, so its walk-through
shows why.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.core.project.practice import Question, make_question
from reader.ui.common.status import Duration

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from reader.core.project.model import ProjectMap
    from reader.ui.project.practice_dialog import PracticeDialog

logger = logging.getLogger(__name__)


class PracticeCommands(QObject):
    """``current_map()`` gives the open project's map; ``follow(map, path)`` follows a path by running it."""

    status_message = Signal(str, object)  # message, Duration

    def __init__(
        self,
        current_map: Callable[[], ProjectMap | None],
        follow: Callable[[ProjectMap, str], bool],
        parent_widget: QWidget,
    ) -> None:
        super().__init__(parent_widget)
        self._current_map, self._follow, self._parent = current_map, follow, parent_widget
        self.dialog: PracticeDialog | None = None
        self.question: Question | None = None
        self._chosen = ""

    def start(self) -> None:
        """Ask a new question about the open project (or say why none can be asked)."""
        project = self._current_map()
        question = make_question(project) if project is not None else None
        if question is None:
            message = "Open a Django project with at least two views to practise on"
            self.status_message.emit(message, Duration.NORMAL)
            return
        if self.dialog is None:
            from reader.ui.project.practice_dialog import PracticeDialog

            self.dialog = PracticeDialog(self._parent)
            self.dialog.answer_chosen.connect(self._check)
            self.dialog.next_requested.connect(self.start)
        self.question = question
        self.dialog.ask(question)
        self.dialog.show()
        self.dialog.raise_()

    def _check(self, view: str) -> None:
        project = self._current_map()
        if project is None or self.question is None:
            return
        self._chosen = view
        if not self._follow(project, self.question.path) and self.dialog is not None:
            self.dialog.show_unchecked("Not checked: the project was not run.")

    def view_matched(self, path: str, actual: str, route: str = "") -> None:
        """The real resolver chose the view ``actual`` by the pattern ``route`` for ``path``: mark the
        answer if it is this question's. The question's own pattern answers with the view its URLconf
        names, even when the function that runs is named otherwise (a decorator without
        ``functools.wraps`` runs as ``shout.<locals>.wrapper``)."""
        question = self.question
        if self.dialog is None or question is None or path != question.path:
            return
        if route and route.strip("/") == question.route.strip("/"):
            actual = question.expected
        self.dialog.show_verdict(self._chosen, actual)
