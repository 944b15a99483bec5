"""Read marks in the window: a topic shown long enough is ticked, the tick survives a restart,
leaving early marks nothing, and Go → Mark All Topics Unread clears them."""

from __future__ import annotations

from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from reader.ui.topics.read_mark import READ_ROLE
from reader.ui.window.reading_commands import ReadingCommands
from tests.helpers.paths import SAMPLE


def ticked(window: MainWindow, topic_id: str) -> bool:
    return bool(window.tree.index_of(topic_id).data(READ_ROLE))


def test_a_topic_shown_long_enough_is_ticked_and_stays_ticked_after_a_restart(qtbot, window) -> None:
    window.finish_startup()
    window.reading_commands = commands = ReadingCommands(window.library, window.tree, read_after_ms=30)
    window.navigator.topic_shown.connect(commands.follow_topic)
    window.navigator.open_topic("flow/views")
    qtbot.waitUntil(lambda: ticked(window, "flow/views"), timeout=2000)
    assert window.library.reading.is_read("flow/views")
    window.close()

    again = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(again)
    again.finish_startup()  # the marks are read after the first frame
    assert ticked(again, "flow/views")


def test_a_topic_left_before_the_time_is_up_is_not_marked(qtbot, window) -> None:
    window.finish_startup()
    commands = ReadingCommands(window.library, window.tree, read_after_ms=200)
    commands.follow_topic("flow/views")
    commands.follow_topic("index")  # moved on at once
    qtbot.waitUntil(lambda: window.library.reading.is_read("index"), timeout=2000)
    assert not window.library.reading.is_read("flow/views")


def test_mark_all_unread_from_the_go_menu_clears_the_ticks(qtbot, window) -> None:
    window.finish_startup()
    window.library.reading.mark_read("flow/views")
    window.reading_commands.show_marks()
    assert ticked(window, "flow/views")
    assert window.actions_.mark_all_unread in window.menus["go"].actions()
    with qtbot.waitSignal(window.reading_commands.status_message, timeout=1000) as said:
        window.actions_.mark_all_unread.trigger()
    assert said.args[0] == "Every topic is marked unread"
    assert not ticked(window, "flow/views")
    assert window.library.reading.read_ids() == frozenset()
