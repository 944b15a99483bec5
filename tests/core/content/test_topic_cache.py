"""The topic cache: a damaged file is set aside and rebuilt, never fatal, and the user is told."""

from __future__ import annotations

import marshal

import pytest

from reader.core.content.loader import load_content
from reader.core.content.scan import file_stamp
from reader.core.content.topic_cache import CacheEntry, TopicCache, join_file, split_file
from tests.helpers.content import rewrite_cache_block, rewrite_cached_entries, topic


@pytest.fixture
def cached_root(tmp_path):
    """A one-topic root loaded once, which writes its topic cache; returns (root, cache, cache file)."""
    root = tmp_path / "big"
    root.mkdir()
    (root / "a.md").write_text(topic("A"))
    cache = tmp_path / "cache"
    load_content(root, cache_dir=cache)
    [meta] = list((cache / "content").glob("*.meta"))
    return root, cache, meta


def test_saved_entries_load_back_unchanged(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.md").write_text("x")
    entry = CacheEntry(file_stamp(root / "a.md"), "A", 3, "S", ("https://a.example/",), None, ((2, "m"),))
    assert entry.is_well_formed()
    TopicCache(root, tmp_path / "cache").save({"a.md": entry})
    assert TopicCache(root, tmp_path / "cache").load() == {"a.md": entry}
    assert TopicCache(tmp_path, tmp_path / "cache").load() == {}  # another root, another file


def test_entries_of_the_wrong_types_are_not_well_formed():
    good = CacheEntry((1, 2), "A", 3, "S", (), None, ())
    assert good.is_well_formed()
    assert not good._replace(order="3").is_well_formed()
    assert not good._replace(problems=((1,),)).is_well_formed()
    assert not good._replace(sources=(5,)).is_well_formed()


def test_a_cache_with_a_valid_checksum_but_wrong_types_is_set_aside_not_fatal(cached_root):
    root, cache, meta = cached_root

    def spoil(entries: dict[str, tuple[object, ...]]) -> None:
        stamp, title, _order, summary, sources, error, _problems = entries["a.md"]
        entries["a.md"] = (stamp, title, "7", summary, sources, error, ((1,),))

    rewrite_cached_entries(meta, spoil)
    (root / "b.md").write_text(topic("B"))  # two topics, so sorting meets the bad order
    again = load_content(root, cache_dir=cache, verify=False)
    assert again.topics["a"].title == "A"
    assert again.topics["a"].order != "7"
    assert again.notices
    assert "kept as" in again.notices[-1]
    assert "topic cache" in again.notices[-1]
    assert load_content(root, cache_dir=cache).notices == []


def test_corrupt_topic_cache_is_set_aside_and_rebuilt(cached_root):
    root, cache, meta = cached_root
    meta.write_bytes(b"\x00garbage")
    again = load_content(root, cache_dir=cache)
    assert again.topics["a"].title == "A"
    assert again.notices
    assert "kept as" in again.notices[0]
    assert list((cache / "content").glob("*.corrupt-*"))


def test_topic_cache_failing_its_checksum_is_set_aside(cached_root):
    root, cache, meta = cached_root
    rewrite_cache_block(meta, "entries", lambda block: block.replace(b"A", b"B"))  # the CRC is the old one
    again = load_content(root, cache_dir=cache)
    assert again.topics["a"].title == "A"
    assert again.notices


def test_topic_cache_with_a_valid_checksum_but_wrong_shape_is_set_aside(cached_root):
    root, cache, meta = cached_root
    header, blocks = split_file(meta.read_bytes())
    written = {name: bytes(block) for name, block in blocks.items()}
    written["entries"] = marshal.dumps({"a.md": ("too", "short")})
    meta.write_bytes(join_file(header, written))  # checksums that match the wrong shape
    again = load_content(root, cache_dir=cache)
    assert again.topics["a"].title == "A"
    assert again.notices


def test_an_unwritable_topic_cache_only_costs_time(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "a.md").write_text(topic("A"))
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    content = load_content(root, cache_dir=blocker)
    assert content.topics["a"].title == "A"
    assert content.notices == []
