"""The window is shown, in the chosen theme's colours, before its panes are built (start-up rule 9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui.common.settings import Key, Settings
from reader.ui.main_window import MainWindow
from reader.ui.window import first_frame
from reader.ui.window.first_frame import FirstFrame
from tests.helpers.paths import SAMPLE

DARK_WINDOW = "#1f2328"  # theme.dark_palette's window colour
LIGHT_WINDOW = "#efefef"


def _first_frame_colours(qtbot, mode: str) -> tuple[MainWindow, set[str]]:
    settings = Settings()
    settings.set(Key.THEME, mode)
    window = MainWindow(SAMPLE, settings=settings, build_after_show=True)
    qtbot.addWidget(window)
    assert not window.built
    frame = window.centralWidget()
    assert isinstance(frame, FirstFrame)
    image = frame.grab().toImage()  # what the first frame paints
    step = max(1, image.width() // 20)
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    return window, colours


def test_the_first_frame_is_painted_in_the_dark_theme_then_the_panes_are_built(qtbot) -> None:
    window, colours = _first_frame_colours(qtbot, "dark")
    assert colours == {DARK_WINDOW}  # no light flash before a dark window
    with qtbot.waitSignal(window.first_paint_done, timeout=10_000):
        window.show()
    assert window.built
    assert window.theme.is_dark()
    assert window.tree.isVisible()
    assert "Django" in window.page.toPlainText()
    assert not isinstance(window.centralWidget(), FirstFrame)


def test_the_first_frame_is_light_in_the_light_theme(qtbot) -> None:
    window, colours = _first_frame_colours(qtbot, "light")
    assert colours == {LIGHT_WINDOW}
    with qtbot.waitSignal(window.first_paint_done, timeout=10_000):
        window.show()
    assert not window.theme.is_dark()


def test_the_first_frame_has_the_saved_size_and_place(qtbot) -> None:
    first = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(40, 50, 760, 560))
    qtbot.waitUntil(lambda: first.width() == 760)
    first.close()  # saves the geometry
    settings = Settings()
    assert settings.get(Key.GEOMETRY) != QByteArray()
    built_first = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(built_first)
    second = MainWindow(SAMPLE, settings=settings, build_after_show=True)
    qtbot.addWidget(second)
    assert not second.built
    assert (second.width(), second.height()) == (760, 560)  # mapped at its size: nothing jumps
    assert second.geometry() == built_first.geometry()  # and where a window built first would be


def test_a_window_closed_before_its_panes_were_built_keeps_the_saved_session(qtbot) -> None:
    settings = Settings()
    settings.set(Key.TOPIC, "flow")
    window = MainWindow(SAMPLE, settings=settings, build_after_show=True)
    qtbot.addWidget(window)
    frame = window.centralWidget()
    assert isinstance(frame, FirstFrame)
    window.close()
    frame.build_now()  # what its timer would do next
    assert not window.built  # no panes, no background work for a closed window
    assert Settings().get(Key.TOPIC) == "flow"  # nothing saved over the last session


def test_a_window_never_painted_is_still_built(qtbot) -> None:
    window = MainWindow(SAMPLE, settings=Settings(), build_after_show=True)
    qtbot.addWidget(window)  # never shown: no paint comes
    qtbot.waitUntil(lambda: window.built, timeout=5_000)
    assert window.navigator.current_topic_id


def test_in_system_mode_the_first_frame_imposes_no_palette_of_its_own(qtbot) -> None:
    window, colours = _first_frame_colours(qtbot, "system")
    frame = window.centralWidget()
    assert not frame.testAttribute(Qt.WidgetAttribute.WA_SetPalette)  # the desktop's, until the theme
    assert colours == {QColor(QApplication.palette().window().color()).name()}


def test_the_panes_are_built_because_the_first_frame_was_painted(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(first_frame, "BUILD_AT_LATEST_MS", 600_000)  # only the paint can build it now
    paints: list[str] = []
    builds: list[int] = []  # how many paints had happened at each build

    class Recording(first_frame.FirstFrame):
        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            paints.append("painted")

    frame = Recording(lambda: builds.append(len(paints)))
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitUntil(lambda: builds != [], timeout=5_000)
    assert builds[0] >= 1  # after the first frame was painted
    frame.repaint()
    frame.build_now()
    assert len(builds) == 1  # once


def test_a_window_activated_before_its_panes_existed_still_has_keyboard_focus(qtbot) -> None:
    window = MainWindow(SAMPLE, settings=Settings(), build_after_show=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_paint_done, timeout=10_000):
        window.show()
        window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QWidget)
    assert window.isAncestorOf(focused)


def test_an_error_while_building_ends_the_event_loop_and_is_raised(qtbot, monkeypatch) -> None:
    from reader.ui import app
    from reader.ui.window import navigator

    def broken(*args: object) -> None:
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(navigator.Navigator, "open_first", broken)
    with pytest.raises(RuntimeError, match="broken on purpose"):
        app.run_gui(SAMPLE, exit_after_paint=True)


class _PagePaints(QObject):
    """The page's width at each paint of its viewport, beside the window's."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.widths: list[tuple[int, int]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        page = getattr(self.window, "page", None)
        if event.type() == QEvent.Type.Paint and page is not None and watched is page.viewport():
            self.widths.append((page.width(), self.window.width()))
        return False


def test_no_frame_shows_the_panes_before_they_are_laid_out(qtbot) -> None:
    # QA saw one frame with the page squeezed to a strip and the headings dock across the window.
    window = MainWindow(SAMPLE, settings=Settings(), build_after_show=True)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    paints = _PagePaints(window)
    QApplication.instance().installEventFilter(paints)
    try:
        with qtbot.waitSignal(window.first_paint_done, timeout=10_000):
            window.show()
    finally:
        QApplication.instance().removeEventFilter(paints)
    assert paints.widths
    for page, whole in paints.widths:
        assert page >= 0.6 * whole, paints.widths
