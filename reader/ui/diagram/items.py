"""Scene items of the architecture diagram: node cards, arrows, step badges and the legend.

Every colour comes from a :class:`Theme` built from the view's palette, so the diagram follows light
and dark palettes. Items only paint and report; the view decides what happens.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
)

from reader.core.safe_text import plain_tooltip
from reader.ui.common.colors import is_dark, legible, mix
from reader.ui.diagram.arrows import draw_arrow, exit_distance

if TYPE_CHECKING:
    from reader.core.diagram.model import Edge, Node

CARD_W = 172.0
CARD_H = 68.0
RADIUS = 10.0
PITCH_X = 272.0  # leaves 100 px between cards: room for a one-word arrow label
PITCH_Y = 224.0
PARALLEL_GAP = 7.0
LABEL_WRAP = 140.0
_WRAP = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
_VCENTER = Qt.AlignmentFlag.AlignVCenter
KIND_NAMES = {"outside": "Outside Django", "django": "Django", "app": "Your code", "data": "Database"}


def _hue(hue: int, dark: bool, saturation: float = 0.55) -> QColor:
    return QColor.fromHslF(hue / 360, saturation, 0.62 if dark else 0.40)


def _font(family: str, pixels: int, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPixelSize(pixels)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return font


class Theme:
    """Colours and fonts of the diagram, derived from a palette; shared by all items of a view."""

    def __init__(self, palette: QPalette, base_font: QFont) -> None:
        self.focus_visible = False  # draw the keyboard focus ring (only after keyboard navigation)
        self.exporting = False  # leave out hover and focus decorations
        self.update_from(palette, base_font)

    def update_from(self, palette: QPalette, base_font: QFont) -> None:
        """Recompute every colour and font from ``palette`` and ``base_font``."""
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        self.dark = is_dark(palette, QPalette.ColorRole.Window)
        self.text = text
        self.background = mix(window, palette.color(QPalette.ColorRole.Base), 0.35)
        self.card = mix(self.background, text, 0.07) if self.dark else palette.color(QPalette.ColorRole.Base)
        if not self.dark and self.card.lightnessF() - self.background.lightnessF() < 0.02:
            self.background = mix(self.background, text, 0.04)
        self.border = mix(self.background, text, 0.20 if self.dark else 0.16)
        self.muted = mix(text, self.background, 0.32)  # AA (4.5:1) on cards, even the read one
        self.dots = mix(self.background, text, 0.13 if self.dark else 0.11)
        self.accent = palette.color(QPalette.ColorRole.Highlight)
        self.accent_text = palette.color(QPalette.ColorRole.HighlightedText)
        self.step_line = self.accent.lighter(140) if self.dark else QColor(self.accent)  # step, read topic
        self.halo = self.accent.lighter(150) if self.dark else QColor(self.accent)  # around the step
        self.halo.setAlphaF(0.35)
        self.edge = mix(text, self.background, 0.30)
        self.edge_return = _hue(200, self.dark, 0.60)
        self.edge_error = _hue(2, self.dark, 0.62)
        self.kinds = {
            "outside": mix(text, self.background, 0.55),
            "django": _hue(153, self.dark, 0.50),
            "app": _hue(265, self.dark, 0.45),
            "data": _hue(33, self.dark, 0.70),
        }
        family = base_font.family()
        self.label_font, self.badge_font = _font(family, 15, True), _font(family, 12, True)
        self.small_font = _font(family, 12)
        self.caption_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.caption_font.setPixelSize(12)


def cell_centre(col: float, row: float) -> QPointF:
    return QPointF(col * PITCH_X + CARD_W / 2, row * PITCH_Y + CARD_H / 2)


class NodeItem(QGraphicsObject):
    """A rounded card for one node: bold label, small monospace caption, colour strip for its kind."""

    activated = Signal()
    hover_changed = Signal(bool)
    focus_entered = Signal()

    def __init__(self, node: Node, theme: Theme) -> None:
        super().__init__()
        self.node = node
        self.theme = theme
        self.hovered = False
        self.current = False  # the node of the topic being read
        self.stepped = False  # the current step of the walk-through
        self.edges: list[EdgeItem] = []
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsFocusable | flags.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(plain_tooltip(node.caption or node.label))
        self.setZValue(2)
        self.setPos(cell_centre(node.col, node.row))

    @property
    def accessible_name(self) -> str:
        caption = f" ({self.node.caption})" if self.node.caption else ""
        return f"{self.node.label}{caption}"

    def card_rect(self) -> QRectF:
        return QRectF(-CARD_W / 2, -CARD_H / 2, CARD_W, CARD_H)

    def boundingRect(self) -> QRectF:
        return self.card_rect().adjusted(-6, -6, 6, 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.card_rect(), RADIUS, RADIUS)
        return path

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        theme, rect, live = self.theme, self.card_rect(), not self.theme.exporting
        hovered, emphasis = self.hovered and live, self.stepped or self.current
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        strength = (2.2 if theme.dark else 1.0) * (1.6 if hovered else 1.0)
        for grow, alpha in ((3.0, 0.05), (1.5, 0.07)):  # a soft two-step shadow
            painter.setBrush(QColor.fromRgbF(0, 0, 0, alpha * strength))
            shadow = rect.adjusted(-grow, 2.5 - grow, grow, 2.5 + grow)
            painter.drawRoundedRect(shadow, RADIUS + grow, RADIUS + grow)
        if self.stepped and live:  # the walk-through's step wears a halo; hover never does
            painter.setPen(QPen(theme.halo, 4.0))
            painter.drawRoundedRect(rect.adjusted(-3.5, -3.5, 3.5, 3.5), RADIUS + 3.5, RADIUS + 3.5)
            painter.setPen(Qt.PenStyle.NoPen)
        card = self.shape()
        fill = mix(theme.card, theme.text, 0.05) if hovered else theme.card
        painter.setBrush(mix(theme.card, theme.accent, 0.16 if theme.dark else 0.10) if emphasis else fill)
        painter.drawPath(card)
        painter.save()
        painter.setClipPath(card)
        painter.setBrush(theme.kinds.get(self.node.kind, theme.muted))
        painter.drawRect(QRectF(rect.left(), rect.top(), 5, rect.height()))
        painter.restore()
        border = mix(theme.border, theme.text, 0.35) if hovered else theme.border
        painter.setPen(QPen(theme.step_line, 2.0) if emphasis else QPen(border, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        if live and theme.focus_visible and self.hasFocus():
            painter.setPen(QPen(theme.accent, 2.0))
            painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), RADIUS + 4, RADIUS + 4)
        self._paint_text(painter, rect.adjusted(12, 0, -8, 0))

    def _paint_text(self, painter: QPainter, box: QRectF) -> None:
        lines = [(self.node.label, self.theme.label_font, self.theme.text)]
        if self.node.caption:
            lines.append((self.node.caption, self.theme.caption_font, self.theme.muted))
        heights = [QFontMetricsF(font).height() for _, font, _ in lines]
        top = box.center().y() - (sum(heights) + 4 * (len(lines) - 1)) / 2
        for (text, font, colour), height in zip(lines, heights, strict=True):
            painter.setFont(font)
            painter.setPen(colour)
            elided = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, box.width())
            painter.drawText(
                QRectF(box.left(), top, box.width(), height), Qt.AlignmentFlag.AlignCenter, elided
            )
            top += height + 4

    def badge_anchor(self) -> QPointF:
        """Where a walk-through step badge sits: on the card's top-left corner."""
        return self.pos() + QPointF(-CARD_W / 2 + 4, -CARD_H / 2 + 2)

    def set_state(self, *, current: bool | None = None, stepped: bool | None = None) -> None:
        before = (self.current, self.stepped)
        if current is not None:
            self.current = current
        if stepped is not None:
            self.stepped = stepped
        if (self.current, self.stepped) != before:  # repaint only the nodes that changed
            self.update()

    def _set_hovered(self, on: bool) -> None:
        self.hovered = on
        self.hover_changed.emit(on)
        self.update()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._set_hovered(True)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._set_hovered(False)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.shape().contains(event.pos()):
            self.activated.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()
        self.focus_entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class EdgeItem(QGraphicsItem):
    """A labelled arrow between two node cards; offset sideways when the opposite arrow also exists."""

    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem, theme: Theme, parallel: bool) -> None:
        super().__init__()
        self.edge, self.source, self.target, self.theme, self.parallel = edge, source, target, theme, parallel
        self.emphasised = False  # a node at either end is hovered
        self.stepped = False  # the current step of the walk-through
        self.line, self.label_rect, self.normal, self.horizontal = QLineF(), QRectF(), QPointF(), False
        self.setZValue(1)
        source.edges.append(self)
        target.edges.append(self)
        self.update_geometry()

    def update_geometry(self) -> None:
        self.prepareGeometryChange()
        ends = (self.source, self.target)
        start, end = self.source.pos(), self.target.pos()
        length = math.hypot(end.x() - start.x(), end.y() - start.y()) or 1.0
        dx, dy = (end.x() - start.x()) / length, (end.y() - start.y()) / length
        self.normal = QPointF(dy, -dx)
        self.horizontal = abs(dx) > 2 * abs(dy)
        if self.parallel:
            start += self.normal * PARALLEL_GAP
            end += self.normal * PARALLEL_GAP
        src_rect, dst_rect = (item.card_rect().translated(item.pos()).adjusted(-5, -5, 5, 5) for item in ends)
        p1 = start + QPointF(dx, dy) * exit_distance(src_rect, start, dx, dy)
        p2 = end - QPointF(dx, dy) * exit_distance(dst_rect, end, -dx, -dy)
        self.line = QLineF(p1, p2)
        self.label_rect = self._place_label()

    def _place_label(self) -> QRectF:
        """Centre the label on the line, or beside it for paired and horizontal arrows."""
        if not self.edge.label:
            return QRectF()
        wrap = max(self.line.length() - 12, 40.0) if self.horizontal else LABEL_WRAP
        metrics = QFontMetricsF(self.theme.small_font)
        size = metrics.boundingRect(QRectF(0, 0, wrap, 200), _WRAP, self.edge.label)
        w, h = size.width() + 10, size.height() + 4
        mid = self.line.center()
        if self.parallel or self.horizontal:
            reach = abs(self.normal.x()) * w / 2 + abs(self.normal.y()) * h / 2 + 3
            mid += self.normal * reach
        return QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)

    def badge_anchor(self) -> QPointF:
        """Where a step badge sits: on the line, just before the label so that both stay readable."""
        if self.label_rect.isEmpty():
            return self.line.center()
        unit = self.line.unitVector()
        dx, dy = unit.dx(), unit.dy()
        half = abs(dx) * self.label_rect.width() / 2 + abs(dy) * self.label_rect.height() / 2
        if self.parallel or self.horizontal:
            half = min(half, self.line.length() / 2 - BadgeItem.RADIUS - 4)
        return self.line.center() - QPointF(dx, dy) * (half + BadgeItem.RADIUS + 3)

    def colour(self) -> QColor:
        theme = self.theme
        if self.stepped and not theme.exporting:
            return theme.step_line
        if self.edge.style == "dashed":
            return theme.edge_error
        return theme.edge_return if self.edge.returning else theme.edge

    def boundingRect(self) -> QRectF:
        box = QRectF(self.line.p1(), self.line.p2()).normalized().adjusted(-8, -8, 8, 8)
        return box.united(self.label_rect.adjusted(-2, -2, 2, 2)) if not self.label_rect.isEmpty() else box

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.colour()
        strong = (self.emphasised or self.stepped) and not theme.exporting
        stepped = self.stepped and not theme.exporting
        if stepped:  # a halo under the step's arrow: hovering a node only thickens its arrows
            painter.setPen(QPen(theme.halo, 9.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(self.line)
        width = 3.2 if stepped else 2.4 if strong else 1.6
        draw_arrow(painter, self.line, colour, width, self.edge.style == "dashed")
        if not self.label_rect.isEmpty():
            self._paint_label(painter, colour, strong)

    def label_colour(self, colour: QColor, strong: bool) -> QColor:
        """The label's text colour for an arrow drawn in ``colour``: AA (4.5:1) on the background."""
        theme = self.theme
        return legible(colour if strong else mix(colour, theme.text, 0.35), theme.background, theme.text)

    def _paint_label(self, painter: QPainter, colour: QColor, strong: bool) -> None:
        theme = self.theme
        rect = self.label_rect
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.background)
        painter.drawRoundedRect(rect, rect.height() / 2 if rect.height() < 24 else 8, 8)
        painter.setFont(theme.small_font)
        painter.setPen(self.label_colour(colour, strong))
        painter.drawText(rect.adjusted(5, 2, -5, -2), _WRAP, self.edge.label)


class BadgeItem(QGraphicsItem):
    """A round step number placed on a node corner or on an edge."""

    RADIUS = 11.0

    def __init__(self, number: int, theme: Theme) -> None:
        super().__init__()
        self.number = number
        self.theme = theme
        self.current = False
        self.setZValue(4)

    def colours(self) -> tuple[QColor, QColor]:
        """(fill, number) of the badge: the accent for the current step, else the muted colour."""
        theme = self.theme
        return (theme.accent, theme.accent_text) if self.current else (theme.muted, theme.background)

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill, number = self.colours()
        painter.setPen(QPen(theme.background, 2.0))
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)
        painter.setFont(theme.badge_font)
        painter.setPen(number)
        r = self.RADIUS
        painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, str(self.number))


