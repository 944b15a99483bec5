"""The quick answer of ``render_limit`` (a few counts) never hides a cap the full pass finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.render import limits
from reader.core.render.limits import MAX_NESTING, nesting_of, render_limit

# Pieces that push each cap: nesting characters, unclosed brackets and tags, headings and
# rules inside a paragraph, fences, list items, long lines.
PIECES = (
    "\t",
    "  ",
    "> ",
    "- ",
    "1. ",
    "12) ",
    "[" * 300,
    "<a " * 100,
    "]",
    "# heading\n",
    "---\n",
    "[r]: x\n",
    "```\n",
    "~~~\n",
    "- item\n" * 200,
    "\n",
    "\n\n",
    "word " * 200,
    "x" * 5_000,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_the_quick_answer_agrees_with_the_full_pass(pieces):
    text = "".join(pieces)
    full = limits.first_limit(text)
    assert render_limit(text) == full
    if limits.surely_within_limits(text):
        assert full is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["\t", " ", "> ", "- ", "* ", "3. ", "10) "]), min_size=20, max_size=70),
    st.sampled_from(["", "text before\n", "para\n\n"]),
)
def test_a_line_nested_too_deep_is_never_answered_quickly(prefix, before):
    line = "".join(prefix) + "x"
    text = before + line
    if nesting_of(line) > MAX_NESTING:
        assert not limits.surely_within_limits(text)
        assert render_limit(text) is not None
    else:
        assert render_limit(text) == limits.first_limit(text)


def test_ordinary_pages_are_answered_quickly():
    page = "# Title\n\nSome words, a [link](other.md) and `code`.\n\n```python\nx = 1\n```\n" * 40
    assert limits.surely_within_limits(page)
    assert render_limit(page) is None


def test_the_caps_still_apply_at_their_edges():
    assert render_limit("\t" * 30 + "x") is None  # 60 levels
    assert render_limit("text\n" + "\t" * 31 + "x") is not None  # 62 levels, on a later line
    assert render_limit("[" * 1_800) is not None  # about 1.6 million characters re-read
    assert render_limit("- i\n" * (limits.MAX_LIST_ITEMS + 1)) is not None
