"""The read mark of the topic tree: a small, muted tick at the right end of a topic the user has read.

Every row keeps the tick's room free, read or not, so titles end at the same place and the ticks
line up in one column. The tick is drawn, not a glyph, so it looks the same with any font.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.common.colors import color_group, mix

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex

READ_ROLE = Qt.ItemDataRole.UserRole + 2  # bool: the user has read this topic
TICK_SIZE = 9  # pixels (at 100% scale); the room kept is TICK_SIZE plus margins
TICK_MARGIN = 6
TICK_STRENGTH = 0.55  # how much of the text colour the tick has (the rest is the background)


class ReadMarkDelegate(QStyledItemDelegate):
    """Paints a row as usual in all but its last ``TICK_SIZE + 2 * TICK_MARGIN`` pixels, and a tick
    there when the row's ``READ_ROLE`` is true."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        room = TICK_SIZE + 2 * TICK_MARGIN
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect = option.rect.adjusted(0, 0, -room, 0)
        super().paint(painter, narrowed, index)
        if not index.data(READ_ROLE):
            return
        palette: QPalette = option.palette
        group = color_group(option)
        if option.state & QStyle.StateFlag.State_Selected:
            color = palette.color(group, QPalette.ColorRole.HighlightedText)
        else:
            text = palette.color(group, QPalette.ColorRole.Text)
            color = mix(palette.color(group, QPalette.ColorRole.Base), text, TICK_STRENGTH)
        left = option.rect.right() - room + TICK_MARGIN
        top = option.rect.center().y() - TICK_SIZE / 2
        path = QPainterPath(QPointF(left, top + TICK_SIZE * 0.55))
        path.lineTo(QPointF(left + TICK_SIZE * 0.38, top + TICK_SIZE * 0.9))
        path.lineTo(QPointF(left + TICK_SIZE, top + TICK_SIZE * 0.12))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(color, 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.restore()
