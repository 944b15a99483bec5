"""Counting a content root's problems exactly as ``django-reader --check DIR`` does: by running it.

The check renders every topic, which would hold Python's GIL for seconds (minutes at 100,000
topics) if it ran on a thread of the window's process. A child process uses another core instead
(one, and only while it is otherwise idle: :func:`reader.core.child_process.lower_priority`) and,
being the very command the status bar then suggests, always reports the same count. Its check
cache makes the next start's count quick.
"""

from __future__ import annotations

import atexit
import logging
import re
import shlex
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from reader.core.child_process import lower_priority, popen_priority_flags

if TYPE_CHECKING:
    import threading
    from pathlib import Path

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_S = 900.0
_POLL_S = 0.2
_SUMMARY = re.compile(r"^(?:(\d+) problems? in \d+ topics?|OK: \d+ topics, no problems)\s*$", re.MULTILINE)


def check_command(root: Path) -> str:
    """The command a user types to see the problems of ``root``, quoted for a POSIX shell."""
    return f"django-reader --check {shlex.quote(str(root))}"


def count_problems(root: Path, stop: threading.Event, timeout: float = CHECK_TIMEOUT_S) -> int | None:
    """Run ``django-reader --check root`` in a child process and return its problem count.

    ``None`` when ``stop`` is set (the child is killed within ``_POLL_S`` seconds), when it runs
    longer than ``timeout`` seconds, or when its summary line cannot be read. The child runs at
    the lowest priority, and is killed if this process exits first.
    """
    if stop.is_set():
        return None
    command = [
        sys.executable,
        "-m",
        "reader",
        "--check",
        str(root),
        "--jobs",
        "1",
    ]  # one core: the window keeps the other
    deadline = time.monotonic() + timeout
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        creationflags=popen_priority_flags(),
    ) as process:
        atexit.register(process.kill)  # the window quits while the check runs: the check ends too
        try:
            lower_priority(process.pid)  # before it starts any thread: they inherit it
            while True:
                try:
                    _out, err = process.communicate(timeout=_POLL_S)
                    break
                except subprocess.TimeoutExpired:
                    if stop.is_set() or time.monotonic() > deadline:
                        process.kill()
                        process.communicate()
                        logger.info("the check of %s was stopped", root)
                        return None
        finally:
            atexit.unregister(process.kill)
    matches = list(_SUMMARY.finditer(err.decode("utf-8", "replace")))
    if not matches:
        logger.warning("django-reader --check %s gave no summary (exit %s)", root, process.returncode)
        return None
    return int(matches[-1].group(1) or 0)
