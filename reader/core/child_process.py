"""Work in a lower-priority child process that a waiting thread can stop.

Used by the render warm-up (:mod:`reader.core.render.warm`) and by the first read of a large
root's titles (:mod:`reader.core.content.read_all`): done on a thread of the window's process,
such work would hold Python's GIL for seconds; a child process competes only for a processor.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

logger = logging.getLogger(__name__)

POLL_S = 0.1  # how often the waiting thread looks at ``stop`` (and calls ``poll``), in seconds


def spawn_context() -> Any:  # multiprocessing's SpawnContext, which typeshed names privately
    """The ``spawn`` start method: safe whatever threads the window runs (``fork`` is not)."""
    return multiprocessing.get_context("spawn")


def run_child(
    target: Callable[..., object],
    args: tuple[object, ...],
    name: str,
    stop: threading.Event,
    poll: Callable[[], None] | None = None,
) -> int | None:
    """Run ``target(*args)`` in a spawned child process called ``name`` and wait for it.

    Every :data:`POLL_S` seconds ``poll`` is called (if given). Returns the child's exit code
    (0 when it finished), or ``None`` when ``stop`` was set: the child is then terminated.
    """
    process = spawn_context().Process(target=target, args=args, name=name, daemon=True)
    started = time.monotonic()
    process.start()
    while process.is_alive():
        process.join(POLL_S)
        if stop.is_set():
            process.terminate()
            process.join()
            logger.debug("%s was stopped", name)
            return None
        if poll is not None:
            poll()
    logger.debug("%s: exit %s after %.1f s", name, process.exitcode, time.monotonic() - started)
    return process.exitcode
