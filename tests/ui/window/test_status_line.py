"""The status line: messages for a Duration, notices kept together for the session."""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar

from reader.ui.common.status import Duration
from reader.ui.window.status_line import StatusLine


def test_a_message_replaces_the_last_and_an_empty_one_clears(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    line = StatusLine(bar)
    line.show("Saved", Duration.BRIEF)
    assert bar.currentMessage() == "Saved"
    line.show("")
    assert bar.currentMessage() == ""


def test_notices_are_shown_together_once_each(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    line = StatusLine(bar)
    for notice in ("Cache set aside", "", "Settings reset", "Cache set aside"):
        line.notify(notice)
    assert line.notices == ["Cache set aside", "Settings reset"]
    assert bar.currentMessage() == "Cache set aside · Settings reset"


def test_a_message_goes_after_its_duration(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    StatusLine(bar).show("Zoom 110%", Duration.BRIEF)
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=int(Duration.BRIEF) + 2000)
