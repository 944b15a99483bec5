"""Render pages ahead of time in a separate, lowest-priority process, into the render cache on disk.

A page rendered on a thread of the window's process would hold Python's GIL for 5–40 ms at a
time and make topic switches wait for it; a child process competes only for a processor, and
only while one is otherwise idle (see :mod:`reader.core.child_process`). It loads the content
root as the window did (through the topic cache), so the pages it stores have the keys the
window asks for; the window then reads them from disk (about a millisecond each) on first visit.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.child_process import run_child

if TYPE_CHECKING:
    import threading

logger = logging.getLogger(__name__)

WARM_UP_LIMIT = 300  # topics rendered ahead of time; larger roots render the rest on first visit


def warm_pages(root: str, dark: bool, topic_ids: list[str], cache_dir: str | None) -> int:
    """In the child process: store the pages of ``topic_ids`` in the render cache, then prune the
    cache folders to their caps; returns how many pages were stored or found current.

    Pages already on disk (and still current) are only checked; at most ``WARM_UP_LIMIT``.
    """
    from reader.core.content.loader import ContentLoader
    from reader.core.render.cache import CachedRenderer
    from reader.core.storage import prune_caches

    folder = Path(cache_dir) if cache_dir else None
    content = ContentLoader(Path(root), folder).load(verify=False)
    renderer = CachedRenderer(content, dark=dark, cache_dir=folder)
    count = 0
    for topic_id in topic_ids[:WARM_UP_LIMIT]:
        if topic_id in content.topics:
            renderer.store_ahead(topic_id)
            count += 1
    prune_caches(folder)  # here rather than in the window: listing the cache folders takes a while
    return count


def warm_up_in_child(
    root: Path, dark: bool, topic_ids: list[str], stop: threading.Event, cache_dir: Path | None = None
) -> bool:
    """Run :func:`warm_pages` in a child process and wait for it (meant for a worker thread).

    Returns True when the child finished, False when ``stop`` was set (the child is then
    terminated within :data:`~reader.core.child_process.POLL_S` seconds) or it failed.
    """
    if stop.is_set():
        return False
    arguments = (str(root), dark, topic_ids[:WARM_UP_LIMIT], str(cache_dir) if cache_dir else None)
    return run_child(warm_pages, arguments, "django-reader-warm-up", stop) == 0
