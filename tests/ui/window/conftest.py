"""Fixtures of the window tests: a shown window on the sample content or on the bundled guide."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QDesktopServices

from reader.resources import guide_root
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.paths import SAMPLE


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
