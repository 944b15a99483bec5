"""Line icons drawn in the palette's colour, kept as PNG in the user cache (a start-up saving)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap

from reader.core.storage import atomic_write_bytes, cache_key, user_cache_dir
from reader.resources import read_text

ICON_PIXELS = 48


def tinted_icon(name: str, color: str) -> QIcon:
    """The bundled line icon ``icons/<name>.svg`` drawn in ``color`` (``#rrggbb``), ICON_PIXELS square.

    The SVGs draw with ``currentColor``, which becomes ``color``.

    Renderings are kept as PNG in the user cache: decoding a small PNG is much cheaper at start-up
    than loading Qt's SVG module and rendering. A missing or unreadable file is simply redrawn.
    """
    svg = read_text(f"icons/{name}.svg")
    key = f"{name.replace('/', '-')}-{color.lstrip('#')}-{cache_key(str(ICON_PIXELS), svg)}.png"
    cached = user_cache_dir() / "icons" / key
    pixmap = QPixmap()
    with contextlib.suppress(OSError):
        if pixmap.loadFromData(cached.read_bytes(), "PNG"):
            return QIcon(pixmap)
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # only a cache miss gets this far

    pixmap = render_svg(svg.replace("currentColor", color))
    data = QByteArray()
    buffer = QBuffer(data)
    if buffer.open(QIODevice.OpenModeFlag.WriteOnly) and pixmap.save(buffer, "PNG"):
        with contextlib.suppress(OSError):  # a read-only cache only costs the next start some time
            atomic_write_bytes(cached, bytes(data.data()))
    return QIcon(pixmap)


def render_svg(svg: str) -> QPixmap:
    """Draw SVG text into an ICON_PIXELS-square transparent pixmap (imports QtSvg on first use)."""
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode()))
    pixmap = QPixmap(ICON_PIXELS, ICON_PIXELS)  # one large rendering; Qt scales it down for the toolbar
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, ICON_PIXELS, ICON_PIXELS))
    painter.end()
    return pixmap
