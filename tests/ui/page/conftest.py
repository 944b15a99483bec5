"""Fixtures of the page tests: a shown QTextBrowser to render into."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTextBrowser


@pytest.fixture
def browser(qtbot) -> QTextBrowser:
    widget = QTextBrowser()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.show()
    return widget
