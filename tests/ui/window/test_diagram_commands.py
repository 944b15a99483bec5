"""The diagram pane from the window: its own topic shows it, toggling, walk-through, reload."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from reader.resources import guide_root
from reader.ui.common.settings import Key, Settings
from reader.ui.diagram.panel import START_OVER
from reader.ui.main_window import MainWindow
from tests.helpers.content import topic


def test_architecture_topic_shows_the_diagram_and_nodes_open_topics(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow")
    assert window.diagram_panel.isVisible()
    assert window.actions_.diagram.isChecked()
    view = window.diagram_panel.view
    assert view is not None
    for node in window.library.diagram.nodes:
        item = view.node_item(node.id)
        point = view.mapFromScene(item.sceneBoundingRect().center())
        with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert shown.args == [node.topic]
        assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == node.topic


def test_the_topic_that_shows_the_diagram_comes_from_diagram_toml(qtbot, opened_urls, make_content):
    diagram = (guide_root() / "diagram.toml").read_text(encoding="utf-8")
    diagram = diagram.replace('topic = "request-flow"', 'topic = "overview"', 1)
    assert 'topic = "overview"' in diagram
    root = make_content(
        {"index.md": topic("Home"), "overview.md": topic("Overview"), "diagram.toml": diagram}
    )
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.navigator.open_topic("overview")
    assert window.actions_.diagram.isChecked()


def test_the_start_topic_shows_the_diagram_only_after_the_first_frame(qtbot, opened_urls):
    window = MainWindow(guide_root(), start_topic="request-flow", settings=Settings())
    qtbot.addWidget(window)
    assert not window.actions_.diagram.isChecked()  # reading diagram.toml would import tomllib
    with qtbot.waitSignal(window.first_paint_done, timeout=3000):
        window.show()
    qtbot.waitUntil(window.actions_.diagram.isChecked, timeout=3000)
    assert window.diagram_pane.isVisible()


def test_diagram_toggle_and_walkthrough_from_the_window(qtbot, guide_window):
    window = guide_window
    window.actions_.diagram.trigger()
    assert window.diagram_panel.isVisible()
    first_topic = window.library.diagram.step_topic(window.library.diagram.steps[0])
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
        window.actions_.walkthrough.trigger()
    assert shown.args == [first_topic]
    window.actions_.diagram.trigger()
    assert not window.diagram_panel.isVisible()


def test_walkthrough_without_a_diagram_says_so(qtbot, window):
    window.actions_.walkthrough.trigger()
    assert "no diagram.toml" in window.statusBar().currentMessage()
    assert not window.actions_.diagram.isChecked()


def test_reaching_the_architecture_topic_from_the_tree_keeps_the_focus_there(qtbot, guide_window):
    window = guide_window
    window.tree.expandAll()
    window.tree.setFocus()
    window.tree.select_topic("request-flow/browser")
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000):
        qtbot.keyClick(window.tree, Qt.Key.Key_Up)
    assert window.navigator.current_topic_id == "request-flow"
    assert window.diagram_pane.isVisible()
    assert window.tree.hasFocus()


def test_reload_rebuilds_a_visible_diagram(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow")
    old_panel = window.diagram_panel
    window.actions_.reload.trigger()
    assert window.navigator.current_topic_id == "request-flow"
    assert window.diagram_pane.isVisible()
    assert window.diagram_panel is not old_panel
    assert window.diagram_panel.view is not None
    assert window.diagram_panel.isVisible()
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
        window.diagram_panel.view.topic_requested.emit("request-flow/views")
    assert shown.args == ["request-flow/views"]


def test_the_welcome_pages_button_starts_the_walk_through_which_ends_on_a_recap(qtbot, guide_window):
    from PySide6.QtCore import Qt

    window = guide_window
    window.navigator.open_topic("index")
    page = window.page
    button = page.document().find("Follow a request")  # the start-here button, first on the page
    assert not button.isNull()
    assert button.charFormat().anchorHref() == "topic:diagram.toml"
    button.setPosition(button.selectionStart() + 4)  # inside the link's text
    point = page.cursorRect(button).center()
    qtbot.mouseClick(page.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.diagram_pane.isVisible(), timeout=2000)
    view = window.diagram_panel.view
    assert view.step_index == 0
    assert window.navigator.current_topic_id == "request-flow/browser"
    panel = window.diagram_panel
    while view.next_step():
        pass
    assert window.navigator.current_topic_id == "request-flow/example-app"  # the recap opens the app
    assert panel.step_label.text().startswith(f"<b>Step {len(view.badge_items())} of")
    assert panel.next_button.text() == START_OVER
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert view.step_index == 0
    assert panel.next_button.text() == "▶"


OTHER_TOPIC = "security/sessions"  # not named by diagram.toml


def test_the_diagram_shows_with_its_topics_and_hides_on_others(qtbot, guide_window):
    window = guide_window
    topics = window.diagram_commands.diagram_topics()
    assert "request-flow" in topics
    assert {node.topic for node in window.library.diagram.nodes} <= topics
    assert OTHER_TOPIC in window.library.content.topics
    assert OTHER_TOPIC not in topics
    window.navigator.open_topic("request-flow/middleware")
    assert window.diagram_pane.isVisible()
    window.navigator.open_topic(OTHER_TOPIC)
    assert not window.diagram_pane.isVisible()  # it no longer stays above every page
    window.navigator.open_topic("request-flow/views")
    assert window.diagram_pane.isVisible()


def test_a_pinned_diagram_stays_and_the_pin_is_remembered(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow")
    window.actions_.pin_diagram.trigger()
    window.navigator.open_topic(OTHER_TOPIC)
    assert window.diagram_pane.isVisible()
    buttons = window.diagram_panel.findChildren(QToolButton)
    pin_button = [button for button in buttons if button.defaultAction() is window.actions_.pin_diagram]
    assert pin_button  # the pin is also a button in the diagram's bar
    window.close()
    again = MainWindow(guide_root(), start_topic=OTHER_TOPIC, settings=Settings())
    qtbot.addWidget(again)
    again.show()
    again.finish_startup()
    assert again.actions_.pin_diagram.isChecked()
    assert again.diagram_pane.isVisible()
    again.actions_.diagram.trigger()  # hiding a pinned diagram unpins it
    assert not again.actions_.pin_diagram.isChecked()
    assert not Settings().get(Key.DIAGRAM_PINNED)


def test_hiding_the_diagram_on_its_topics_is_remembered(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow/middleware")
    assert window.diagram_pane.isVisible()
    window.actions_.diagram.trigger()  # the reader hides it
    window.navigator.open_topic(OTHER_TOPIC)
    window.navigator.open_topic("request-flow/views")
    assert not window.diagram_pane.isVisible()
    window.close()
    again = MainWindow(guide_root(), start_topic="request-flow", settings=Settings())
    qtbot.addWidget(again)
    again.show()
    again.finish_startup()
    assert not again.diagram_pane.isVisible()
    again.actions_.diagram.trigger()  # shown again on one of its topics: it follows them again
    again.navigator.open_topic("request-flow/views")
    assert again.diagram_pane.isVisible()
    assert Settings().get(Key.DIAGRAM_WITH_TOPICS)


def test_a_walk_through_keeps_its_diagram_on_every_step(qtbot, guide_window):
    window = guide_window
    window.actions_.walkthrough.trigger()
    view = window.diagram_panel.view
    for _ in range(len(window.library.diagram.steps) - 1):
        view.next_step()
        assert window.diagram_pane.isVisible()


def _most_contrast(image, background) -> float:
    from reader.ui.common.colors import contrast_ratio

    return max(
        contrast_ratio(image.pixelColor(x, y), background)
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_no_diagram_message_is_readable(qtbot, opened_urls, theme):
    """A folder without diagram.toml: Diagram shows a message instead; its text, as painted,
    reaches AA contrast (it was drawn in the disabled colour: 1.6:1 in light)."""
    from PySide6.QtGui import QPalette

    from tests.helpers.paths import SAMPLE

    settings = Settings()
    settings.set(Key.THEME, theme)
    window = MainWindow(SAMPLE, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.actions_.diagram.trigger()
    label = window.diagram_panel.placeholder
    assert label is not None
    qtbot.waitUntil(label.isVisible)
    image = label.grab().toImage()
    background = window.diagram_panel.palette().color(QPalette.ColorRole.Window)
    assert _most_contrast(image, background) >= 4.5
