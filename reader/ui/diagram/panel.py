"""The diagram panel: the architecture diagram plus a slim bar to follow a request step by step.

The panel re-emits the view's ``topic_requested`` and reports export results through
``status_message``; it never touches the main window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.diagram.export import export_diagram
from reader.ui.diagram.view import DiagramView

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from reader.core.diagram.model import Diagram

IDLE_HINT = "Click a box to read about that stage, or follow a request step by step."
PLACEHOLDER = "No architecture diagram here.\nAdd a diagram.toml to the content folder to show one."
START_OVER = "Start over"
EXPORT_FILTERS = "PNG image (*.png);;SVG drawing (*.svg)"

logger = logging.getLogger(__name__)


class DiagramPanel(QWidget):
    """Holds a :class:`DiagramView` (``self.view``) and its walk-through and export controls."""

    topic_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, diagram: Diagram | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagramPanel")
        self.view: DiagramView | None = DiagramView(diagram, self) if diagram is not None else None
        self.placeholder: QLabel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if self.view is None:
            self.placeholder = QLabel(PLACEHOLDER, self)
            self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.placeholder.setWordWrap(True)  # in the text colour: a message, not a disabled control
            layout.addWidget(self.placeholder, 1)
            self._shortcuts: list[QShortcut] = []
            return
        layout.addWidget(self.view, 1)
        layout.addWidget(self._build_bar())
        self.view.topic_requested.connect(self.topic_requested)
        self.view.step_changed.connect(self._on_step_changed)
        self.view.walkthrough_toggled.connect(self._on_walkthrough_toggled)
        self._shortcuts = self._build_shortcuts()
        self._on_walkthrough_toggled(False)

    def _build_bar(self) -> QWidget:
        bar = QWidget(self)
        bar.setObjectName("diagramBar")
        rows = QVBoxLayout(bar)  # buttons above, the step's sentence below on a full-width row of its own
        rows.setContentsMargins(8, 6, 8, 6)
        rows.setSpacing(4)
        self._button_row = row = QHBoxLayout()
        row.setSpacing(6)
        self.follow_button = QPushButton("Follow a request", bar)
        self.follow_button.setCheckable(True)
        self.follow_button.setToolTip(
            "Walk through the diagram one hop at a time (N / P or → / ←, Esc stops)"
        )
        self.follow_button.toggled.connect(self._on_follow_toggled)
        self.previous_button = QToolButton(bar)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip("Previous step (P or ←)")
        self.previous_button.setAccessibleName("Previous step")
        self.next_button = QToolButton(bar)
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next step (N or →)")
        self.next_button.setAccessibleName("Next step")
        assert self.view is not None
        self.previous_button.clicked.connect(self.view.previous_step)
        self.next_button.clicked.connect(self._next_or_start_over)
        self.step_label = QLabel(IDLE_HINT, bar)
        self.step_label.setWordWrap(True)
        self.step_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.step_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.fit_button = QToolButton(bar)
        self.fit_button.setText("Fit")
        self.fit_button.setToolTip("Zoom to fit, labels no smaller than 11 px; drag to see the rest (Ctrl+0)")
        self.fit_button.clicked.connect(self.view.zoom_to_fit)
        self.export_button = QToolButton(bar)
        self.export_button.setText("Export…")
        self.export_button.setToolTip("Save the diagram as a PNG image or an SVG drawing")
        self.export_button.clicked.connect(self.export)
        for widget in (self.follow_button, self.previous_button, self.next_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.fit_button)
        row.addWidget(self.export_button)
        rows.addLayout(row)
        rows.addWidget(self.step_label)
        return bar

    def _build_shortcuts(self) -> list[QShortcut]:
        assert self.view is not None
        shortcuts = []
        keys = [
            (Qt.Key.Key_Right, self.view.next_step),
            (Qt.Key.Key_N, self.view.next_step),
            (Qt.Key.Key_Left, self.view.previous_step),
            (Qt.Key.Key_P, self.view.previous_step),
            (Qt.Key.Key_Escape, self.view.stop_walkthrough),
        ]
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            shortcut.setEnabled(False)
            shortcuts.append(shortcut)
        return shortcuts

    # ------------------------------------------------------------------ public API

    def walking_through(self) -> bool:
        """True while "Follow a request" is on."""
        return self.view is not None and self.view.walkthrough_active

    def add_tool_action(self, action: QAction) -> None:
        """Put a button for ``action`` (e.g. the window's "Pin Diagram") in the bar, before "Fit"."""
        if self.view is None:
            return
        button = QToolButton(self.fit_button.parentWidget())
        button.setDefaultAction(action)
        self._button_row.insertWidget(self._button_row.indexOf(self.fit_button), button)

    def highlight_topic(self, topic_id: str | None) -> None:
        """Mark the node of the topic being read (does nothing without a diagram)."""
        if self.view is not None:
            self.view.highlight_topic(topic_id)

    def export(self) -> None:
        """Ask for a file name and save the diagram as PNG or SVG (chosen by the extension)."""
        if self.view is None:
            return
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export diagram", "django-request-flow.png", EXPORT_FILTERS
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".svg" if "svg" in chosen.lower() else ".png"
        self.export_to(path)

    def export_to(self, path: str | Path) -> bool:
        """Save the diagram to ``path``: SVG for ``.svg``, otherwise PNG. Reports via ``status_message``."""
        if self.view is None:
            return False
        path = Path(path)
        ok = export_diagram(self.view, path)
        if not ok:
            logger.warning("could not save the diagram to %s", path)
        self.status_message.emit(
            f"Saved the diagram to {path}" if ok else f"Could not save the diagram to {path}"
        )
        return ok

    # ------------------------------------------------------------------ walk-through

    def _on_follow_toggled(self, checked: bool) -> None:
        assert self.view is not None
        if checked and not self.view.walkthrough_active:
            if not self.view.start_walkthrough():
                self.follow_button.setChecked(False)
                self.step_label.setText("This diagram has no walk-through steps.")
        elif not checked:
            self.view.stop_walkthrough()

    def _on_walkthrough_toggled(self, active: bool) -> None:
        self.follow_button.blockSignals(True)
        self.follow_button.setChecked(active)
        self.follow_button.blockSignals(False)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(active)
        self.previous_button.setEnabled(False)
        self.next_button.setEnabled(active)
        if active and self.view is not None and not self.view.hasFocus():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not active:
            self.step_label.setText(IDLE_HINT)
            self._set_next_label(last=False)

    def _next_or_start_over(self) -> None:
        """The next step; at the last one the button reads "Start over" and goes back to step 1."""
        assert self.view is not None
        if not self.view.next_step():
            self.view.go_to_step(0)

    def _set_next_label(self, last: bool) -> None:
        self.next_button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextOnly if last else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        self.next_button.setText(START_OVER if last else "▶")
        self.next_button.setToolTip("Back to step 1" if last else "Next step (N or →)")
        self.next_button.setAccessibleName(START_OVER if last else "Next step")

    def _on_step_changed(self, index: int, count: int, sentence: str) -> None:
        if index < 0:
            self.step_label.setText(IDLE_HINT)
            return
        self.step_label.setText(f"<b>Step {index + 1} of {count}:</b> {sentence.replace('<', '&lt;')}")
        self.step_label.setAccessibleDescription(f"Step {index + 1} of {count}: {sentence}")
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(True)
        self._set_next_label(last=index == count - 1)
