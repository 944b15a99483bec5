"""Asking before a project's code runs: what will run, the guards and their limits, and the answer.

In the tone of VS Code's Workspace Trust: the dialog says that completing the map runs the
project's settings, every app's start-up code and every URLconf and views module — the code
``manage.py check`` runs — in the project's own Python; lists the guards; says plainly they are not
a sandbox. The learner can choose the interpreter and set environment variables (pre-filled with
the names the settings read without a default), then answers Run Once, Always for This Folder, or
Cancel (the map from source stays). Nothing is decided here: the caller reads :meth:`choice`.
"""

from __future__ import annotations

import html
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from reader.core.project.interpreter import Interpreter

GUARDS = (
    "network connections and database queries are refused",
    "no .pyc files or databases are written into the project",
    "it is stopped, with every process it started, after {timeout:g} seconds or when you press Cancel",
    "secret settings (SECRET_KEY, passwords, hosts) are never read back",
)


DIALOG_WIDTH = 560  # pixels
NAME_COLUMN_WIDTH = 200  # pixels
MAX_VISIBLE_ROWS = 5  # environment rows shown before the table scrolls


class Choice(IntEnum):
    """The learner's answer."""

    CANCEL = 0
    RUN_ONCE = 1
    ALWAYS = 2


class ConsentDialog(QDialog):
    """The question asked before the first run of a project with an interpreter (modal)."""

    def __init__(
        self,
        project_root: str,
        interpreter: Interpreter | None,
        env_names: list[str],
        environment: Mapping[str, str],
        timeout: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Run This Project's Code?")
        self.setObjectName("consentDialog")
        self._choice = Choice.CANCEL
        self._python = interpreter.python if interpreter is not None else None
        layout = QVBoxLayout(self)
        name = html.escape(Path(project_root).name or project_root)
        intro = QLabel(
            f"<h3>Complete the map of <i>{name}</i> by running it?</h3>"
            "<p>Reading the source cannot see the admin, routers, URLs built in loops, third-party apps or "
            "how a path really resolves. Running can: Django Reader then loads your project the way "
            "<code>manage.py check</code> does. That runs <b>your settings, every app's start-up code and "
            "every URLconf and views module</b>, in a separate process with the project's own Python.</p>"
            "<p>Do this only for projects you trust.</p>",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(intro)
        guards = "".join(f"<li>{html.escape(guard.format(timeout=timeout))}</li>" for guard in GUARDS)
        guard_label = QLabel(
            f"<p>While it runs:</p><ul>{guards}</ul><p><b>These guards are not a sandbox:</b> "
            "the project's code can still read and write files.</p>",
            self,
        )
        guard_label.setWordWrap(True)
        guard_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(guard_label)
        layout.addLayout(self._interpreter_row(interpreter))
        layout.addSpacing(8)
        layout.addWidget(
            QLabel("Environment variables for this run (names the settings read are listed):", self)
        )
        self.environment_table = self._environment_table(env_names, environment)
        layout.addWidget(self.environment_table)
        buttons = QDialogButtonBox(self)
        self.run_once = buttons.addButton("Run Once", QDialogButtonBox.ButtonRole.AcceptRole)
        self.always = buttons.addButton("Always for This Folder", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip("Keep the map read from source")
        self.run_once.setDefault(True)
        self.run_once.clicked.connect(lambda: self._answer(Choice.RUN_ONCE))
        self.always.clicked.connect(lambda: self._answer(Choice.ALWAYS))
        cancel.clicked.connect(self.reject)
        layout.addStretch(1)  # room left by the wrapped text's height-for-width goes below, not between
        layout.addWidget(buttons)
        self._update_buttons()
        self.setMinimumWidth(DIALOG_WIDTH)
        self.adjustSize()

    def _interpreter_row(self, interpreter: Interpreter | None) -> QHBoxLayout:
        row = QHBoxLayout()
        self.interpreter_label = QLabel(self)
        self.interpreter_label.setWordWrap(True)
        self.interpreter_label.setTextFormat(Qt.TextFormat.PlainText)  # a path is never markup
        self.interpreter_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_interpreter(interpreter)
        choose = QPushButton("Choose Python…", self)
        choose.setAccessibleName("Choose the project's Python")
        choose.clicked.connect(self._choose_python)
        row.addWidget(self.interpreter_label, 1)
        row.addWidget(choose)
        return row

    def _show_interpreter(self, interpreter: Interpreter | None) -> None:
        if interpreter is None:
            self.interpreter_label.setText("No Python found for this project: choose one.")
        else:
            self.interpreter_label.setText(f"Python: {interpreter.python}\n{interpreter.describe()}")

    def _choose_python(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the Project's Python")
        if path:
            from reader.core.project.interpreter import chosen_interpreter

            chosen = chosen_interpreter(Path(path))
            self._python = chosen.python
            self._show_interpreter(chosen)
            self._update_buttons()

    def _environment_table(self, names: list[str], environment: Mapping[str, str]) -> QTableWidget:
        table = QTableWidget(0, 2, self)
        table.setObjectName("environmentTable")
        table.setAccessibleName("Environment variables")
        table.setHorizontalHeaderLabels(["Name", "Value"])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().resizeSection(0, NAME_COLUMN_WIDTH)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for name in [*names, *(key for key in environment if key not in names)]:
            self._add_row(table, name, environment.get(name, ""))
        self._add_row(table, "", "")  # room for one more
        shown = min(table.rowCount(), MAX_VISIBLE_ROWS)
        header = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(header + shown * table.rowHeight(0) + 2 * table.frameWidth())
        return table

    @staticmethod
    def _add_row(table: QTableWidget, name: str, value: str) -> None:
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem(value))

    def _update_buttons(self) -> None:
        for button in (self.run_once, self.always):
            button.setEnabled(self._python is not None)

    def _answer(self, choice: Choice) -> None:
        self._choice = choice
        self.accept()

    def choice(self) -> Choice:
        """The answer; :attr:`Choice.CANCEL` unless a run button was pressed."""
        return self._choice if self.result() == QDialog.DialogCode.Accepted else Choice.CANCEL

    def python(self) -> Path | None:
        """The interpreter to run with (found or chosen)."""
        return self._python

    def environment(self) -> dict[str, str]:
        """Variables with a name and a value (rows left empty are not set)."""
        values: dict[str, str] = {}
        for row in range(self.environment_table.rowCount()):
            name_item, value_item = self.environment_table.item(row, 0), self.environment_table.item(row, 1)
            name = name_item.text().strip() if name_item is not None else ""
            value = value_item.text() if value_item is not None else ""
            if name and value and "=" not in name and "\0" not in name + value:
                values[name] = value
        return values
