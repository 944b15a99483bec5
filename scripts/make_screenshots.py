"""Write the README's screenshots offscreen: ``python scripts/make_screenshots.py OUT_DIR``.

Each shot is taken in the light and the dark theme: a page at a large size (``main``), the diagram
during the walk-through (``diagram``), and a small 800x600 window (``small``), where the side
panels fold into toolbar toggles. Settings and caches go to a temporary folder, never the user's.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

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


class Shot(NamedTuple):
    name: str
    topic_id: str
    size: tuple[int, int]  # pixels
    walk_to_step: int  # 0-based walk-through step to show, -1 for none


SHOTS = [
    Shot("main", "security/csrf", (1400, 900), -1),
    Shot("diagram", "request-flow", (1400, 900), 2),
    Shot("small", "request-flow/middleware", (800, 600), -1),
]


def main(out_dir: str) -> int:
    home = Path(tempfile.mkdtemp(prefix="reader-screenshots-"))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    from PySide6.QtCore import QSettings

    from reader.resources import guide_root
    from reader.ui.app import create_application

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    app = create_application()
    from reader.ui.common.settings import Key, Settings
    from reader.ui.main_window import MainWindow

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for theme in ("light", "dark"):
        for shot in SHOTS:
            settings = Settings()
            settings.set(Key.THEME, theme)
            window = MainWindow(guide_root(), start_topic=shot.topic_id, settings=settings)
            window.resize(*shot.size)
            window.show()
            app.processEvents()
            window.finish_startup()  # the diagram follows the start topic from here on
            app.processEvents()
            if shot.walk_to_step >= 0:
                window.actions_.walkthrough.trigger()
                view = window.diagram_panel.view
                if view is not None:
                    view.go_to_step(shot.walk_to_step)
                window.navigator.open_topic(shot.topic_id)
                app.processEvents()
            window.page.verticalScrollBar().setValue(0)
            app.processEvents()
            window.grab().save(str(out / f"{shot.name}-{theme}.png"))
            window.close()
            app.processEvents()
        project_shots(app, out, theme)
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
