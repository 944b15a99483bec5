"""Which files of a content root changed since a load trusted its topic cache, found in a child process.

A quick start trusts the topic cache (no ``stat`` per file, and for a large root not even a listing
of its folders); after the first paint the window asks which files changed meanwhile. That means
listing every folder and comparing every file's stamp: about half a second of Python at 50,000
topics, which on a thread of the window's process would hold the GIL while the user switches
topics. :func:`count_changed_in_child` does it in a lowest-priority child process instead
(:mod:`reader.core.child_process`). The child reads the same topic cache file again, and answers
only if it is still the very file the window's load trusted (:class:`DiskCheck`'s fingerprint);
otherwise the caller asks :meth:`ContentLoader.changed_files` on its own thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader.core.child_process import run_child, spawn_context
from reader.core.content.scan import file_stamp, scan
from reader.core.content.topic_cache import TopicCache
from reader.core.problems import Problem

if TYPE_CHECKING:
    import threading
    from multiprocessing.sharedctypes import Synchronized

    from reader.core.content.scan import Stamp
    from reader.core.content.topic_cache import Fingerprint

logger = logging.getLogger(__name__)

NOT_ANSWERED = -1  # what the child reports when the topic cache is no longer the file the load trusted


class DiskCheck(NamedTuple):
    """What a child process needs to find the files changed since a load trusted the topic cache.

    ``root`` and ``cache_dir`` as the loader had them (``None``: the user cache folder);
    ``fingerprint`` of the topic cache file whose stamps the load trusted; ``listed`` is False
    when that load listed the folders itself (only the trusted stamps are compared), True when it
    took the saved tree without listing them (the folders are listed now, and what the listing
    reports is compared with what it reported when the tree was saved).
    """

    root: str
    cache_dir: str | None
    fingerprint: Fingerprint
    listed: bool


def changed_since(root: Path, trusted: dict[str, Stamp], listed: list[Problem] | None) -> list[str]:
    """Root-relative paths of the files whose stamp is no longer the ``trusted`` one.

    With ``listed`` (what listing the folders reported when the trusted tree was saved) the
    folders are listed again: new and removed files count as changed, and ``"./"`` stands for a
    change in what the listing reports (an unreadable folder, a symbolic link skipped). Without,
    only the trusted files are looked at (a ``stat`` each).
    """
    if listed is None:
        return [rel for rel, stamp in trusted.items() if file_stamp(root / rel) != stamp]
    problems: list[Problem] = []
    found = scan(root, problems, stamps=True)
    changed = [rel for rel, (_path, stamp) in found.items() if trusted.get(rel) != stamp]
    changed.extend(rel for rel in trusted if rel not in found)
    if problems != listed:
        changed.append("./")
    return changed


def changed_per_topic_cache(check: DiskCheck) -> list[str] | None:
    """The files changed since the load described by ``check`` (see :func:`changed_since`);
    ``None`` if the topic cache file is no longer the one that load trusted (or is unreadable)."""
    cache = TopicCache(Path(check.root), Path(check.cache_dir) if check.cache_dir else None)
    columns = cache.load_columns()
    if columns is None or cache.fingerprint != check.fingerprint:
        return None
    listed: list[Problem] | None = None
    if check.listed:
        if cache.tree is None:
            return None
        listed = [Problem(path, line, message) for path, line, message in cache.tree.listing]
    return changed_since(Path(check.root), columns.stamps(), listed)


def _count_changed(check: DiskCheck, count: Synchronized[int]) -> None:
    """In the child process: put the number of changed files (or ``NOT_ANSWERED``) in ``count``."""
    changed = changed_per_topic_cache(check)
    count.value = NOT_ANSWERED if changed is None else len(changed)


def count_changed_in_child(check: DiskCheck, stop: threading.Event) -> int | None:
    """How many files changed since the load described by ``check``, found by a child process at
    the lowest priority; meant for a worker thread.

    ``None`` when ``stop`` was set (the child is then terminated), when the child failed, or when
    the topic cache is no longer the file that load trusted: ask the loader itself then.
    """
    if stop.is_set():
        return None
    count = spawn_context().Value("q", NOT_ANSWERED, lock=False)  # one writer, read once it ended
    exitcode = run_child(_count_changed, (check, count), "django-reader-disk-check", stop)
    if exitcode != 0:
        if exitcode is not None:
            logger.warning("the check of %s against the disk failed in a child process", check.root)
        return None
    return None if count.value == NOT_ANSWERED else int(count.value)
