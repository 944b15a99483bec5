"""Decode a content-root image for the page: PNG, JPEG, GIF, WebP… through Qt, SVG drawn to a
``QImage`` at the screen's pixel ratio, a small named placeholder for what cannot be decoded, and
the empty answer for every resource the page refuses. :class:`DecodedImages` keeps the last
images decoded, so a page showing one again does not decode it again."""

from __future__ import annotations

import logging
import os
import posixpath
import stat
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QTextDocument

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

MAX_SVG_SIDE = 4096  # device pixels: a hostile SVG cannot ask for a huge image
KEPT_IMAGES = 32  # decoded images kept for pages that show them again
KEPT_IMAGE_BYTES = 64 * 1024 * 1024  # … and no more pixels than this in all


class DecodedImages:
    """The last images decoded (at most :data:`KEPT_IMAGES` of them, :data:`KEPT_IMAGE_BYTES` in
    all), each with the file's size, modification time and inode when it was read: an image is
    reused only while its file still has them (an SVG took 2–4 ms to draw for every page showing it)."""

    def __init__(self) -> None:
        self._images: OrderedDict[tuple[str, float], tuple[tuple[int, int, int], QImage]] = OrderedDict()
        self._bytes = 0

    @staticmethod
    def signature(path: Path) -> tuple[int, int, int] | None:
        """What tells a regular file's content changed (size, modification time in ns, inode), or
        ``None`` if ``path`` is not a regular file (or cannot be looked at)."""
        try:
            status = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        return (status.st_size, status.st_mtime_ns, status.st_ino)

    def get(self, path: Path, pixel_ratio: float, signature: tuple[int, int, int]) -> QImage | None:
        """The image decoded from ``path`` at ``pixel_ratio`` if its file still has ``signature``."""
        key = (str(path), pixel_ratio)
        kept = self._images.get(key)
        if kept is None or kept[0] != signature:
            return None
        self._images.move_to_end(key)
        return kept[1]

    def put(self, path: Path, pixel_ratio: float, signature: tuple[int, int, int], image: QImage) -> None:
        """Keep ``image``, decoded from ``path`` (as it was at ``signature``) at ``pixel_ratio``."""
        key = (str(path), pixel_ratio)
        self._drop(key)
        self._images[key] = (signature, image)
        self._bytes += image.sizeInBytes()
        while self._images and (len(self._images) > KEPT_IMAGES or self._bytes > KEPT_IMAGE_BYTES):
            self._drop(next(iter(self._images)))

    def clear(self) -> None:
        """Forget every image (another content root)."""
        self._images.clear()
        self._bytes = 0

    def _drop(self, key: tuple[str, float]) -> None:
        kept = self._images.pop(key, None)
        if kept is not None:
            self._bytes -= kept[1].sizeInBytes()


def decode_image(data: bytes, name: str, pixel_ratio: float = 1.0) -> QImage:
    """The image in ``data`` (file ``name``, for its type and the placeholder's text).

    Never raises and never returns a null image: what Qt cannot decode becomes a placeholder
    that names the file. ``pixel_ratio`` is the device pixel ratio SVGs are drawn at.
    """
    image = _render_svg(data, pixel_ratio) if _is_svg(data, name) else QImage.fromData(QByteArray(data))
    if image.isNull():
        logger.info("the image %s could not be decoded", name)
        return placeholder(f"image could not be shown: {posixpath.basename(name)}")
    return image


def refused_resource(kind: int) -> QImage | QByteArray:
    """What the page answers for a resource it does not load: a 1×1 transparent image for an
    image (Qt reads the file itself when an image resource is empty or undecodable) and empty
    bytes for anything else (stylesheets, HTML, Markdown)."""
    if kind == QTextDocument.ResourceType.ImageResource.value:
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        return image
    return QByteArray()


def _is_svg(data: bytes, name: str) -> bool:
    if name.lower().endswith((".svg", ".svgz")):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:2048].lower())


def _render_svg(data: bytes, pixel_ratio: float) -> QImage:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return QImage()
    size = renderer.defaultSize()
    if size.isEmpty():
        view_box = renderer.viewBoxF()
        size = QSize(round(view_box.width()) or 300, round(view_box.height()) or 150)
    ratio = max(1.0, pixel_ratio)
    scale = min(ratio, MAX_SVG_SIDE / max(size.width(), size.height(), 1))
    image = QImage(
        max(1, round(size.width() * scale)),
        max(1, round(size.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.setDevicePixelRatio(scale)
    return image


def placeholder(text: str) -> QImage:
    """A small grey framed picture with ``text``, shown where an image cannot be."""
    font = QFont()
    metrics = QFontMetrics(font)
    width = min(600, metrics.horizontalAdvance(text) + 16)
    image = QImage(width, metrics.height() + 12, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#f3f4f6"))
    painter = QPainter(image)
    painter.setPen(QColor("#9ca3af"))
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.setPen(QColor("#4b5563"))
    painter.setFont(font)
    painter.drawText(
        image.rect(),
        Qt.AlignmentFlag.AlignCenter,
        metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width - 12),
    )
    painter.end()
    return image
