"""Save and restore the reading session: window layout, open panels, zoom, topic and scroll."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def restore_session(window: MainWindow) -> None:
    geometry = window.settings.blob("window/geometry")
    if not geometry.isEmpty():
        window.restoreGeometry(geometry)
    sizes = window.settings.numbers("window/splitter")
    if len(sizes) == 2 and all(size >= 0 for size in sizes) and sum(sizes) > 0:
        window.splitter.setSizes(sizes)
    theme_action = {"light": window.actions_.theme_light, "dark": window.actions_.theme_dark}
    theme_action.get(window.theme.mode, window.actions_.theme_system).setChecked(True)
    right_sizes = window.settings.numbers("window/right_splitter")
    if len(right_sizes) == 2 and all(size > 0 for size in right_sizes):
        window.right_splitter.setSizes(right_sizes)
    window.actions_.diagram.setChecked(window.settings.flag("view/diagram", False) and window.has_diagram)
    window.left_tabs.setCurrentIndex(window.settings.number("view/left_tab", 0, 0, 2))
    show_headings = window.settings.flag("view/contents", True)
    window.headings_dock.setVisible(show_headings)
    window.actions_.headings.setChecked(show_headings)


def save_session(window: MainWindow) -> None:
    window.settings.set("window/geometry", window.saveGeometry())
    window.settings.set("window/splitter", window.splitter.sizes())
    window.settings.set("view/zoom", window.zoom_level)
    window.settings.set("view/contents", window.actions_.headings.isChecked())
    window.settings.set("view/diagram", window.actions_.diagram.isChecked())
    if window.diagram_pane.isVisibleTo(window):
        window.settings.set("window/right_splitter", window.right_splitter.sizes())
    window.settings.set("view/left_tab", window.left_tabs.currentIndex())
    if window.current_topic_id:
        window.settings.set("session/topic", window.current_topic_id)
        window.settings.set("session/scroll", window.page.verticalScrollBar().value())
    window.settings.sync()


def open_start_topic(window: MainWindow, start_topic: str | None) -> None:
    """Open the start topic: the one asked for, else the last one read (and its scroll), else the first."""
    remembered = window.settings.text("session/topic")
    for candidate in (start_topic, remembered, window.content.start_topic_id):
        if candidate and candidate in window.content.topics:
            window.open_topic(candidate)
            if candidate == remembered and not start_topic:
                scroll = window.settings.number("session/scroll", 0, 0)
                QTimer.singleShot(0, lambda value=scroll: window.page.verticalScrollBar().setValue(value))
            break
    if start_topic and start_topic not in window.content.topics:
        window.statusBar().showMessage(
            f"No topic '{start_topic}' in this guide; showing the start page", 10000
        )
    if window.current_topic_id is None:
        window.page.setHtml("<h1>No topics</h1><p>This content root has no readable Markdown topics.</p>")
