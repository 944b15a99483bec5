"""Read every topic's front matter of a large root in a separate, lowest-priority process.

A first start of a large root shows the file names first (see :mod:`reader.core.content.quick`);
the real titles, order and summaries need every file read, which takes seconds at 100,000
topics. Done on a thread of the window's process, that would hold Python's GIL for most of
those seconds; a child process competes only for a processor, and only while one is otherwise
idle (see :mod:`reader.core.child_process`). It loads the root the way ``--check`` would and
writes the topic cache; the window then loads that cache (a quick start) and swaps the real
tree in.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.child_process import run_child, spawn_context
from reader.core.content.loader import ContentLoader, Progress

if TYPE_CHECKING:
    import threading
    from multiprocessing.sharedctypes import Synchronized

    from reader.core.content.model import ContentRoot

logger = logging.getLogger(__name__)


def read_into_cache(
    root: str, cache_dir: str | None, done: Synchronized[int], total: Synchronized[int]
) -> None:
    """In the child process: read every file of ``root`` and write its topic cache, counting the
    files read in ``done`` out of ``total``."""

    def progress(count: int, of: int) -> None:
        total.value, done.value = of, count

    ContentLoader(Path(root), Path(cache_dir) if cache_dir else None).load(progress=progress)
    done.value = total.value


def load_with_titles(
    root: Path, stop: threading.Event, progress: Progress, cache_dir: Path | None = None
) -> tuple[ContentLoader, ContentRoot] | None:
    """Read the front matter of every file of ``root`` in a child process, then load the root from
    the topic cache it wrote; meant for a worker thread. ``progress(done, total)`` is called as
    files are read. ``None`` once ``stop`` is set (the child is then terminated).

    If the child fails, the files are read on this thread instead. Like
    :meth:`ContentLoader.load`, never raises for bad content: problems are in the content.
    """
    context = spawn_context()
    done, total = context.Value("q", 0, lock=False), context.Value("q", 0, lock=False)  # one writer
    arguments = (str(root), str(cache_dir) if cache_dir else None, done, total)

    def report() -> None:
        if total.value:
            progress(done.value, total.value)

    exitcode = run_child(read_into_cache, arguments, "django-reader-titles", stop, report)
    if exitcode is None:
        return None
    loader = ContentLoader(root, cache_dir)
    if exitcode == 0:
        content = loader.load(verify=False, list_folders=False)  # from the cache the child wrote
    else:
        logger.warning("reading the titles of %s in a child process failed; reading them here", root)
        content = loader.load(verify=False, progress=progress)
    return None if stop.is_set() else (loader, content)
