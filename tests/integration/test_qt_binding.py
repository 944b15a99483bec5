"""Guard against Qt bindings that corrupt Python's reference counts (PySide6 6.12.0 on Python 3.11)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QTextBrowser


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_calls_do_not_drop_references_to_none(qtbot):
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    item = QStandardItem("x")
    before = sys.getrefcount(None)
    for _ in range(500):
        browser.setToolTip("t")
        item.setData("a", 257)
    assert sys.getrefcount(None) >= before - 5, (
        "this PySide6 build leaks references to None; pin another version"
    )
