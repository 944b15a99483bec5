"""Exporting the diagram as PNG and SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtGui import QImage

from reader.ui.diagram.export import export_png, export_svg


def test_export_png(tmp_path, view):
    path = tmp_path / "diagram.png"
    assert export_png(view, path)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() > 1000
    assert image.height() > 500
    corner = image.pixelColor(2, 2)
    assert any(image.pixelColor(x, image.height() // 2) != corner for x in range(0, image.width(), 7))
    assert not export_png(view, tmp_path / "missing" / "diagram.png")


def test_export_svg(tmp_path, view, guide_diagram):
    path = tmp_path / "diagram.svg"
    assert export_svg(view, path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    text = path.read_text(encoding="utf-8")
    assert guide_diagram.nodes[0].label in text
    assert not export_svg(view, tmp_path / "missing" / "diagram.svg")
