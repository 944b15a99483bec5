"""Typo tolerance: one-edit candidates (held against a reference edit distance) and the index
finding what people mean ("midleware", "templte") after the exact words find nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.search import index as index_module
from reader.core.search.index import build_index
from reader.core.search.typos import ALPHABET, edit_candidates
from tests.core.search.test_index import TOPICS, ids, write_root

if TYPE_CHECKING:
    from pathlib import Path

WORDS = st.text(alphabet="abcdeé1", max_size=7)


def restricted_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Damerau–Levenshtein with adjacent swaps), by the book."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


@given(WORDS)
def test_every_candidate_is_exactly_one_edit_away(word: str) -> None:
    candidates = edit_candidates(word, alphabet="abc")
    assert word not in candidates
    assert all(restricted_distance(word, candidate) == 1 for candidate in candidates)


@given(WORDS, WORDS)
def test_every_word_one_edit_away_over_the_alphabet_is_a_candidate(word: str, other: str) -> None:
    alphabet = "abcde1"
    if set(other) <= set(alphabet + word) and restricted_distance(word, other) == 1:
        assert other in edit_candidates(word, alphabet=alphabet)


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=12), st.data())
def test_a_single_random_edit_is_found(word: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from(ALPHABET))
    edit = data.draw(st.sampled_from(["delete", "insert", "replace", "swap"]))
    changed = {
        "delete": word[:position] + word[position + 1 :],
        "insert": word[:position] + letter + word[position:],
        "replace": word[:position] + letter + word[position + 1 :],
        "swap": word[:position] + word[position + 1 : position + 2] + word[position] + word[position + 2 :],
    }[edit]
    assert changed == word or changed in edit_candidates(word)


@pytest.fixture
def index(tmp_path: Path):
    extra = {
        "templates.md": "---\ntitle: Templates\n---\n\nA template renders a context.\n",
        "urls.md": "---\ntitle: URL dispatcher\n---\n\nPatterns are tried in order.\n",
    }
    built = build_index(load_content(write_root(tmp_path / "guide", {**TOPICS, **extra})))
    yield built
    built.close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("midleware", "middleware"),
        ("templte", "templates"),
        ("middelware", "middleware"),
        ("tmplates ", "templates"),
    ],
)
def test_a_word_one_edit_away_finds_what_was_meant(index, typed: str, expected: str) -> None:
    results = index.search(typed)
    assert ids(results)[0] == expected
    assert results[0].close_terms  # said to be a close spelling, so the panel can say so
    assert any("<b>" in result.snippet_html for result in results)  # close words marked in snippets


def test_a_word_still_being_typed_with_a_typo_finds_the_words_it_starts(index) -> None:
    assert ids(index.search("midlew"))[0] == "middleware"


def test_exact_results_come_first_and_are_not_marked_close(index) -> None:
    results = index.search("middleware")
    assert ids(results)[0] == "middleware"
    assert not any(result.close_terms for result in results)


def test_short_and_far_words_are_not_corrected(index) -> None:
    assert index.search("viwe ") == [] or all(r.close_terms for r in index.search("viwe "))
    assert index.search("mdlwr ") == []  # two edits away
    assert index.search("zzz") == []  # too short to guess


def test_an_old_index_cache_is_rebuilt_in_the_new_format(tmp_path: Path, monkeypatch) -> None:
    files = {f"t{number}.md": f"# Topic {number}\n\n## Part\n\nmiddleware words\n" for number in range(6)}
    content = load_content(write_root(tmp_path / "big", files))
    monkeypatch.setattr(index_module, "SCHEMA_VERSION", index_module.SCHEMA_VERSION - 1)
    build_index(content, cache_dir=tmp_path / "cache", cache_threshold=1).close()
    monkeypatch.undo()
    rebuilt = build_index(content, cache_dir=tmp_path / "cache", cache_threshold=1)
    assert not rebuilt.from_cache
    assert rebuilt.search("middleware")[0].section == "Part"
    rebuilt.close()
    again = build_index(content, cache_dir=tmp_path / "cache", cache_threshold=1)
    assert again.from_cache
    again.close()


def test_a_typo_that_is_in_some_page_still_finds_the_word_meant_after_it(tmp_path: Path) -> None:
    files = {**TOPICS, "typo.md": "---\ntitle: Notes\n---\n\nSomeone wrote midleware here.\n"}
    built = build_index(load_content(write_root(tmp_path / "g", files)))
    results = built.search("midleware")
    assert ids(results)[0] == "typo"  # the exact match first, not marked close
    assert not results[0].close_terms
    assert "middleware" in ids(results)[1:]
    assert all(result.close_terms for result in results[1:])
    built.close()
