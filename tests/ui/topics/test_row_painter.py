"""The tree's row painter draws every row exactly as Qt's own delegate does, only faster.

Each test paints the same tree twice, with :class:`TitlePainter` and with a plain
``QStyledItemDelegate``, and compares the pixels: titles that fit, titles elided at the right,
muted titles of broken topics, right-to-left and multi-line titles (Qt's path), the selection
active and inactive, read ticks, light and dark, with and without the app's style sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont, QImage
from PySide6.QtWidgets import QStyledItemDelegate

from reader.core.content.loader import load_content
from reader.ui.common.theme import DARK, LIGHT, dark_palette, focus_style_sheet, light_palette
from reader.ui.topics.row_painter import TitlePainter, plain_line
from reader.ui.topics.tree import TopicTreeView
from tests.helpers.accessibility import walk
from tests.helpers.content import topic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

TITLES = {
    "a.md": topic("Welcome", order=0),
    "b.md": topic("A very long topic title that cannot fit in the narrow tree at all", order=1),
    "c/index.md": topic("Models and databases", order=2),
    "c/fields.md": topic("Field types, options and the many ways to query them", order=1),
    "c/arabic.md": topic("النماذج وقواعد البيانات", order=2),
    "c/mixed.md": topic("Views — vues, ビュー, представления ✓", order=3),
    "d.md": topic("Short", order=4),
    "broken.md": "---\ntitle: Broken page\norder: twelve\nnot a key\n---\n\nBody.",
}


def both_ways(tree: TopicTreeView) -> tuple[QImage, QImage]:
    """The viewport painted by the tree's row painter, then by Qt's own delegate (then restored)."""
    painter = tree.itemDelegate()
    assert isinstance(painter, TitlePainter)
    painter.start()  # the tree starts it on its first filter or marked topic, after the first frame
    # Swapping delegates below lays the rows out again; so does this, for the same row height both
    # ways (a style sheet applied to the whole app after the tree was laid out changes it)
    tree.doItemsLayout()
    ours = tree.viewport().grab().toImage()
    plain = QStyledItemDelegate(tree)
    tree.setItemDelegate(plain)
    try:
        theirs = tree.viewport().grab().toImage()
    finally:
        tree.setItemDelegate(painter)
    kept = [title for title in painter._titles.values() if title.layout is not None]  # noqa: SLF001
    assert kept or not tree.model().rowCount()  # the fast path was taken, not only Qt's
    return ours, theirs


def differing_pixels(first: QImage, second: QImage) -> int:
    assert first.size() == second.size()
    return sum(
        first.pixel(x, y) != second.pixel(x, y) for y in range(first.height()) for x in range(first.width())
    )


@pytest.fixture
def shown_tree(qtbot, make_content: Callable[[dict[str, str | bytes]], Path]) -> TopicTreeView:
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.set_content(load_content(make_content(TITLES)))
    tree.expandAll()
    tree.show()
    qtbot.waitExposed(tree)
    assert isinstance(tree.itemDelegate(), TitlePainter)
    return tree


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("styled", [False, True], ids=["plain", "style-sheet"])
@pytest.mark.parametrize("width", [200, 260, 420])
def test_rows_are_painted_as_qt_paints_them(
    shown_tree: TopicTreeView, mode: str, styled: bool, width: int
) -> None:
    tree = shown_tree
    tree.setPalette(dark_palette() if mode == "dark" else light_palette())
    if styled:  # the app's QTreeView::item padding goes through the style sheet's own item layout
        tree.setStyleSheet(focus_style_sheet(DARK if mode == "dark" else LIGHT))
    tree.resize(width, 260)
    tree.set_read_topics(frozenset({"a", "c/fields"}))
    tree.select_topic("c/fields")
    ours, theirs = both_ways(tree)
    assert differing_pixels(ours, theirs) == 0
    ink = {ours.pixel(x, y) for y in range(ours.height()) for x in range(ours.width())}
    assert len(ink) > 20  # text, a selection band and ticks were drawn, not an empty viewport


def test_selection_with_and_without_focus_and_a_muted_title(qtbot, shown_tree: TopicTreeView) -> None:
    tree = shown_tree
    tree.resize(300, 260)
    tree.select_topic("broken")  # a topic with a problem: its title is muted until selected
    tree.setFocus(Qt.FocusReason.TabFocusReason)  # keyboard focus: the style may draw a focus frame
    ours, theirs = both_ways(tree)
    assert differing_pixels(ours, theirs) == 0
    tree.clearFocus()
    tree.select_topic("d")  # the muted row unselected again, the selection inactive
    ours, theirs = both_ways(tree)
    assert differing_pixels(ours, theirs) == 0


def test_a_new_font_and_a_narrower_tree_are_followed(shown_tree: TopicTreeView) -> None:
    tree = shown_tree
    tree.resize(400, 300)
    tree.select_topic("d")  # starts the painter
    tree.viewport().grab()  # titles prepared in the first font and width
    font = QFont(tree.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    tree.setFont(font)
    tree.resize(230, 300)  # long titles now elided
    ours, theirs = both_ways(tree)
    assert differing_pixels(ours, theirs) == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(
        st.text(
            st.characters(
                codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="#:\\"
            ),
            min_size=1,
            max_size=60,
        )
        .map(str.strip)
        .filter(bool),
        min_size=1,
        max_size=6,
    ),
    width=st.integers(min_value=120, max_value=500),
)
def test_any_titles_at_any_width_are_painted_as_qt_paints_them(
    qtbot, tmp_path_factory, titles: list[str], width: int
) -> None:
    root = tmp_path_factory.mktemp("titles")
    for number, title in enumerate(titles):
        (root / f"t{number}.md").write_text(
            topic(repr(title)[1:-1].replace("'", "''"), order=number), "utf-8"
        )
    tree = TopicTreeView()
    qtbot.addWidget(tree)
    tree.set_content(load_content(root))
    tree.resize(width, 200)
    tree.show()
    qtbot.waitExposed(tree)
    ours, theirs = both_ways(tree)
    assert differing_pixels(ours, theirs) == 0


def test_only_one_left_to_right_line_takes_the_fast_path() -> None:
    assert plain_line("Models and databases")
    assert plain_line("Views — ビュー ✓")
    assert not plain_line("النماذج")
    assert not plain_line("two\nlines")


def test_screen_readers_read_the_rows_the_painter_draws(shown_tree: TopicTreeView) -> None:
    """The painter draws titles from its own layouts; the accessible rows still name those titles,
    with their level, filtered or not."""
    tree = shown_tree
    tree.set_filter("field")
    tree.viewport().grab()
    rows = {
        item.text(QAccessible.Text.Name): item.text(QAccessible.Text.Description)
        for _depth, item in walk(QAccessible.queryAccessibleInterface(tree))
        if item.role() == QAccessible.Role.TreeItem
    }
    assert rows == {
        "Models and databases": "Level 1",
        "Field types, options and the many ways to query them": "Level 2",
    }


def test_a_theme_switch_is_followed(shown_tree: TopicTreeView) -> None:
    """Light without the style sheet, then dark with it (as the app switches): pens and the text's
    place are measured again."""
    tree = shown_tree
    tree.resize(320, 260)
    tree.select_topic("c/fields")
    tree.viewport().grab()  # pens and places kept for the light theme
    tree.setPalette(dark_palette())
    tree.setStyleSheet(focus_style_sheet(DARK))
    ours, theirs = both_ways(tree)
    assert differing_pixels(ours, theirs) == 0
