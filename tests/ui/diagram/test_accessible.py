"""The diagram through Qt's accessibility API: boxes as list items, focus events, spoken steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from reader.ui.diagram.panel import DiagramPanel
from tests.helpers.accessibility import children

if TYPE_CHECKING:
    from tests.helpers.accessibility import EventLog


@pytest.fixture
def listened_panel(qtbot, a11y_events: EventLog, guide_diagram) -> DiagramPanel:
    """The guide's diagram, built while a screen reader listens."""
    widget = DiagramPanel(guide_diagram)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_box_is_a_named_list_item_with_caption_position_and_press(qtbot, listened_panel, guide_diagram):
    view = listened_panel.view
    iface = QAccessible.queryAccessibleInterface(view)
    assert iface.role() == QAccessible.Role.List
    assert iface.text(QAccessible.Text.Name) == "Architecture diagram"
    boxes = children(iface)
    count = len(guide_diagram.nodes)
    assert [b.text(QAccessible.Text.Name) for b in boxes] == [n.label for n in guide_diagram.nodes]
    assert [b.text(QAccessible.Text.Description) for b in boxes] == [n.caption for n in guide_diagram.nodes]
    assert [b.text(QAccessible.Text.Value) for b in boxes] == [f"{i} of {count}" for i in range(1, count + 1)]
    assert {b.role() for b in boxes} == {QAccessible.Role.ListItem}
    assert all(not b.rect().isEmpty() for b in boxes)
    with qtbot.waitSignal(listened_panel.topic_requested, timeout=1000) as opened:
        boxes[2].actionInterface().doAction("Press")
    assert opened.args == [guide_diagram.nodes[2].topic]


def test_the_box_of_the_topic_read_is_selected(listened_panel, guide_diagram):
    node = guide_diagram.nodes[3]
    listened_panel.highlight_topic(node.topic)
    boxes = children(QAccessible.queryAccessibleInterface(listened_panel.view))
    selected = [b.text(QAccessible.Text.Name) for b in boxes if b.state().selected]
    assert node.label in selected
    assert guide_diagram.nodes[0].label not in selected or guide_diagram.nodes[0].topic == node.topic


def test_tab_and_arrows_send_one_focus_event_per_box_and_an_edge_is_announced(
    qtbot, listened_panel, a11y_events, guide_diagram
):
    view = listened_panel.view
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(view.hasFocus)
    a11y_events.clear()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    labels = [n.label for n in guide_diagram.nodes]
    box_focus = [name for name in a11y_events.focus_names() if name in labels]
    assert box_focus == labels[:2]
    focused = QAccessible.queryAccessibleInterface(view).focusChild()
    assert focused.text(QAccessible.Text.Name) == labels[1]
    assert focused.state().focused
    a11y_events.clear()
    for _ in range(len(labels)):  # far enough to hit the left edge whatever the layout
        qtbot.keyClick(view, Qt.Key.Key_Left)
    assert "No box to the left" in a11y_events.announcements()


def test_each_walkthrough_step_is_announced(qtbot, listened_panel, a11y_events, guide_diagram):
    view = listened_panel.view
    a11y_events.clear()
    assert view.start_walkthrough()
    view.next_step()
    count = len(guide_diagram.steps)
    assert a11y_events.announcements()[:2] == [
        f"Step 1 of {count}: {guide_diagram.steps[0].sentence}",
        f"Step 2 of {count}: {guide_diagram.steps[1].sentence}",
    ]
    view.stop_walkthrough()
    assert a11y_events.announcements()[-1] == "Walk-through stopped"
