"""The tree saved in the topic cache: a warm start of an unchanged root takes it as saved (nothing
built or sorted again), and any new, removed or edited file makes the loader build it again."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.content import loader as loader_module
from reader.core.content.loader import ContentLoader, load_content
from tests.helpers.content import rewrite_cache_block, rewrite_cached_entries, topic

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.model import ContentRoot


def shape(content: ContentRoot) -> tuple[list[str], dict[str, tuple[str | None, list[str], str, int]]]:
    """Everything the tree shows: the top level, and each topic's parent, children, title, order."""
    topics = {
        topic_id: (item.parent_id, list(item.children), item.title, item.order)
        for topic_id, item in content.topics.items()
    }
    return list(content.top_level), topics


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per time the loader builds and sorts the tree from the entries."""
    calls: list[int] = []
    original = vars(loader_module)["_build"]

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(loader_module, "_build", counted)
    return calls


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


MIXED = {
    "index.md": topic("Home", "[Zeta](zeta.md) then [Alpha](alpha.md)", order=0),
    "alpha.md": topic("Alpha"),
    "zeta.md": topic("Zeta"),
    "part-10.md": topic("Part ten"),
    "part-2.md": topic("Part two"),
    "guide/index.md": topic("Guide"),
    "guide/b.md": topic("Bee", order=2),
    "guide/a.md": topic("Ay", order=3),
    "no-index/deep/leaf.md": topic("Leaf"),
}


@pytest.mark.parametrize("verify", [True, False])
def test_a_warm_start_takes_the_saved_tree_and_it_is_the_tree_built_from_the_files(
    tmp_path, builds, monkeypatch, verify
):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    uncached = shape(load_content(root, cache_dir=tmp_path / "first"))
    load_content(root, cache_dir=tmp_path / "cache")
    builds.clear()
    warm = load_content(root, cache_dir=tmp_path / "cache", verify=verify)
    assert builds == []  # nothing built or sorted again
    assert shape(warm) == uncached
    assert warm.top_level[:3] == ["index", "zeta", "alpha"]  # the index page's link order kept
    assert warm.topics["no-index"].title == "No index"  # a folder without index.md keeps its title
    assert warm.topics["no-index/deep"].children == ["no-index/deep/leaf"]
    assert warm.walk() == load_content(root, cache_dir=tmp_path / "first").walk()


def test_a_new_file_is_placed_and_a_removed_one_is_gone_at_once(tmp_path, builds, monkeypatch):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    write(root, {"guide/aa.md": topic("New", order=1)})
    (root / "zeta.md").unlink()
    builds.clear()
    content = load_content(root, cache_dir=cache, verify=False)  # new and removed files are seen
    assert builds == [1]
    assert content.topics["guide"].children == ["guide/aa", "guide/b", "guide/a"]
    assert "zeta" not in content.topics
    assert content.top_level[:2] == ["index", "alpha"]
    builds.clear()
    assert shape(load_content(root, cache_dir=cache)) == shape(content)
    assert builds == []  # the rebuilt tree was saved in turn


def test_an_edit_that_changes_the_order_is_sorted_again(tmp_path, builds, monkeypatch):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    write(root, {"guide/a.md": topic("Ay first", order=1)})
    os.utime(root / "guide/a.md", ns=(1, 10**18))
    loader = ContentLoader(root, cache_dir=cache)
    trusted = loader.load(verify=False)  # trusted: the edit is found after the first paint
    assert trusted.topics["guide"].children == ["guide/b", "guide/a"]
    assert loader.changed_files() == ["guide/a.md"]
    builds.clear()
    checked = loader.load()
    assert builds == [1]
    assert checked.topics["guide"].children == ["guide/a", "guide/b"]
    assert checked.topics["guide/a"].title == "Ay first"


def test_an_edit_to_an_index_page_reorders_its_folder(tmp_path):
    root = tmp_path / "root"
    write(root, MIXED)
    cache = tmp_path / "cache"
    assert load_content(root, cache_dir=cache).top_level[1:3] == ["zeta", "alpha"]
    write(root, {"index.md": topic("Home", "[Alpha](alpha.md) then [Zeta](zeta.md)", order=0)})
    os.utime(root / "index.md", ns=(1, 10**18))
    assert load_content(root, cache_dir=cache).top_level[1:3] == ["alpha", "zeta"]


def test_two_files_with_one_topic_id_keep_the_first_and_the_problem(tmp_path, builds):
    root = tmp_path / "root"
    write(root, {"a.md": topic("File"), "a/index.md": topic("Folder"), "b.md": topic("B")})
    cache = tmp_path / "cache"
    first = load_content(root, cache_dir=cache)
    builds.clear()
    again = load_content(root, cache_dir=cache)
    assert builds == [1]  # no tree is saved when it cannot say which file was kept
    assert shape(again) == shape(first)
    assert [problem.message for problem in again.problems] == [problem.message for problem in first.problems]
    assert any("duplicate topic id" in problem.message for problem in again.problems)


def test_a_tree_saved_with_other_entries_is_not_used(tmp_path, builds):
    root = tmp_path / "root"
    write(root, MIXED)
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    [meta] = (cache / "content").iterdir()

    def retitle(entries: dict[str, tuple[object, ...]]) -> None:
        stamp, _title, _order, summary, sources, error, problems = entries["guide/a.md"]
        entries["guide/a.md"] = (stamp, "Ay", 1, summary, sources, error, problems)

    rewrite_cached_entries(meta, retitle)  # the tree still names the old block
    builds.clear()
    content = load_content(root, cache_dir=cache)
    assert builds == [1]
    assert content.topics["guide"].children == ["guide/a", "guide/b"]


def test_a_damaged_tree_is_built_again_without_a_notice(tmp_path, builds):
    root = tmp_path / "root"
    write(root, MIXED)
    cache = tmp_path / "cache"
    expected = shape(load_content(root, cache_dir=cache))
    [meta] = (cache / "content").iterdir()
    rewrite_cache_block(meta, "tree", lambda block: block[:-3] + b"xyz")
    builds.clear()
    content = load_content(root, cache_dir=cache)
    assert builds == [1]
    assert shape(content) == expected
    assert content.notices == []


NAMES = st.sampled_from(["a", "b", "c", "index", "part-2", "part-10", "Z"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    files=st.dictionaries(
        st.lists(NAMES, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".md"),
        st.tuples(st.none() | st.integers(-3, 3), st.lists(NAMES, max_size=3)),
        max_size=12,
    )
)
def test_the_saved_tree_always_equals_the_tree_built_from_the_files(tmp_path_factory, files):
    base = tmp_path_factory.mktemp("tree")
    root = base / "root"
    root.mkdir()
    for rel, (order, links) in files.items():
        path = root / rel
        if path.with_suffix("").is_dir() or any(parent.is_file() for parent in path.parents):
            continue  # a name used both as a file stem folder and a file: skip, not the point here
        body = " ".join(f"[{name}]({name}.md)" for name in links)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(topic(rel, body, order=order), encoding="utf-8")
    built = load_content(root, cache_dir=base / "fresh")
    load_content(root, cache_dir=base / "cache")
    warm = load_content(root, cache_dir=base / "cache", verify=False)
    assert shape(warm) == shape(built)
    assert [(p.path, p.message) for p in warm.problems] == [(p.path, p.message) for p in built.problems]


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per time the loader lists a root's folders."""
    calls: list[int] = []
    original = vars(loader_module)["scan"]

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(loader_module, "scan", counted)
    return calls


