"""What a screen reader hears from the search panel, while the focus stays in the search field.

Up/Down move the current result without moving the focus, so :class:`SearchAnnouncer` announces
the result they land on ("Title: snippet, 2 of 14"). The result count and the result Enter would
open ("14 results, first: Views") are announced once typing settles (:data:`SETTLE_MS` after the
last keystroke or after the index is ready), not on every keystroke. It also names the results
list and its field's clear button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

from reader.ui.common.accessible import name_clear_button
from reader.ui.common.announce import announce

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QLabel, QLineEdit, QListView

SETTLE_MS = 700
RESULTS_NAME = "Search results"


class SearchAnnouncer(QObject):
    """Announces the current result on moves and the count once typing settles."""

    def __init__(self, edit: QLineEdit, view: QListView, status: QLabel) -> None:
        super().__init__(view)
        self._edit, self._view, self._status = edit, view, status
        view.setAccessibleName(RESULTS_NAME)
        name_clear_button(edit, "Clear the search")
        view.setAccessibleDescription("Up and Down in the search field move through them; Enter opens one")
        self._reset = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._announce_count)
        edit.textChanged.connect(self.typing)
        model = view.model()
        model.modelReset.connect(self._model_reset)
        view.selectionModel().currentChanged.connect(self._current_changed)

    def typing(self) -> None:
        """Start (or restart) the wait before the count is announced."""
        self._settle.start()

    def _model_reset(self) -> None:
        self._reset = True  # the query's own move to the first row is not announced

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reset:
            self._reset = False
            return
        if not current.isValid() or not self._edit.hasFocus():
            return
        text = str(current.data(Qt.ItemDataRole.AccessibleTextRole) or current.data() or "")
        announce(self._edit, f"{text}, {current.row() + 1} of {self._view.model().rowCount()}")

    def _announce_count(self) -> None:
        if not self._edit.text().strip():
            return
        current = self._view.currentIndex()
        first = f", first: {current.data()}" if current.isValid() and current.row() == 0 else ""
        announce(self._edit, f"{self._status.text()}{first}")
