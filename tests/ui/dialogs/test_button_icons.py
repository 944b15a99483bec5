"""Dialog button icons stay visible in the dark theme (desktops that put icons on dialog buttons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QProxyStyle, QStyle

from reader.ui.common.colors import contrast_ratio
from reader.ui.common.theme import ThemeController
from reader.ui.dialogs.about import AboutDialog
from reader.ui.dialogs.shortcuts import ShortcutsDialog

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QDialog


class _IconButtonsStyle(QProxyStyle):
    """Fusion as KDE or GNOME configure it: dialog buttons carry icons."""

    def styleHint(self, hint, option=None, widget=None, return_data=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, return_data)


@pytest.fixture
def dark_icon_style(qapp) -> Iterator[None]:
    theme = ThemeController(qapp)
    theme.apply("dark")
    qapp.setStyle(_IconButtonsStyle("Fusion"))
    yield
    qapp.setStyle("Fusion")
    theme.apply("light")


def _icon_colour(button) -> QColor:
    """The average colour of the icon's opaque pixels, as painted."""
    image = button.icon().pixmap(button.iconSize(), button.devicePixelRatioF()).toImage()
    pixels = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 160
    ]
    assert pixels, "the icon has no visible pixels"
    channels = [sum(getattr(p, name)() for p in pixels) / len(pixels) for name in ("red", "green", "blue")]
    return QColor(*(round(c) for c in channels))


@pytest.mark.parametrize(
    "make", [lambda: ShortcutsDialog([]), lambda: AboutDialog()], ids=["shortcuts", "about"]
)
@pytest.mark.usefixtures("dark_icon_style")
def test_the_close_icon_is_visible_on_a_dark_button(qtbot, make) -> None:
    dialog: QDialog = make()
    qtbot.addWidget(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert not close.icon().isNull()  # the style asked for icons
    background = QApplication.palette().color(QPalette.ColorRole.Button)
    assert background.lightnessF() < 0.5
    assert contrast_ratio(_icon_colour(close), background) >= 3.0  # WCAG's floor for icons
