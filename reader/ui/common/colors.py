"""Colour arithmetic shared by every pane: blending two colours, telling a dark palette from a light one."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """Blend ``amount`` (0.0–1.0) of ``b`` into ``a``, alpha included; 0 gives ``a``, 1 gives ``b``."""
    pairs = ((a.redF(), b.redF()), (a.greenF(), b.greenF()), (a.blueF(), b.blueF()), (a.alphaF(), b.alphaF()))
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in pairs))


def is_dark(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> bool:
    """True when ``role`` (the page background by default) has HSL lightness below one half."""
    return palette.color(role).lightnessF() < 0.5


def color_group(option: QStyleOptionViewItem) -> QPalette.ColorGroup:
    """The palette group the style paints an item view row with (a list without focus is Inactive)."""
    active = bool(option.state & QStyle.StateFlag.State_Active)
    return QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
