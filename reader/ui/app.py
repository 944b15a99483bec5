"""Create the ``QApplication`` and the main window, and run the event loop (start-up rules: startup.py)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from reader import __version__
from reader.ui import startup

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication


def create_application(argv: list[str] | None = None) -> QApplication:
    """The running ``QApplication``, or a new one in the Fusion style (``argv``: Qt's command line)."""
    from PySide6.QtWidgets import QApplication

    from reader.ui.common.settings import APPLICATION, ORGANISATION
    from reader.ui.common.theme import FUSION_SET

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(startup.with_fusion_style(list(argv if argv is not None else sys.argv[:1])))
    app.setProperty(FUSION_SET, True)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Django Reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.djangoreader.DjangoReader")
    return app


def run_gui(
    content_root: Path,
    start_topic: str | None = None,
    exit_after_paint: bool = False,
    *,
    content_asked: bool = False,
    new_window: bool = False,
    project: Path | None = None,
) -> int:
    """Show the window on ``content_root`` (and the Django ``project``, if given) and run until it
    closes; the exit code of the event loop.

    Unless ``new_window`` (or ``exit_after_paint``), a window already running for this user is
    given the request instead (``content_root`` if ``content_asked``, and ``start_topic``) and 0
    is returned at once (see :mod:`reader.ui.instance`). A ``project`` always gets a window of its
    own: the hand-over carries no project.
    """
    startup.pause_garbage_collection()
    startup.skip_pyside_feature_import_hook()
    instance_name = ""
    if not exit_after_paint:
        from reader.ui import instance

        instance_name = instance.socket_path()
        asked = instance.Request(str(content_root.resolve()) if content_asked else "", start_topic or "")
        if not new_window and project is None and instance.forward(instance_name, asked):
            return 0
    app = create_application()
    from PySide6.QtCore import QTimer

    from reader.ui.main_window import MainWindow

    window = MainWindow(content_root, start_topic=start_topic, project=project, build_after_show=True)
    window.first_paint_done.connect(startup.resume_garbage_collection)
    QTimer.singleShot(startup.GC_RESUME_AT_LATEST_MS, startup.resume_garbage_collection)
    window.show()
    if exit_after_paint:
        window.first_paint_done.connect(app.quit)
    else:
        window.first_paint_done.connect(lambda: instance.serve(window, instance_name))
    code = app.exec()
    if window.build_error is not None:  # as if the window had been built before it was shown
        raise window.build_error
    return code
