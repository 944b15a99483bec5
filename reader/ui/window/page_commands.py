"""Commands on the page as a whole: zoom, theme, find, printing, PDF export and copying code."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from reader.resources import read_text
from reader.ui.common.status import Duration

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QBoxLayout

    from reader.ui.page.find_bar import FindBar
    from reader.ui.page.view import PageView
    from reader.ui.window.library import Library
    from reader.ui.window.navigator import Navigator

LIGHT_CSS = "styles/page-light.css"
DARK_CSS = "styles/page-dark.css"


class PageCommands(QObject):
    """Owns the zoom level; applies the theme's page style; finds, prints, exports and copies code.

    The find bar is built on first use below the page, in ``layout``, and sits between the page
    and ``next_in_tab_order`` in the Tab order.
    """

    status_message = Signal(str, object)  # message, Duration

    def __init__(
        self,
        library: Library,
        navigator: Navigator,
        page: PageView,
        layout: QBoxLayout,
        next_in_tab_order: QWidget,
        zoom_level: int,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._library = library
        self._navigator = navigator
        self._page = page
        self._layout = layout
        self._next_in_tab_order = next_in_tab_order
        self._find_bar: FindBar | None = None
        self._window = window
        self.zoom_level = zoom_level
        self.apply_style()

    # --- appearance ---------------------------------------------------------------------------
    def apply_style(self, reshow: bool = True) -> None:
        """Give the page the stylesheet of the current theme at the current zoom level."""
        css = read_text(DARK_CSS if self._library.dark else LIGHT_CSS)
        self.zoom_level = self._page.set_appearance(css, self.zoom_level, reshow)

    def set_zoom(self, level: int) -> None:
        """Zoom to ``level`` steps (clamped by the page) and say the resulting size."""
        if level != self.zoom_level:
            self.zoom_level = level
            self.apply_style()
        self.status_message.emit(f"Zoom {self._page.zoom_percent()}%", Duration.BRIEF)

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(self.zoom_level + steps)

    def theme_changed(self, dark: bool) -> None:
        """Render and style the page in the new colours, keeping the scroll position."""
        self._library.set_dark(dark)
        self.apply_style(reshow=False)  # the page is shown once, below, in its new colours
        self._navigator.refresh()

    # --- scrolling ----------------------------------------------------------------------------
    def scroll_to_edge(self, end: bool) -> None:
        """Scroll the page to its top, or (``end``) to its very end, laying it out fully first."""
        self._page.document().size()  # the page is laid out lazily: its full height sets the maximum
        bar = self._page.verticalScrollBar()
        bar.setValue(bar.maximum() if end else 0)

    # --- find in page -------------------------------------------------------------------------
    @property
    def find_bar(self) -> FindBar:
        if self._find_bar is None:
            from reader.ui.page.find_bar import FindBar

            self._find_bar = bar = FindBar(self._page)
            self._layout.addWidget(bar)
            chain = [self._page, *bar.focus_chain(), self._next_in_tab_order]
            for before, after in pairwise(chain):  # built late, so its Tab order is set by hand
                QWidget.setTabOrder(before, after)
            bar.closed.connect(self._page.setFocus)
        return self._find_bar

    def find(self) -> None:
        self.find_bar.open_bar()

    def find_next(self) -> None:
        """The next match, or open the find bar if it is closed (the bar decides which)."""
        self.find_bar.find_next()

    def find_previous(self) -> None:
        """The previous match, or open the find bar if it is closed (the bar decides which)."""
        self.find_bar.find_previous()

    # --- print and export ---------------------------------------------------------------------
    def _printable(self) -> QTextDocument | None:
        from reader.ui.page import printing

        topic_id = self._navigator.current_topic_id
        if not topic_id:
            return None
        html = self._library.render_light(topic_id).html
        return printing.printable_copy(self._page, html, read_text(LIGHT_CSS))

    def print_topic(self) -> None:
        """Print the page; in the dark theme a light copy is printed instead."""
        from reader.ui.page import printing

        document = self._printable() if self._library.dark else None
        printing.print_page(self._page, self._window, document)
        if document is not None:
            document.deleteLater()

    def export_pdf(self) -> None:
        """Ask for a file name and save a light copy of the page as PDF there."""
        from reader.ui.page import printing

        title = self._page.page.title if self._page.page else "topic"
        path = printing.ask_pdf_path(self._window, printing.suggested_file_name(title))
        document = self._printable() if path is not None else None
        if path is None or document is None:
            return
        saved = printing.export_pdf(document, path)
        document.deleteLater()
        if saved:
            self.status_message.emit(f"Saved {path}", Duration.NORMAL)
        else:
            self.status_message.emit(f"Could not write {path}", Duration.PROBLEM)

    def copy_code_block(self, code: str = "") -> None:
        """Copy ``code``, or the code block under the cursor, to the clipboard."""
        code = code or self._page.code_at_cursor()
        if not code:
            self.status_message.emit("Put the cursor in a code block to copy it", Duration.BRIEF)
            return
        QGuiApplication.clipboard().setText(code)
        lines = code.count("\n") + 1
        self.status_message.emit(f"Copied {lines} line{'s' if lines != 1 else ''} of code", Duration.BRIEF)
