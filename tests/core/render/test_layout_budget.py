"""The layout budget cuts a page where Qt's layout would turn quadratic, and closes what it cut."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.render.layout_budget import MAX_LIST_ITEMS, MAX_UNBROKEN_RUN, fit_to_budget


def longest_run(html: str) -> int:
    text = re.sub(r"<(br|/?p|/?li|/?td|/?tr|/?div|/?h\d)\b[^>]*>", " ", html)
    return max((len(part) for part in re.sub(r"<[^>]*>", "", text).split()), default=0)


def test_small_pages_are_left_alone() -> None:
    html = "<p>Hello</p><ul><li>one</li></ul>"
    assert fit_to_budget(html) == (html, "")


def test_100000_list_items_are_cut_at_the_budget_with_the_list_closed() -> None:
    html = "<ul>" + "".join(f"<li>item {n}</li>" for n in range(100_000)) + "</ul><p>after</p>"
    page, cut = fit_to_budget(html)
    assert page.count("<li>") == MAX_LIST_ITEMS
    assert page.endswith(f"<li>item {MAX_LIST_ITEMS - 1}</li></ul>")
    assert "list items" in cut


def test_320_kb_of_mixed_right_to_left_text_without_a_space_is_cut() -> None:
    rng = random.Random(1)
    text = "".join(rng.choice("שלוםمرحباhello12") for _ in range(320_000))
    page, cut = fit_to_budget(f"<p><b>{text[:50]}</b>{text}</p>")
    assert longest_run(page) <= MAX_UNBROKEN_RUN
    assert page.endswith("</p>")
    assert "no space or line break" in cut


def test_long_text_with_spaces_is_not_cut() -> None:
    html = "<p>" + "שלום hello مرحبا " * 40_000 + "</p>"
    assert fit_to_budget(html) == (html, "")


def test_a_cut_never_splits_an_entity() -> None:
    html = "<p>" + "a" * (MAX_UNBROKEN_RUN - 2) + "&amp;&amp;&amp;</p>"
    page, _cut = fit_to_budget(html)
    assert re.search(r"&[a-z]*</p>$", page) is None


_pieces = st.sampled_from(
    [
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "<p>",
        "</p>",
        "<br/>",
        "<b>",
        "</b>",
        " ",
        "x" * 3000,
        "&amp;",
        "text",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces, max_size=60), st.integers(0, 3000))
def test_a_cut_page_is_a_prefix_with_its_open_elements_closed(pieces: list[str], items: int) -> None:
    html = "".join(pieces) + "<ul>" + "<li>i</li>" * items + "</ul>"
    page, cut = fit_to_budget(html)
    if not cut:
        assert page == html
        return
    kept = page
    while kept.endswith(">") and re.search(r"</[a-z0-9]+>$", kept):
        kept = re.sub(r"</[a-z0-9]+>$", "", kept)
        if html.startswith(kept):
            break
    assert html.startswith(kept)
    assert page.count("<li") <= MAX_LIST_ITEMS
    assert longest_run(page) <= MAX_UNBROKEN_RUN


@pytest.mark.timeout(60)
def test_the_scan_is_linear_on_pathological_html() -> None:
    for html in ("<" * 2_000_000, "<a " * 500_000, "&" * 3_000_000, "<ul>" * 200_000):
        fit_to_budget(html)
