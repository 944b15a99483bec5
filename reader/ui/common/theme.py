"""Light, dark and follow-the-system themes: a Fusion palette with a Django-green accent.

``ThemeController`` owns the application's palette and its style sheet. The style sheet is
small on purpose: it gives item views, line edits and push buttons a clear keyboard-focus ring
(a 2 px accent border) so the focused pane is always visible, and leaves everything else to Fusion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.common.colors import is_dark

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

MODES = ("light", "dark", "system")
FUSION_SET = "djangoReaderFusionSet"  # application property: Fusion style already chosen

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


class ThemeColors(NamedTuple):
    """The few colours the style sheet needs besides the palette."""

    dark: bool
    accent: str  # selection background
    focus: str  # keyboard focus ring
    border: str
    button: str
    button_hover: str
    button_pressed: str
    button_text: str
    disabled_text: str
    field: str


LIGHT = ThemeColors(
    dark=False,
    accent="#0c4b33",
    focus="#1a7f5a",
    border="#c3c9cf",
    button="#f6f8fa",
    button_hover="#eef1f4",
    button_pressed="#dfe5e9",
    button_text="#1f2328",
    disabled_text="#8c959f",
    field="#ffffff",
)
DARK = ThemeColors(
    dark=True,
    accent="#2f7d5b",
    focus="#58d3a1",
    border="#3d444d",
    button="#2a3038",
    button_hover="#323942",
    button_pressed="#3b434d",
    button_text="#e6edf3",
    disabled_text="#6e7681",
    field="#171b21",
)


def _set(palette: QPalette, role: QPalette.ColorRole, color: str, disabled: str | None = None) -> None:
    palette.setColor(role, QColor(color))
    if disabled is not None:
        palette.setColor(Group.Disabled, role, QColor(disabled))


def _palette(rows: tuple[tuple[QPalette.ColorRole, str, str | None], ...]) -> QPalette:
    """A palette with every listed role set in all groups, and its disabled colour if given."""
    palette = QPalette()
    for role, color, disabled in rows:
        _set(palette, role, color, disabled)
    return palette


def light_palette() -> QPalette:
    """Fusion's standard light palette with the Django-green accent.

    Fusion's colours are written out rather than asked of a ``QStyle``: creating one for Python
    costs about 4 ms at start-up. A test keeps them equal to Qt's.
    """
    palette = _palette(
        (
            (Role.Window, "#efefef", None),
            (Role.WindowText, "#000000", "#bebebe"),
            (Role.Base, "#ffffff", "#efefef"),
            (Role.AlternateBase, "#f7f7f7", None),
            (Role.ToolTipBase, "#ffffff", None),
            (Role.ToolTipText, "#1f2328", None),
            (Role.PlaceholderText, "#5f6873", None),  # 4.9:1 on the window, 5.6:1 on white (AA)
            (Role.Text, "#000000", "#bebebe"),
            (Role.Button, "#efefef", None),
            (Role.ButtonText, "#000000", "#bebebe"),
            (Role.BrightText, "#ffffff", None),
            (Role.Light, "#ffffff", None),
            (Role.Midlight, "#cacaca", None),
            (Role.Mid, "#b8b8b8", None),
            (Role.Dark, "#9f9f9f", "#bebebe"),
            (Role.Shadow, "#767676", "#b1b1b1"),
            (Role.Highlight, LIGHT.accent, "#9aa5ad"),
            (Role.Accent, LIGHT.accent, "#9aa5ad"),
            (Role.HighlightedText, "#ffffff", None),
            (Role.Link, "#0b6e4f", None),
            (Role.LinkVisited, "#0c4b33", None),
        )
    )
    # A selection in a pane without focus stays legible but steps back.
    palette.setColor(Group.Inactive, Role.Highlight, QColor("#d3e6dc"))
    palette.setColor(Group.Inactive, Role.HighlightedText, QColor("#0c4b33"))
    return palette


def dark_palette() -> QPalette:
    """A calm dark palette (GitHub-dark neutrals) with the Django-green accent."""
    palette = _palette(
        (
            (Role.Window, "#1f2328", None),
            (Role.WindowText, "#e6edf3", DARK.disabled_text),
            (Role.Base, "#171b21", "#1c2026"),
            (Role.AlternateBase, "#1d2228", None),
            (Role.ToolTipBase, "#2a3038", None),
            (Role.ToolTipText, "#e6edf3", None),
            (Role.PlaceholderText, "#8b949e", None),
            (Role.Text, "#e6edf3", DARK.disabled_text),
            (Role.Button, "#2a3038", "#24292f"),
            (Role.ButtonText, "#e6edf3", DARK.disabled_text),
            (Role.BrightText, "#ff8b80", None),
            (Role.Light, "#3b424b", None),
            (Role.Midlight, "#32383f", None),
            (Role.Mid, "#2a2f35", None),
            (Role.Dark, "#111418", None),
            (Role.Shadow, "#000000", None),
            (Role.Highlight, DARK.accent, "#3a4048"),
            (Role.Accent, DARK.accent, "#3a4048"),
            (Role.HighlightedText, "#ffffff", "#9da7b3"),
            (Role.Link, "#58d3a1", None),
            (Role.LinkVisited, "#7ee2b8", None),
        )
    )
    palette.setColor(Group.Inactive, Role.Highlight, QColor("#25453a"))
    palette.setColor(Group.Inactive, Role.HighlightedText, QColor("#e6edf3"))
    return palette


def chosen_palette(mode: str) -> QPalette | None:
    """The palette of an explicitly chosen ``"light"`` or ``"dark"`` mode; ``None`` for ``"system"``
    (and anything else), whose palette is the desktop's until the colour-scheme hints are read."""
    if mode == "dark":
        return dark_palette()
    return light_palette() if mode == "light" else None


