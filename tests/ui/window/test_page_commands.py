"""Page commands from the window: live theme switching and zoom (keys, wheel, remembered)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu

from reader.ui.common.settings import Key, Settings
from reader.ui.page.highlight import FIND_CURRENT_LAYER, FIND_LAYER, SEARCH_LAYER, mark_colours


def test_theme_switches_live(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow/url-dispatcher")
    with qtbot.waitSignal(window.theme.theme_changed, timeout=1000):
        window.actions_.theme_dark.trigger()
    assert window.theme.is_dark()
    assert window.library.dark
    assert "#e6edf3" in window.page.document().defaultStyleSheet()
    window.actions_.theme_light.trigger()
    assert not window.library.dark
    assert Settings().get(Key.THEME) == "light"


def test_a_theme_switch_shows_the_page_once_in_its_new_colours(qtbot, guide_window, monkeypatch):
    window = guide_window
    window.navigator.open_topic("request-flow/url-dispatcher")
    window.page.verticalScrollBar().setValue(300)
    scroll = window.page.verticalScrollBar().value()
    shown: list[str] = []
    show_page = window.page.show_page
    monkeypatch.setattr(
        window.page,
        "show_page",
        lambda page, *args, **kwargs: shown.append(page.html) or show_page(page, *args, **kwargs),
    )
    with qtbot.waitSignal(window.theme.theme_changed, timeout=1000):
        window.actions_.theme_dark.trigger()
    assert len(shown) == 1
    assert shown[0] == window.library.render("request-flow/url-dispatcher").html  # the dark rendering
    assert window.page.verticalScrollBar().value() == scroll


def test_zoom_scales_page_text_and_is_remembered(qtbot, window):
    before = window.page.document().defaultStyleSheet()
    qtbot.keyClick(window.page, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.page_commands.zoom_level == 1
    assert window.page.document().defaultStyleSheet() != before
    assert "Zoom" in window.statusBar().currentMessage()
    for _ in range(20):
        window.actions_.zoom_in.trigger()
    assert window.page_commands.zoom_level == 8
    window.close()
    assert Settings().get(Key.ZOOM) == 8


def test_zoom_to_200_percent_keeps_the_page_readable(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow/url-dispatcher")
    normal_height = window.page.document().size().height()
    for _ in range(8):
        window.actions_.zoom_in.trigger()
    assert window.page_commands.zoom_level == 8
    assert window.page.document().size().height() > normal_height * 1.8
    assert window.page.horizontalScrollBar().maximum() == 0  # text wraps; no sideways scrolling


def test_zoom_keys_zoom_the_diagram_when_it_has_focus(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow")
    view = window.diagram_panel.view
    view.setFocus()
    before_zoom, before_page = view.zoom_factor, window.page_commands.zoom_level
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor > before_zoom
    assert window.page_commands.zoom_level == before_page
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.page_commands.zoom_level == before_page + 1


@pytest.mark.parametrize(
    ("key", "zoomed"),
    [(Qt.Key.Key_Equal, pytest.approx(1.25)), (Qt.Key.Key_Minus, pytest.approx(0.8)), (Qt.Key.Key_0, 1.0)],
)
def test_every_diagram_zoom_key_is_kept_from_the_page(qtbot, guide_window, key, zoomed):
    window = guide_window
    window.navigator.open_topic("request-flow")
    view = window.diagram_panel.view
    view.setFocus()
    before_page = window.page_commands.zoom_level
    qtbot.keyClick(view, key, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_factor == zoomed
    assert window.page_commands.zoom_level == before_page


def test_ctrl_wheel_on_the_page_uses_the_window_zoom(qtbot, guide_window):
    window = guide_window

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
    assert window.page_commands.zoom_level == 1
    wheel(-240)
    assert window.page_commands.zoom_level == -1
    window.close()
    assert Settings().get(Key.ZOOM) == -1


def _put_cursor_in_first_code_block(window) -> tuple[str, QTextCursor]:
    window.navigator.open_topic("request-flow/url-dispatcher")
    code = window.page.page.code_blocks[0]
    last_line = code.splitlines()[-1].strip()
    found = window.page.document().find(last_line)
    assert not found.isNull()
    found.clearSelection()
    window.page.setTextCursor(found)
    return code, found


def test_ctrl_shift_c_copies_the_code_block_under_the_cursor(qtbot, guide_window):
    window = guide_window
    code, _cursor = _put_cursor_in_first_code_block(window)
    QGuiApplication.clipboard().clear()
    window.page.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.page, Qt.Key.Key_C, modifiers)
    assert QGuiApplication.clipboard().text() == code
    assert "Copied" in window.statusBar().currentMessage()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # an offscreen popup menu
def test_the_context_menu_copies_the_code_block_under_the_mouse(qtbot, guide_window):
    window = guide_window
    code, cursor = _put_cursor_in_first_code_block(window)
    window.page.ensureCursorVisible()
    point = window.page.cursorRect(cursor).center()
    QGuiApplication.clipboard().clear()
    where = window.page.viewport().mapToGlobal(point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, where)
    QApplication.sendEvent(window.page.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    texts = [action.text().split("\t")[0] for action in menu.actions()]  # "\t" precedes the key shown
    assert "Copy Code Block" in texts
    menu.actions()[texts.index("Copy Code Block")].trigger()
    menu.close()
    assert QGuiApplication.clipboard().text() == code


def test_ctrl_end_and_ctrl_home_scroll_the_page_and_the_last_section_becomes_current(qtbot, guide_window):
    window = guide_window
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000):  # the headings follow the drawn page
        window.navigator.open_topic("request-flow/browser")  # its last section is too short to reach the top
    bar = window.page.verticalScrollBar()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.maximum() > 0
    assert bar.value() == bar.maximum()
    last = window.headings_panel.headings()[-1]
    qtbot.waitUntil(lambda: window.headings_panel.current_anchor() == last.anchor, timeout=2000)
    selected = window.headings_panel.list.selectedItems()
    assert [item.text() for item in selected] == [last.text]
    qtbot.keyClick(window.page, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


def _painted_count(image, colour) -> int:
    rgb = colour.rgb()
    rows = range(0, image.height(), 2)
    return sum(1 for y in rows for x in range(image.width()) if image.pixel(x, y) == rgb)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_find_count_equals_the_find_marks_beside_search_marks(qtbot, guide_window, theme):
    window = guide_window
    getattr(window.actions_, f"theme_{theme}").trigger()
    window.navigator.open_with_highlights("request-flow/middleware", ["middleware"])
    searched = len(window.page.extraSelections())
    assert searched > 3
    window.actions_.find.trigger()
    bar = window.page_commands.find_bar
    qtbot.keyClicks(bar.edit, "request")
    total = bar.match_count()
    assert total > 3
    assert bar.count_label.text() == f"1 of {total}"
    palette = window.page.palette()
    find_colours = {mark_colours(palette, layer)[0].name() for layer in (FIND_LAYER, FIND_CURRENT_LAYER)}
    marks = window.page.extraSelections()
    backgrounds = [selection.format.background().color().name() for selection in marks]
    assert sum(1 for colour in backgrounds if colour in find_colours) == total  # amber marks = the count
    assert sum(1 for colour in backgrounds if colour not in find_colours) == searched
    image = window.page.viewport().grab().toImage()
    assert _painted_count(image, mark_colours(palette, SEARCH_LAYER)[0]) > 0  # both kinds are on screen
    assert _painted_count(image, mark_colours(palette, FIND_CURRENT_LAYER)[0]) > 0
