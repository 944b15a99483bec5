"""Benchmark (k): process start -> first window mapped on a real X server (Xvfb), against Zeal.

Run ``python benchmarks/bench_visible.py`` (``make bench`` does). Needs ``Xvfb`` and ``xev``
(Debian: ``xvfb``, ``x11-utils``); without them it says so and exits 0. It starts Xvfb on a
display Xvfb picks itself (``-displayfd``), watches the root window's map events with ``xev``,
and starts, in interleaved rounds after one warm-up start each: the installed
``django-reader`` command of this Python's environment, a bare PySide6 window
(``bare_window.py``), Zeal (``zeal``) and Qt Assistant (``assistant``) when installed ("not
installed" otherwise). Each figure is the time from starting the process to the first map of a
top-level window; the process is then ended. Prints medians and Django Reader's ratio to Zeal
against the issue's target (at most 0.8x) with "met" or "not met". There is no window manager,
so what is timed is the applications' own start-up, not a desktop's. Run as root (a build
container), Zeal's QtWebEngine needs ``QTWEBENGINE_DISABLE_SANDBOX=1``, which is then set.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = int(os.environ.get("BENCH_VISIBLE_ROUNDS", os.environ.get("BENCH_ROUNDS", "7")))
TIMEOUT = 30.0  # seconds to wait for a window before giving up on one start
TARGET_RATIO = 0.8


def _installed_reader() -> str | None:
    """The ``django-reader`` command installed beside this Python (what users run), if any."""
    beside = Path(sys.executable).with_name("django-reader")
    return str(beside) if beside.exists() else shutil.which("django-reader")


def candidates() -> dict[str, list[str] | None]:
    """The programs to time, by name; ``None`` for one that is not installed."""
    reader = _installed_reader()
    zeal = shutil.which("zeal")
    names = ("assistant", "assistant-qt6", "assistant-qt5")
    assistant = next((found for name in names if (found := shutil.which(name))), None)
    return {
        "django-reader": [reader] if reader else None,
        "bare PySide6 window": [sys.executable, str(HERE / "bare_window.py")],
        "Zeal": [zeal] if zeal else None,
        "Qt Assistant": [assistant] if assistant else None,
    }


class MapWatcher:
    """``xev`` on the root window of ``display``: a queue of the times windows were mapped."""

    def __init__(self, display: str, env: dict[str, str]) -> None:
        command = ["xev", "-display", display, "-root", "-event", "substructure"]
        if shutil.which("stdbuf"):  # xev's output is a pipe: ask for a line at a time
            command[:0] = ["stdbuf", "-oL"]
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
        self.maps: queue.Queue[float] = queue.Queue()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("MapNotify event"):
                self.maps.put(time.perf_counter())

    def drain(self) -> None:
        while not self.maps.empty():
            self.maps.get_nowait()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(5)


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on a free display it picks; return it and the display name once it accepts clients."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()  # written when the server is ready
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"


def time_to_map(command: list[str], env: dict[str, str], watcher: MapWatcher) -> float:
    """Seconds from starting ``command`` to the first window it maps; the process is then ended."""
    watcher.drain()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        mapped = watcher.maps.get(timeout=TIMEOUT)
    except queue.Empty:
        raise RuntimeError(f"{command[0]} showed no window within {TIMEOUT:g} s") from None
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    time.sleep(0.2)  # let the server forget the window before the next start
    return mapped - start


def main() -> int:
    missing = [tool for tool in ("Xvfb", "xev") if shutil.which(tool) is None]
    print("\n(k) time to visible window under Xvfb: process start -> first window mapped")
    if missing:
        print(f"    skipped: {' and '.join(missing)} not installed (Debian: xvfb, x11-utils)")
        return 0
    programs = candidates()
    for name, command in programs.items():
        if command is None:
            print(f"    {name:<22} not installed", flush=True)
    runnable = {name: command for name, command in programs.items() if command is not None}
    server, display = _start_xvfb()
    with tempfile.TemporaryDirectory() as temporary:
        home = Path(temporary)
        env = dict(os.environ, DISPLAY=display, HOME=str(home), QT_QPA_PLATFORM="xcb")
        for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            env[name] = str(home / name.lower())
        env.pop("WAYLAND_DISPLAY", None)
        # As installed for a user: the warm-up start leaves byte code for the next ones (without it
        # each start of django-reader compiles its 160 modules again, about 150 ms here).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if os.geteuid() == 0:  # Zeal's QtWebEngine refuses to start as root with its sandbox
            env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        watcher = MapWatcher(display, env)
        times: dict[str, list[float]] = {name: [] for name in runnable}
        try:
            time.sleep(0.3)  # xev has selected the root's events
            for command in runnable.values():  # warm-up: caches, settings, the OS file cache
                time_to_map(command, env, watcher)
            for _ in range(ROUNDS):
                for name, command in runnable.items():
                    times[name].append(time_to_map(command, env, watcher))
        finally:
            watcher.close()
            server.terminate()
            server.wait(10)
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    for name, value in median.items():
        spread = f"{min(times[name]) * 1000:.0f}-{max(times[name]) * 1000:.0f}"
        print(f"    {name:<22} median {value:7.1f} ms  (range {spread} ms, {ROUNDS} interleaved rounds)")
    if "Zeal" in median and "django-reader" in median:
        ratio = median["django-reader"] / median["Zeal"]
        verdict = "met" if ratio <= TARGET_RATIO else "not met"
        print(f"    django-reader / Zeal   {ratio:.2f}x  (target <= {TARGET_RATIO}x: {verdict})")
    else:
        print(f"    django-reader / Zeal   no figure: Zeal not installed (target <= {TARGET_RATIO}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
