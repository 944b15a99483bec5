"""The content model: topic ids, reading order, neighbours and paths of a loaded root."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.content.model import ContentRoot, Topic, topic_id_for
from tests.helpers.content import topic


def test_topic_ids():
    assert topic_id_for("index.md") == "index"
    assert topic_id_for("a/index.md") == "a"
    assert topic_id_for("a/b.md") == "a/b"


def test_start_topic_relative_paths_folders_and_ancestors(make_content):
    content = load_content(make_content({"index.md": topic("Home"), "a/b/c.md": topic("C")}))
    assert content.start_topic_id == "index"
    assert content.relative_path(content.topics["a/b/c"]) == "a/b/c.md"
    assert content.relative_path(content.topics["a/b"]) == "a/b/"
    assert content.folder_of(content.topics["a/b/c"]) == "a/b"
    assert content.ancestors("a/b/c") == ["a/b", "a"]
    assert content.topic("nope") is None
    assert content.neighbours("nope") == (None, None)


def test_a_root_without_index_starts_at_its_first_topic(tmp_path):
    topics = {"b": Topic("b", None, "B"), "a": Topic("a", None, "A")}
    assert ContentRoot(tmp_path, topics, ["b", "a"], []).start_topic_id == "b"
    assert ContentRoot(tmp_path, {}, [], []).start_topic_id is None


def test_a_topic_given_its_text_never_reads_its_file(tmp_path):
    given_text = Topic("t", tmp_path / "missing.md", "T", text="Given")
    assert given_text.text == "Given"
    assert given_text.error is None
    unreadable = Topic("u", tmp_path / "missing.md", "U")
    assert unreadable.text == ""
    assert unreadable.error
    assert "cannot read" in unreadable.error


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
