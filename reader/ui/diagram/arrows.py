"""Arrow drawing and geometry for the diagram: arrowheads, and where a line leaves a card."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

ARROW_LEN = 10.0  # pixels from the arrowhead's tip to its base


def draw_arrow(painter: QPainter, line: QLineF, colour: QColor, width: float, dashed: bool) -> None:
    """Draw ``line`` with a filled arrowhead at its end; dashed for the error path."""
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    if dashed:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([3.0, 2.5])
    unit = line.unitVector()
    along = QPointF(unit.dx(), unit.dy())
    tip = line.p2()
    painter.setPen(pen)
    painter.drawLine(QLineF(line.p1(), tip - along * (ARROW_LEN - 2)))
    base, side = tip - along * ARROW_LEN, QPointF(-along.y(), along.x()) * (ARROW_LEN * 0.45 + width / 5)
    painter.setPen(QPen(colour, 1.0))
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, base + side, base - side]))


def exit_distance(rect: QRectF, origin: QPointF, dx: float, dy: float) -> float:
    """Distance along the unit direction ``(dx, dy)`` from ``origin`` (inside ``rect``) to its border."""
    limits = []
    if abs(dx) > 1e-9:
        limits.append(((rect.right() if dx > 0 else rect.left()) - origin.x()) / dx)
    if abs(dy) > 1e-9:
        limits.append(((rect.bottom() if dy > 0 else rect.top()) - origin.y()) / dy)
    return max(0.0, min(limits)) if limits else 0.0
