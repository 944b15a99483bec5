"""A short soak: every topic and every diagram node, five rounds, without errors or leaked widgets.

The long version with memory figures is ``benchmarks/soak.py``; nothing here is timed.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from reader.resources import guide_root
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.hostile_content import build_hostile_content

ROUNDS = 5


@pytest.fixture(autouse=True)
def no_browser(monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)


def make_window(qtbot, root) -> MainWindow:
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    if window.diagram_panel.view is not None:
        window.actions_.diagram.setChecked(True)
    QApplication.processEvents()
    return window


def soak_round(qtbot, window: MainWindow) -> None:
    """Open every topic, click every diagram node (and press Enter on one), go back and forward."""
    for topic_id in window.library.content.walk():
        assert window.navigator.open_topic(topic_id), topic_id
        QApplication.processEvents()
        assert window.navigator.current_topic_id == topic_id
    view = window.diagram_panel.view
    if view is not None:
        for item in view.node_items():
            with qtbot.waitSignal(view.topic_requested, timeout=1000) as heard:
                qtbot.mouseClick(
                    view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(item.scenePos())
                )
            assert heard.args == [item.node.topic], item.node.id
            QApplication.processEvents()
            assert window.navigator.current_topic_id == item.node.topic
        first = view.node_items()[0]
        view.focus_node(first.node.id)
        with qtbot.waitSignal(view.topic_requested, timeout=1000):
            qtbot.keyClick(view, Qt.Key.Key_Return)
    for _ in range(3):
        window.navigator.go_back()
        QApplication.processEvents()
    for _ in range(3):
        window.navigator.go_forward()
        QApplication.processEvents()


def counts(window: MainWindow) -> tuple[int, int]:
    QApplication.processEvents()
    view = window.diagram_panel.view
    return len(QApplication.allWidgets()), len(view.scene().items()) if view is not None else 0


def test_guide_soak_leaks_no_widgets_or_scene_items(qtbot):
    window = make_window(qtbot, guide_root())
    assert window.diagram_panel.view is not None
    assert window.diagram_panel.view.node_items()
    soak_round(qtbot, window)
    after_first = counts(window)
    for _ in range(ROUNDS - 1):
        soak_round(qtbot, window)
    assert counts(window) == after_first


def test_hostile_soak_leaks_no_widgets(qtbot, tmp_path):
    window = make_window(qtbot, build_hostile_content(tmp_path / "content"))
    soak_round(qtbot, window)
    after_first = counts(window)
    for _ in range(ROUNDS - 1):
        soak_round(qtbot, window)
    assert counts(window) == after_first
