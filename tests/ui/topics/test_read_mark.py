"""The read mark in the topic tree: a tick painted on read topics only, in light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from reader.core.content.loader import load_content
from reader.ui.common.theme import dark_palette, light_palette
from reader.ui.topics.read_mark import READ_ROLE, TICK_MARGIN, TICK_SIZE, ReadMarks
from reader.ui.topics.tree import TopicTreeView


def tick_ink(tree: TopicTreeView, topic_id: str) -> int:
    """Pixels in the tick's room of the row of ``topic_id`` that differ from the row's background."""
    image = tree.viewport().grab().toImage()
    rect = tree.visualRect(tree.index_of(topic_id))
    left = ReadMarks.column_width(tree.viewport().width()) + TICK_MARGIN
    background = QColor(image.pixelColor(tree.viewport().width() - 1, rect.top()))
    return sum(
        image.pixelColor(x, y) != background
        for x in range(left, left + TICK_SIZE)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_read_topic_has_a_tick_and_an_unread_one_none(qtbot, make_content, mode: str) -> None:
    root = make_content({"a.md": "# Alpha\n", "b.md": "# Beta\n", "c.md": "# Gamma\n"})
    tree = TopicTreeView()
    tree.setPalette(dark_palette() if mode == "dark" else light_palette())
    qtbot.addWidget(tree)
    tree.resize(260, 200)
    tree.set_content(load_content(root))
    tree.show()
    qtbot.waitExposed(tree)
    tree.select_topic("c")  # the selected row gets its tick too (in the selection's text colour)
    assert tick_ink(tree, "a") == 0
    tree.set_read_topics(frozenset({"a", "c"}))
    assert tick_ink(tree, "a") > 6
    assert tick_ink(tree, "b") == 0
    assert tick_ink(tree, "c") > 6
    assert tree.index_of("a").data(READ_ROLE) is True
    assert tree.index_of("b").data(READ_ROLE) is False
    tree.set_read_topics(frozenset())
    assert tick_ink(tree, "a") == 0


def test_titles_end_before_the_ticks_and_the_selection_band_runs_under_them(qtbot, make_content) -> None:
    long_title = "A very long topic title that cannot fit in the narrow tree at all"
    root = make_content({"a.md": f"# {long_title}\n", "b.md": "# Beta\n"})
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.resize(220, 160)
    tree.set_content(load_content(root))
    tree.show()
    qtbot.waitExposed(tree)
    assert tree.columnWidth(0) == ReadMarks.column_width(tree.viewport().width())
    assert tree.visualRect(tree.index_of("a")).right() < tree.viewport().width() - TICK_SIZE
    tree.select_topic("a")
    tree.set_read_topics(frozenset({"a"}))
    rect = tree.visualRect(tree.index_of("a"))
    for focused in (False, True):  # the band's colour differs with the focus
        if focused:
            tree.activateWindow()
            tree.setFocus()
            qtbot.waitUntil(tree.hasFocus, timeout=2000)
        image = tree.viewport().grab().toImage()
        inside = QColor(image.pixelColor(rect.right() - 6, rect.center().y()))
        after = QColor(image.pixelColor(tree.viewport().width() - 3, rect.center().y()))
        # one band, the tick's room included (Fusion shades a focused band by a unit or two)
        assert max(abs(a - b) for a, b in zip(after.getRgb(), inside.getRgb(), strict=True)) <= 4, focused
