"""Big topics stay responsive (issue 14, points 3 and 8): a long list or a long run of mixed
right-to-left text without a break is shown cut to the layout budget with a note; past the
render caps (20,000 list items, a 100,000-character line) the topic is refused with a message
instead of freezing Markdown or the layout for minutes. pytest-timeout is the hang guard."""

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


def big_list(items: int = 100_000) -> str:
    return topic("Big list", body="".join(f"- item {n}\n" for n in range(items)))


def right_to_left(characters: int = 320_000) -> str:
    rng = random.Random(14)
    return topic("Mixed", body="".join(rng.choice("שלוםمرحباhello12") for _ in range(characters)) + "\n")


CASES = [  # (topic, what the page says, what --check says): cut below the render caps, refused above
    (lambda: big_list(5_000), "This topic is too long to show in full", "list items", "shown only in part"),
    (lambda: right_to_left(60_000), "This topic is too long to show in full", "no space or line break",
     "shown only in part"),
    (big_list, "it is not shown", "more than 20,000 list items", "not shown"),
    (right_to_left, "it is not shown", "longer than 100,000 characters", "not shown"),
]  # fmt: skip


@pytest.mark.timeout(240)  # laying out the whole list took minutes (10,000 items: 4 s; 20,000: 22 s)
@pytest.mark.parametrize(("make", "shown", "reason", "checked"), CASES)
def test_a_huge_topic_is_shown_in_part_or_refused_with_a_note(
    qtbot, opened_urls, make_content: Callable[[dict[str, str | bytes]], Path], make, shown, reason, checked
) -> None:
    root = make_content({"index.md": make()})
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    text = window.page.toPlainText()
    assert shown in text
    assert reason in text
    if reason == "list items":
        assert f"item {MAX_LIST_ITEMS - 1}" in text
        assert f"item {MAX_LIST_ITEMS}\n" not in text
        window.page.verticalScrollBar().setValue(window.page.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda: window.page.verticalScrollBar().value() > 0)
    problems = [problem.message for problem in check_content(load_content(root))]
    assert any(checked in message and reason in message for message in problems), problems
