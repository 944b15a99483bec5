"""Benchmark large content roots: ``--check``, start-up and topic switches while background work runs.

Run ``python benchmarks/bench_scale.py`` (``make bench`` does). On the cached generated roots of
``generated_roots.py``, each figure printed beside the issue's target with "met" or "not met":

(h) ``django-reader --check ROOT`` as a user runs it (``BENCH_CHECK_SIZES``, default 10000): the
    first run with empty caches, the first run once the topic cache exists, a re-run, and a
    re-run after editing one topic another links to (the file is put back as it was, mtime too);
    wall time and the peak memory of the largest process.
(i) start-up to the first painted frame (``BENCH_STARTUP_SIZES``, default 10000) against the
    bundled guide, same run, interleaved: warm (caches filled) and cold (a new empty cache folder
    for every start; with ``BENCH_DROP_CACHES=1``, run as root on Linux, the operating system's
    file cache is dropped before each cold start too, and the guide is timed the same way). A
    large root's first start paints file names first; the time to read every file's front matter
    (what the background read does before the real titles appear) is printed beside it.
(j) topic switches during the first 10 seconds of a later start (an earlier session read every
    title and showed the first pages: the topic cache is trusted, those pages are in the render
    cache), while the work that start begins runs (render warm-up, the check of the files on
    disk, the problem count with an empty check cache), against the same start with none of it
    (the yardstick), ``BENCH_SWITCH_ROUNDS`` pairs in turn (default 1): open topic -> page
    painted, the first pages in reading order, at a fast reader's pace (20 ms of event loop
    between clicks), with the GUI thread's processor time, its wait for a processor (Linux) and
    how late the event loop woke from each pause (``BENCH_SWITCH_SIZE``, default 10000).

The issue's targets are stated at 100,000 topics (h, i) and 50,000 (j): set the sizes to those
for the real figures (the first run writes the roots: about 70 s for 50,000, 150 s for 100,000).
``BENCH_SCALE_PARTS=check,startup,switch`` picks parts. Exits non-zero only if a part cannot run.
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generated_roots import generated_root  # noqa: E402
from run import IDLE_WAIT_MS, child_env, percentile, print_switch, run_measured  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
SWITCH_TOPICS = 300  # as many as the render warm-up prepares
EDITED = "part-001/section-0012/topic-000480.md"  # topic-000481 links to it


def _sizes(name: str, default: str) -> list[int]:
    return [int(part) for part in os.environ.get(name, default).replace(" ", "").split(",") if part]


def verdict(value: float, target: float, count: int, at: int) -> str:
    met = "met" if value <= target else "not met"
    return met if count >= at else f"{met} here; the target is stated at {at:,}"


def _check_run(root: Path, env: dict[str, str]) -> tuple[float, int, float]:
    """One ``--check`` run (exit status 1 means problems were found: that is a finished run): wall
    seconds, peak RSS in KiB of the largest process, and processor seconds of the command and
    its workers (what a shared machine's load does not inflate much)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--check", str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"--check {root} failed with {status}")
    return time.perf_counter() - start, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def _load() -> str:
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def bench_check(count: int, home: Path) -> None:
    root = generated_root(count)
    env = child_env(home / f"check-{count}")
    print(
        f"\n(h) django-reader --check, {count:,} generated topics (wall time, processor time of all its"
        f" processes, peak RSS of one process; {os.cpu_count()} processors, load average {_load()})"
    )
    rows = [("first run, empty caches", *_check_run(root, env), 60.0)]
    subprocess.run(["rm", "-rf", str(Path(env["XDG_CACHE_HOME"]) / "django-reader" / "check")], check=True)
    rows.append(("first run, topic cache filled", *_check_run(root, env), 60.0))
    rows.append(("re-run, nothing changed", *_check_run(root, env), 5.0))
    edited = root / EDITED
    original, stamp = edited.read_bytes(), edited.stat()
    try:
        edited.write_bytes(original.replace(b"## ", b"## Edited ", 1))
        rows.append(("re-run after editing one topic", *_check_run(root, env), 5.0))
    finally:
        edited.write_bytes(original)
        os.utime(edited, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    for label, seconds, peak_kib, processor, target in rows:
        memory = peak_kib / 1024
        time_verdict = verdict(seconds, target, count, 100_000)
        memory_verdict = verdict(memory, 300, count, 100_000)
        print(
            f"    {label:<32} {seconds:7.2f} s  (target <= {target:g} s: {time_verdict});"
            f" processor {processor:6.1f} s"
        )
        print(f"    {'':<32} peak {memory:6.1f} MiB (target <= 300 MiB: {memory_verdict})")


def _drop_os_file_cache() -> bool:
    """Drop the operating system's file cache (Linux, as root): True if it was dropped."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


READ_EVERY_FILE = (
    "import sys; from pathlib import Path; from reader.core.content.loader import ContentLoader; "
    "ContentLoader(Path(sys.argv[1])).load()"
)


def bench_startup(count: int, home: Path) -> None:
    root = generated_root(count)
    env = child_env(home / f"startup-{count}")
    guide = [sys.executable, "-m", "reader", "--exit-after-paint"]
    large = [sys.executable, "-m", "reader", "--content", str(root), "--exit-after-paint"]
    # fill every cache: a first start of a large root paints file names and reads the titles
    # after the first paint (which --exit-after-paint never reaches), so they are read here
    run_measured([sys.executable, "-c", READ_EVERY_FILE, str(root)], env)
    for command in (guide, large, large):
        run_measured(command, env)
    drop = os.environ.get("BENCH_DROP_CACHES") == "1"
    warm: dict[str, list[float]] = {"guide": [], "large": []}
    cold: dict[str, list[float]] = {"guide": [], "large": [], "titles": []}
    dropped = True
    for _ in range(ROUNDS):  # all warm starts first: a dropped file cache would make them cold
        warm["guide"].append(run_measured(guide, env)[0])
        warm["large"].append(run_measured(large, env)[0])
    for number in range(ROUNDS):
        for name, command in (("guide", guide), ("large", large)):
            dropped = (_drop_os_file_cache() if drop else False) and dropped
            cold[name].append(run_measured(command, child_env(home / f"cold-{count}-{number}-{name}"))[0])
        if number < 3:  # what the background read does before the real titles appear
            dropped = (_drop_os_file_cache() if drop else False) and dropped
            titles = [sys.executable, "-c", READ_EVERY_FILE, str(root)]
            cold["titles"].append(run_measured(titles, child_env(home / f"titles-{count}-{number}"))[0])
    guide_ms = statistics.median(warm["guide"]) * 1000
    large_ms = statistics.median(warm["large"]) * 1000
    cold_s, guide_cold_s = statistics.median(cold["large"]), statistics.median(cold["guide"])
    ratio = large_ms / guide_ms
    print(
        f"\n(i) start-up to first paint, {count:,} generated topics vs the bundled guide (median of {ROUNDS})"
    )
    print(f"    guide warm {guide_ms:7.1f} ms   {count:,} warm {large_ms:7.1f} ms")
    print(f"    ratio warm {ratio:.2f}x  (target <= 1.5x: {verdict(ratio, 1.5, count, 100_000)})")
    how = "empty caches, OS file cache dropped" if drop and dropped else "empty caches"
    if drop and not dropped:
        how += "; the OS file cache could not be dropped (not root?)"
    print(
        f"    cold ({how}) {cold_s:.2f} s  (target <= 1.5 s: {verdict(cold_s, 1.5, count, 100_000)});"
        f" the guide the same way {guide_cold_s:.2f} s"
    )
    titles_s = statistics.median(cold["titles"])
    print(
        f"    then the real titles: every file's front matter read in {titles_s:.2f} s"
        " (median of 3, in the background after the first paint)"
    )


def _waiting_ms() -> float | None:
    """Milliseconds this thread has spent runnable but waiting for a processor (Linux), else None."""
    try:
        with open("/proc/thread-self/schedstat") as stats:
            return int(stats.read().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


def _switch(window: object, topic_id: str) -> tuple[float, float, float, float | None]:
    """``run.switch_once``'s figures (click -> page painted, -> idle again, the GUI thread's
    processor time to the paint), and how long of the time to the paint the GUI thread was
    waiting for a processor (Linux; None elsewhere)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    waited = _waiting_ms()
    start, start_cpu = time.perf_counter(), time.thread_time()
    window.navigator.open_topic(topic_id)  # type: ignore[attr-defined]
    window.page.viewport().repaint()  # type: ignore[attr-defined]
    painted, painted_cpu = time.perf_counter(), time.thread_time()
    after = _waiting_ms()
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, IDLE_WAIT_MS)
    waiting = after - waited if after is not None and waited is not None else None
    return (
        (painted - start) * 1000,
        (time.perf_counter() - start) * 1000,
        (painted_cpu - start_cpu) * 1000,
        waiting,
    )


