"""Window-level wiring of the diagram, bookmarks, theme, code copying and help (bundled guide)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from reader.resources import guide_root
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    win = MainWindow(guide_root(), settings=Settings())
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_architecture_topic_shows_the_diagram_and_nodes_open_topics(qtbot, window):
    window.open_topic("request-flow")
    assert window.diagram_panel.isVisible() and window.actions_.diagram.isChecked()
    view = window.diagram_panel.view
    assert view is not None
    for node in window.diagram.nodes:
        item = view.node_item(node.id)
        point = view.mapFromScene(item.sceneBoundingRect().center())
        with qtbot.waitSignal(window.topic_shown, timeout=2000) as shown:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert shown.args == [node.topic]
        assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == node.topic


def test_diagram_toggle_and_walkthrough_from_the_window(qtbot, window):
    window.actions_.diagram.trigger()
    assert window.diagram_panel.isVisible()
    first_topic = window.diagram.step_topic(window.diagram.steps[0])
    with qtbot.waitSignal(window.topic_shown, timeout=2000) as shown:
        window.actions_.walkthrough.trigger()
    assert shown.args == [first_topic]
    window.actions_.diagram.trigger()
    assert not window.diagram_panel.isVisible()


def test_ctrl_d_bookmarks_the_topic_and_the_panel_opens_it(qtbot, window):
    window.open_topic("security/csrf")
    qtbot.keyClick(window.page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.actions_.bookmark.isChecked()
    assert window.bookmarks_panel.topic_ids() == ["security/csrf"]
    window.open_topic("index")
    assert not window.actions_.bookmark.isChecked()
    window.commands.show_bookmarks()
    with qtbot.waitSignal(window.topic_shown, timeout=2000) as shown:
        qtbot.keyClick(window.bookmarks_panel.list, Qt.Key.Key_Return)
    assert shown.args == ["security/csrf"]
    again = MainWindow(guide_root(), settings=Settings())
    qtbot.addWidget(again)
    assert again.bookmarks.contains("security/csrf")


def test_theme_switches_live(qtbot, window):
    window.open_topic("request-flow/url-dispatcher")
    with qtbot.waitSignal(window.theme.theme_changed, timeout=1000, raising=False):
        window.actions_.theme_dark.trigger()
    assert window.theme.is_dark() and window.renderer.dark
    assert "#e6edf3" in window.page.document().defaultStyleSheet()
    window.actions_.theme_light.trigger()
    assert not window.renderer.dark
    assert Settings().text("view/theme") == "light"


def test_copy_link_copies_the_code_block(qtbot, window):
    window.open_topic("request-flow/example-app")
    code = window.page.page.code_blocks[0]
    window.page.anchorClicked.emit(QUrl("copy-code:0"))
    assert QGuiApplication.clipboard().text() == code
    assert "Copied" in window.statusBar().currentMessage()


def test_shortcuts_window_lists_every_shortcut(qtbot, window):
    window.actions_.shortcuts.trigger()
    dialog = window.commands.help_dialog
    assert dialog is not None and dialog.isVisible()
    listed = " ".join(
        " ".join(entry) if isinstance(entry, tuple) else str(entry) for entry in dialog.entries()
    )
    for action in window.actions_.all:
        if action.shortcuts():
            assert action.text().replace("&", "").rstrip("…") in listed


def test_panes_have_accessible_names_and_descriptions(qtbot, window):
    window.open_topic("request-flow")
    for widget in (window.tree, window.page, window.search_panel.edit, window.tree_filter):
        assert widget.accessibleName()
    for widget in (window.tree, window.page, window.search_panel.edit):
        assert widget.accessibleDescription()
    view = window.diagram_panel.view
    assert view is not None and view.accessibleName() == "Architecture diagram"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    focused = view.focused_node()
    assert focused is not None
    assert focused.toolTip() and focused.accessible_name in view.accessibleDescription()


def test_zoom_to_200_percent_keeps_the_page_readable(qtbot, window):
    window.open_topic("request-flow/url-dispatcher")
    normal_height = window.page.document().size().height()
    for _ in range(8):
        window.actions_.zoom_in.trigger()
    assert window.zoom_level == 8
    assert window.page.document().size().height() > normal_height * 1.8
    assert window.page.horizontalScrollBar().maximum() == 0  # text wraps; no sideways scrolling


def test_zoom_keys_zoom_the_diagram_when_it_has_focus(qtbot, window):
    window.open_topic("request-flow")
    view = window.diagram_panel.view
    view.setFocus()
    before_zoom, before_page = view.zoom_factor, window.zoom_level
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor > before_zoom and window.zoom_level == before_page
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_level == before_page + 1


def test_ctrl_wheel_on_the_page_uses_the_window_zoom(qtbot, window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    def wheel(delta: int) -> None:
        event = QWheelEvent(
            QPointF(50, 50),
            QPointF(50, 50),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(window.page.viewport(), event)

    wheel(120)
    assert window.zoom_level == 1
    wheel(-240)
    assert window.zoom_level == -1
    window.close()
    assert Settings().number("view/zoom") == -1


def test_startup_notices_are_all_shown(qtbot, window):
    window.notify("First notice")
    window.notify("Second notice")
    window.notify("First notice")
    message = window.statusBar().currentMessage()
    assert "First notice" in message and "Second notice" in message
    assert message.count("First notice") == 1


def test_reaching_the_architecture_topic_from_the_tree_keeps_the_focus_there(qtbot, window):
    window.tree.expandAll()
    window.tree.setFocus()
    window.tree.select_topic("request-flow/browser")
    with qtbot.waitSignal(window.topic_shown, timeout=2000):
        qtbot.keyClick(window.tree, Qt.Key.Key_Up)
    assert window.current_topic_id == "request-flow"
    assert window.diagram_pane.isVisible() and window.tree.hasFocus()


def test_reload_rebuilds_a_visible_diagram(qtbot, window):
    window.open_topic("request-flow")
    old_panel = window.diagram_panel
    window.actions_.reload.trigger()
    assert window.current_topic_id == "request-flow"
    assert window.diagram_pane.isVisible() and window.diagram_panel is not old_panel
    assert window.diagram_panel.view is not None and window.diagram_panel.isVisible()
    with qtbot.waitSignal(window.topic_shown, timeout=2000) as shown:
        window.diagram_panel.view.topic_requested.emit("request-flow/views")
    assert shown.args == ["request-flow/views"]


def test_no_two_actions_share_a_shortcut(window):
    seen: dict[str, str] = {}
    for action in window.actions_.all:
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is both {seen[key]} and {action.text()}"
            seen[key] = action.text()
