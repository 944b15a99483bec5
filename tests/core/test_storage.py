"""Per-user folders, atomic writes, setting damaged files aside and cache keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.storage import (
    atomic_replace,
    atomic_write_bytes,
    atomic_write_text,
    cache_key,
    set_aside,
    user_cache_dir,
    user_data_dir,
)


def test_user_folders_follow_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert user_cache_dir() == tmp_path / "django-reader"
    assert user_data_dir() == tmp_path / "data" / "django-reader"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("XDG_DATA_HOME", "")
    assert user_cache_dir() == Path.home() / ".cache" / "django-reader"
    assert user_data_dir() == Path.home() / ".local" / "share" / "django-reader"
    assert not user_cache_dir().exists()  # asking for a folder does not create it


def test_cache_keys_are_stable_file_names_that_tell_parts_apart() -> None:
    key = cache_key("a", "b")
    assert key == cache_key("a", "b")
    assert key.replace("-", "").isalnum()
    assert key == key.lower()
    assert len({key, cache_key("ab"), cache_key("a", "c"), cache_key("b", "a"), cache_key("a\udcff")}) == 5


def test_atomic_writes_create_folders_and_leave_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "file.bin"
    atomic_write_bytes(path, b"one")
    atomic_write_text(path, "twö")
    assert path.read_text(encoding="utf-8") == "twö"
    assert [entry.name for entry in path.parent.iterdir()] == ["file.bin"]


def test_atomic_replace_moves_a_finished_file_or_removes_it(tmp_path: Path) -> None:
    temporary, path = tmp_path / ".file.tmp", tmp_path / "file"
    temporary.write_text("new")
    path.write_text("old")
    atomic_replace(temporary, path)
    assert path.read_text() == "new"
    assert not temporary.exists()
    temporary.write_text("newer")
    with pytest.raises(FileNotFoundError):
        atomic_replace(temporary, tmp_path / "missing-folder" / "file")
    assert not temporary.exists()
    assert path.read_text() == "new"


def test_a_damaged_file_is_set_aside_under_a_new_name_each_time(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    names = []
    for _ in range(2):
        path.write_bytes(b"damaged")
        aside = set_aside(path)
        assert aside is not None
        assert aside.read_bytes() == b"damaged"
        assert not path.exists()
        names.append(aside.name)
    assert len(set(names)) == 2
    assert all(name.startswith("cache.bin.corrupt-") for name in names)
    assert set_aside(tmp_path / "missing") is None


def test_prune_lru_removes_the_least_recently_used_files_first(tmp_path):
    import os

    from reader.core.storage import prune_lru, touch

    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(5):
        path = folder / f"{number}.page"
        path.write_bytes(b"x" * 100)
        os.utime(path, ns=(number * 10**9, number * 10**9))  # 0 is the oldest used
    touch(folder / "0.page")  # used just now: the most recent
    assert prune_lru(folder, max_bytes=450) == 2  # down to 80% of the cap: 300 bytes left
    assert sorted(path.name for path in folder.iterdir()) == ["0.page", "3.page", "4.page"]
    assert prune_lru(folder, max_bytes=450) == 0  # under the cap: nothing to do


def test_prune_lru_keeps_the_most_recent_file_even_over_the_cap(tmp_path):
    from reader.core.storage import prune_lru

    (tmp_path / "big.sqlite3").write_bytes(b"x" * 1000)
    assert prune_lru(tmp_path, max_bytes=10) == 0
    assert (tmp_path / "big.sqlite3").exists()
    assert prune_lru(tmp_path / "missing", max_bytes=10) == 0
