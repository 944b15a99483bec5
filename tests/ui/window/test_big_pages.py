"""Big topics stay responsive (issue 14, point 8): a 100,000-item list or 320 KB of mixed
right-to-left text without a break is shown cut to the layout budget, with a note saying so,
instead of freezing the layout for minutes. pytest-timeout is the hang guard."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.render.layout_budget import MAX_LIST_ITEMS
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.content import topic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def big_list() -> str:
    return topic("Big list", body="".join(f"- item {n}\n" for n in range(100_000)))


def right_to_left() -> str:
    rng = random.Random(14)
    return topic("Mixed", body="".join(rng.choice("שלוםمرحباhello12") for _ in range(320_000)) + "\n")


@pytest.mark.timeout(240)  # laying out the whole list took minutes (10,000 items: 4 s; 20,000: 22 s)
@pytest.mark.parametrize(
    ("make", "reason"), [(big_list, "list items"), (right_to_left, "no space or line break")]
)
def test_a_huge_topic_is_shown_in_part_with_a_note(
    qtbot, opened_urls, make_content: Callable[[dict[str, str | bytes]], Path], make, reason
) -> None:
    root = make_content({"index.md": make()})
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    text = window.page.toPlainText()
    assert "This topic is too long to show in full" in text
    assert reason in text
    if make is big_list:
        assert f"item {MAX_LIST_ITEMS - 1}" in text
        assert f"item {MAX_LIST_ITEMS}\n" not in text
    window.page.verticalScrollBar().setValue(window.page.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: window.page.verticalScrollBar().value() > 0)
    problems = [problem.message for problem in check_content(load_content(root))]
    assert any("shown only in part" in message and reason in message for message in problems)
