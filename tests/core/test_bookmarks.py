"""The bookmark store: toggling, persistence, damaged files set aside, and writes that cannot fail loudly."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import storage as storage_module
from reader.core.bookmarks import Bookmark, BookmarkStore
from reader.core.storage import user_data_dir


def stored(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_default_path_is_in_the_user_data_folder() -> None:
    assert BookmarkStore().path == user_data_dir() / "bookmarks.json"


def test_missing_file_means_no_bookmarks_and_no_notice(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.json")
    assert store.load() == ""
    assert store.items() == []
    assert not (tmp_path / "bookmarks.json").exists()


def test_toggle_adds_then_removes_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    store = BookmarkStore(path)
    store.load()
    assert store.toggle("request-flow/index", "How a request flows") is True
    assert store.contains("request-flow/index")

    again = BookmarkStore(path)
    assert again.load() == ""
    assert [(b.topic_id, b.title) for b in again.items()] == [("request-flow/index", "How a request flows")]

    assert again.toggle("request-flow/index", "How a request flows") is False
    assert not again.contains("request-flow/index")
    third = BookmarkStore(path)
    third.load()
    assert third.items() == []


def test_file_format_and_order(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    store = BookmarkStore(path)
    store.add("b", "Bee")
    store.add("a", "Ay")
    store.add("b", "Bee, renamed")  # a repeat refreshes the title, keeps the place
    data = stored(path)
    assert data["version"] == 1
    assert [entry["topic_id"] for entry in data["bookmarks"]] == ["b", "a"]
    assert data["bookmarks"][0]["title"] == "Bee, renamed"
    for entry in data["bookmarks"]:
        assert set(entry) == {"topic_id", "title", "added"}
        assert datetime.fromisoformat(entry["added"]).tzinfo is not None


def test_remove_of_unknown_topic_is_harmless(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.json")
    store.add("a", "Ay")
    assert store.remove("nope") is True
    assert store.remove("a") is True
    assert store.items() == []
    assert stored(store.path)["bookmarks"] == []


def test_items_are_bookmark_records(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.json")
    store.add("a", "Ay")
    (item,) = store.items()
    assert isinstance(item, Bookmark)
    assert len(store) == 1


@pytest.mark.parametrize(
    "content",
    [
        b"not json at all",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"version": 2, "bookmarks": []}',
        b'{"version": 1, "bookmarks": {}}',
        b'{"version": 1, "bookmarks": [{"title": "no id"}]}',
        b'{"version": 1, "bookmarks": [{"topic_id": 5, "title": "x"}]}',
        b'{"version": 1, "bookmarks": ["a"]}',
        b"[" * 100_000,
    ],
)
def test_damaged_file_is_set_aside_and_store_starts_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bookmarks.json"
    path.write_bytes(content)
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    store = BookmarkStore(path)

    notice = store.load()

    kept = [p for p in tmp_path.iterdir() if p.name.startswith("bookmarks.json.corrupt-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content
    assert kept[0].name in notice
    assert store.items() == []
    assert not path.exists()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"
    store.add("a", "Ay")  # and the store works again afterwards
    assert stored(path)["bookmarks"][0]["topic_id"] == "a"


def test_duplicate_entries_in_the_file_are_merged(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    entry = {"topic_id": "a", "title": "Ay", "added": "2026-01-01T00:00:00+00:00"}
    path.write_text(json.dumps({"version": 1, "bookmarks": [entry, entry]}), encoding="utf-8")
    store = BookmarkStore(path)
    assert store.load() == ""
    assert len(store.items()) == 1


def test_unreadable_path_gives_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "bookmarks.json"
    folder.mkdir()  # a folder where the file should be
    store = BookmarkStore(folder)
    assert store.load() != ""
    assert store.items() == []
    assert folder.is_dir()


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.json")
    for number in range(5):
        store.toggle(f"topic-{number}", f"Topic {number}")
    store.toggle("topic-0", "Topic 0")
    # The lock file stays (removing it would race another window's lock); no temporary files.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bookmarks.json", "bookmarks.json.lock"]


def test_failing_write_keeps_bookmarks_in_memory_and_reports(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")  # works even when tests run as root
    store = BookmarkStore(blocker / "bookmarks.json")
    assert store.load() != "" or store.items() == []
    assert store.toggle("a", "Ay") is True
    assert store.contains("a")
    assert store.error.startswith("Bookmarks could not be saved")
    assert store.add("b", "Bee") is False


def test_error_clears_after_a_successful_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.json")

    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(storage_module, "atomic_write_bytes", refuse)
    assert store.add("a", "Ay") is False
    assert "Permission denied" in store.error
    monkeypatch.undo()
    assert store.add("b", "Bee") is True
    assert store.error == ""
    assert [entry["topic_id"] for entry in stored(store.path)["bookmarks"]] == ["a", "b"]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bookmarks.json"
        path.write_bytes(content)
        store = BookmarkStore(path)
        notice = store.load()
        assert isinstance(notice, str)
        if notice:
            assert store.items() == []
        store.toggle("x", "X")
        assert store.contains("x")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["version", "bookmarks", "other"]), json_values, max_size=3))
def test_random_json_shapes_never_raise(document: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bookmarks.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        store = BookmarkStore(path)
        assert isinstance(store.load(), str)
        assert all(isinstance(b.topic_id, str) and b.topic_id for b in store.items())


def test_core_module_imports_no_qt() -> None:
    import subprocess
    import sys

    code = "import sys, reader.core.bookmarks; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
