"""The quick scan's shortcuts give the answers of the full regular expressions they stand for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.check import facts
from reader.core.render.layout_budget import MAX_LIST_ITEMS, MAX_UNBROKEN_RUN

# The full searches the shortcuts stand for, as the quick scan used to run them.
LONG_RUN = re.compile(f"\\S{{{MAX_UNBROKEN_RUN // 6},}}")
LIST_MARKER = re.compile(r"(?:^|[ \t>])(?:[*+-]|[0-9]+[.)])(?=[ \t]|$)", re.MULTILINE)

RUNS = ("x" * 400, "y" * 833, "z" * 1_700, " ", "\n", "\u2003", "- ", "-\t", "1. ", "word ", "- a\n" * 600)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RUNS), max_size=40))
def test_the_run_and_list_shortcuts_agree_with_the_full_search(pieces):
    body = "".join(pieces)
    assert facts.has_long_run(body) == (LONG_RUN.search(body) is not None)
    many = len(LIST_MARKER.findall(body)) > MAX_LIST_ITEMS
    assert facts.may_have_many_list_items(body) == many


def test_the_shortcuts_see_what_they_look_for():
    assert facts.has_long_run("a " + "x" * 1_666)
    assert not facts.has_long_run(("x" * 1_665 + " ") * 4)
    assert facts.may_have_many_list_items("- a\n" * (MAX_LIST_ITEMS + 1))
    assert not facts.may_have_many_list_items("- a\n" * MAX_LIST_ITEMS)
