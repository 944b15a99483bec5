"""The window at 800x600, 1024x768, 1400x900 and 2560x1440: grabbed, measured and checked.

Each size is grabbed as a PNG (kept in the test's temporary folder) and checked for what a reader
sees: the page keeps most of the width, small windows fold the side panels into toolbar toggles,
no widget pokes out of the window or is squeezed below its minimum, the walk-through sentence
has a row of its own, and the page's text column holds about 75–85 characters, centred.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from reader.resources import guide_root
from reader.ui.common.settings import Key, Settings
from reader.ui.main_window import MainWindow
from reader.ui.window.layout import COMPACT_BELOW

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QImage

SIZES = [(800, 600), (1024, 768), (1400, 900), (2560, 1440)]
PROSE_TOPIC = "request-flow"


@pytest.fixture
def shown_window(qtbot, opened_urls, request):
    """The guide's window at a size and theme, on the request-flow topic with its diagram; built
    before it is shown, or (``started``) as the app starts it: shown first, then built."""
    (width, height), theme, *started = request.param
    settings = Settings()
    settings.set(Key.THEME, theme)
    window = MainWindow(
        guide_root(), start_topic=PROSE_TOPIC, settings=settings, build_after_show=bool(started)
    )
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.built)
    window.finish_startup()
    window.actions_.diagram.setChecked(True)
    qtbot.waitUntil(lambda: window.diagram_pane.isVisible() and window.width() == width)
    QApplication.processEvents()
    return window


def _grab(window: MainWindow, folder: Path, name: str) -> QImage:
    pixmap = window.grab()
    assert pixmap.save(str(folder / f"{name}.png"))
    return pixmap.toImage()


def _inside_a_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and widget is not parent.viewport():
            scrolled = parent.viewport()
            if scrolled.isAncestorOf(widget):
                return True
        parent = parent.parentWidget()
    return False


def _window_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _prose_line_lengths(window: MainWindow) -> list[int]:
    """Characters on each full line of the page's plain paragraphs (not headings, lists, tables)."""
    document = window.page.document()
    document.size()  # lay the whole page out
    lengths: list[int] = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        plain = not block.blockFormat().headingLevel() and block.textList() is None
        cursor_in_table = document.rootFrame() is not document.frameAt(block.position())
        if plain and not cursor_in_table and layout is not None and layout.lineCount() > 1:
            lengths.extend(layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1))
        block = block.next()
    return lengths


def _ink_columns(image: QImage, area: QRect, background: QColor) -> tuple[int, int]:
    """The leftmost and rightmost pixel columns in ``area`` that differ from ``background``."""
    far = background.rgb()
    left, right = area.right(), area.left()
    for y in range(area.top(), area.bottom(), 3):
        for x in range(area.left(), area.right()):
            if image.pixel(x, y) != far:
                left, right = min(left, x), max(right, x)
                break
        for x in range(area.right(), area.left(), -1):
            if image.pixel(x, y) != far:
                right = max(right, x)
                break
    return left, right


PARAMS = [((w, h), theme) for (w, h) in SIZES for theme in ("light", "dark")]
PARAMS += [
    ((800, 600), "dark", "started"),
    ((1400, 900), "light", "started"),
    ((2560, 1440), "dark", "started"),
]


@pytest.mark.parametrize(
    "shown_window", PARAMS, ids=["-".join(map(str, [*p[0], *p[1:]])) for p in PARAMS], indirect=True
)
def test_the_window_fits_its_size(shown_window, tmp_path):
    window = shown_window
    width = window.width()
    theme = "dark" if window.theme.is_dark() else "light"
    image = _grab(window, tmp_path, f"window-{width}-{theme}")
    compact = width < COMPACT_BELOW

    # The page keeps the room; small windows fold the side panels into toggles.
    page = _window_rect(window.page, window)
    assert page.width() >= 0.6 * width, f"page {page.width()} px of {width}"
    assert window.left_tabs.isVisible() is not compact
    assert window.headings_dock.isVisible() is not compact
    for action in (window.actions_.side_panel, window.actions_.headings):
        toggle = window.toolbar.widgetForAction(action)
        assert toggle is not None
        assert toggle.isVisible()
        assert window.rect().contains(_window_rect(toggle, window))
        assert action.isChecked() is not compact

    # Nothing clipped: every shown widget lies inside the window, at least at its minimum size.
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _inside_a_scroll_area(widget, window):
            continue
        rect = _window_rect(widget, window)
        assert window.rect().contains(rect), f"{widget!r} at {rect} pokes out of {window.rect()}"
        minimum = widget.minimumSizeHint()
        if minimum.isValid() and widget.sizePolicy().horizontalPolicy().name != "Ignored":
            assert widget.width() >= minimum.width(), f"{widget!r} squeezed to {widget.width()} px"

    # The walk-through sentence has a full-width row under the buttons.
    panel = window.diagram_panel
    label, button = panel.step_label, panel.follow_button
    assert label.width() >= 0.9 * (panel.width() - 16)
    assert label.mapTo(panel, QPoint(0, 0)).y() >= button.mapTo(panel, QPoint(0, 0)).y() + button.height()

    # The text column: about 75–85 characters at most, centred in the page.
    lengths = _prose_line_lengths(window)
    assert lengths
    assert max(lengths) <= 85
    if page.width() > 1000:
        assert max(lengths) >= 70
        margin = window.measure.margin()
        assert margin > 100
        viewport = window.page.viewport()
        area = _window_rect(viewport, window).adjusted(4, 4, -4, -4)
        background = window.page.palette().color(QPalette.ColorRole.Base)
        left, right = _ink_columns(image, area, background)
        gap_left, gap_right = left - area.left(), area.right() - right
        assert abs(gap_left - gap_right) <= 24, f"text column off centre: {gap_left} px | {gap_right} px"


def test_in_a_small_window_one_side_panel_opens_at_a_time_and_the_page_keeps_60_percent(qtbot, window):
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.responsive.compact)
    actions = window.actions_
    assert not window.left_tabs.isVisible()
    actions.side_panel.trigger()
    qtbot.waitUntil(window.left_tabs.isVisible)
    qtbot.waitUntil(lambda: window.left_tabs.width() > 150)
    qtbot.waitUntil(lambda: window.page.width() + window.left_tabs.width() >= window.width() - 12)
    assert window.page.width() >= 0.6 * window.width()
    actions.headings.trigger()
    qtbot.waitUntil(window.headings_dock.isVisible)
    assert not window.left_tabs.isVisible()  # one at a time
    qtbot.waitUntil(lambda: window.page.width() + window.headings_dock.width() >= window.width() - 12)
    assert window.page.width() >= 0.6 * window.width()
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: not window.responsive.compact)
    assert window.left_tabs.isVisible()
    assert window.headings_dock.isVisible()  # as it was in the wide window


def test_closing_a_small_window_keeps_the_wide_layout_for_next_time(qtbot, window):
    window.actions_.headings.setChecked(True)
    wide_sizes = window.splitter.sizes()
    assert wide_sizes[0] > 0
    window.resize(850, 600)
    qtbot.waitUntil(lambda: window.responsive.compact)
    window.close()
    settings = Settings()
    assert settings.get(Key.SHOW_HEADINGS)
    assert settings.get(Key.SPLITTER)[0] > 0


def test_a_side_panel_hidden_in_a_wide_window_stays_hidden_after_a_small_one(qtbot, window):
    window.actions_.side_panel.trigger()
    assert not window.left_tabs.isVisible()
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.responsive.compact)
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: not window.responsive.compact)
    assert not window.left_tabs.isVisible()
    assert not window.actions_.side_panel.isChecked()
