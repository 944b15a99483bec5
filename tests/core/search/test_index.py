"""Tests of the Qt-free search core: query parsing, ranking, snippets, cache and the CLI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.search.index import (
    SearchIndex,
    build_index,
    cache_path_for,
    search_content,
)
from reader.core.search.query import fts_query, terms_for_highlight
from tests.helpers.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.model import ContentRoot

TOPICS = {
    "middleware.md": (
        "---\ntitle: Middleware\nsummary: Layers around the view.\n---\n\nLayers wrap the view.\n"
    ),
    "views.md": (
        "---\ntitle: Views\n---\n\nA view takes a request. Middleware runs before the view; the "
        "middleware stack is configured in settings. Middleware again.\n"
    ),
    "orm/querysets.md": (
        "---\ntitle: QuerySets are lazy\n---\n\n# QuerySets\n\nA queryset does not touch the database "
        "until it is evaluated. Queries are built lazily.\n\n```python\nBook.objects.filter(pk=1)\n```\n"
    ),
    "security/csrf.md": (
        "---\ntitle: CSRF protection\n---\n\nThe [CSRF middleware](../middleware.md) checks a token "
        "on <script>unsafe</script> requests & forms when 1 < 2.\n"
    ),
}


def write_root(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def content(tmp_path: Path) -> ContentRoot:
    return load_content(write_root(tmp_path / "guide", TOPICS))


@pytest.fixture
def index(content: ContentRoot, tmp_path: Path) -> SearchIndex:
    built = build_index(content, cache_dir=tmp_path / "cache")
    yield built
    built.close()


def ids(results) -> list[str]:
    return [result.topic_id for result in results]


# -- query parsing -------------------------------------------------------------------------------
def test_every_term_is_quoted_and_only_the_last_is_a_prefix() -> None:
    assert fts_query("query lazy") == '"query" "lazy"*'
    assert fts_query("query lazy ") == '"query" "lazy"'
    assert fts_query("get_response") == '"get_response"*'
    assert fts_query('NEAR(a b) AND "x* OR -y') == '"NEAR" "a" "b" "AND" "x" "OR" "y"*'
    assert fts_query("  ()*\"' ") is None
    assert fts_query("m", short_prefix_in_titles=True) == 'title : "m"*'
    assert fts_query("mi", short_prefix_in_titles=True) == '"mi"*'


def test_terms_for_highlight_are_distinct_words_longest_first() -> None:
    assert terms_for_highlight('Lazy "queryset" get_response lazy') == ["queryset", "response", "lazy", "get"]
    assert terms_for_highlight("  ") == []


# -- searching ----------------------------------------------------------------------------------
def test_title_hit_ranks_above_body_hits(index: SearchIndex) -> None:
    results = index.search("middleware")
    assert ids(results)[0] == "middleware"
    assert set(ids(results)) == {"middleware", "views", "security/csrf"}
    assert results[0].score > results[1].score


def test_last_word_is_a_prefix_and_all_words_must_match(index: SearchIndex) -> None:
    assert ids(index.search("midd")) == ids(index.search("middleware"))
    assert ids(index.search("queryset eva")) == ["orm/querysets"]
    assert set(ids(index.search("view midd"))) == {"middleware", "views"}
    assert index.search("midd stack") == []  # "midd" is not the last word, so it must match exactly
    assert ids(index.search("middleware stack")) == ["views"]


def test_porter_stemming_finds_other_forms(index: SearchIndex) -> None:
    assert "orm/querysets" in ids(index.search("query "))
    assert "orm/querysets" in ids(index.search("evaluate "))


def test_summary_and_code_are_searchable(index: SearchIndex) -> None:
    assert ids(index.search("layers around")) == ["middleware"]
    assert ids(index.search("objects filter")) == ["orm/querysets"]


def test_snippet_marks_matches_and_escapes_the_rest(index: SearchIndex) -> None:
    [result] = index.search("token")
    assert "<b>token</b>" in result.snippet_html
    assert "<script>" not in result.snippet_html  # HTML in the Markdown is not text
    assert "&amp; forms when 1 &lt; 2" in result.snippet_html
    assert "& forms when 1 < 2" in result.plain_snippet
    assert "token" in result.plain_snippet
    assert "<b>" not in result.plain_snippet
    assert "../middleware.md" not in result.plain_snippet  # link targets are not text


def test_stemmed_match_is_marked_in_the_snippet(index: SearchIndex) -> None:
    [result] = index.search("evaluate ")
    assert "<b>evaluated</b>" in result.snippet_html


def test_limit_and_empty_queries(index: SearchIndex) -> None:
    assert len(index.search("the", limit=1)) <= 1
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search("middleware", limit=0) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "(",
        ")",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(a b, 2)",
        "*",
        "title:",
        "{title}: x",
        "^x",
        "-x",
        '"unbalanced',
        "a OR",
        "\\",
        "\x00",
        "\x02csrf\x03",
        "🙂",
        "ß",
        "a" * 5000,
        "x " * 500,
    ],
)
def test_hostile_queries_never_raise(index: SearchIndex, query: str) -> None:
    assert isinstance(index.search(query), list)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_random_text_never_raises(index: SearchIndex, query: str) -> None:
    results = index.search(query)
    assert isinstance(results, list)
    assert all("\x02" not in r.snippet_html and "\x03" not in r.plain_snippet for r in results)


def test_topics_with_errors_and_folders_are_indexed_by_title(tmp_path: Path) -> None:
    root = write_root(tmp_path / "g", {"area/page.md": "# Page\n\nwords\n", "bad.md": "x"})
    (root / "bad.md").write_bytes(b"\xff\xfe not utf-8")
    content = load_content(root)
    with_index = build_index(content, cache_dir=tmp_path / "cache")
    assert ids(with_index.search("area")) == ["area"]
    assert ids(with_index.search("bad")) == ["bad"]


# -- worker thread ------------------------------------------------------------------------------
def test_index_built_on_a_worker_thread_is_usable_here(content: ContentRoot, tmp_path: Path) -> None:
    built: list[SearchIndex] = []
    worker = threading.Thread(target=lambda: built.append(build_index(content, cache_dir=tmp_path / "c")))
    worker.start()
    worker.join(timeout=30)
    assert ids(built[0].search("csrf"))[0] == "security/csrf"
    built[0].close()


# -- cache --------------------------------------------------------------------------------------
def test_small_roots_are_not_cached(content: ContentRoot, tmp_path: Path) -> None:
    build_index(content, cache_dir=tmp_path / "cache").close()
    assert not (tmp_path / "cache").exists()


def test_cache_is_reused_and_rebuilt_when_a_file_changes(content: ContentRoot, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build_index(content, cache_dir=cache, cache_threshold=1)
    assert not first.from_cache
    assert cache_path_for(content.root, cache).is_file()
    second = build_index(content, cache_dir=cache, cache_threshold=1)
    assert second.from_cache
    assert ids(second.search("csrf"))[0] == "security/csrf"

    page = content.root / "views.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nPangolins appear.\n", encoding="utf-8")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 5_000_000_000))
    changed = load_content(content.root)
    third = build_index(changed, cache_dir=cache, cache_threshold=1)
    assert not third.from_cache
    assert ids(third.search("pangolin")) == ["views"]
    fourth = build_index(changed, cache_dir=cache, cache_threshold=1)
    assert fourth.from_cache
    assert ids(fourth.search("pangolin")) == ["views"]
    for built in (first, second, third, fourth):
        built.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "cut-in-half", "empty-database"])
def test_corrupt_cache_is_moved_aside_and_rebuilt(content: ContentRoot, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    build_index(content, cache_dir=cache, cache_threshold=1).close()
    path = cache_path_for(content.root, cache)
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:1500])
    elif damage == "cut-in-half":  # readable header and meta table, missing pages
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        path.unlink()
        sqlite3.connect(path).close()
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE unrelated(x)")
    rebuilt = build_index(content, cache_dir=cache, cache_threshold=1)
    assert not rebuilt.from_cache
    assert ids(rebuilt.search("csrf"))[0] == "security/csrf"
    if damage != "empty-database":  # a foreign but valid database is simply replaced
        assert rebuilt.notices
        assert "kept as" in rebuilt.notices[0]
        assert list(path.parent.glob(f"{path.name}.corrupt-*"))
    rebuilt.close()
    assert build_index(content, cache_dir=cache, cache_threshold=1).from_cache


def test_unwritable_cache_dir_still_searches(content: ContentRoot, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    built = build_index(content, cache_dir=blocker / "cache", cache_threshold=1)
    assert ids(built.search("csrf"))[0] == "security/csrf"
    built.close()


# -- CLI ----------------------------------------------------------------------------------------
def test_search_content_for_the_cli(content: ContentRoot) -> None:
    assert ids(search_content(content.root, "lazy"))[0] == "orm/querysets"


def _run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(PROJECT_ROOT)}
    command = [sys.executable, "-m", "reader", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=PROJECT_ROOT)


def test_cli_search_prints_tab_separated_results(content: ContentRoot, tmp_path: Path) -> None:
    found = _run_cli("--content", str(content.root), "--search", "lazy queryset", tmp_path=tmp_path)
    assert found.returncode == 0, found.stderr
    first = found.stdout.splitlines()[0].split("\t")
    assert first[:2] == ["orm/querysets", "QuerySets are lazy"]
    missing = _run_cli("--content", str(content.root), "--search", "xylophone", tmp_path=tmp_path)
    assert missing.returncode == 1
    assert missing.stdout == ""


def test_cli_search_csrf_in_the_bundled_guide(tmp_path: Path) -> None:
    found = _run_cli("--search", "csrf", tmp_path=tmp_path)
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines
    assert all(line.count("\t") == 2 for line in lines)
    assert any("csrf" in line.lower() for line in lines)


# -- whole words and prefixes, in-place cache, ranking of large match sets ----------------------
def test_a_whole_word_the_stemmer_changes_still_matches_as_a_prefix(index: SearchIndex) -> None:
    """Typing "query" must find "queryset" (the stemmer turns the prefix into "queri")."""
    for typed in ("quer", "query", "querys", "queryset", "QUERY"):
        assert "orm/querysets" in ids(index.search(typed)), typed
    assert "orm/querysets" in ids(index.search("queries"))  # other forms still match, via the stem
    assert ids(index.search("lazy query")) == ["orm/querysets"]
    # no index word starts with "queryz": only close spellings (one edit away) are offered
    assert all(result.close_terms for result in index.search("queryz"))
    assert index.search("queryzz") == []  # two edits away: nothing


def test_a_cached_index_is_queried_in_place_not_copied_into_memory(
    content: ContentRoot, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    for _ in range(2):  # built (then reopened from the file), and loaded from the cache
        built = build_index(content, cache_dir=cache, cache_threshold=1)
        databases = built._connection.execute("PRAGMA database_list").fetchall()  # noqa: SLF001
        assert databases[0][2] == str(cache_path_for(content.root, cache))
        assert ids(built.search("query")) == ["orm/querysets"]
        built.close()


def test_past_the_candidate_limit_title_hits_still_rank_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        f"p{number:03d}.md": f"---\ntitle: Page {number}\n---\n\nSome middleware text.\n"
        for number in range(60)
    }
    files["z-last.md"] = "---\ntitle: Middleware explained\n---\n\nAll about it.\n"
    content = load_content(write_root(tmp_path / "many", files))
    whole = build_index(content)
    everything = ids(whole.search("middlew", limit=100))
    monkeypatch.setattr("reader.core.search.index.RANK_CANDIDATES", 10)
    results = whole.search("middlew", limit=5)
    assert ids(results)[0] == "z-last" == everything[0]  # indexed last, past the first 10 matches
    assert len(results) == 5
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    whole.close()


WORDY = {
    "db.md": "---\ntitle: Storage\n---\n\nThe database keeps rows; we deploy it with authentication on.\n",
    "qs.md": "---\ntitle: Lists\n---\n\nA queryset evaluated lazily.\n",
    "other.md": "---\ntitle: Other\n---\n\nNothing of the kind here at all.\n",
}


@pytest.fixture(scope="module")
def wordy(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    built = build_index(load_content(write_root(tmp_path_factory.mktemp("wordy"), WORDY)))
    yield built
    built.close()


@settings(max_examples=80, deadline=None)
@given(
    case=st.sampled_from(
        [
            ("database", "db"),
            ("deploy", "db"),
            ("authentication", "db"),
            ("queryset", "qs"),
            ("evaluated", "qs"),
        ]
    ),
    data=st.data(),
)
def test_every_prefix_of_a_word_finds_its_topic(wordy: SearchIndex, case: tuple[str, str], data) -> None:  # type: ignore[no-untyped-def]
    """Whole words and prefixes both match, whatever the stemmer makes of them ("databas",
    "deploi", "authent", "queri" are what it stores)."""
    word, topic_id = case
    typed = word[: data.draw(st.integers(1, len(word)))]
    assert topic_id in ids(wordy.search(typed)), typed
    assert topic_id in ids(wordy.search(typed.upper())), typed
    if len(typed) >= 4:
        assert "other" not in ids(wordy.search(typed)), typed
