"""Work in a child process at the lowest processor priority, which a waiting thread can stop.

Used by the render warm-up (:mod:`reader.core.render.warm`), the first read of a large root's
titles (:mod:`reader.core.content.read_all`) and the check of a cache-trusted root against the
disk (:mod:`reader.core.content.verify`): done on a thread of the window's process, such work
would hold Python's GIL for seconds; a child process competes only for a processor, and at the
lowest priority the operating system offers (:func:`lower_own_priority`) it runs only while a
processor is otherwise idle, so the window never waits for it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

logger = logging.getLogger(__name__)

POLL_S = 0.1  # how often the waiting thread looks at ``stop`` (and calls ``poll``), in seconds
LOWEST_NICENESS = 19  # where there is no idle scheduling class: the weakest ordinary priority
_WINDOWS_IDLE_PRIORITY_CLASS = 0x40  # subprocess.IDLE_PRIORITY_CLASS, which exists only on Windows


def lower_priority(pid: int = 0) -> str:
    """Make process ``pid`` (0: this one) run only when a processor would otherwise be idle.

    Linux: the ``SCHED_IDLE`` scheduling class (the window's thread, waking up, takes the
    processor back at once; the I/O scheduler then treats the process as idle too). Elsewhere on
    Unix: niceness 19. Windows (this process only): ``IDLE_PRIORITY_CLASS``. Returns what was
    done: ``"idle"``, ``"nice 19"``, or ``"unchanged"`` where nothing could be (never raises).
    For another process, call it before that process starts threads: Linux sets the class of
    its main thread, which threads started later inherit.
    """
    if sys.platform == "win32":
        if pid:
            return "unchanged"  # see popen_priority_flags: set when the process is created
        import ctypes

        kernel32 = ctypes.windll.kernel32
        if kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _WINDOWS_IDLE_PRIORITY_CLASS):
            return "idle"
        return "unchanged"
    try:
        os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or the process has already ended
        logger.debug("no idle scheduling class for process %d", pid or os.getpid(), exc_info=True)
    else:
        return "idle"
    try:
        os.setpriority(os.PRIO_PROCESS, pid, LOWEST_NICENESS)
    except (AttributeError, OSError):
        logger.debug("could not lower the priority of process %d", pid or os.getpid(), exc_info=True)
        return "unchanged"
    return "nice 19"


def popen_priority_flags() -> int:
    """``creationflags`` for :class:`subprocess.Popen` that start a process at idle priority on
    Windows (0 elsewhere, where :func:`lower_priority` is called with the new process's id)."""
    return _WINDOWS_IDLE_PRIORITY_CLASS if sys.platform == "win32" else 0


def spawn_context() -> Any:  # multiprocessing's SpawnContext, which typeshed names privately
    """The ``spawn`` start method: safe whatever threads the window runs (``fork`` is not)."""
    import multiprocessing  # about 8 ms: not before the first frame, which starts no child

    return multiprocessing.get_context("spawn")


def _run_at_lowest_priority(target: Callable[..., object], *args: object) -> None:
    """In the child: lower its priority first, then run ``target(*args)``."""
    lower_priority()
    target(*args)


def run_child(
    target: Callable[..., object],
    args: tuple[object, ...],
    name: str,
    stop: threading.Event,
    poll: Callable[[], None] | None = None,
) -> int | None:
    """Run ``target(*args)`` in a spawned child process called ``name``, at the lowest priority
    (:func:`lower_priority`), and wait for it.

    Every :data:`POLL_S` seconds ``poll`` is called (if given). Returns the child's exit code
    (0 when it finished), or ``None`` when ``stop`` was set: the child is then terminated.
    """
    process = spawn_context().Process(
        target=_run_at_lowest_priority, args=(target, *args), name=name, daemon=True
    )
    started = time.monotonic()
    process.start()
    if sys.platform == "linux":  # at once, not after the child's start-up and imports (it lowers its own too)
        lower_priority(process.pid)
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
