"""Saving the architecture diagram as a PNG image or an SVG drawing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from reader.ui.diagram.view import DiagramView


def export_png(view: DiagramView, path: str | Path, scale: float = 2.0) -> bool:
    """Save the whole diagram as a PNG image at ``scale`` times its natural size; False if not written."""
    rect = view.sceneRect()
    size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(view.background_colour())
    painter = QPainter(image)
    view.render_for_export(painter, QRectF(image.rect()))
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
    view.render_for_export(painter, QRectF(0, 0, rect.width(), rect.height()))
    return painter.end() and Path(path).is_file()


def export_diagram(view: DiagramView, path: str | Path) -> bool:
    """Save to ``path``: an SVG drawing for a ``.svg`` suffix, otherwise a PNG image."""
    path = Path(path)
    return export_svg(view, path) if path.suffix.lower() == ".svg" else export_png(view, path)
