"""Saving the architecture diagram as a PNG image or an SVG drawing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

if TYPE_CHECKING:
    from reader.ui.diagram.view import DiagramView


def _render(view: DiagramView, painter: QPainter, target: QRectF) -> None:
    """Paint the whole scene into ``target`` on its background, without hover or focus marks."""
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, view.theme.background)
    view.theme.exporting = True
    try:
        view.scene().render(painter, target, view.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        view.theme.exporting = False


def export_png(view: DiagramView, path: str | Path, scale: float = 2.0) -> bool:
    """Save the whole diagram as a PNG image at ``scale`` times its natural size; False if not written."""
    rect = view.sceneRect()
    size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(view.theme.background)
    painter = QPainter(image)
    _render(view, painter, QRectF(image.rect()))
    painter.end()
    return Path(path).parent.is_dir() and image.save(str(path), "PNG")  # type: ignore[call-overload]


def export_svg(view: DiagramView, path: str | Path) -> bool:
    """Save the whole diagram as an SVG drawing; False if its folder is missing or it was not written."""
    if not Path(path).parent.is_dir():
        return False
    rect = view.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(rect.size().toSize())
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(view.diagram.title or "Architecture diagram")
    generator.setDescription("Exported from Django Reader")
    painter = QPainter()
    if not painter.begin(generator):
        return False
    _render(view, painter, QRectF(0, 0, rect.width(), rect.height()))
    return painter.end() and Path(path).is_file()


def export_diagram(view: DiagramView, path: str | Path) -> bool:
    """Save to ``path``: an SVG drawing for a ``.svg`` suffix, otherwise a PNG image."""
    path = Path(path)
    return export_svg(view, path) if path.suffix.lower() == ".svg" else export_png(view, path)
