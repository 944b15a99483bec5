"""A failed run of the project, as a card: what failed, where, and what to do next.

Shows a :class:`~reader.core.project.runner.ProbeFailure`'s title, message and advice; offers
"Show Code" when the failure points into the project (``source_requested(file, line)``),
"Environment…" for a missing variable (``environment_requested``) and "Try Again"
(``retry_requested``). The map read from source stays on screen beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from reader.core.project.runner import ProbeFailure


def _place(text: str) -> tuple[str, int] | None:
    """``("file", line)`` from ``file:line``, or ``None``."""
    file, _, line = text.rpartition(":")
    return (file, int(line)) if file and line.isdigit() else None


class FailureCard(QFrame):
    """The card; :meth:`show_failure` fills it."""

    source_requested = Signal(str, int)  # project-relative file, line
    environment_requested = Signal()
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failureCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Running the project failed")
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("failureTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel(self)
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.title, self.message, self.advice):
            layout.addWidget(label)
        buttons = QHBoxLayout()
        self.show_code = QPushButton("Show Code", self)
        self.environment = QPushButton("Environment…", self)
        self.retry = QPushButton("Try Again", self)
        for button in (self.show_code, self.environment, self.retry):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._place: tuple[str, int] | None = None
        self.show_code.clicked.connect(self._show_code)
        self.environment.clicked.connect(self.environment_requested)
        self.retry.clicked.connect(self.retry_requested)

    def show_failure(self, failure: ProbeFailure) -> None:
        """Fill the card from ``failure`` and show it."""
        self.title.setText(failure.title)
        where = failure.project_frame or failure.frame
        self.message.setText(failure.message + (f"\nat {where}" if where else ""))
        self.advice.setText(failure.advice)
        self.advice.setVisible(bool(failure.advice))
        self._place = _place(failure.project_frame)
        self.show_code.setVisible(self._place is not None)
        self.environment.setVisible(failure.kind == "missing-env")
        self.setAccessibleDescription(f"{failure.title}. {failure.message}")
        self.show()

    def _show_code(self) -> None:
        if self._place is not None:
            self.source_requested.emit(*self._place)
