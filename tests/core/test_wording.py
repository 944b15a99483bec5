"""Counted nouns: one match, two matches — never "match(es)"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.wording import plural


def test_one_is_singular_and_others_are_plural() -> None:
    assert plural(1, "match") == "1 match"
    assert plural(2, "match") == "2 matches"
    assert plural(0, "problem") == "0 problems"
    assert plural(3, "topic file") == "3 topic files"
    assert plural(2, "child", "children") == "2 children"


@given(st.integers(min_value=0, max_value=10**6))
def test_the_count_is_kept_and_never_hedged(count: int) -> None:
    said = plural(count, "match")
    assert said.startswith(f"{count} ")
    assert "(" not in said
    assert said.endswith("match" if count == 1 else "matches")
