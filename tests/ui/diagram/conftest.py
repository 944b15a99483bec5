"""Fixtures of the diagram tests: the bundled guide's diagram, shown in a panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication

from reader.core.diagram.toml_reader import load_diagram
from reader.resources import guide_root
from reader.ui.diagram.panel import DiagramPanel

if TYPE_CHECKING:
    from reader.core.diagram.model import Diagram
    from reader.ui.diagram.view import DiagramView


@pytest.fixture(scope="module")
def guide_diagram() -> Diagram:
    diagram, problems = load_diagram(guide_root())
    assert diagram is not None
    assert problems == []
    return diagram


@pytest.fixture
def panel(qtbot, guide_diagram):
    widget = DiagramPanel(guide_diagram)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


@pytest.fixture
def view(panel) -> DiagramView:
    assert panel.view is not None
    return panel.view
