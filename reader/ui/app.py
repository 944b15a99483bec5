"""Create the ``QApplication`` and the main window, and run the event loop."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.ui.settings import APPLICATION, ORGANISATION


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Django Reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.djangoreader.DjangoReader")
    return app


def run_gui(content_root: Path, start_topic: str | None = None, exit_after_paint: bool = False) -> int:
    app = create_application()
    from reader.ui.main_window import MainWindow

    window = MainWindow(content_root, start_topic=start_topic)
    window.show()
    if exit_after_paint:
        window.first_paint_done.connect(app.quit)
    return app.exec()
