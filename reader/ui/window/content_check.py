"""Counting a content root's problems exactly as ``django-reader --check DIR`` does: by running it.

The check renders every topic, which would hold Python's GIL for seconds (minutes at 100,000
topics) if it ran on a thread of the window's process. A child process uses another core instead
(one, at a lower priority: the window stays responsive) and, being the very command the status
bar then suggests, always reports the same count. Its check cache makes the next start's count quick.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import subprocess
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading
    from pathlib import Path

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_S = 900.0
CHECK_NICENESS = 10  # added to the child's niceness: it runs when the window does not need the processor
_POLL_S = 0.2
_SUMMARY = re.compile(r"^(?:(\d+) problems? in \d+ topics?|OK: \d+ topics, no problems)\s*$", re.MULTILINE)


def check_command(root: Path) -> str:
    """The command a user types to see the problems of ``root``, quoted for a POSIX shell."""
    return f"django-reader --check {shlex.quote(str(root))}"


def count_problems(root: Path, stop: threading.Event, timeout: float = CHECK_TIMEOUT_S) -> int | None:
    """Run ``django-reader --check root`` in a child process and return its problem count.

    ``None`` when ``stop`` is set (the child is killed within ``_POLL_S`` seconds), when it runs
    longer than ``timeout`` seconds, or when its summary line cannot be read.
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
    ) as process:
        _lower_priority(process.pid)
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
    matches = list(_SUMMARY.finditer(err.decode("utf-8", "replace")))
    if not matches:
        logger.warning("django-reader --check %s gave no summary (exit %s)", root, process.returncode)
        return None
    return int(matches[-1].group(1) or 0)


def _lower_priority(pid: int) -> None:
    """Let the window win the processor over the check (Unix; elsewhere nothing is changed)."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, CHECK_NICENESS)
    except (AttributeError, OSError):  # no setpriority, or the child has already finished
        logger.debug("could not lower the priority of the check process %d", pid, exc_info=True)
