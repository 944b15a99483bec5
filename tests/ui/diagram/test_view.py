"""The diagram view: clicks and keys open topics, the walk-through, zoom and palettes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from reader.ui.diagram.view import MIN_TEXT_PX

if TYPE_CHECKING:
    from reader.ui.diagram.view import DiagramView


def centre_of(view: DiagramView, node_id: str) -> QPoint:
    item = view.node_item(node_id)
    assert item is not None
    return view.mapFromScene(item.scenePos())


def test_every_node_click_opens_its_topic(qtbot, panel, view, guide_diagram):
    for node in guide_diagram.nodes:
        with qtbot.waitSignal(panel.topic_requested, timeout=1000) as signal:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre_of(view, node.id))
        assert signal.args == [node.topic], node.id


def test_click_on_empty_space_opens_nothing(qtbot, view):
    with qtbot.assertNotEmitted(view.topic_requested, wait=100):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_tab_and_shift_tab_walk_the_nodes_in_file_order(qtbot, view, guide_diagram):
    ids = [node.id for node in guide_diagram.nodes]
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(view.hasFocus)
    assert view.focused_node() is None
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.focused_node().node.id == ids[0]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.focused_node().node.id == ids[1]
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.focused_node().node.id == ids[0]
    assert view.accessibleDescription().startswith(guide_diagram.nodes[0].label)


def test_tab_leaves_the_view_after_the_last_node_and_comes_back(qtbot, panel, view, guide_diagram):
    view.focus_node(guide_diagram.nodes[-1].id)
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()
    view.scene().setFocusItem(None)
    panel.follow_button.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(panel.follow_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(view.hasFocus)
    assert view.focused_node().node.id == guide_diagram.nodes[-1].id


def test_arrow_keys_move_spatially_and_enter_opens(qtbot, view):
    view.focus_node("browser")
    qtbot.waitUntil(view.hasFocus)
    route = [(Qt.Key.Key_Down, "server"), (Qt.Key.Key_Right, "middleware"), (Qt.Key.Key_Right, "errors")]
    route += [(Qt.Key.Key_Up, "urls"), (Qt.Key.Key_Right, "template"), (Qt.Key.Key_Down, "model")]
    route += [(Qt.Key.Key_Left, "view"), (Qt.Key.Key_Left, "errors"), (Qt.Key.Key_Down, "response")]
    for key, expected in route:
        qtbot.keyClick(view, key)
        assert view.focused_node().node.id == expected, key
    with qtbot.waitSignal(view.topic_requested, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == ["request-flow/response"]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    with qtbot.waitSignal(view.topic_requested, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert signal.args == ["request-flow/errors"]


def test_arrow_key_without_a_neighbour_keeps_focus(qtbot, view):
    view.focus_node("browser")
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.focused_node().node.id == "browser"


def test_walkthrough_follows_the_steps_of_diagram_toml(qtbot, view, guide_diagram):
    steps = guide_diagram.steps
    seen: list[tuple[int, int, str]] = []
    topics: list[str] = []
    view.step_changed.connect(lambda *args: seen.append(args))
    view.topic_requested.connect(topics.append)
    with qtbot.waitSignal(view.walkthrough_toggled, timeout=1000) as toggled:
        assert view.start_walkthrough()
    assert toggled.args == [True]
    while view.next_step():
        pass
    assert [index for index, _, _ in seen] == list(range(len(steps)))
    assert {count for _, count, _ in seen} == {len(steps)}
    assert [sentence for _, _, sentence in seen] == [step.sentence for step in steps]
    assert topics == [guide_diagram.step_topic(step) for step in steps]
    assert not view.next_step()
    with qtbot.waitSignal(view.step_changed, timeout=1000) as back:
        assert view.previous_step()
    assert back.args == [len(steps) - 2, len(steps), steps[-2].sentence]


def test_walkthrough_marks_the_current_hop_and_numbers_the_visited_ones(view, guide_diagram):
    view.start_walkthrough()
    first = view.node_item(guide_diagram.steps[0].node)
    assert first.stepped
    edge_index = next(i for i, step in enumerate(guide_diagram.steps) if step.edge is not None)
    view.go_to_step(edge_index)
    assert not first.stepped
    assert view.edge_item(*guide_diagram.steps[edge_index].edge).stepped
    badges = view.badge_items()
    assert [badge.isVisible() for badge in badges] == [i <= edge_index for i in range(len(badges))]
    assert [badge.current for badge in badges].index(True) == edge_index
    view.stop_walkthrough()
    assert not any(badge.isVisible() for badge in badges)
    assert view.step_index == -1


def test_highlight_topic_marks_only_that_node(view):
    view.highlight_topic("request-flow/views")
    assert [item.node.id for item in view.node_items() if item.current] == ["view"]
    view.highlight_topic("introduction")
    assert not any(item.current for item in view.node_items())


def test_hover_emphasises_the_node_and_its_edges(qtbot, view):
    qtbot.mouseMove(view.viewport(), centre_of(view, "middleware"))
    item = view.node_item("middleware")
    qtbot.waitUntil(lambda: item.hovered)
    assert item.edges
    assert all(edge.emphasised for edge in item.edges)
    qtbot.mouseMove(view.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: not item.hovered)
    assert not any(edge.emphasised for edge in item.edges)


def test_zoom_keys_wheel_and_fit(qtbot, view):
    fit_scale = view.transform().m11()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == pytest.approx(1.25)
    assert view.transform().m11() == pytest.approx(fit_scale * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == pytest.approx(0.8)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == 1.0
    assert view.transform().m11() == pytest.approx(fit_scale)
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        view.viewport().mapToGlobal(centre),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom_factor == pytest.approx(1.15)


def _smallest_label_px(view) -> float:
    theme = view.theme
    fonts = (theme.label_font, theme.badge_font, theme.small_font, theme.caption_font)
    return min(font.pixelSize() for font in fonts) * view.transform().m11()


def test_fits_the_window_when_there_is_room(qtbot, panel, view):
    panel.resize(1700, 760)
    qtbot.waitUntil(view.fits)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.adjusted(-3, -3, 3, 3).contains(view.sceneRect())
    assert view.horizontalScrollBar().maximum() == 0
    assert _smallest_label_px(view) >= MIN_TEXT_PX


def test_a_small_pane_scrolls_instead_of_shrinking_labels_below_11_px(qtbot, panel, view):
    panel.resize(700, 420)
    qtbot.waitUntil(lambda: not view.fits())
    assert _smallest_label_px(view) >= MIN_TEXT_PX - 0.01
    assert view.horizontalScrollBar().maximum() > 0  # the rest is a scroll (or a drag) away
    assert view.dragMode() == QGraphicsView.DragMode.ScrollHandDrag


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in [
        (QPalette.ColorRole.Window, "#1f2125"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#17181b"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d8fd6"),
    ]:
        palette.setColor(role, QColor(colour))
    return palette


def test_palette_change_recolours(qtbot, view):
    light = view.theme.background.name()
    view.setPalette(dark_palette())
    assert view.theme.dark
    assert view.theme.background.name() != light
    assert view.scene().backgroundBrush().color() == view.theme.background
