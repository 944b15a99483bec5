"""Write the README's screenshots offscreen: ``python scripts/make_screenshots.py OUT_DIR``."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "projects" / "polls_tutorial"
PROJECT_SIZES = {"": (1400, 900), "-small": (800, 600)}


def _wait(app: QApplication, done: object, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.01)


def project_shots(app: QApplication, out: Path, theme: str, project: Path = PROJECT) -> None:
    """The Project tab on ``project``: a URL's request drawn, its view's source at the line."""
    from PySide6.QtCore import Qt

    from reader.resources import guide_root
    from reader.ui.common.settings import Key, Settings
    from reader.ui.main_window import MainWindow

    for suffix, (width, height) in PROJECT_SIZES.items():
        settings = Settings()
        settings.set(Key.THEME, theme)
        window = MainWindow(
            guide_root(), start_topic="request-flow/url-dispatcher", settings=settings, project=project
        )
        window.resize(width, height)
        window.show()
        window.splitter.setSizes([width // 4 + 40, width - width // 4 - 40])  # not the last shot's sizes
        commands = window.project_commands
        _wait(app, lambda commands=commands: commands.map is not None)
        panel = commands.panel
        flags = Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive
        urls = panel.proxy.match(panel.proxy.index(0, 0), Qt.ItemDataRole.DisplayRole, "polls:vote", 1, flags)
        if urls:
            panel.tree.setCurrentIndex(urls[0])
            panel.tree.activated.emit(urls[0])
            panel.tree.setFocus()
        _wait(app, lambda commands=commands: commands.source_view.file != "")
        app.processEvents()
        window.grab().save(str(out / f"project-{theme}{suffix}.png"))
        window.close()
        app.processEvents()


def main(out_dir: str) -> int:
    from PySide6.QtCore import QSettings

    from reader.resources import guide_root
    from reader.ui.app import create_application

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = create_application()
    from reader.ui.common.settings import Key, Settings
    from reader.ui.main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shots = [("main", "request-flow/url-dispatcher", False), ("diagram", "request-flow", True)]
    for theme in ("light", "dark"):
        for name, topic_id, diagram in shots:
            settings = Settings()
            settings.set(Key.THEME, theme)
            settings.set(Key.SHOW_DIAGRAM, diagram)
            window = MainWindow(guide_root(), start_topic=topic_id, settings=settings)
            window.resize(1400, 900)
            window.show()
            app.processEvents()
            window.grab().save(str(out / f"{name}-{theme}.png"))
            window.close()
            app.processEvents()
        project_shots(app, out, theme)
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
