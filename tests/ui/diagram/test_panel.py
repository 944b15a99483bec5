"""The diagram panel: walk-through buttons and keys, export through the file dialog, placeholder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reader.core.diagram.model import Diagram, Edge, Node, Step
from reader.ui.diagram.panel import IDLE_HINT, DiagramPanel


def test_panel_buttons_and_keys_drive_the_walkthrough(qtbot, panel, view, guide_diagram):
    count = len(guide_diagram.steps)
    with qtbot.waitSignal(view.step_changed, timeout=1000) as first:
        qtbot.mouseClick(panel.follow_button, Qt.MouseButton.LeftButton)
    assert first.args[0] == 0
    assert panel.step_label.text().startswith(f"<b>Step 1 of {count}:</b>")
    assert not panel.previous_button.isEnabled()
    assert panel.next_button.isEnabled()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert view.step_index == 1
    qtbot.waitUntil(view.hasFocus)
    for key, expected in [(Qt.Key.Key_N, 2), (Qt.Key.Key_Right, 3), (Qt.Key.Key_P, 2), (Qt.Key.Key_Left, 1)]:
        with qtbot.waitSignal(view.step_changed, timeout=1000) as signal:
            qtbot.keyClick(view, key)
        assert signal.args[0] == expected
    with qtbot.waitSignal(view.walkthrough_toggled, timeout=1000) as stopped:
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert stopped.args == [False]
    assert not panel.follow_button.isChecked()
    assert panel.step_label.text() == IDLE_HINT
    view.focus_node("browser")
    qtbot.keyClick(view, Qt.Key.Key_Right)  # outside the walk-through arrows move focus again
    assert view.focused_node().node.id == "urls"
    assert view.step_index == -1


def test_panel_export_uses_the_file_dialog(qtbot, tmp_path, panel, monkeypatch):
    target = tmp_path / "picked"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "SVG drawing (*.svg)"))
    with qtbot.waitSignal(panel.status_message, timeout=1000) as signal:
        qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "picked.svg").is_file()
    assert signal.args == [f"Saved the diagram to {tmp_path / 'picked.svg'}"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    with qtbot.assertNotEmitted(panel.status_message):
        panel.export()


def test_panel_without_a_diagram_shows_a_placeholder(qtbot):
    widget = DiagramPanel(None)
    qtbot.addWidget(widget)
    assert widget.view is None
    assert widget.placeholder is not None
    assert "diagram.toml" in widget.placeholder.text()
    widget.highlight_topic("anything")
    assert not widget.export_to("/tmp/never.png")


def test_small_diagram_without_steps_or_legend(qtbot):
    diagram = Diagram(
        nodes=(Node("a", "A", "", "t/a", 0, 0), Node("b", "B", "b.py", "t/b", 1, 1)),
        edges=(Edge("a", "b", "go"),),
        steps=(),
    )
    widget = DiagramPanel(diagram)
    qtbot.addWidget(widget)
    assert widget.view is not None
    assert not widget.view.start_walkthrough()
    qtbot.mouseClick(widget.follow_button, Qt.MouseButton.LeftButton)
    assert not widget.follow_button.isChecked()
    assert Step("x", node="a") not in diagram.steps


def test_the_last_step_offers_to_start_over(qtbot, panel, view, guide_diagram):
    count = len(guide_diagram.steps)
    qtbot.mouseClick(panel.follow_button, Qt.MouseButton.LeftButton)
    assert view.go_to_step(count - 1)
    assert panel.next_button.isEnabled()
    assert panel.next_button.text() == "Start over"
    assert panel.step_label.text().startswith(f"<b>Step {count} of {count}:</b>")
    with qtbot.waitSignal(view.step_changed, timeout=1000) as restarted:
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert restarted.args[0] == 0
    assert view.walkthrough_active
    assert panel.next_button.text() != "Start over"
    assert panel.next_button.accessibleName() == "Next step"