def _pause(app: object, milliseconds: int) -> float:
    """Run the event loop for ``milliseconds`` (a reader's pause between clicks, during which
    the background work's results arrive as they would); return how late it ended, in ms: the
    event loop's latency (the GUI thread waiting for a processor or for Python's GIL)."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop, timer = QEventLoop(), QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    start = time.perf_counter()
    timer.start(milliseconds)
    loop.exec()
    return max(0.0, (time.perf_counter() - start) * 1000 - milliseconds)


def _switch_round(app: object, root: Path, topic_ids: list[str], background: bool) -> dict[str, list[float]]:
    """One later start: the window shown, then 10 s of switches at a fast reader's pace, with or
    without the work the first paint starts; the figures of each switch and pause."""
    from reader.ui.main_window import MainWindow

    window = MainWindow(root)
    window.page.first_painted.disconnect()  # finish_startup is called once, below, or not at all
    window.resize(1200, 800)
    window.show()
    app.processEvents()  # type: ignore[attr-defined]
    figures: dict[str, list[float]] = {"painted": [], "idle": [], "cpu": [], "waiting": [], "late": []}
    started = time.perf_counter()
    if background:
        window.finish_startup()  # what the first paint starts: warm-up, disk check, problem count
    for topic_id in itertools.cycle(topic_ids):
        if time.perf_counter() - started > 10.0:
            break
        painted, idle, cpu, waiting = _switch(window, topic_id)
        figures["painted"].append(painted)
        figures["idle"].append(idle)
        figures["cpu"].append(cpu)
        if waiting is not None:
            figures["waiting"].append(waiting)
        figures["late"].append(_pause(app, 20))  # a fast reader's pace; background work gets its turn
    window.library.stop_background_work()
    window.close()
    app.processEvents()  # type: ignore[attr-defined]
    return figures


def bench_switch(count: int, home: Path) -> None:
    root = generated_root(count)  # before HOME moves: the roots are cached under the real one
    os.environ.update(child_env(home / f"switch-{count}"))
    from PySide6.QtCore import QSettings

    from reader.core.content.loader import ContentLoader
    from reader.ui.app import create_application

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    app = create_application()
    from reader.ui.main_window import MainWindow

    # An earlier session: every title was read (the topic cache and its tree are written) and the
    # first pages were shown (they are in the render cache). The check cache stays empty: the
    # problem count runs through all 10 seconds.
    ContentLoader(root).load()
    first = MainWindow(root)
    topic_ids = first.library.content.walk(SWITCH_TOPICS)
    for topic_id in topic_ids:
        first.library.render(topic_id)
    first.close()
    app.processEvents()
    rounds = int(os.environ.get("BENCH_SWITCH_ROUNDS", "1"))
    print(
        f"\n(j) topic switch in the first 10 s of a later start, {count:,} topics"
        f" ({rounds} round(s) of each, in turn; {os.cpu_count()} processors, load average {_load()})"
    )
    runs: dict[bool, dict[str, list[float]]] = {False: {}, True: {}}
    for _ in range(rounds):
        for background in (False, True):
            for name, values in _switch_round(app, root, topic_ids, background).items():
                runs[background].setdefault(name, []).extend(values)
    for background in (False, True):
        figures = runs[background]
        label = "background work running" if background else "no background work (yardstick)"
        judge = (lambda p95: verdict(p95, 16.0, count, 50_000)) if background else None
        print_switch(
            label,
            list(zip(figures["painted"], figures["idle"], figures["cpu"], strict=True)),
            "switches",
            judge,
        )
        for name, what in (("waiting", "of it waiting for a CPU"), ("late", "event loop late by")):
            values = figures.get(name)
            if values:
                median, p95 = statistics.median(values), percentile(values, 0.95)
                figure = f"median {median:6.2f} ms   p95 {p95:6.2f} ms   max {max(values):6.2f} ms"
                print(f"    {'':<30} {what:<23} {figure}")
    print(f"    load average after: {_load()}")


def main() -> int:
    parts = os.environ.get("BENCH_SCALE_PARTS", "check,startup,switch").split(",")
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        if "check" in parts:
            for count in _sizes("BENCH_CHECK_SIZES", "10000"):
                bench_check(count, home)
        if "startup" in parts:
            for count in _sizes("BENCH_STARTUP_SIZES", "10000"):
                bench_startup(count, home)
        if "switch" in parts:
            for count in _sizes("BENCH_SWITCH_SIZE", "10000")[:1]:
                bench_switch(count, home)
    return 0


if __name__ == "__main__":
    sys.exit(main())
