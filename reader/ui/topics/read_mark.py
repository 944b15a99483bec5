"""The read mark of the topic tree: a small, muted tick at the right end of a topic the user has read.

Every row keeps the tick's room free, read or not, so titles end at the same place and the ticks
line up in one column. The tick is drawn once per colour into a pixmap (it looks the same with any
font) and copied onto each read row shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from reader.ui.common.colors import mix

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QTreeView

READ_ROLE = Qt.ItemDataRole.UserRole + 2  # bool: the user has read this topic
TICK_SIZE = 9  # pixels (at 100% scale); the room kept is TICK_SIZE plus margins
TICK_MARGIN = 6
TICK_ROOM = TICK_SIZE + 2 * TICK_MARGIN
TICK_STRENGTH = 0.55  # how much of the text colour the tick has (the rest is the background)


def tick_pixmap(color: QColor, ratio: float) -> QPixmap:
    """A ``TICK_SIZE`` square (in device-independent pixels) holding a tick drawn in ``color``."""
    pixmap = QPixmap(int(TICK_SIZE * ratio + 0.5), int(TICK_SIZE * ratio + 0.5))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    path = QPainterPath(QPointF(0.8, TICK_SIZE * 0.55))
    path.lineTo(QPointF(TICK_SIZE * 0.38, TICK_SIZE * 0.9))
    path.lineTo(QPointF(TICK_SIZE - 0.8, TICK_SIZE * 0.12))
    painter.drawPath(path)
    painter.end()
    return pixmap


class ReadMarks:
    """Draws the ticks of a tree view's read rows after the view has painted its rows.

    The view keeps ``TICK_ROOM`` pixels free at the right (its one column is that much narrower
    than the viewport, see :meth:`column_width`); a selected row's band is carried on under its
    tick. Only the rows in the painted area are visited, in Python once each, without a delegate
    (a Python delegate runs for every row painted, which cost the tree filter milliseconds).
    """

    def __init__(self, view: QTreeView, is_read: Callable[[QModelIndex], bool]) -> None:
        self._view = view
        self._is_read = is_read
        self._ticks: dict[tuple[int, float], QPixmap] = {}

    @staticmethod
    def column_width(viewport_width: int) -> int:
        """The width of the view's column: the viewport less the ticks' room."""
        return max(40, viewport_width - TICK_ROOM)

    def paint(self, area: QRect) -> None:
        """Draw the ticks of the read rows that meet ``area`` (viewport coordinates)."""
        view = self._view
        viewport = view.viewport()
        index = view.indexAt(QPoint(1, area.top()))
        if not index.isValid():
            return
        palette = view.palette()
        active = view.hasFocus() and view.isActiveWindow()  # as the view paints its rows
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        text = palette.color(group, QPalette.ColorRole.Text)
        normal = mix(palette.color(group, QPalette.ColorRole.Base), text, TICK_STRENGTH)
        selected = palette.color(group, QPalette.ColorRole.HighlightedText)
        selection = view.selectionModel()
        style = view.style()
        band = QStyleOptionViewItem()
        band.initFrom(view)
        band.state |= QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_Enabled
        if active:
            band.state |= QStyle.StateFlag.State_Active
        else:
            band.state &= ~QStyle.StateFlag.State_Active
        left = self.column_width(viewport.width())
        painter = QPainter(viewport)
        try:
            while index.isValid():
                rect = view.visualRect(index)
                if rect.top() > area.bottom():
                    break
                chosen = selection is not None and selection.isSelected(index)
                if chosen:  # the selection band goes on under the tick, drawn as the style draws it
                    band.rect = QRect(left, rect.top(), viewport.width() - left, rect.height())
                    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, band, painter, view)
                if self._is_read(index):
                    tick = self._tick(selected if chosen else normal, viewport.devicePixelRatioF())
                    painter.drawPixmap(left + TICK_MARGIN, rect.center().y() - TICK_SIZE // 2, tick)
                index = view.indexBelow(index)
        finally:
            painter.end()

    def _tick(self, color: QColor, ratio: float) -> QPixmap:
        key = (color.rgba(), ratio)
        tick = self._ticks.get(key)
        if tick is None:
            tick = self._ticks[key] = tick_pixmap(color, ratio)
        return tick
