"""A comfortable line length for the page: the text column is capped and centred in wide windows.

Long lines are hard to follow back to their start; typography advises 60–90 characters, and this
column holds about :data:`MEASURE_CHARS` characters of body text. :class:`ReadingMeasure` watches a
``QTextBrowser``: on every resize, new page or zoom it sets the document's root-frame side margins
so the column is at most that wide and sits in the middle, never closer to an edge than
:data:`MIN_SIDE_MARGIN` pixels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker
from PySide6.QtGui import QFontMetricsF, QTextLength

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextBrowser

MEASURE_CHARS = 78  # characters of body text per line, at most (about 75–85 in practice)
MIN_SIDE_MARGIN = 28  # pixels between the text and either side of the page
_SAMPLE = (  # ordinary English prose: its mean advance is the width of an "average" character
    "Every Django page starts life as an HTTP request and ends as an HTTP response; in between, "
    "the request passes through a fixed series of stages, and each one has a job to do."
)


def column_width(browser: QTextBrowser, chars: int = MEASURE_CHARS) -> float:
    """The width in pixels of ``chars`` characters of prose in ``browser``'s body font."""
    metrics = QFontMetricsF(browser.document().defaultFont())
    return metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE) * chars


def side_margin(viewport_width: int, column: float) -> int:
    """The left and right margin that centres a ``column``-pixel text column in the viewport."""
    return max(MIN_SIDE_MARGIN, int((viewport_width - column) / 2))


class ReadingMeasure(QObject):
    """Keeps ``browser``'s text column at most :data:`MEASURE_CHARS` characters wide, centred."""

    def __init__(self, browser: QTextBrowser) -> None:
        super().__init__(browser)
        self._browser = browser
        self._margin = -1
        self._column: tuple[str, float] = ("", 0.0)  # (font key, column width): measured once per font
        browser.installEventFilter(self)
        browser.textChanged.connect(self.apply)  # a new page comes with a fresh root frame

    def margin(self) -> int:
        """The side margin applied last, in pixels."""
        return self._margin

    def apply(self) -> None:
        """Set the root frame's side margins for the browser's current width and font size."""
        browser = self._browser
        bar = browser.verticalScrollBar()  # (not viewport(): its first call costs start-up time)
        width = browser.width() - 2 * browser.frameWidth() - (bar.width() if bar.isVisible() else 0)
        document = browser.document()
        font = document.defaultFont().key()
        if self._column[0] != font:
            self._column = (font, column_width(browser))
        margin = side_margin(width, self._column[1])
        root = document.rootFrame()
        frame = root.frameFormat()
        if frame.leftMargin() != margin or frame.rightMargin() != margin:
            frame.setLeftMargin(margin)
            frame.setRightMargin(margin)
            root.setFrameFormat(frame)
        self._margin = margin
        self._fit_images(width - 2 * margin - 2 * document.documentMargin())

    def _fit_images(self, column: float) -> None:
        """Cap every image at the column's width (pixels). Qt reads the page's ``max-width: 100%``
        as the whole view's width, not the column the margins leave: a wide image would widen
        the page and bring a horizontal scroll bar."""
        document = self._browser.document()
        if not any(found.isImageFormat() for found in document.allFormats()):
            return
        limit = QTextLength(QTextLength.Type.FixedLength, max(column, 1.0))
        # Quietly: the layout still follows, but no textChanged (the find bar would start over).
        blocker = QSignalBlocker(document)
        cursor = document.find("\ufffc")  # each image is one object replacement character
        while not cursor.isNull():
            image = cursor.charFormat().toImageFormat()
            if image.isValid() and image.maximumWidth() != limit:
                image.setMaximumWidth(limit)
                cursor.setCharFormat(image)
            cursor = document.find("\ufffc", cursor)
        blocker.unblock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._browser and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.apply()
        return False
