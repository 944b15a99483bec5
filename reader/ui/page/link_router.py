"""Carry out the link policy of :mod:`reader.core.links` for clicks in the app.

Every click is classified first. Only addresses the policy calls web links, with a web scheme
(:func:`reader.core.links.is_web_scheme`) after Qt's own parse, ever reach
``QDesktopServices.openUrl``, and those it asks to confirm only after the user agreed
(:func:`reader.ui.page.link_confirm.confirm_web_link`); a code block is copied only by a Copy link
carrying the shown page's token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.core.links import LinkKind, LinkTarget, classify
from reader.ui.common.web import browser_url, open_in_browser

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.core.content.model import ContentRoot
    from reader.core.render.page import RenderedPage


class LinkRouter(QObject):
    """Decides what a clicked link does and announces it as an intent signal."""

    topic_requested = Signal(str, str)  # topic id, anchor
    anchor_requested = Signal(str)
    walkthrough_requested = Signal()  # a page's "Follow a request" link
    web_opened = Signal(str)
    copy_code_requested = Signal(str)  # the code of the block a Copy link stands above
    refused = Signal(str)  # message for the status bar

    def __init__(
        self, content: ContentRoot, parent: QObject | None = None, dialog_parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._dialog_parent = dialog_parent

    def set_content(self, content: ContentRoot) -> None:
        """Resolve topic links against ``content`` from now on."""
        self._content = content

    def route(self, href: str, current_topic_id: str | None, page: RenderedPage | None = None) -> LinkTarget:
        """Classify ``href`` (as written, relative to ``current_topic_id``, on the shown ``page``),
        emit its one signal, return the target."""
        token = page.action_token if page is not None else ""
        target = classify(href, self._content, current_topic_id, token)
        if target.kind is LinkKind.ACTION and page is not None and target.code_block < len(page.code_blocks):
            self.copy_code_requested.emit(page.code_blocks[target.code_block])
        elif target.kind is LinkKind.ACTION:
            self.refused.emit(f"Refused a Copy link to a code block this page does not have: {href[:80]}")
        elif target.kind is LinkKind.ANCHOR:
            self.anchor_requested.emit(target.anchor)
        elif target.kind is LinkKind.TOPIC:
            self.topic_requested.emit(target.topic_id, target.anchor)
        elif target.kind is LinkKind.WALKTHROUGH:
            self.walkthrough_requested.emit()
        elif target.kind is LinkKind.WEB:
            if target.confirm and browser_url(href) is not None and not self._confirmed(target):
                self.refused.emit(f"Not opened: {href[:80]}")
            elif browser_url(href) is not None:
                open_in_browser(href)
                self.web_opened.emit(href)
            else:
                self.refused.emit(f"Refused a malformed web link: {href[:80]}")
        else:
            self.refused.emit(target.message)
        return target

    def _confirmed(self, target: LinkTarget) -> bool:
        from reader.ui.page.link_confirm import confirm_web_link

        return confirm_web_link(self._dialog_parent, target)
