"""The check of a cache-trusted root against the disk, done by a child process: the same answer as
the loader's own, or none at all when the topic cache is no longer the file the load trusted."""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

import pytest

from reader.core.content import loader as loader_module
from reader.core.content.loader import ContentLoader, load_content
from reader.core.content.verify import changed_per_topic_cache, count_changed_in_child
from tests.helpers.content import topic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

START = {
    "index.md": topic("Home"),
    "alpha.md": topic("Alpha"),
    "guide/index.md": topic("Guide"),
    "guide/a.md": topic("Ay"),
    "zeta.md": topic("Zeta"),
}


def _edit(root: Path) -> None:
    (root / "alpha.md").write_text(topic("Alpha edited, longer"), encoding="utf-8")
    os.utime(root / "alpha.md", ns=(1, 10**18))


def _add(root: Path) -> None:
    (root / "guide" / "new.md").write_text(topic("New"), encoding="utf-8")


def _remove(root: Path) -> None:
    (root / "zeta.md").unlink()


def _link(root: Path) -> None:
    (root / "link.md").symlink_to(root / "alpha.md")


def _nothing(root: Path) -> None:
    pass


def _all(root: Path) -> None:
    _edit(root)
    _add(root)
    _remove(root)


CHANGES: dict[str, Callable[[Path], None]] = {
    "nothing": _nothing,
    "edited": _edit,
    "added": _add,
    "removed": _remove,
    "symbolic link": _link,
    "all at once": _all,
}


def _root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(loader_module, "LARGE_ROOT_TOPICS", 2)
    root, cache = tmp_path / "root", tmp_path / "cache"
    for rel, text in START.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    load_content(root, cache_dir=cache)  # an earlier session: the topic cache and its tree
    return root, cache


@pytest.mark.parametrize("change", CHANGES.values(), ids=list(CHANGES))
@pytest.mark.parametrize("list_folders", [False, True], ids=["saved tree", "folders listed"])
def test_the_child_finds_what_the_loader_finds(tmp_path, monkeypatch, change, list_folders) -> None:
    root, cache = _root(tmp_path, monkeypatch)
    loader = ContentLoader(root, cache_dir=cache)
    loader.load(verify=False, list_folders=list_folders)
    change(root)
    check = loader.disk_check
    assert check is not None
    answer = changed_per_topic_cache(check)
    assert answer is not None
    assert sorted(answer) == sorted(loader.changed_files())


def test_a_child_process_counts_the_changed_files(tmp_path, monkeypatch) -> None:
    root, cache = _root(tmp_path, monkeypatch)
    loader = ContentLoader(root, cache_dir=cache)
    loader.load(verify=False, list_folders=False)
    _edit(root)
    _add(root)
    check = loader.disk_check
    assert check is not None
    assert count_changed_in_child(check, threading.Event()) == 2
    stopped = threading.Event()
    stopped.set()
    assert count_changed_in_child(check, stopped) is None


def test_no_answer_once_the_topic_cache_was_written_again(tmp_path, monkeypatch) -> None:
    """Another process (the problem count's ``--check``) rewrote the cache with the edited file's
    stamp: comparing the disk with that file would miss the edit the window has not seen."""
    root, cache = _root(tmp_path, monkeypatch)
    loader = ContentLoader(root, cache_dir=cache)
    loader.load(verify=False, list_folders=False)
    _edit(root)
    load_content(root, cache_dir=cache)
    check = loader.disk_check
    assert check is not None
    assert changed_per_topic_cache(check) is None
    assert count_changed_in_child(check, threading.Event()) is None
    assert loader.changed_files() == ["alpha.md"]  # what the window then asks on its own


def test_nothing_to_check_in_a_child_after_a_load_that_trusted_nothing(tmp_path, monkeypatch) -> None:
    root, cache = _root(tmp_path, monkeypatch)
    loader = ContentLoader(root, cache_dir=cache)
    loader.load()  # a stat per file
    assert loader.disk_check is None


def test_nothing_to_check_in_a_child_when_the_topic_cache_could_not_be_written(tmp_path, monkeypatch) -> None:
    root, _cache = _root(tmp_path, monkeypatch)
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("x")
    loader = ContentLoader(root, cache_dir=blocker)
    loader.load(verify=False)
    assert loader.trusted_cache
    assert loader.disk_check is None
    _edit(root)
    assert loader.changed_files() == ["alpha.md"]
