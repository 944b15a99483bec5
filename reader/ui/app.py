"""Create the ``QApplication`` and the main window, and run the event loop."""

from __future__ import annotations

import builtins
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

GC_RESUME_AT_LATEST_MS = 3000


def create_application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtWidgets import QApplication

    from reader.ui.common.settings import APPLICATION, ORGANISATION
    from reader.ui.common.theme import FUSION_SET

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    arguments = list(argv if argv is not None else sys.argv[:1])
    # Fusion (which the themes are made for) is chosen on Qt's command line: setStyle() would
    # hand back a QStyle, and wrapping QStyle for Python costs ~4 ms of start-up.
    if not any(argument.lstrip("-").split("=")[0] == "style" for argument in arguments[1:]):
        arguments[1:1] = ["-style", "Fusion"]
    app = QApplication(arguments)
    app.setProperty(FUSION_SET, True)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Django Reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.djangoreader.DjangoReader")
    return app


def skip_pyside_feature_import_hook() -> bool:
    """Take PySide's ``__feature__`` layer off ``__import__``; return whether it was removed.

    Importing PySide6 replaces ``builtins.__import__`` with a hook for its opt-in
    ``from __feature__ import snake_case`` syntax, and that hook reads the source of every module
    imported afterwards to see whether it mentions PySide6: about 10 ms of our start-up. This app
    never uses ``__feature__``, so the import PySide wrapped is put back (it keeps it as
    ``__orig_import__``). Nothing changes if a future PySide6 installs no such hook.
    """
    import PySide6.QtCore  # noqa: F401 - installs the hook if it has not been yet

    original = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if original is None or hook is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = original
    return True


def resume_garbage_collection() -> None:
    """Turn the cyclic garbage collector back on after the first frame, start-up objects frozen.

    Start-up creates a few hundred thousand long-lived objects (modules, PySide's enum classes,
    the topics) and no garbage worth collecting, yet the collector ran about fifty times over
    them (5 ms; 13 ms with 10,000 topics). Frozen, they are also skipped by every later collection.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(content_root: Path, start_topic: str | None = None, exit_after_paint: bool = False) -> int:
    gc.disable()  # until the first frame is painted: see resume_garbage_collection
    skip_pyside_feature_import_hook()
    app = create_application()
    from PySide6.QtCore import QTimer

    from reader.ui.main_window import MainWindow

    window = MainWindow(content_root, start_topic=start_topic)
    window.first_paint_done.connect(resume_garbage_collection)
    # Also on a timer, in case the window is not painted soon (started minimised, say).
    QTimer.singleShot(GC_RESUME_AT_LATEST_MS, resume_garbage_collection)
    window.show()
    if exit_after_paint:
        window.first_paint_done.connect(app.quit)
    return app.exec()