class LegendItem(QGraphicsItem):
    """A key to the arrow styles and node colours, placed in an empty grid cell."""

    def __init__(self, theme: Theme, kinds: list[str], cell: tuple[int, int]) -> None:
        super().__init__()
        self.theme = theme
        self.kinds = [kind for kind in KIND_NAMES if kind in kinds]
        self.setPos(cell_centre(*cell) - QPointF(CARD_W / 2, CARD_H / 2))

    ROW_H = 19.0  # pixels between the legend's rows
    KIND_X = 120.0  # where the colour key's column starts, after the arrow key's
    GAP = 24.0  # pixels kept clear before the next cell's box

    def boundingRect(self) -> QRectF:
        """Its own grid cell and the gap after it, never the next cell's box (PITCH_X on)."""
        rows = max(3, len(self.kinds))
        return QRectF(0, -2, PITCH_X - self.GAP, 8 + (rows - 1) * self.ROW_H + 12)

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.small_font)
        row_h, text_w = self.ROW_H, self.KIND_X - 46  # arrow labels start at 42, 4 px before the key
        arrows = [("Request", theme.edge, False), ("Response", theme.edge_return, False)]
        arrows.append(("Error path", theme.edge_error, True))
        for index, (name, colour, dashed) in enumerate(arrows):
            y = 8 + index * row_h
            draw_arrow(painter, QLineF(2, y, 34, y), colour, 1.6, dashed)
            painter.setPen(theme.muted)
            painter.drawText(QRectF(42, y - row_h / 2, text_w, row_h), Qt.AlignmentFlag.AlignVCenter, name)
        x, kind_w = self.KIND_X, self.boundingRect().right() - self.KIND_X - 18  # one kind a row
        for index, kind in enumerate(self.kinds):
            y = 8 + index * row_h
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.kinds[kind])
            painter.drawRoundedRect(QRectF(x, y - 6, 12, 12), 3, 3)
            painter.setPen(theme.muted)
            painter.drawText(QRectF(x + 18, y - 10, kind_w, 20), _VCENTER, KIND_NAMES[kind])
