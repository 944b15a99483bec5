"""Background children run at the lowest priority the system offers, and never outlive their need."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from typing import TYPE_CHECKING

import pytest

from reader.core.child_process import lower_priority, run_child, spawn_context

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized
    from pathlib import Path

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the idle scheduling class is Linux's")


def _report_priority(policy: Synchronized[int], niceness: Synchronized[int]) -> None:
    """In a child: the scheduling class and niceness it runs with (-1 where there is none)."""
    policy.value = os.sched_getscheduler(0) if hasattr(os, "sched_getscheduler") else -1
    niceness.value = os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else -1


def _alive(pid: int) -> bool:
    """Whether ``pid`` is still a running process (a zombie, already ended, counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@linux_only
def test_a_child_runs_in_the_idle_scheduling_class() -> None:
    context = spawn_context()
    policy, niceness = context.Value("q", -2, lock=False), context.Value("q", -2, lock=False)
    assert run_child(_report_priority, (policy, niceness), "test-priority", threading.Event()) == 0
    assert policy.value == os.SCHED_IDLE


@linux_only
def test_another_process_is_put_in_the_idle_class_and_a_gone_one_is_no_error() -> None:
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as process:
        try:
            assert lower_priority(process.pid) == "idle"
            assert os.sched_getscheduler(process.pid) == os.SCHED_IDLE
        finally:
            process.kill()
    assert lower_priority(process.pid) in {"idle", "nice 19", "unchanged"}  # reaped: never raises


def test_without_an_idle_class_the_niceness_is_the_lowest(monkeypatch) -> None:
    if not hasattr(os, "setpriority"):
        pytest.skip("no niceness on this system")
    monkeypatch.delattr(os, "SCHED_IDLE", raising=False)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as process:
        try:
            assert lower_priority(process.pid) == "nice 19"
            assert os.getpriority(os.PRIO_PROCESS, process.pid) == 19
        finally:
            process.kill()


@linux_only
def test_a_stopped_child_is_ended_at_once() -> None:
    stop = threading.Event()
    pid = spawn_context().Value("q", 0, lock=False)

    def stop_once_started() -> None:
        for _ in range(1200):
            if pid.value:
                break
            time.sleep(0.05)
        stop.set()

    watcher = threading.Thread(target=stop_once_started)
    watcher.start()
    assert run_child(_sleep_with_pid, (pid, 60.0), "test-stopped", stop) is None
    watcher.join()
    assert pid.value
    assert not _alive(pid.value)


def _sleep_with_pid(pid: Synchronized[int], seconds: float) -> None:
    pid.value = os.getpid()
    time.sleep(seconds)


WINDOW_QUITS_WHILE_CHILDREN_RUN = textwrap.dedent(
    """
    import os, sys, threading, time
    from pathlib import Path
    from reader.core.child_process import run_child
    from reader.ui.window.content_check import count_problems

    stop = threading.Event()  # never set: the process just ends, as when the window quits
    threading.Thread(target=run_child, args=(time.sleep, (60.0,), "test-quit", stop), daemon=True).start()
    threading.Thread(target=count_problems, args=(Path(sys.argv[1]), stop), daemon=True).start()
    time.sleep(1.0)
    for task in os.listdir("/proc/self/task"):
        for child in open(f"/proc/self/task/{task}/children").read().split():
            print(child, open(f"/proc/{child}/cmdline").read().replace(chr(0), " "), flush=True)
    """
)


@linux_only
def test_children_end_when_the_window_process_ends(make_content, tmp_path: Path) -> None:
    """Both kinds of child (a spawned worker, the ``--check`` command) end when the window's process does."""
    from tests.helpers.content import topic

    # a check of some seconds, even on a fast machine: it must still run when the process ends
    root = make_content({f"t{n}.md": topic(f"T{n}", "[gone](gone.md) " * 50) for n in range(3000)})
    script = tmp_path / "quit.py"
    script.write_text(WINDOW_QUITS_WHILE_CHILDREN_RUN, encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, str(script), str(root)], cwd=os.getcwd(), capture_output=True, text=True, check=True
    )
    running = dict(line.split(" ", 1) for line in ran.stdout.splitlines())
    assert any("--check" in command for command in running.values())  # both still ran at the end
    assert any("spawn_main" in command for command in running.values())
    for _ in range(40):  # they are ended, not left to finish
        if not any(_alive(int(pid)) for pid in running):
            break
        time.sleep(0.05)
    assert [command for pid, command in running.items() if _alive(int(pid))] == []
