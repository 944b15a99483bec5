"""Fixtures of the window tests: a shown window on the sample content or on the bundled guide."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from reader.resources import guide_root
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.paths import SAMPLE

BACKGROUND_THREADS = ("render-warm-up", "content-verification", "topic-titles")


@pytest.fixture(autouse=True)
def windows_end_with_their_test(qapp):
    """After each test: let the window's background work stop, then delete the test's windows here.

    Deleted later by pytest-qt, a closed window could instead be freed by the cyclic garbage
    collector running on another Python thread (the next test's warm-up), and a QWidget must be
    deleted on the GUI thread.
    """
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
    for thread in threading.enumerate():
        if thread.name in BACKGROUND_THREADS:
            thread.join(timeout=10)
    for widget in QApplication.topLevelWidgets():
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def opened_urls(monkeypatch):
    """URLs handed to the desktop's browser (none is really opened)."""
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    return opened


@pytest.fixture
def window(qtbot, opened_urls):
    """A shown window on the small sample content."""
    win = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def guide_window(qtbot, opened_urls):
    """A shown window on the bundled guide, which has a diagram."""
    win = MainWindow(guide_root(), settings=Settings())
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    return win
