"""The session: layout, theme, zoom and place saved on close and restored; typed settings keys."""

from __future__ import annotations

from reader.ui.common.settings import Key, Settings
from reader.ui.main_window import MainWindow
from reader.ui.page.view import ZOOM_RANGE
from tests.helpers.paths import SAMPLE


def test_session_is_restored(qtbot, opened_urls):
    first = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(first)
    first.navigator.open_topic("flow/views")
    first.splitter.setSizes([250, 750])
    first.close()
    second = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(second)
    assert second.navigator.current_topic_id == "flow/views"
    assert second.settings.get(Key.SPLITTER) == first.splitter.sizes()


def test_corrupt_settings_fall_back_to_defaults(qtbot, opened_urls):
    path = Settings().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[session]\ntopic=flow\n\xff\xfe[[[\nscroll=lots\n")
    win = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(win)
    assert win.navigator.current_topic_id == "index"
    assert "Settings could not be read" in win.statusBar().currentMessage()
    assert list(path.parent.glob(f"{path.name}.corrupt-*"))


def test_start_topic_argument_wins(qtbot, opened_urls):
    first = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(first)
    first.navigator.open_topic("flow/views")
    first.close()
    win = MainWindow(SAMPLE, start_topic="flow", settings=Settings())
    qtbot.addWidget(win)
    assert win.navigator.current_topic_id == "flow"


def test_theme_choice_and_panes_are_restored(qtbot, opened_urls):
    first = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(first)
    first.actions_.theme_dark.trigger()
    first.actions_.headings.setChecked(False)
    first.left_tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(second)
    assert second.actions_.theme_dark.isChecked()
    assert second.theme.is_dark()
    assert not second.actions_.headings.isChecked()
    assert second.left_tabs.currentIndex() == 2


def test_settings_out_of_range_or_of_the_wrong_type_give_the_default(qtbot):
    settings = Settings()
    settings.set(Key.LEFT_TAB, 7)
    settings.set(Key.SHOW_HEADINGS, "perhaps")  # type: ignore[arg-type]
    settings.set(Key.SPLITTER, ["a", "b"])  # type: ignore[arg-type]
    assert settings.get(Key.LEFT_TAB) == 0
    assert settings.get(Key.SHOW_HEADINGS) is True
    assert settings.get(Key.SPLITTER) == []
    assert settings.get(Key.GEOMETRY).isEmpty()


def test_the_zoom_key_allows_the_page_zoom_range():
    assert (Key.ZOOM.low, Key.ZOOM.high) == ZOOM_RANGE


def test_a_side_panel_hidden_in_a_wide_window_is_still_hidden_after_a_restart(qtbot, opened_urls):
    """F9 in a wide window, then quit: the next start keeps the page wide, as README promises
    ("which panels were open (as in a wide window) are restored"). It used to come back."""
    first = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(first)
    first.resize(1300, 800)
    first.show()
    qtbot.waitUntil(lambda: first.width() == 1300)
    first.actions_.side_panel.trigger()
    assert not first.left_tabs.isVisible()
    first.close()
    second = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(second)
    second.show()
    second.resize(1300, 800)
    qtbot.waitUntil(lambda: second.width() == 1300 and not second.responsive.compact)
    assert not second.actions_.side_panel.isChecked()
    assert not second.left_tabs.isVisible()
    second.actions_.side_panel.trigger()  # and F9 brings it back, at a usable width
    qtbot.waitUntil(second.left_tabs.isVisible)
    qtbot.waitUntil(lambda: second.left_tabs.width() > 150)
    second.close()
    assert Settings().get(Key.SHOW_SIDE_PANEL)
