"""Carry out the link policy of :mod:`reader.core.links` for clicks in the app.

Only addresses the policy calls web links, with a web scheme (:func:`reader.core.links.is_web_scheme`)
after Qt's own parse, ever reach ``QDesktopServices.openUrl``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from reader.core.links import LinkKind, LinkTarget, classify, has_control_characters, is_web_scheme

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot


class LinkRouter(QObject):
    """Decides what a clicked link does and announces it as an intent signal."""

    topic_requested = Signal(str, str)  # topic id, anchor
    anchor_requested = Signal(str)
    web_opened = Signal(str)
    refused = Signal(str)  # message for the status bar

    def __init__(self, content: ContentRoot, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content = content

    def set_content(self, content: ContentRoot) -> None:
        """Resolve topic links against ``content`` from now on."""
        self._content = content

    def route(self, href: str, current_topic_id: str | None) -> LinkTarget:
        """Classify ``href`` (relative to ``current_topic_id``), emit its one signal, return the target."""
        decoded = QUrl.fromPercentEncoding(href.encode("utf-8", "surrogatepass"))
        if has_control_characters(decoded):
            href = decoded  # let the policy see (and refuse) the control characters that encoding hid
        target = classify(href, self._content, current_topic_id)
        if target.kind is LinkKind.ANCHOR:
            self.anchor_requested.emit(target.anchor)
        elif target.kind is LinkKind.TOPIC:
            self.topic_requested.emit(target.topic_id, target.anchor)
        elif target.kind is LinkKind.WEB:
            url = QUrl(href, QUrl.ParsingMode.StrictMode)
            if url.isValid() and is_web_scheme(url.scheme()):
                QDesktopServices.openUrl(url)
                self.web_opened.emit(href)
            else:
                self.refused.emit(f"Refused a malformed web link: {href[:80]}")
        else:
            self.refused.emit(target.message)
        return target
