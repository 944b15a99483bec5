"""Carry out the link policy of :mod:`reader.core.links` for clicks in the app.

Only addresses the policy calls web links, with a web scheme (:func:`reader.core.links.is_web_scheme`)
after Qt's own parse, ever reach ``QDesktopServices.openUrl``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.core.links import LinkKind, LinkTarget, classify
from reader.ui.common.web import browser_url, open_in_browser

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot


class LinkRouter(QObject):
    """Decides what a clicked link does and announces it as an intent signal."""

    topic_requested = Signal(str, str)  # topic id, anchor
    anchor_requested = Signal(str)
    walkthrough_requested = Signal()  # a page's "Follow a request" link
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
        target = classify(href, self._content, current_topic_id)
        if target.kind is LinkKind.ANCHOR:
            self.anchor_requested.emit(target.anchor)
        elif target.kind is LinkKind.TOPIC:
            self.topic_requested.emit(target.topic_id, target.anchor)
        elif target.kind is LinkKind.WALKTHROUGH:
            self.walkthrough_requested.emit()
        elif target.kind is LinkKind.WEB:
            if browser_url(href) is not None:
                open_in_browser(href)
                self.web_opened.emit(href)
            else:
                self.refused.emit(f"Refused a malformed web link: {href[:80]}")
        else:
            self.refused.emit(target.message)
        return target
