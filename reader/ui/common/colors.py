"""Colour arithmetic shared by every pane: blending two colours, telling a dark palette from a light one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """Blend ``amount`` (0.0–1.0) of ``b`` into ``a``, alpha included; 0 gives ``a``, 1 gives ``b``."""
    pairs = ((a.redF(), b.redF()), (a.greenF(), b.greenF()), (a.blueF(), b.blueF()), (a.alphaF(), b.alphaF()))
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in pairs))


def is_dark(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> bool:
    """True when ``role`` (the page background by default) has HSL lightness below one half."""
    return palette.color(role).lightnessF() < 0.5


def color_group(option: QStyleOptionViewItem) -> QPalette.ColorGroup:
    """The palette group the style paints an item view row with (a list without focus is Inactive)."""
    from PySide6.QtWidgets import QStyle  # its type costs ~8 ms to make: not at start-up

    active = bool(option.state & QStyle.StateFlag.State_Active)
    return QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour: 0.0 (black) to 1.0 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1.0 to 21.0 (AA asks 4.5 for text, 3.0 for icons)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def legible(colour: QColor, background: QColor, toward: QColor, ratio: float = 4.5) -> QColor:
    """``colour``, moved toward ``toward`` (e.g. the text colour) just enough to reach ``ratio``
    contrast on ``background``; ``toward`` itself if even that falls short."""
    for step in range(11):
        candidate = mix(colour, toward, step / 10)
        if contrast_ratio(candidate, background) >= ratio:
            return candidate
    return QColor(toward)