def focus_style_sheet(colors: ThemeColors) -> str:
    """Style sheet giving trees, lists, tables, line edits and push buttons a visible focus ring.

    Borders grow from 1 px to 2 px on focus while the padding shrinks by 1 px, so nothing shifts.
    """
    c = colors
    return f"""
QTreeView, QListView, QTableView {{
    border: 1px solid {c.border}; border-radius: 4px; padding: 1px;
}}
QTreeView::item {{ padding: 3px 2px; }}
QTreeView:focus, QListView:focus, QTableView:focus {{
    border: 2px solid {c.focus}; padding: 0px;
}}
QLineEdit {{
    border: 1px solid {c.border}; border-radius: 4px; padding: 4px 6px;
    background: {c.field}; selection-background-color: {c.accent}; selection-color: #ffffff;
}}
QLineEdit:focus {{ border: 2px solid {c.focus}; padding: 3px 5px; }}
QLineEdit:disabled {{ color: {c.disabled_text}; }}
QComboBox QAbstractItemView, QComboBox QAbstractItemView:focus {{
    border: 1px solid {c.border}; border-radius: 0px; padding: 0px;
}}
QAbstractSpinBox QLineEdit, QComboBox QLineEdit {{
    border: none; padding: 0px; background: transparent;
}}
QPushButton {{
    background: {c.button}; color: {c.button_text}; border: 1px solid {c.border};
    border-radius: 4px; padding: 5px 14px; min-height: 18px;
}}
QPushButton:hover {{ background: {c.button_hover}; }}
QPushButton:pressed, QPushButton:checked {{ background: {c.button_pressed}; }}
QPushButton:default {{ border-color: {c.accent}; }}
QPushButton:focus {{ border: 2px solid {c.focus}; padding: 4px 13px; }}
QPushButton:disabled {{ color: {c.disabled_text}; }}
QPushButton:flat {{ background: transparent; border-color: transparent; }}
QPushButton:flat:hover {{ background: {c.button_hover}; border-color: {c.border}; }}
QPushButton:flat:focus {{ border: 2px solid {c.focus}; }}
"""


class ThemeController(QObject):
    """Applies a theme mode to the application and announces when it turns dark or light.

    ``theme_changed(dark)`` is emitted only when the effective theme changes, including live
    changes of the desktop's colour scheme while the mode is ``"system"``.
    """

    theme_changed = Signal(bool)

    def __init__(self, app: QApplication | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        instance = app or QApplication.instance()
        if not isinstance(instance, QApplication):
            raise RuntimeError("ThemeController needs a QApplication")
        self._app = instance
        self._mode = ""  # nothing applied yet
        self._applied: bool | None = None
        self._switching = False
        self._dark = is_dark(self._app.palette(), Role.Window)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

    @property
    def mode(self) -> str:
        """The mode last applied, or "" before the first ``apply``."""
        return self._mode

    def is_dark(self) -> bool:
        """True while the applied (or, before ``apply``, the application's) palette is dark."""
        return self._dark

    def system_is_dark(self) -> bool:
        """True when the desktop asks for a dark colour scheme."""
        from PySide6.QtCore import Qt  # made on first use (~20 ms), after the window is shown

        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def apply(self, mode: str) -> None:
        """Switch to ``"light"``, ``"dark"`` or ``"system"``; anything else means ``"system"``."""
        from PySide6.QtCore import Qt

        self._mode = mode if mode in MODES else "system"
        hints = QGuiApplication.styleHints()
        self._switching = True  # the hints below may announce a scheme change right away
        try:
            if not hasattr(hints, "setColorScheme"):  # Qt < 6.8
                pass
            elif self._mode == "system":
                hints.unsetColorScheme()
            else:  # also darkens or lightens native title bars and dialogs where the platform can
                hints.setColorScheme(Qt.ColorScheme.Dark if self._mode == "dark" else Qt.ColorScheme.Light)
        finally:
            self._switching = False
        self._apply_effective(self._mode == "dark" or (self._mode == "system" and self.system_is_dark()))

    def _apply_effective(self, dark: bool) -> None:
        if not self._app.property(FUSION_SET):
            # Marked on the application rather than read back from style(): wrapping a QStyle for
            # Python costs ~4 ms at start-up, and our style sheet hides the name anyway.
            self._app.setProperty(FUSION_SET, True)
            self._app.setStyle("Fusion")
        if self._applied != dark:  # repolishing every widget is not free; skip repeats
            self._applied = dark
            self._app.setPalette(dark_palette() if dark else light_palette())
            self._app.setStyleSheet(focus_style_sheet(DARK if dark else LIGHT))
        if dark != self._dark:
            self._dark = dark
            self.theme_changed.emit(dark)

    def _on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        from PySide6.QtCore import Qt

        if self._mode == "system" and not self._switching:
            self._apply_effective(scheme == Qt.ColorScheme.Dark)
