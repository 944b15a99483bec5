"""The search panel as a screen reader hears it: a named list, the result moved to, the count."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from reader.core.content.loader import load_content
from reader.ui.search.panel import SearchPanel

if TYPE_CHECKING:
    from pathlib import Path

    from tests.helpers.accessibility import EventLog

TOPICS = {
    "middleware.md": "---\ntitle: Middleware\n---\n\nLayers wrap the view.\n",
    "views.md": "---\ntitle: Views\n---\n\nMiddleware runs before the view.\n",
    "csrf.md": "---\ntitle: CSRF protection\n---\n\nThe middleware checks a token.\n",
}


@pytest.fixture
def panel(qtbot, tmp_path: Path, a11y_events: EventLog) -> SearchPanel:
    root = tmp_path / "guide"
    root.mkdir()
    for name, text in TOPICS.items():
        (root / name).write_text(text, encoding="utf-8")
    widget = SearchPanel(cache_dir=tmp_path / "cache")
    qtbot.addWidget(widget)
    widget.set_content(load_content(root))
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.index_ready, timeout=10_000):
        widget.focus_search()
    return widget


def test_the_results_list_is_named(panel: SearchPanel) -> None:
    iface = QAccessible.queryAccessibleInterface(panel.view)
    assert iface.text(QAccessible.Text.Name) == "Search results"


def test_the_count_is_announced_once_when_typing_settles(qtbot, panel: SearchPanel, a11y_events) -> None:
    a11y_events.clear()
    for end in range(1, len("middle") + 1):  # keystrokes with no event-loop turn between them
        panel.edit.setText("middle"[:end])
    assert a11y_events.announcements() == [], "nothing is said per keystroke"
    first = panel.current_result()
    assert first is not None
    expected = [f"3 results, first: {first.title}"]
    qtbot.waitUntil(lambda: a11y_events.announcements() == expected, timeout=3000)


def test_up_and_down_announce_the_result_they_reach(qtbot, panel: SearchPanel, a11y_events) -> None:
    qtbot.keyClicks(panel.edit, "middleware")
    a11y_events.clear()
    qtbot.keyClick(panel.edit, Qt.Key.Key_Down)
    said = a11y_events.announcements()
    assert len(said) == 1
    second = panel.current_result()
    assert second is not None
    assert said[0].startswith(second.title)
    assert said[0].endswith("2 of 3")
    assert panel.edit.hasFocus(), "the focus stays in the field"
