"""The diagram reads well: text size, AA contrast in both themes, no overlaps, step unlike hover.

Colours are read from the app's real light and dark palettes (reader.ui.common.theme) through the
items' own colour methods, the same the painting uses.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from reader.ui.common.colors import contrast_ratio, mix
from reader.ui.common.theme import dark_palette, light_palette
from reader.ui.diagram.items import BadgeItem, EdgeItem, LegendItem
from reader.ui.diagram.view import MIN_TEXT_PX, DiagramView

AA_TEXT = 4.5


@pytest.fixture(params=["light", "dark"])
def themed_view(qtbot, guide_diagram, request) -> DiagramView:
    view = DiagramView(guide_diagram)
    qtbot.addWidget(view)
    view.setPalette(dark_palette() if request.param == "dark" else light_palette())
    assert view.theme.dark is (request.param == "dark")
    return view


def _edges(view: DiagramView) -> list[EdgeItem]:
    return [item for item in view.scene().items() if isinstance(item, EdgeItem)]


def test_every_label_is_at_least_11_px_at_100_percent(themed_view: DiagramView) -> None:
    theme = themed_view.theme
    for font in (theme.label_font, theme.badge_font, theme.small_font, theme.caption_font):
        assert font.pixelSize() >= MIN_TEXT_PX
    assert themed_view.min_scale() * min(f.pixelSize() for f in (theme.small_font, theme.caption_font)) >= 11


def test_label_legend_and_badge_text_is_aa_in_both_themes(themed_view: DiagramView) -> None:
    theme = themed_view.theme
    pairs = {
        "node label": (theme.text, theme.card),
        "node caption": (theme.muted, theme.card),
        "caption on the read topic's card": (theme.muted, mix(theme.card, theme.accent, 0.16)),
        "legend": (theme.muted, theme.background),
    }
    for edge in _edges(themed_view):
        if edge.edge.label:
            for strong in (False, True):
                edge.stepped = strong
                colour = edge.label_colour(edge.colour(), strong)
                pairs[f"{edge.edge.label} ({'strong' if strong else 'plain'})"] = (colour, theme.background)
            edge.stepped = False
    for current in (False, True):
        badge = BadgeItem(1, theme)
        badge.current = current
        fill, number = badge.colours()
        pairs[f"badge ({'current' if current else 'shown'})"] = (number, fill)
    failing = {name: round(contrast_ratio(*pair), 2) for name, pair in pairs.items()}
    failing = {name: ratio for name, ratio in failing.items() if ratio < AA_TEXT}
    assert not failing, f"below 4.5:1: {failing}"


def test_no_label_overlaps_a_box_or_another_label(themed_view: DiagramView) -> None:
    boxes = {item.node.id: item.card_rect().translated(item.pos()) for item in themed_view.node_items()}
    for item in themed_view.scene().items():
        if isinstance(item, LegendItem):
            boxes["legend"] = item.mapRectToScene(item.boundingRect())
    labels = {f"{e.edge.source}->{e.edge.target}": e.label_rect for e in _edges(themed_view) if e.edge.label}
    assert len(labels) > 10
    for name, rect in labels.items():
        for box, area in boxes.items():
            assert not rect.intersects(area), f"label of {name} overlaps {box}"
    names = list(labels)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            assert not labels[first].intersects(labels[second]), f"labels of {first} and {second} overlap"


def _paint(item, area: QRectF, background: QColor) -> QImage:
    image = QImage(int(area.width()), int(area.height()), QImage.Format.Format_RGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.translate(-area.topLeft())
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image


def _distance(a: QColor, b: QColor) -> float:
    return sum((x - y) ** 2 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)) ** 0.5


def test_hover_and_the_current_step_look_different(themed_view: DiagramView) -> None:
    theme = themed_view.theme
    node = themed_view.node_item("view")
    assert node is not None
    area = node.boundingRect().adjusted(-4, -4, 4, 4)
    node.hovered = True
    hovered = _paint(node, area, theme.background)
    node.hovered, node.stepped = False, True
    stepped = _paint(node, area, theme.background)
    node.stepped = False
    just_outside = QPointF(0, node.card_rect().top() - 3) - area.topLeft()  # where the step's halo is
    on_border = QPointF(0, node.card_rect().top() + 0.5) - area.topLeft()
    for point in (just_outside, on_border):
        a = hovered.pixelColor(point.toPoint())
        b = stepped.pixelColor(point.toPoint())
        assert _distance(a, b) > 40, f"hover {a.name()} and step {b.name()} look alike at {point}"

    edge = themed_view.edge_item("browser", "server")
    assert edge is not None
    line_area = edge.boundingRect()
    quarter = edge.line.pointAt(0.25) - line_area.topLeft()
    normal = QPointF(-edge.line.unitVector().dy(), edge.line.unitVector().dx())
    edge.emphasised = True
    hovered = _paint(edge, line_area, theme.background)
    edge.emphasised, edge.stepped = False, True
    stepped = _paint(edge, line_area, theme.background)
    edge.stepped = False

    def inked(image: QImage) -> int:  # pixels across the line that are not background
        return sum(
            1
            for step in range(-6, 7)
            if _distance(image.pixelColor((quarter + normal * step).toPoint()), theme.background) > 20
        )

    assert inked(stepped) > inked(hovered) + 2  # the step is wider: its halo
    centre = quarter.toPoint()
    assert _distance(hovered.pixelColor(centre), stepped.pixelColor(centre)) > 40


def test_the_legend_stays_clear_of_every_box(themed_view: DiagramView) -> None:
    """The legend keeps to its own cell: its colour key ("Your code", "Database") used to run
    under the next box (Auth in the guide), which painted over half of it."""
    legends = [item for item in themed_view.scene().items() if isinstance(item, LegendItem)]
    assert len(legends) == 1
    legend = legends[0]
    area = legend.mapRectToScene(legend.boundingRect())
    assert len(legend.kinds) == 4  # outside, django, app, data: all four are keyed
    for item in themed_view.node_items():
        card = item.card_rect().translated(item.pos())
        assert not area.intersects(card), f"the legend runs under {item.node.id}"


def test_every_legend_entry_is_painted_inside_the_legend(themed_view: DiagramView) -> None:
    """Paint the legend alone: no ink falls outside its bounding rectangle (which the geometry
    test above keeps clear of the boxes)."""
    legend = next(item for item in themed_view.scene().items() if isinstance(item, LegendItem))
    bounds = legend.boundingRect()
    margin = 200
    size = (int(bounds.width()) + 2 * margin, int(bounds.height()) + 2 * margin)
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(margin - bounds.left(), margin - bounds.top())
    legend.paint(painter, QStyleOptionGraphicsItem())
    painter.end()
    inside = QRectF(margin, margin, bounds.width(), bounds.height()).adjusted(-1, -1, 1, 1)
    outside = [
        (x, y)
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).alpha() > 0 and not inside.contains(QPointF(x, y))
    ]
    assert outside == [], f"{len(outside)} painted pixels outside the legend, e.g. {outside[:3]}"
