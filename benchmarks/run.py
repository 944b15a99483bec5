"""Benchmark suite (``make bench``): start-up, memory, topic switching, search, project scan.

Every figure that has a natural baseline is printed as a ratio against it, measured in the same
run: start-up against two PySide6-only windows that paint once and quit (``same_widgets_window.py``
shows exactly the widgets, menus, icons and page of Django Reader's first frame, as recorded by
``window_spec.py``; ``bare_window.py`` only a tree and a text browser), the 10,000-topic start-up
against the bundled guide. Parts (h)-(j), on large roots (``--check``, start-up, topic switches
while background work runs), are in ``bench_scale.py``; (k), the time to a visible window under
Xvfb against Zeal, in ``bench_visible.py``. ``BENCH_RUN_PARTS=switch`` runs (b) alone. Exits
non-zero only if a benchmark cannot run at all.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = Path(__file__).resolve().parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
IDLE_WAIT_MS = 2000  # a switch's follow-up work is given up to this long to finish


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run a process; return its wall time in seconds and its own peak RSS in KiB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"), HOME=str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(home / name.lower())
    return env


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def interleaved(
    commands: dict[str, list[str]], env: dict[str, str], rounds: int
) -> dict[str, list[tuple[float, int]]]:
    """Run the commands in turn, ``rounds`` times, after one warm-up each (file cache, render cache)."""
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for command in commands.values():
        run_measured(command, env)
    for _ in range(rounds):
        for name, command in commands.items():
            results[name].append(run_measured(command, env))
    return results


def bench_startup(home: Path, generated: Path) -> None:
    env = child_env(home)
    python = sys.executable
    spec = home / "window-spec.json"
    describe = [python, str(HERE / "window_spec.py"), str(spec)]
    subprocess.run(describe, env=env, check=True, stderr=subprocess.DEVNULL)
    commands = {
        "bare window": [python, str(HERE / "bare_window.py")],
        "same widgets": [python, str(HERE / "same_widgets_window.py"), str(spec)],
        "django-reader": [python, "-m", "reader", "--exit-after-paint"],
        "django-reader 10k": [python, "-m", "reader", "--content", str(generated), "--exit-after-paint"],
    }
    results = interleaved(commands, env, ROUNDS)
    median = {name: statistics.median(t for t, _ in runs) for name, runs in results.items()}
    memory = {name: max(m for _, m in runs) for name, runs in results.items()}
    print("\n(a) start-up to first painted frame (median of", ROUNDS, "runs, peak RSS)")
    for name in commands:
        print(f"    {name:<20} {median[name] * 1000:7.1f} ms   {memory[name] / 1024:6.1f} MiB")
    for baseline, what in (
        ("same widgets", "PySide6 alone showing the same widgets, menus, icons and page"),
        ("bare window", "a tree and a text browser only"),
    ):
        time_ratio = median["django-reader"] / median[baseline]
        memory_ratio = memory["django-reader"] / memory[baseline]
        print(f"    against {baseline} ({what}):")
        print(f"        wall-time ratio   {time_ratio:.3f}x  (target <= 1.15x)")
        print(f"        peak-memory ratio {memory_ratio:.3f}x  (target <= 1.2x)")
    print("\n(d) start-up with a generated 10,000-topic content root")
    print(
        f"    ratio 10k / bundled guide: {median['django-reader 10k'] / median['django-reader']:.3f}x"
        "  (target <= 1.3x)"
    )


def switch_once(window: object, topic_id: str) -> tuple[float, float, float]:
    """Open ``topic_id`` as a clicked link does; return milliseconds to the first frame that shows
    the new page (what the window draws when the click's handler returns, as the event loop would
    draw it), to the window being idle again (what follows the page: tree, headings, status), and
    the processor time the GUI thread spent until the page was painted (on a shared machine the
    wall time also holds the time spent waiting for a processor)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    start, start_cpu = time.perf_counter(), time.thread_time()
    window.navigator.open_topic(topic_id)  # type: ignore[attr-defined]
    window.page.viewport().repaint()  # type: ignore[attr-defined]
    painted, painted_cpu = time.perf_counter(), time.thread_time()
    # Until no event is left (what one pass posts, such as the next frame, comes in the next pass).
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, IDLE_WAIT_MS)
    return (painted - start) * 1000, (time.perf_counter() - start) * 1000, (painted_cpu - start_cpu) * 1000


