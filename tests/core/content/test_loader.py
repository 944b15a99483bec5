"""The content loader: tree, order, front matter, and problems that never raise."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content.loader import load_content, parse_front_matter, topic_id_for
from tests.helpers.content import topic


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
    assert content.topics["latin"].error and content.topics["good"].error is None


def test_topic_ids():
    assert topic_id_for("index.md") == "index"
    assert topic_id_for("a/index.md") == "a"
    assert topic_id_for("a/b.md") == "a/b"


def test_missing_root_is_a_problem(tmp_path: Path):
    content = load_content(tmp_path / "nope")
    assert content.topics == {} and "not a folder" in content.problems[0].message


_keys = st.sampled_from(["title", "order", "summary", "sources", "x-y", "Key_2"])
_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_keys, _values, st.lists(_values.filter(bool), max_size=3)), min_size=1, max_size=5),
    st.booleans(),
    st.text(max_size=60),
)
def test_front_matter_matches_markdown_meta(entries, fenced, body):
    lines = ["---"] if fenced else []
    for key, value, more in entries:
        lines.append(f"{key}: {value}")
        lines.extend(f"    {item}" for item in more)
    if fenced:
        lines.append("---")
    text = "\n".join([*lines, "", body])
    md = markdown.Markdown(extensions=["meta"])
    md.convert(text)
    assert parse_front_matter(text).values == md.Meta  # type: ignore[attr-defined]


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


def test_roots_use_the_metadata_cache_and_read_text_lazily(tmp_path, monkeypatch):
    from reader.core.content import loader as content_module

    root = tmp_path / "big"
    root.mkdir()
    for number in range(5):
        (root / f"t{number}.md").write_text(topic(f"Topic {number}", f"Body {number}", order=number))
    cache = tmp_path / "cache"
    first = load_content(root, cache_dir=cache)
    assert [first.topics[f"t{n}"].title for n in range(5)] == [f"Topic {n}" for n in range(5)]
    (root / "t1.md").write_text(topic("Changed title", "New body", order=1))
    reads: list[str] = []
    original = content_module.read_topic_text
    monkeypatch.setattr(
        content_module, "read_topic_text", lambda path: reads.append(path.name) or original(path)
    )
    second = load_content(root, cache_dir=cache)
    assert reads == ["t1.md"]
    assert second.topics["t1"].title == "Changed title"
    assert "Body 3" in second.topics["t3"].text and reads == ["t1.md", "t3.md"]


def test_even_a_small_root_starts_from_the_metadata_cache(tmp_path, monkeypatch):
    from reader.core.content import loader as content_module

    root = tmp_path / "small"
    root.mkdir()
    for number in range(2):
        (root / f"t{number}.md").write_text(topic(f"Topic {number}", f"Body {number}"))
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    reads: list[str] = []
    original = content_module.read_topic_text
    monkeypatch.setattr(
        content_module, "read_topic_text", lambda path: reads.append(path.name) or original(path)
    )
    again = load_content(root, cache_dir=cache, verify=False)
    assert again.topics["t1"].title == "Topic 1" and reads == []
    assert again.unverified_stamps is None  # small roots are checked file by file at once
    (root / "t1.md").write_text(topic("Edited", "Body"))
    os.utime(root / "t1.md", ns=(1, 10**18))
    assert load_content(root, cache_dir=cache, verify=False).topics["t1"].title == "Edited"
    assert reads == ["t1.md"]


def test_a_cache_with_a_valid_checksum_but_wrong_types_is_set_aside_not_fatal(cached_root):
    import marshal
    import zlib

    root, cache, meta = cached_root
    payload = marshal.loads(meta.read_bytes())
    entries = marshal.loads(payload["entries"])
    stamp, title, _order, summary, sources, error, _problems = entries["a.md"]
    entries["a.md"] = (stamp, title, "7", summary, sources, error, ((1,),))
    block = marshal.dumps(entries)
    payload.update(entries=block, crc=zlib.crc32(block))
    meta.write_bytes(marshal.dumps(payload))
    (root / "b.md").write_text(topic("B"))  # two topics, so sorting meets the bad order
    again = load_content(root, cache_dir=cache, verify=False)
    assert again.topics["a"].title == "A" and again.topics["a"].order != "7"
    assert again.notices and "kept as" in again.notices[-1]
    assert load_content(root, cache_dir=cache).notices == []


@pytest.fixture
def cached_root(tmp_path):
    """A one-topic root loaded once, which writes its metadata cache; returns (root, cache, meta file)."""
    root = tmp_path / "big"
    root.mkdir()
    (root / "a.md").write_text(topic("A"))
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    [meta] = list((cache / "content").glob("*.meta"))
    return root, cache, meta


def test_corrupt_metadata_cache_is_set_aside_and_rebuilt(cached_root):
    root, cache, meta = cached_root
    meta.write_bytes(b"\x00garbage")
    again = load_content(root, cache_dir=cache)
    assert again.topics["a"].title == "A"
    assert again.notices and "kept as" in again.notices[0]
    assert list((cache / "content").glob("*.corrupt-*"))


def test_metadata_cache_failing_its_checksum_is_set_aside(cached_root):
    import marshal

    root, cache, meta = cached_root
    payload = marshal.loads(meta.read_bytes())
    entries = marshal.loads(payload["entries"])
    stamp, _title, order, summary, sources, error, problems = entries["a.md"]
    entries["a.md"] = (stamp, "Tampered", order, summary, sources, error, problems)
    payload["entries"] = marshal.dumps(entries)  # the checksum still describes the old block
    meta.write_bytes(marshal.dumps(payload))
    again = load_content(root, cache_dir=cache)
    assert again.topics["a"].title == "A" and again.notices


def test_metadata_cache_with_a_valid_checksum_but_wrong_shape_is_set_aside(cached_root):
    import marshal
    import zlib

    root, cache, meta = cached_root
    payload = marshal.loads(meta.read_bytes())
    block = marshal.dumps({"a.md": ("too", "short")})
    payload.update(entries=block, crc=zlib.crc32(block))
    meta.write_bytes(marshal.dumps(payload))
    again = load_content(root, cache_dir=cache)
    assert again.topics["a"].title == "A" and again.notices


def test_unverified_load_trusts_the_cache_and_stale_files_finds_edits(tmp_path, monkeypatch):
    import os

    from reader.core.content import loader as content_module
    from reader.core.content.topic_cache import stale_files

    monkeypatch.setattr(content_module, "TRUSTED_CACHE_MIN_TOPICS", 2)
    root = tmp_path / "big"
    root.mkdir()
    for name in ("a", "b"):
        (root / f"{name}.md").write_text(topic(name.upper()))
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    (root / "a.md").write_text(topic("A edited"))
    os.utime(root / "a.md", ns=(1, 10**18))
    (root / "c.md").write_text(topic("C new"))
    trusted = load_content(root, cache_dir=cache, verify=False)
    assert trusted.topics["a"].title == "A" and trusted.topics["c"].title == "C new"
    assert stale_files(trusted) == ["a.md"]
    assert load_content(root, cache_dir=cache).topics["a"].title == "A edited"
    assert stale_files(load_content(root, cache_dir=cache)) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.from_regex(r"[a-c]{1,2}(/[a-c]{1,2}){0,3}\.md", fullmatch=True), min_size=1, max_size=12))
def test_neighbours_follow_the_walk_order(tmp_path_factory, paths):
    root = tmp_path_factory.mktemp("tree")
    for relative in paths:
        path = root / relative
        if any(parent.is_file() for parent in path.parents):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_dir():
            path.write_text(topic(relative))
    content = load_content(root)
    order = content.walk()
    for index, topic_id in enumerate(order):
        expected = (order[index - 1] if index else None, order[index + 1] if index + 1 < len(order) else None)
        assert content.neighbours(topic_id) == expected
