"""Quick starts of large roots: topics made on first use (from the topic cache's columns, or from
file names alone), always the same tree a full load builds, and a damaged cache never loads wrong."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.content import loader as loader_module
from reader.core.content.loader import ContentLoader, load_content
from reader.core.content.model import LazyTopics, Topic
from reader.core.content.quick import name_order
from tests.helpers.content import topic

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.model import ContentRoot


def shape(content: ContentRoot) -> tuple[list[str], dict[str, tuple[str | None, list[str], str, int, str]]]:
    """Everything the tree and the pages show of each topic: parent, children, title, order, summary."""
    topics = {
        topic_id: (item.parent_id, list(item.children), item.title, item.order, item.summary)
        for topic_id, item in content.topics.items()
    }
    return list(content.top_level), topics


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def made(ids: list[str]) -> tuple[LazyTopics, list[str]]:
    calls: list[str] = []

    def make(topic_id: str, row: int) -> Topic:
        calls.append(topic_id)
        return Topic(topic_id, None, f"Title {row}")

    return LazyTopics({topic_id: row for row, topic_id in enumerate(ids)}, make), calls


def test_lazy_topics_are_made_once_on_first_use_and_all_at_once_when_all_are_asked_for():
    topics, calls = made(["a", "b", "c"])
    assert len(topics) == 3
    assert "b" in topics
    assert "z" not in topics
    assert list(topics) == ["a", "b", "c"]
    assert calls == []  # counting, listing and asking need no topic
    assert topics["b"] is topics["b"]
    assert topics.get("b") is topics["b"]
    assert topics.get("z") is None
    with pytest.raises(KeyError):
        topics["z"]
    assert calls == ["b"]
    assert [item.title for item in topics.values()] == ["Title 0", "Title 1", "Title 2"]
    assert calls == ["b", "a", "c"]  # each topic made once, listed in load order
    topics["d"] = Topic("d", None, "D")
    del topics["a"]
    assert list(topics) == ["b", "c", "d"]
    assert len(topics) == 3


def test_lazy_topics_asked_from_two_threads_make_one_topic_each():
    topics, calls = made([f"t{number}" for number in range(2000)])
    seen: list[list[Topic]] = [[], []]

    def ask(into: list[Topic]) -> None:
        into.extend(topics[topic_id] for topic_id in list(topics))

    threads = [threading.Thread(target=ask, args=(into,)) for into in seen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(first is second for first, second in zip(*seen, strict=True))
    assert sorted(calls) == sorted(topics)


MIXED = {
    "index.md": topic("Home", "[Zeta](zeta.md) then [Alpha](alpha.md)", order=0),
    "alpha.md": topic("Alpha", summary="First letter."),
    "zeta.md": topic("Zeta"),
    "part-10.md": topic("Part ten"),
    "part-2.md": topic("Part two"),
    "guide/index.md": topic("Guide"),
    "guide/b.md": topic("Bee", order=2),
    "guide/a.md": topic("Ay", order=3),
    "no-index/deep/leaf.md": topic("Leaf"),
    "broken.md": "---\ntitle: [unclosed\n---\nBody\n",
}


def test_a_warm_quick_start_makes_only_the_topics_asked_for(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    built = load_content(root, cache_dir=tmp_path / "cache")
    quick = ContentLoader(root, tmp_path / "cache").load(verify=False, list_folders=False)
    assert isinstance(quick.topics, LazyTopics)
    assert quick.topics.made == 0
    assert quick.topics["guide/a"].title == "Ay"
    assert quick.topics.made == 1
    assert quick.walk(3) == built.walk()[:3]
    assert quick.topics.made <= 4  # the first three and their parents
    assert quick.problems == built.problems
    assert shape(quick) == shape(built)


def test_names_first_gives_the_tree_of_the_files_titled_by_name_in_natural_order(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    loader = ContentLoader(root, tmp_path / "cache")
    names = loader.load(verify=False, list_folders=False, titles_later=True)
    assert loader.titles_pending
    assert names.topics["index"].title == "Home"  # the start page is read
    assert names.topics["no-index/deep/leaf"].title == "Leaf"
    assert names.topics["part-10"].title == "Part 10"
    assert names.topics["guide/a"].summary == ""
    assert names.top_level == ["index", "alpha", "broken", "guide", "no-index", "part-2", "part-10", "zeta"]
    assert names.topics["guide"].children == ["guide/a", "guide/b"]
    assert names.problems == []  # the files' problems come with their front matter
    write(root, {"index.md": "---\ntitle: [unclosed\n---\nHome\n"})
    broken_start = ContentLoader(root, tmp_path / "cache").load(
        verify=False, list_folders=False, titles_later=True
    )
    assert [problem.path for problem in broken_start.problems] == ["index.md"]  # shown on the start page
    assert "Bee" in names.topics["guide/b"].text  # a page's text is there on first use
    assert not list((tmp_path / "cache").glob("content/*"))  # nothing cached from file names
    full = ContentLoader(root, tmp_path / "cache").load()
    assert any(problem.path == "broken.md" for problem in full.problems)


def test_a_root_with_its_topic_cache_never_starts_from_names(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    load_content(root, cache_dir=tmp_path / "cache")
    loader = ContentLoader(root, tmp_path / "cache")
    assert loader.load(verify=False, list_folders=False, titles_later=True).topics["zeta"].title == "Zeta"
    assert not loader.titles_pending


NAMES = st.sampled_from(["a", "b", "B", "c", "index", "README", "part-2", "part-10", "x_y", "é"])
FILES = st.dictionaries(
    st.lists(NAMES, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".md"),
    st.tuples(st.none() | st.integers(-3, 3), st.lists(NAMES, max_size=3)),
    max_size=12,
)


def written(base: Path, files: dict[str, tuple[int | None, list[str]]]) -> Path:
    root = base / "root"
    root.mkdir()
    for rel, (order, links) in files.items():
        path = root / rel
        if path.with_suffix("").is_dir() or any(parent.is_file() for parent in path.parents):
            continue  # a name used both as a folder and a file: skip, not the point here
        body = " ".join(f"[{name}]({name}.md)" for name in links)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(topic(rel, body, order=order), encoding="utf-8")
    return root


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=FILES)
def test_quick_starts_give_the_tree_a_full_load_builds(tmp_path_factory, monkeypatch, files):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 1)
    base = tmp_path_factory.mktemp("quick")
    root = written(base, files)
    built = load_content(root, cache_dir=base / "fresh")
    names = ContentLoader(root, base / "cache").load(verify=False, list_folders=False, titles_later=True)
    topics, built_topics = shape(names)[1], shape(built)[1]
    assert topics.keys() == built_topics.keys()  # the same topics, under the same parents
    assert {key: (parent, sorted(kids)) for key, (parent, kids, *_) in topics.items()} == {
        key: (parent, sorted(kids)) for key, (parent, kids, *_) in built_topics.items()
    }
    for parent_id, (_parent, kids, *_rest) in topics.items():
        assert kids == sorted(kids, key=name_order), parent_id
    assert names.top_level == sorted(names.top_level, key=name_order)
    load_content(root, cache_dir=base / "cache")
    warm = ContentLoader(root, base / "cache").load(verify=False, list_folders=False)
    assert shape(warm) == shape(built)
    assert [(p.path, p.message) for p in warm.problems] == [(p.path, p.message) for p in built.problems]
    assert warm.walk() == built.walk()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0), flip=st.none() | st.integers(min_value=0))
def test_a_truncated_or_damaged_topic_cache_loads_nothing_wrong(tmp_path_factory, monkeypatch, cut, flip):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    base = tmp_path_factory.mktemp("damaged")
    root = base / "root"
    write(root, MIXED)
    expected = shape(load_content(root, cache_dir=base / "fresh"))
    load_content(root, cache_dir=base / "cache")
    [meta] = (base / "cache" / "content").iterdir()
    data = bytearray(meta.read_bytes())
    if flip is not None:
        data[flip % len(data)] ^= 0x41
    else:
        del data[cut % len(data) :]
    meta.write_bytes(bytes(data))
    quick = ContentLoader(root, base / "cache").load(verify=False, list_folders=False)
    assert shape(quick) == expected  # read from the files again where the cache could not be used