def test_without_listing_folders_a_large_root_starts_from_its_saved_tree_and_problems(
    tmp_path, listings, monkeypatch
):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    (root / "link.md").symlink_to(root / "alpha.md")
    cache = tmp_path / "cache"
    listed = load_content(root, cache_dir=cache)
    listings.clear()
    loader = ContentLoader(root, cache_dir=cache)
    quick = loader.load(verify=False, list_folders=False)
    assert listings == []
    assert shape(quick) == shape(listed)
    assert quick.problems == listed.problems  # the symbolic link skipped is still reported
    assert str(quick.topics["guide/a"].path) == str(root / "guide" / "a.md")
    assert "Ay" in quick.topics["guide/a"].text
    assert loader.changed_files() == []


def test_after_a_start_without_listing_changed_files_finds_new_removed_and_edited_files(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    write(root, {"guide/new.md": topic("New"), "alpha.md": topic("Alpha edited")})
    os.utime(root / "alpha.md", ns=(1, 10**18))
    (root / "zeta.md").unlink()
    loader = ContentLoader(root, cache_dir=cache)
    quick = loader.load(verify=False, list_folders=False)
    assert "zeta" in quick.topics
    assert "guide/new" not in quick.topics
    assert sorted(loader.changed_files()) == ["alpha.md", "guide/new.md", "zeta.md"]
    reloaded = loader.load()
    assert "zeta" not in reloaded.topics
    assert reloaded.topics["guide/new"].parent_id == "guide"
    assert reloaded.topics["alpha"].title == "Alpha edited"
    assert loader.changed_files() == []


def test_a_new_symbolic_link_counts_as_a_change_in_the_listing(tmp_path, monkeypatch):
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root = tmp_path / "root"
    write(root, MIXED)
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    (root / "link.md").symlink_to(root / "alpha.md")
    loader = ContentLoader(root, cache_dir=cache)
    loader.load(verify=False, list_folders=False)
    assert loader.changed_files() == ["./"]
    assert any("symbolic link" in problem.message for problem in loader.load().problems)


def test_a_small_root_lists_its_folders_even_when_asked_not_to(tmp_path, listings):
    root = tmp_path / "root"
    write(root, {"a.md": topic("A"), "b.md": topic("B")})
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    write(root, {"c.md": topic("C")})
    listings.clear()
    content = ContentLoader(root, cache_dir=cache).load(verify=False, list_folders=False)
    assert listings == [1]
    assert content.top_level == ["a", "b", "c"]
