"""Practice: "Which view answers this URL?", asked about the learner's own project.

Shows a :class:`~reader.core.project.practice.Question`: the path, and the views offered as
radio buttons. "Check" emits ``answer_chosen(view_id)``; the window follows the path with the
project's real resolver and calls :meth:`PracticeDialog.show_verdict`. "Next Question" emits
``next_requested``. The dialog decides nothing itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.core.project.practice import Question


class PracticeDialog(QDialog):
    """One question at a time; :meth:`ask` shows a new one."""

    answer_chosen = Signal(str)  # the dotted view the learner picked
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which View Answers This URL?")
        self.setObjectName("practiceDialog")
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.prompt)
        self._choices_box = QVBoxLayout()
        layout.addLayout(self._choices_box)
        self.group = QButtonGroup(self)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setAccessibleName("Verdict")
        layout.addWidget(self.verdict)
        buttons = QDialogButtonBox(self)
        self.check = QPushButton("Check with the Real Resolver", self)
        self.next = QPushButton("Next Question", self)
        buttons.addButton(self.check, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.next, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.check.clicked.connect(self._check)
        self.next.clicked.connect(self.next_requested)
        self._question: Question | None = None

    def _say(self, label: QLabel, text: str) -> None:
        """Show ``text``, breakable after ``/`` and ``.`` (paths, dotted names), and grow to fit."""
        label.setText(text.replace("/", "/\u200b").replace(".", ".\u200b"))
        label.setAccessibleDescription(text)  # screen readers hear it without the break marks
        self.adjustSize()

    def ask(self, question: Question) -> None:
        """Show ``question`` with no choice made."""
        self._question = question
        self._say(self.prompt, f"A browser asks for {question.path}\nWhich view answers it?")
        for button in self.group.buttons():
            self.group.removeButton(button)
            button.deleteLater()
        for view in question.choices:
            button = QRadioButton(view, self)
            self.group.addButton(button)
            self._choices_box.addWidget(button)
        self.verdict.clear()
        self.check.setEnabled(True)

    def _check(self) -> None:
        chosen = self.group.checkedButton()
        if chosen is None:
            self.verdict.setText("Pick a view first.")
            return
        self.check.setEnabled(False)
        self.verdict.setText("Asking the project's resolver…")
        self.answer_chosen.emit(chosen.text())

    def show_verdict(self, chosen: str, actual: str) -> None:
        """Mark the answer: ``actual`` is what the real resolver chose (``""``: nothing matched)."""
        path = self._question.path if self._question is not None else "this path"
        if not actual:
            self._say(self.verdict, f"No view answers {path}: the resolver found no pattern (404).")
        elif chosen == actual:
            self._say(self.verdict, f"Right: {actual} answers {path}. The walk-through shows every step.")
        else:
            self._say(
                self.verdict, f"Not quite: {actual} answers {path}, not {chosen}. The walk-through shows why."
            )
        self.check.setEnabled(True)

    def show_unchecked(self, reason: str) -> None:
        """Say why the answer could not be checked; the learner may try again."""
        self._say(self.verdict, reason)
        self.check.setEnabled(True)