def _switch_timings(window: object, topic_ids: list[str]) -> list[tuple[float, float, float]]:
    return [switch_once(window, topic_id) for topic_id in topic_ids]


def print_switch(
    label: str,
    timings: list[tuple[float, float, float]],
    unit: str = "topics",
    judge: Callable[[float], str] | None = None,
) -> None:
    """Three lines: click -> page painted (with ``judge``'s verdict on its p95), click -> idle,
    and the GUI thread's processor time until the page was painted."""
    for index, what in enumerate(("page painted", "idle again", "GUI thread CPU to paint")):
        values = [pair[index] for pair in timings]
        median, p95 = statistics.median(values), percentile(values, 0.95)
        verdict = f"; target p95 <= 16 ms: {judge(p95)}" if judge is not None and index == 0 else ""
        print(f"    {label if index == 0 else '':<30} {what:<23} median {median:6.2f} ms", end="")
        print(f"   p95 {p95:6.2f} ms   max {max(values):6.2f} ms  ({len(values)} {unit}{verdict})")


def _met(p95: float) -> str:
    return "met" if p95 <= 16.0 else "not met"


def bench_topic_switch(home: Path) -> None:
    os.environ.update(child_env(home))
    from PySide6.QtCore import QSettings

    from reader.resources import guide_root
    from reader.ui.app import create_application

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    app = create_application()
    from reader.ui.main_window import MainWindow

    for label in ("first run (nothing cached)", "later start (pages on disk)"):
        window = MainWindow(guide_root())
        window.library.stop_background_work()  # measure without the background warm-up
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        topic_ids = window.library.content.walk()
        later = label.startswith("later")
        print_switch(label, _switch_timings(window, topic_ids), judge=_met if later else None)
        if later:
            print_switch("revisit (pages in memory)", _switch_timings(window, topic_ids), judge=_met)
        window.close()


def bench_keystrokes() -> None:
    """Tree filter and search, keystroke -> painted, on cached generated roots (``BENCH_SIZES``)."""
    subprocess.run([sys.executable, str(HERE / "bench_keystrokes.py")], check=False)


def bench_project_scan() -> None:
    """The static scan of a generated ~250-URL, 40-app Django project (issue #18 point 8)."""
    subprocess.run([sys.executable, str(HERE / "bench_project_scan.py")], check=False)


def generate_content(root: Path, count: int) -> Path:
    from benchmarks_support import write_generated_content

    return write_generated_content(root, count)


def main() -> int:
    sys.path.insert(0, str(HERE))
    switch_title = (
        "(b) topic switch, all bundled topics: open topic -> page painted, and -> window idle again"
    )
    if os.environ.get("BENCH_RUN_PARTS") == "switch":  # (b) alone: about 10 s
        with tempfile.TemporaryDirectory() as temporary:
            print(switch_title)
            print(f"    load average {os.getloadavg()[0]:.1f}")
            bench_topic_switch(Path(temporary))
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        generated = generate_content(home / "generated", 10_000)
        bench_startup(home, generated)
        print(f"\n{switch_title}")
        print(f"    load average {os.getloadavg()[0]:.1f}")
        bench_topic_switch(home)
    print("\n(c) tree filter and search per keystroke, keystroke -> painted (BENCH_SIZES picks root sizes)")
    bench_keystrokes()
    print("\n(d) big inputs: 100,000 bookmarks, a 100,000-item list, 320 KB of mixed right-to-left text")
    subprocess.run([sys.executable, str(HERE / "bench_big_inputs.py")], check=False)
    print("\n(e) static project scan: locate + read a generated Django project from source")
    bench_project_scan()
    print("\n(f) the Project tab on a generated map (BENCH_PATTERNS patterns, default 10,000)")
    subprocess.run([sys.executable, str(HERE / "bench_project_panel.py")], check=False)
    print("\n(g) running a generated project with the probe (after consent)")
    subprocess.run([sys.executable, str(HERE / "bench_probe.py")], check=False)
    subprocess.run([sys.executable, str(HERE / "bench_scale.py")], check=False)  # (h), (i), (j)
    subprocess.run([sys.executable, str(HERE / "bench_visible.py")], check=False)  # (k), under Xvfb
    return 0


if __name__ == "__main__":
    sys.exit(main())
