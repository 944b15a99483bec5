"""The "On this page" panel: the current page's headings, indented by level, following the scroll.

Clicking a heading (or pressing Enter on it) emits ``anchor_requested``; the window scrolls the
page. :func:`current_anchor` finds the heading at the top of a ``QTextBrowser``'s viewport from
the ``<a name>`` anchors the renderer puts inside each heading.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.safe_text import plain_tooltip
from reader.ui.common.colors import is_dark

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from reader.core.render.page import Heading

ANCHOR_ROLE = Qt.ItemDataRole.UserRole
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1
INDENT_PX = 14
BAR_GAP_PX = 8
TEXT_MARGIN_PX = 3  # where Fusion puts item text inside its cell
TOP_TOLERANCE_PX = 12  # a heading just scrolled to (a few pixels below the top) counts as current


def heading_anchor_positions(browser: QTextBrowser, below: float) -> list[tuple[float, str]]:
    """Return ``(document y, name)`` of the named anchors in ``browser``'s headings, in page order,
    up to the first heading lower than ``below``.

    Stopping there matters: asking for a block's position lays the page out down to that block,
    and only headings near the top of the view can be the current one.
    """
    document = browser.document()
    layout = document.documentLayout()
    positions: list[tuple[float, str]] = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            top = layout.blockBoundingRect(block).top()
            if top > below:
                break
            iterator = block.begin()
            while not iterator.atEnd():
                positions.extend((top, name) for name in iterator.fragment().charFormat().anchorNames())
                iterator += 1
        block = block.next()
    return positions


def current_anchor(browser: QTextBrowser, headings: Sequence[Heading]) -> str:
    """Return the anchor of the heading nearest above the viewport top ("" above the first one).

    At the very end of the page the last heading in view wins (anywhere in the viewport), so short
    final sections, which can never reach the top, still become current.
    """
    if not headings:
        return ""
    bar = browser.verticalScrollBar()
    top = bar.value() + TOP_TOLERANCE_PX
    if bar.maximum() > 0 and bar.value() >= bar.maximum():
        top = bar.value() + browser.viewport().height() - TOP_TOLERANCE_PX
    if top < browser.document().documentMargin():  # above the first line: no layout needed
        return ""
    wanted = {heading.anchor for heading in headings}
    current = ""
    for _y, anchor in heading_anchor_positions(browser, below=top):
        if anchor in wanted:
            current = anchor
    return current


def accent_colour(palette: QPalette) -> QColor:
    """The highlight colour, lightened on dark palettes so it reads as text."""
    accent = palette.color(QPalette.ColorRole.Highlight)
    return accent.lighter(150) if is_dark(palette) else accent


class _HeadingDelegate(QStyledItemDelegate):
    """Indents each heading by its depth (deeper ones in the secondary colour); the current
    heading gets an accent bar and bold accent text instead of a full selection fill.

    It paints the text itself rather than through ``QStyle``: the Python side of ``QStyle`` alone
    takes about 4 ms to set up, which the first frame would pay for a few lines of text.
    """

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row = QRect(option.rect)
        palette: QPalette = option.palette
        font = QFont(option.font)
        depth = int(index.data(DEPTH_ROLE) or 0)
        colour = palette.color(QPalette.ColorRole.PlaceholderText if depth else QPalette.ColorRole.Text)
        painter.save()
        if self._view.selectionModel().isSelected(index):
            colour = accent_colour(palette)
            font.setBold(True)
            painter.fillRect(QRect(row.left(), row.top() + 2, 3, row.height() - 4), colour)
        text_area = row.adjusted(BAR_GAP_PX + TEXT_MARGIN_PX + depth * INDENT_PX, 0, -2, 0)
        elide = Qt.TextElideMode.ElideRight
        text = QFontMetrics(font).elidedText(str(index.data()), elide, text_area.width())
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(text_area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()


class HeadingsPanel(QWidget):
    """Lists a page's headings; emits ``anchor_requested(anchor)`` when one is chosen."""

    anchor_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headings: list[Heading] = []
        self._browser: QTextBrowser | None = None
        self.title_label = QLabel("On this page", self)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.list = QListWidget(self)
        self.list.setAccessibleName("On this page")
        self.list.setAccessibleDescription("The headings of the current page; Enter scrolls to one")
        self.list.setItemDelegate(_HeadingDelegate(self.list))
        self.list.setFrameShape(QListWidget.Shape.NoFrame)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(2)
        viewport = QWidget()  # our own: asking the list for its viewport() costs start-up time
        viewport.setBackgroundRole(QPalette.ColorRole.Window)
        self.list.setViewport(viewport)
        self.list.setBackgroundRole(QPalette.ColorRole.Window)
        self.list.installEventFilter(self)
        self.list.itemClicked.connect(self._emit_item)
        self.empty_label = QLabel("This page has no sections.", self)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        layout.addStretch(0)
        self.set_headings([])

    # -- public API ---------------------------------------------------------------------------
    def set_headings(self, headings: Sequence[Heading]) -> None:
        """Show ``headings`` (from ``RenderedPage.headings``); indentation is relative to the top level.

        The current heading follows on the next event-loop turn: finding it lays out the whole
        page, which the first paint of a new page does not need.
        """
        self._headings = list(headings)
        self.list.clear()
        top_level = min((heading.level for heading in headings), default=2)
        for heading in headings:
            item = QListWidgetItem(heading.text)
            item.setData(ANCHOR_ROLE, heading.anchor)
            item.setData(DEPTH_ROLE, heading.level - top_level)
            item.setToolTip(plain_tooltip(heading.text))
            self.list.addItem(item)
        self.list.setVisible(bool(headings))
        self.empty_label.setVisible(not headings)
        if self._browser is not None and headings:
            QTimer.singleShot(0, self, self.update_from_browser)

    def headings(self) -> list[Heading]:
        """The headings shown, in page order (a copy)."""
        return list(self._headings)

    def set_current_anchor(self, anchor: str) -> None:
        """Mark the heading with ``anchor`` as the current one ("" clears) without emitting."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ANCHOR_ROLE) == anchor:
                if self.list.currentRow() != row or not item.isSelected():
                    self.list.setCurrentRow(row)
                self.list.scrollToItem(item)
                return
        self.list.clearSelection()
        self.list.setCurrentRow(-1)

    def current_anchor(self) -> str:
        """The anchor of the marked heading, or "" when none is marked."""
        item = self.list.currentItem()
        return str(item.data(ANCHOR_ROLE)) if item is not None and item.isSelected() else ""

    def follow_scroll(self, browser: QTextBrowser | None) -> None:
        """Keep the current heading in step with ``browser``'s scrolling (``None`` stops)."""
        if self._browser is not None:
            with contextlib.suppress(RuntimeError):  # the old page may already be gone
                self._browser.verticalScrollBar().valueChanged.disconnect(self.update_from_browser)
        self._browser = browser
        if browser is not None:
            browser.verticalScrollBar().valueChanged.connect(self.update_from_browser)
            self.update_from_browser()

    def update_from_browser(self) -> None:
        """Mark the heading at the top of the followed browser's viewport."""
        if self._browser is not None and self._headings:
            self.set_current_anchor(current_anchor(self._browser, self._headings))

    # -- events -------------------------------------------------------------------------------
    def _emit_item(self, item: QListWidgetItem) -> None:
        self.anchor_requested.emit(str(item.data(ANCHOR_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        # Qt.Key is looked up here, not at import: building its Python enum costs ~5 ms at start-up.
        choose = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if watched is self.list and is_key and event.key() in choose:  # type: ignore[attr-defined]
            item = self.list.currentItem()
            if item is not None:
                self._emit_item(item)
            return True
        return super().eventFilter(watched, event)


class HeadingsDock(QDockWidget):
    """The "On this page" dock: ``panel`` (a :class:`HeadingsPanel`), no title bar, closable only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("On this page", parent)
        self.setObjectName("headingsDock")
        self.panel = HeadingsPanel()
        self.setWidget(self.panel)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.setTitleBarWidget(QWidget())
