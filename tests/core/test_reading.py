"""Reading marks: per-root persistence, mark all unread, damaged files set aside, failing writes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import reading as reading_module
from reader.core.reading import ReadingMarks, root_key
from reader.core.storage import user_data_dir


def test_default_path_is_in_the_user_data_folder(tmp_path: Path) -> None:
    assert ReadingMarks(tmp_path).path == user_data_dir() / "reading.json"


def test_marks_survive_a_restart_and_stay_with_their_root(tmp_path: Path) -> None:
    path = tmp_path / "reading.json"
    guide, other = tmp_path / "guide", tmp_path / "other"
    marks = ReadingMarks(guide, path)
    assert marks.load() == ""
    assert marks.mark_read("request-flow") is True
    assert marks.mark_read("request-flow") is False  # no change, no write
    marks.mark_read("index")
    elsewhere = ReadingMarks(other, path)
    elsewhere.load()
    assert elsewhere.read_ids() == frozenset()  # "index" of another root is another topic
    elsewhere.mark_read("index")

    again = ReadingMarks(guide, path)  # the next start
    assert again.load() == ""
    assert again.read_ids() == {"request-flow", "index"}
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "version": 1,
        "roots": {root_key(guide): ["request-flow", "index"], root_key(other): ["index"]},
    }


def test_mark_all_unread_clears_this_root_only(tmp_path: Path) -> None:
    path = tmp_path / "reading.json"
    guide, other = ReadingMarks(tmp_path / "guide", path), ReadingMarks(tmp_path / "other", path)
    guide.load()
    guide.mark_read("a")
    other.load()
    other.mark_read("b")
    guide.load()
    assert guide.mark_all_unread() is True
    assert not guide.is_read("a")
    reread = ReadingMarks(tmp_path / "guide", path)
    reread.load()
    assert reread.read_ids() == frozenset()
    other.load()
    assert other.read_ids() == {"b"}


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"version": 2, "roots": {}}',
        b'{"version": 1, "roots": []}',
        b'{"version": 1, "roots": {"/x": "a"}}',
        b'{"version": 1, "roots": {"/x": [1]}}',
        b'{"version": 1, "roots": {"/x": [""]}}',
        b"[" * 100_000,
    ],
)
def test_a_damaged_file_is_set_aside_not_lost(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "reading.json"
    path.write_bytes(content)
    marks = ReadingMarks(tmp_path / "guide", path)
    notice = marks.load()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("reading.json.corrupt-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content
    assert kept[0].name in notice
    assert marks.read_ids() == frozenset()
    marks.mark_read("a")  # and marking works again
    assert json.loads(path.read_text(encoding="utf-8"))["roots"] == {root_key(tmp_path / "guide"): ["a"]}


def test_a_failing_write_keeps_the_marks_in_memory_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marks = ReadingMarks(tmp_path / "guide", tmp_path / "reading.json")

    def refuse(_path: Path, _change: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading_module, "update_user_file", refuse)
    assert marks.mark_read("a") is True
    assert marks.is_read("a")
    assert "Permission denied" in marks.error
    monkeypatch.undo()
    marks.mark_read("b")
    assert marks.error == ""
    left = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".lock")
    assert left == ["reading.json"]  # no temporary files left


def test_two_windows_keep_each_others_roots(tmp_path: Path) -> None:
    path = tmp_path / "reading.json"
    first = ReadingMarks(tmp_path / "guide", path)
    second = ReadingMarks(tmp_path / "other", path)
    first.load()
    second.load()  # both windows read the file before either wrote
    assert first.mark_read("a")
    assert second.mark_read("b")
    roots = json.loads(path.read_text(encoding="utf-8"))["roots"]
    assert roots == {root_key(tmp_path / "guide"): ["a"], root_key(tmp_path / "other"): ["b"]}


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reading.json"
        path.write_bytes(content)
        marks = ReadingMarks(Path(folder) / "guide", path)
        assert isinstance(marks.load(), str)
        marks.mark_read("x")
        assert marks.is_read("x")


def test_an_unreadable_file_gives_a_notice_and_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "reading.json"
    folder.mkdir()  # a folder where the file should be
    marks = ReadingMarks(tmp_path / "guide", folder)
    assert "could not be read" in marks.load()
    assert marks.mark_read("a") is True  # kept in memory for this session
    assert "could not be saved" in marks.error
    assert folder.is_dir()
