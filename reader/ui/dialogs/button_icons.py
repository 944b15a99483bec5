"""Dialog button icons redrawn in the palette's button-text colour, so they show in dark themes too.

Desktop styles that put icons on dialog buttons (``SH_DialogButtonBox_ButtonsHaveIcons``, e.g. on
KDE and GNOME) hand out icons drawn for a light background: a black "Close" cross on a dark button
is nearly invisible. Each icon keeps its shape and takes the colour of the button's text, which the
theme already keeps readable on the button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPalette, QPixmap

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialogButtonBox


def tint_button_icons(box: QDialogButtonBox) -> None:
    """Recolour the icon of every button of ``box`` (buttons without one are left alone)."""
    colour = box.palette().color(QPalette.ColorRole.ButtonText)
    for button in box.buttons():
        icon = button.icon()
        if icon.isNull():
            continue
        source = icon.pixmap(button.iconSize(), button.devicePixelRatioF())
        tinted = QPixmap(source.size())
        tinted.setDevicePixelRatio(source.devicePixelRatio())
        tinted.fill(Qt.GlobalColor.transparent)
        painter = QPainter(tinted)
        painter.drawPixmap(0, 0, source)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(tinted.rect(), colour)
        painter.end()
        button.setIcon(QIcon(tinted))
