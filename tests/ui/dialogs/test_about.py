"""The About dialog: version, licence and platform; links open only on the web."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from reader import __version__
from reader.ui.dialogs.about import AboutDialog, open_web_link, version_report

if TYPE_CHECKING:
    import pytest


def test_about_dialog_shows_version_and_licence(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version_label.text()
    assert dialog.name_label.text() == "Django Reader"
    assert "BSD-3-Clause" in dialog.links_label.text()
    assert "PySide6" in dialog.platform_label.text()
    assert not dialog.icon_label.pixmap().isNull()
    assert __version__ in version_report()
    dialog.copy_version_info()
    assert __version__ in QGuiApplication.clipboard().text()


def test_about_links_open_only_on_the_web(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.link_opened, timeout=1000):
        dialog.links_label.linkActivated.emit("https://docs.djangoproject.com/")
    assert opened == ["https://docs.djangoproject.com/"]
    for link in ("file:///etc/passwd", "javascript:alert(1)", "topic:intro", "https://"):
        assert open_web_link(link) is False
    assert opened == ["https://docs.djangoproject.com/"]
    assert isinstance(QUrl(opened[0]), QUrl)
