"""The theme controller and the written-out palettes: light, dark and following the desktop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from reader.ui.common.theme import ThemeController

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[QApplication]:
    """Put the application's palette, style sheet and colour scheme back after a theme test."""
    palette, sheet, style = QPalette(qapp.palette()), qapp.styleSheet(), qapp.style().name()
    yield qapp
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_dark_theme_applies_a_dark_palette_and_announces_it(qtbot, app_look: QApplication) -> None:
    controller = ThemeController(app_look)
    controller.apply("light")
    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        controller.apply("dark")
    assert signal.args == [True]
    assert controller.is_dark()
    assert app_look.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert app_look.palette().color(QPalette.ColorRole.Highlight).name() == "#2f7d5b"
    assert ":focus" in app_look.styleSheet()
    sheet = app_look.styleSheet()
    app_look.setStyleSheet("")  # the style sheet hides the style's name
    assert app_look.style().name().lower() == "fusion"
    app_look.setStyleSheet(sheet)

    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        controller.apply("light")
    assert signal.args == [False]
    assert app_look.palette().color(QPalette.ColorRole.Window).lightness() > 128
    assert app_look.palette().color(QPalette.ColorRole.Highlight).name() == "#0c4b33"
    with qtbot.assertNotEmitted(controller.theme_changed):
        controller.apply("light")


def test_system_mode_follows_the_desktop_live(qtbot, app_look: QApplication) -> None:
    controller = ThemeController(app_look)
    controller.apply("light")
    controller.apply("system")
    assert controller.mode == "system"
    hints = QGuiApplication.styleHints()
    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert signal.args == [True]
    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert signal.args == [False]
    controller.apply("light")  # an explicit choice ignores the desktop
    with qtbot.assertNotEmitted(controller.theme_changed):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)


def test_unknown_mode_means_system(app_look: QApplication) -> None:
    controller = ThemeController(app_look)
    controller.apply("sepia")
    assert controller.mode == "system"


def test_light_palette_is_fusions_own_apart_from_the_accent_roles(qtbot) -> None:
    from PySide6.QtWidgets import QStyleFactory

    from reader.ui.common.theme import light_palette

    style = QStyleFactory.create("Fusion")
    assert style is not None
    fusion, ours = style.standardPalette(), light_palette()
    Role, Group = QPalette.ColorRole, QPalette.ColorGroup
    accent_roles = {
        Role.Highlight,
        Role.Accent,
        Role.HighlightedText,
        Role.Link,
        Role.LinkVisited,
        Role.PlaceholderText,
        Role.ToolTipBase,
        Role.ToolTipText,
        Role.NoRole,
        Role.NColorRoles,
    }
    differing = [
        (role.name, group.name)
        for role in Role
        if role not in accent_roles
        for group in (Group.Active, Group.Inactive, Group.Disabled)
        if fusion.color(group, role).rgba() != ours.color(group, role).rgba()
    ]
    assert differing == []
