"""Benchmark big inputs (issue 14, point 8): the Bookmarks menu and pane with 100,000 bookmarks,
and pages with a 100,000-item list and 320 KB of mixed right-to-left text without a break.

Run ``python benchmarks/bench_big_inputs.py`` (``make bench`` does). Each figure is the median of
a few runs, printed beside its target with "met" or "not met". Exits non-zero only if the
benchmark cannot run.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROUNDS = 5
TARGETS_MS = {"menu": 50.0, "pane": 100.0, "list page": 250.0, "rtl page": 250.0}


def report(name: str, timings: list[float]) -> None:
    median = statistics.median(timings) * 1000
    target = TARGETS_MS[name]
    print(
        f"  {name:<10} {median:8.1f} ms  (target {target:.0f} ms: {'met' if median <= target else 'not met'})"
    )


def main() -> int:
    home = Path(tempfile.mkdtemp())
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        os.environ[name] = str(home / name.lower())
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "config"))
    from reader.ui.app import create_application

    app = create_application()
    from reader.core.render.markdown import Renderer
    from reader.core.storage import user_data_dir
    from reader.resources import guide_root
    from reader.ui.common.settings import Settings
    from reader.ui.main_window import MainWindow

    marks = [{"topic_id": f"t/{n}", "title": f"Topic {n}", "added": ""} for n in range(100_000)]
    user_data_dir().mkdir(parents=True, exist_ok=True)
    (user_data_dir() / "bookmarks.json").write_text(json.dumps({"version": 1, "bookmarks": marks}))
    window = MainWindow(guide_root(), settings=Settings())
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    menu = window.menus["bookmarks"]
    print("100,000 bookmarks:")
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        menu.aboutToShow.emit()
        timings.append(time.perf_counter() - start)
    report("menu", timings)
    items = window.library.bookmarks.items()
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        window.bookmarks_panel.set_bookmarks(items)
        window.bookmarks_panel.repaint()
        timings.append(time.perf_counter() - start)
    report("pane", timings)

    print("Pages (render excluded: the rendered page is shown, laid out and painted):")
    rng = random.Random(14)
    bodies = {
        "list page": "".join(f"- item {n}\n" for n in range(100_000)),
        "rtl page": "".join(rng.choice("שלוםمرحباhello12") for _ in range(320_000)),
    }
    for name, body in bodies.items():
        folder = home / name.replace(" ", "-")
        folder.mkdir()
        (folder / "index.md").write_text(f"---\ntitle: {name}\n---\n{body}\n", encoding="utf-8")
        from reader.core.content.loader import load_content

        page = Renderer(load_content(folder)).render("index")
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            window.page.show_page(page)
            window.page.repaint()
            timings.append(time.perf_counter() - start)
        report(name, timings)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
