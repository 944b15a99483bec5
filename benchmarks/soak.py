"""Soak test: open every topic and click every diagram node, round after round, and watch memory.

    python benchmarks/soak.py [--rounds N] [--content guide|hostile|DIR]

Each round opens every topic with ``Navigator.open_topic``, clicks every node of the
architecture diagram (a real mouse click on the view's viewport, plus Enter on a focused node),
and steps back and forward through the history. After rounds 1, 10, 50 and N it prints the
resident memory, the number of live widgets and of Python objects tracked by the garbage
collector; at the end the growth per round after warm-up and the wall time per round.

Settings, caches and data go to a temporary folder, as ``benchmarks/run.py`` does. Exits
non-zero only if the soak cannot run at all; growth is reported, never judged.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WARM_UP_ROUND = 10
BACK_FORWARD_STEPS = 3


@dataclass
class Sample:
    round: int
    rss_kib: int
    widgets: int
    objects: int
    graphics_items: int


def isolate_user_dirs(home: Path) -> None:
    """Point HOME, the XDG folders and QSettings at ``home`` (like ``run.py``'s ``child_env``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["HOME"] = str(home)
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))


def rss_kib() -> int:
    """Current resident set size in KiB (VmRSS), or the peak from ``getrusage`` as a fallback."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def content_root(choice: str, home: Path) -> Path:
    if choice == "guide":
        sys.path.insert(0, str(REPO))
        from reader.resources import guide_root

        return guide_root()
    if choice == "hostile":
        sys.path.insert(0, str(REPO))
        from tests.helpers.hostile_content import build_hostile_content

        return build_hostile_content(home / "hostile" / "content")
    path = Path(choice)
    if not path.is_dir():
        raise SystemExit(f"soak: content root {choice!r} is not a folder")
    return path


class Soak:
    """Drives one window through rounds of topic opening, diagram clicks and history steps."""

    def __init__(self, root: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from reader.ui.app import create_application
        from reader.ui.common.settings import Settings
        from reader.ui.main_window import MainWindow

        self.app = create_application()
        self.window = MainWindow(root, settings=Settings())
        self.window.resize(1280, 820)
        self.window.show()
        self.topic_ids = self.window.library.content.walk()
        self.view = self.window.diagram_panel.view
        if self.view is not None:
            self.window.actions_.diagram.setChecked(True)
        self.requested: list[str] = []
        if self.view is not None:
            self.view.topic_requested.connect(self.requested.append)
        QApplication.processEvents()

    def round(self) -> None:
        from PySide6.QtWidgets import QApplication

        window, process = self.window, QApplication.processEvents
        for topic_id in self.topic_ids:
            window.navigator.open_topic(topic_id)
            process()
        self.click_nodes()
        for _ in range(BACK_FORWARD_STEPS):
            window.navigator.go_back()
            process()
        for _ in range(BACK_FORWARD_STEPS):
            window.navigator.go_forward()
            process()

    def click_nodes(self) -> None:
        """Click every node's centre, then activate the first node with Enter; check each was heard."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        view = self.view
        if view is None:
            return
        self.requested.clear()
        nodes = view.node_items()
        for item in nodes:
            centre = view.mapFromScene(item.scenePos())
            QTest.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
            )
            QApplication.processEvents()
        if nodes:
            view.focus_node(nodes[0].node.id)
            QTest.keyClick(view, Qt.Key.Key_Return)
            QApplication.processEvents()
        expected = [item.node.topic for item in nodes] + ([nodes[0].node.topic] if nodes else [])
        if self.requested != expected:
            raise RuntimeError(f"diagram clicks missed: expected {expected}, heard {self.requested}")

    def graphics_items(self) -> int:
        return len(self.view.scene().items()) if self.view is not None else 0

    def sample(self, number: int) -> Sample:
        from PySide6.QtWidgets import QApplication

        gc.collect()
        return Sample(
            number, rss_kib(), len(QApplication.allWidgets()), len(gc.get_objects()), self.graphics_items()
        )

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()


def checkpoints(rounds: int) -> list[int]:
    return sorted({point for point in (1, WARM_UP_ROUND, 50, rounds) if point <= rounds})


def report(samples: list[Sample], timings: list[float], topics: int, nodes: int) -> None:
    print(f"  {'round':>6} {'RSS MiB':>9} {'widgets':>8} {'gc objects':>11} {'scene items':>12}")
    for sample in samples:
        print(
            f"  {sample.round:>6} {sample.rss_kib / 1024:>9.1f} {sample.widgets:>8} "
            f"{sample.objects:>11} {sample.graphics_items:>12}"
        )
    warm = next((sample for sample in samples if sample.round == WARM_UP_ROUND), None)
    last = samples[-1]
    if warm is not None and last.round > warm.round:
        span = last.round - warm.round
        print(
            f"  growth per round after round {warm.round}: "
            f"{(last.rss_kib - warm.rss_kib) / span:+.1f} KiB RSS, "
            f"{(last.widgets - warm.widgets) / span:+.2f} widgets, "
            f"{(last.objects - warm.objects) / span:+.1f} gc objects, "
            f"{(last.graphics_items - warm.graphics_items) / span:+.2f} scene items"
        )
    else:
        print(f"  (growth per round needs more than {WARM_UP_ROUND} rounds)")
    later = timings[1:] or timings
    print(
        f"  wall time per round ({topics} topics, {nodes} node clicks): first {timings[0] * 1000:.1f} ms, "
        f"then median {statistics.median(later) * 1000:.1f} ms, max {max(later) * 1000:.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="rounds to run (default 200)")
    parser.add_argument(
        "--content",
        default="guide",
        help="'guide' (bundled), 'hostile' (tests/helpers/hostile_content.py) or a folder",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="reader-soak-") as temporary:
        home = Path(temporary)
        isolate_user_dirs(home)
        root = content_root(args.content, home)
        soak = Soak(root)
        nodes = len(soak.view.node_items()) if soak.view is not None else 0
        print(f"soak: {args.rounds} rounds over {root} ({len(soak.topic_ids)} topics, {nodes} diagram nodes)")
        wanted = set(checkpoints(args.rounds))
        samples: list[Sample] = []
        timings: list[float] = []
        for number in range(1, args.rounds + 1):
            start = time.perf_counter()
            soak.round()
            timings.append(time.perf_counter() - start)
            if number in wanted:
                samples.append(soak.sample(number))
        report(samples, timings, len(soak.topic_ids), nodes)
        soak.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
