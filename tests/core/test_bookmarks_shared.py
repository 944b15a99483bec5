"""Bookmarks shared by two windows: every change merges with the file on disk, and a file that
exists but cannot be read is never overwritten (issue 14, point 5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from reader.core.bookmarks import BookmarkStore

if TYPE_CHECKING:
    from pathlib import Path


def topic_ids(path: Path) -> list[str]:
    return [entry["topic_id"] for entry in json.loads(path.read_text(encoding="utf-8"))["bookmarks"]]


def test_two_stores_on_one_file_keep_each_others_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    first, second = BookmarkStore(path), BookmarkStore(path)
    first.load()
    second.load()  # both windows start with no bookmarks in memory
    assert first.add("a", "Ay")
    assert second.add("b", "Bee")
    assert first.add("c", "Sea")
    assert topic_ids(path) == ["a", "b", "c"]
    assert second.remove("a")  # a bookmark the second window never saw in memory
    assert topic_ids(path) == ["b", "c"]
    assert [mark.topic_id for mark in second.items()] == ["b", "c"]  # memory follows the merge


_ADD_MANY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.core.bookmarks import BookmarkStore
    store = BookmarkStore(Path(sys.argv[1]))
    store.load()
    for number in range(int(sys.argv[3])):
        assert store.add(f"{sys.argv[2]}-{number}", "title"), store.error
    """
)


@pytest.mark.timeout(120)
def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    processes = [
        subprocess.Popen([sys.executable, "-c", _ADD_MANY, str(path), name, "40"])
        for name in ("left", "right")
    ]
    assert [process.wait(timeout=100) for process in processes] == [0, 0]
    found = topic_ids(path)
    assert sorted(found) == sorted([f"left-{n}" for n in range(40)] + [f"right-{n}" for n in range(40)])


def _unreadable_store(path: Path) -> BookmarkStore:
    store = BookmarkStore(path)
    notice = store.load()
    assert "read-only" in notice
    assert str(path) in notice
    return store


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_a_chmod_000_file_makes_bookmarks_read_only_and_stays_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    original = b'{"version": 1, "bookmarks": [{"topic_id": "kept", "title": "Kept"}]}'
    path.write_bytes(original)
    path.chmod(0o000)
    try:
        store = _unreadable_store(path)
        assert store.toggle("new", "New") is False
        assert "read-only" in store.error
    finally:
        path.chmod(0o600)
    assert path.read_bytes() == original


def test_an_unreadable_file_makes_bookmarks_read_only_and_stays_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What chmod 000 does for a normal user, done for any user (tests may run as root)."""
    path = tmp_path / "bookmarks.json"
    original = b'{"version": 1, "bookmarks": [{"topic_id": "kept", "title": "Kept"}]}'
    path.write_bytes(original)
    real_open = type(path).open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(type(path), "open", denied)
    store = _unreadable_store(path)
    assert "Permission denied" in store.read_only
    assert store.toggle("new", "New") is False
    assert store.add("other", "Other") is False
    assert "read-only" in store.error
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    original = b'{"version": 1, "bookmarks": []}'
    path.write_bytes(original)
    store = BookmarkStore(path)
    assert store.load() == ""
    path.chmod(0o444)
    try:
        assert store.add("a", "Ay") is False
        assert "read-only" in store.error
    finally:
        path.chmod(0o600)
    assert path.read_bytes() == original


def test_a_file_damaged_by_another_program_is_set_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    store = BookmarkStore(path)
    store.load()
    assert store.add("a", "Ay")
    path.write_bytes(b"{ damaged by an editor")
    assert store.add("b", "Bee")
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("bookmarks.json.corrupt-")]
    assert [p.read_bytes() for p in kept] == [b"{ damaged by an editor"]
    assert topic_ids(path) == ["b"]
    assert kept[0].name in store.notices[0]
