"""The content loader: tree, order, front matter, problems that never raise, and the topic cache
it owns (trusted quick starts, changed files, a loader bug shown as a bug)."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content import loader as loader_module
from reader.core.content import scan as scan_module
from reader.core.content.loader import ContentLoader, load_content
from tests.helpers.content import topic


@pytest.fixture
def topic_file_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the ``.md`` files read from now on, in order (the topic cache file is not counted)."""
    reads: list[str] = []
    original = scan_module.read_regular_file

    def read_regular_file(path: Path, max_bytes: int, head: bool = False) -> bytes:
        if Path(path).suffix == ".md":
            reads.append(Path(path).name)
        return original(path, max_bytes, head)

    monkeypatch.setattr(scan_module, "read_regular_file", read_regular_file)
    return reads


def test_tree_is_ordered_by_order_then_name(make_content):
    root = make_content(
        {
            "index.md": topic("Welcome", order=0),
            "b.md": topic("Bee", order=2),
            "a.md": topic("Ay", order=2),
            "first.md": topic("First", order=1),
            "unordered.md": topic("Unordered"),
            "section/index.md": topic("Section", order=3),
            "section/z.md": topic("Zed", order=1),
            "section/y.md": topic("Why", order=5),
        }
    )
    content = load_content(root)
    assert content.top_level == ["index", "first", "a", "b", "section", "unordered"]
    assert content.topics["section"].children == ["section/z", "section/y"]
    assert content.topics["section/z"].parent_id == "section"
    assert content.walk() == ["index", "first", "a", "b", "section", "section/z", "section/y", "unordered"]
    assert content.problems == []


def test_front_matter_fields_are_read(make_content):
    root = make_content(
        {
            "t.md": topic(
                "Title here",
                order=7,
                summary="Short.",
                sources=("https://a.example/x", "https://b.example/y"),
            )
        }
    )
    loaded = load_content(root).topics["t"]
    assert (loaded.title, loaded.order, loaded.summary) == ("Title here", 7, "Short.")
    assert loaded.sources == ("https://a.example/x", "https://b.example/y")


def test_folder_without_index_gets_a_synthetic_topic(make_content):
    content = load_content(make_content({"deep/er/page.md": topic("Page")}))
    assert content.top_level == ["deep"]
    assert content.topics["deep"].children == ["deep/er"]
    assert content.topics["deep/er"].path is None
    assert content.topics["deep/er"].title == "Er"


def test_title_falls_back_to_first_heading_then_file_name(make_content):
    content = load_content(make_content({"a.md": "# From heading\n\ntext", "my-page.md": "text only"}))
    assert content.topics["a"].title == "From heading"
    assert content.topics["my-page"].title == "My page"


def test_bad_files_become_problems_and_keep_their_place(make_content):
    content = load_content(
        make_content(
            {
                "good.md": topic("Good"),
                "latin.md": "caf\xe9".encode("latin-1"),
                "binary.md": b"\x89PNG\x00\x00",
                "empty.md": "",
                "order.md": "---\ntitle: X\norder: soon\n---\n",
            }
        )
    )
    messages = {problem.path: problem.message for problem in content.problems}
    assert "not valid UTF-8" in messages["latin.md"]
    assert "binary" in messages["binary.md"]
    assert "empty" in messages["empty.md"]
    assert "whole number" in messages["order.md"]
    assert content.topics["latin"].error
    assert content.topics["good"].error is None


def test_missing_root_is_a_problem(tmp_path: Path):
    content = load_content(tmp_path / "nope")
    assert content.topics == {}
    assert "not a folder" in content.problems[0].message


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{1,6}(/[a-z]{1,6}){0,2}\.md", fullmatch=True),
        st.binary(max_size=200) | st.text(max_size=200),
        max_size=6,
    )
)
def test_loader_never_raises(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("fuzz")
    for relative, data in files.items():
        path = root / relative
        if path.parent.exists() and not path.parent.is_dir():
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            continue
        if path.is_dir():
            continue
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    content = load_content(root)
    assert set(content.walk()) == set(content.topics)


def test_roots_use_the_topic_cache_and_read_text_lazily(tmp_path, topic_file_reads):
    root = tmp_path / "big"
    root.mkdir()
    for number in range(5):
        (root / f"t{number}.md").write_text(topic(f"Topic {number}", f"Body {number}", order=number))
    cache = tmp_path / "cache"
    first = load_content(root, cache_dir=cache)
    assert [first.topics[f"t{n}"].title for n in range(5)] == [f"Topic {n}" for n in range(5)]
    (root / "t1.md").write_text(topic("Changed title", "New body", order=1))
    topic_file_reads.clear()
    second = load_content(root, cache_dir=cache)
    assert topic_file_reads == ["t1.md"]
    assert second.topics["t1"].title == "Changed title"
    assert "Body 3" in second.topics["t3"].text
    assert topic_file_reads == ["t1.md", "t3.md"]


def test_even_a_small_root_starts_from_the_topic_cache(tmp_path, topic_file_reads):
    root = tmp_path / "small"
    root.mkdir()
    for number in range(2):
        (root / f"t{number}.md").write_text(topic(f"Topic {number}", f"Body {number}"))
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    topic_file_reads.clear()
    loader = ContentLoader(root, cache_dir=cache)
    again = loader.load(verify=False)
    assert again.topics["t1"].title == "Topic 1"
    assert topic_file_reads == []
    (root / "t1.md").write_text(topic("Edited", "Body"))
    os.utime(root / "t1.md", ns=(1, 10**18))
    assert not loader.trusted_cache
    assert loader.changed_files() == []  # small roots are checked file by file at once
    assert load_content(root, cache_dir=cache, verify=False).topics["t1"].title == "Edited"
    assert topic_file_reads == ["t1.md"]


def test_unverified_load_trusts_the_cache_and_changed_files_finds_edits(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "big"
    root.mkdir()
    for name in ("a", "b"):
        (root / f"{name}.md").write_text(topic(name.upper()))
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    (root / "a.md").write_text(topic("A edited"))
    os.utime(root / "a.md", ns=(1, 10**18))
    (root / "c.md").write_text(topic("C new"))
    loader = ContentLoader(root, cache_dir=cache)
    trusted = loader.load(verify=False)
    assert trusted.topics["a"].title == "A"
    assert trusted.topics["c"].title == "C new"
    assert loader.trusted_cache
    assert loader.changed_files() == ["a.md"]
    assert loader.load().topics["a"].title == "A edited"
    assert not loader.trusted_cache
    assert loader.changed_files() == []


def test_a_loader_bug_is_raised_and_logged_not_set_aside_as_a_damaged_cache(tmp_path, monkeypatch, caplog):
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.md").write_text(topic("A"))
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    (root / "b.md").write_text(topic("B"))  # a new file is parsed, so the bug below is met

    def buggy(text: str) -> None:
        raise TypeError("a bug in the loader")

    monkeypatch.setattr(loader_module, "parse_front_matter", buggy)
    with caplog.at_level(logging.ERROR, logger="reader.core.content.loader"), pytest.raises(TypeError):
        load_content(root, cache_dir=cache)
    [record] = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert record.exc_info is not None
    assert "bug in the loader" in record.getMessage()
    assert [path.suffix for path in (cache / "content").iterdir()] == [".meta"]  # nothing set aside


def test_loading_leaves_the_garbage_collector_alone(make_content, monkeypatch):
    switched: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: switched.append("disable"))
    monkeypatch.setattr(gc, "enable", lambda: switched.append("enable"))
    load_content(make_content({"a.md": topic("A"), "b/c.md": topic("C")}))
    assert switched == []
