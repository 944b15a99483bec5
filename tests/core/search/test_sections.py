"""Section-level results: the heading a hit is under, and snippets cut from prose only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.search.index import build_index
from reader.core.search.plaintext import topic_index_text
from reader.core.search.sections import best_section, section_anchor
from tests.core.search.test_index import write_root

if TYPE_CHECKING:
    from pathlib import Path

PAGE = (
    "---\ntitle: Sessions\nsummary: Where a user's state lives.\n---\n\nIntro about state.\n\n"
    "## Cookies and `SESSION_COOKIE_AGE`\n\nThe session key travels in a cookie.\n\n"
    "```python\nSESSION_ENGINE = 'django.contrib.sessions.backends.db'\nrotate_token(request)\n```\n\n"
    "| Setting | Default |\n|---|---|\n| SESSION_COOKIE_AGE | 1209600 |\n\n"
    "Storage engines\n---------------\n\nThe database engine keeps rows; "
    "the cache engine keeps them in memory. Rows expire.\n"
)


def test_index_text_keeps_prose_apart_from_code_and_tables() -> None:
    text = topic_index_text(PAGE)
    assert "rotate_token" in text.code
    assert "1209600" in text.code
    assert "rotate_token" not in text.prose
    assert "|" not in text.prose
    assert "---" not in text.prose
    assert [heading for _, heading in text.sections] == ["Cookies and SESSION_COOKIE_AGE", "Storage engines"]
    for offset, heading in text.sections:
        assert text.prose[offset:].startswith(heading + ".")


def test_a_heading_inside_a_code_block_is_not_a_section() -> None:
    text = topic_index_text("Intro.\n\n```\n# comment\n## not a heading\n```\n\n# Real\n\nWords.\n")
    assert [heading for _, heading in text.sections] == ["Real"]


@pytest.fixture
def index(tmp_path: Path):
    built = build_index(load_content(write_root(tmp_path / "guide", {"sessions.md": PAGE})))
    yield built
    built.close()


def test_a_hit_names_its_section_and_the_snippet_comes_from_that_sections_prose(index) -> None:
    [result] = index.search("memory")
    assert result.section == "Storage engines"
    assert "<b>memory</b>" in result.snippet_html
    assert not result.plain_snippet.startswith("Storage engines")  # the heading is shown apart


def test_a_hit_only_in_code_is_found_but_the_snippet_is_prose(index) -> None:
    [result] = index.search("rotate_token")
    assert result.topic_id == "sessions"
    assert "rotate_token" not in result.plain_snippet
    assert "|" not in result.plain_snippet
    assert "1209600" not in result.plain_snippet


def test_a_title_hit_is_the_topic_itself(index) -> None:
    [result] = index.search("sessions")
    assert result.section == ""


def test_best_section_counts_marks_and_cuts_a_window() -> None:
    marked = "Intro \x02a\x03. Two. x \x02a\x03 \x02a\x03 y. Three. \x02a b\x03"
    hit = best_section(marked, "9\tTwo\n23\tThree", "\x02", "\x03")
    assert hit.heading == "Two"
    assert hit.snippet == "x \x02a\x03 \x02a\x03 y."
    assert best_section(marked, "9\tTwo\n23\tThree", "\x02", "\x03", top=True).heading == ""
    long = best_section("w " * 60 + "\x02hit\x03 " + "w " * 60, "", "\x02", "\x03").snippet
    assert long.startswith("…")
    assert long.endswith("…")
    assert "\x02hit\x03" in long


def test_section_anchor_matches_the_page_heading_by_its_words() -> None:
    headings = [("cookies", "Cookies and SESSION_COOKIE_AGE"), ("storage", "Storage engines")]
    assert section_anchor(headings, "cookies and session_cookie_age") == "cookies"
    assert section_anchor(headings, "Storage  engines") == "storage"
    assert section_anchor(headings, "") == section_anchor(headings, "Missing") == ""


@given(
    st.lists(st.tuples(st.sampled_from(["w", "ab", "x.y"]), st.booleans()), min_size=1, max_size=80),
    st.sets(st.integers(1, 79), max_size=5),
    st.booleans(),
)
def test_a_snippet_is_a_piece_of_one_section_with_balanced_marks(words, starts, top) -> None:
    """Against the slow way: split the unmarked prose at the section offsets and look for the snippet."""
    plain_words = [word for word, _ in words]
    marked = " ".join(f"\x02{word}\x03" if hit else word for word, hit in words)
    offsets = sorted({len(" ".join(plain_words[:start])) + 1 for start in starts if start < len(words)})
    sections = "\n".join(f"{offset}\tH{number}" for number, offset in enumerate(offsets))
    hit = best_section(marked, sections, "\x02", "\x03", top)
    assert hit.snippet.count("\x02") == hit.snippet.count("\x03")
    plain = hit.snippet.replace("\x02", "").replace("\x03", "").strip("…")
    bounds = [0, *offsets, len(" ".join(plain_words)) + 1]
    headings = ["", *(f"H{number}" for number in range(len(offsets)))]
    chosen = headings.index(hit.heading)
    assert plain in " ".join(plain_words)[bounds[chosen] : bounds[chosen + 1]]
    if top:
        assert hit.heading == ""


@given(
    st.lists(
        st.sampled_from(
            ["## Head", "text here", "<!-- c", "-->", "zqxjpiecezqxj", "```", "| a |", "|---|", "==", ""]
        ),
        max_size=30,
    )
)
def test_index_text_of_any_mix_has_each_section_where_its_heading_is(lines) -> None:
    text = topic_index_text("\n".join(lines))
    for offset, heading in text.sections:
        assert text.prose[offset:].startswith(f"{heading}.")
