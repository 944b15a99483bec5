"""Recognise what the page's resource gate answers when it refuses a resource."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage


def is_refused(answer: object) -> bool:
    """True for the gate's refusal: empty bytes, or a 1×1 transparent image (never ``None``)."""
    if isinstance(answer, QByteArray):
        return answer.isEmpty()
    if isinstance(answer, QImage):
        return answer.width() == 1 and answer.height() == 1 and answer.pixelColor(0, 0).alpha() == 0
    return False
