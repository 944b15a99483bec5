"""The page as a screen reader sees it: headings and links as accessible objects, and a caret.

Qt exposes a ``QTextBrowser``'s text but none of its structure. :class:`PageAccessibility` gives
the page's viewport an interface (role Document) whose children are the page's headings (role
Heading, with their level) and links (role Link: name = link text, value = target, press action =
a click, so the link policy decides), in page order.

Caret browsing (F7) lets the keyboard move a text cursor through the page: arrows, Home/End,
Ctrl+Home/End, H / Shift+H to the next / previous heading, Tab / Shift+Tab from link to link.
Every move sends Qt's caret event, and entering a heading or a link sends a focus event on it.
Tab leaves the page after its last link; Ctrl+Tab (Ctrl+Shift+Tab) leaves it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAccessible, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from reader.core.links import COPY_CODE_SCHEME, TOPIC_SCHEME, WALKTHROUGH_HREF, copy_code_index
from reader.ui.common.accessible import (
    ChildSet,
    ChildSpec,
    VirtualChild,
    VirtualParent,
    ensure_factory,
    refresh_interface,
    send_event,
)
from reader.ui.common.announce import announce

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAccessibleInterface, QTextDocument
    from PySide6.QtWidgets import QWidget

CONTENT_NAME = "Topic page content"
HEADING_KEY = Qt.Key.Key_H
HEADING_MARGIN_PX = 8  # a heading jumped to sits this far below the top of the view


@dataclass(frozen=True)
class Part:
    """A heading (``level`` > 0) or a link (``href``) of the page, over ``[start, end)`` characters."""

    start: int
    end: int
    text: str
    level: int = 0
    href: str = ""


def page_parts(document: QTextDocument) -> list[Part]:
    """The headings and links of ``document`` in page order (adjacent link pieces merged)."""
    parts: list[Part] = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            text = block.text().strip()
            if text:
                parts.append(Part(block.position(), block.position() + block.length() - 1, text, level))
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref() if fragment.charFormat().isAnchor() else ""
            if href:
                start, end = fragment.position(), fragment.position() + fragment.length()
                last = parts[-1] if parts else None
                if last is not None and last.href == href and last.end == start:
                    parts[-1] = Part(last.start, end, last.text + fragment.text(), href=href)
                else:
                    parts.append(Part(start, end, fragment.text(), href=href))
            iterator += 1
        block = block.next()
    return [
        part if not part.href else Part(part.start, part.end, part.text.strip(), href=part.href)
        for part in parts
    ]


def link_description(href: str, action_token: str = "") -> str:
    """What following ``href`` does, in words ("Opens the topic request-flow/views"); a Copy link
    is one only with the shown page's ``action_token`` (see :func:`reader.core.links.copy_code_index`)."""
    scheme, _, rest = href.partition(":")
    if scheme == COPY_CODE_SCHEME:
        if copy_code_index(href, action_token) is None:
            return "A copy-code link written in the topic; it is refused"
        return "Copies the code block below to the clipboard"
    if href == WALKTHROUGH_HREF:
        return "Starts Follow a request, the walk-through of the diagram"
    if scheme == TOPIC_SCHEME:
        return f"Opens the topic {unquote(rest)}"
    if href.startswith("#"):
        return f"Goes to the section {unquote(href[1:])}"
    return f"Link to {href}"


class PageContentInterface(VirtualParent):
    """The viewport's interface: a Document whose children are the page's headings and links."""

    def __init__(self, viewport: QWidget, owner: PageAccessibility) -> None:
        super().__init__(viewport, QAccessible.Role.Document, owner.virtual_children, owner.focused_child)

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return CONTENT_NAME
        return str(super().text(kind))


class PageAccessibility(QObject):
    """Structure, caret browsing and focus events for one :class:`QTextBrowser` page."""

    caret_browsing_changed = Signal(bool)

    def __init__(self, page: QTextBrowser, activate_link: Callable[[str], None]) -> None:
        super().__init__(page)
        self._page = page
        self._activate_link = activate_link
        self._parts: list[Part] | None = None  # None: not scanned since the page changed
        self._set = ChildSet()
        self._built_for: QAccessibleInterface | None = None
        self._focused = -1
        self._caret = False
        self._interface: PageContentInterface | None = None
        page.cursorPositionChanged.connect(self.caret_moved)
        page.installEventFilter(self)
        page.destroyed.connect(self._set.clear)

    def attach(self) -> None:
        """Install Qt's factory for the page's interfaces; with a screen reader running, rebuild
        the viewport's interface and turn caret browsing on."""
        ensure_factory()
        if QAccessible.isActive():
            refresh_interface(self._page.viewport(), PageContentInterface)
            self.set_caret_browsing(True, quietly=True)

    # -- structure ------------------------------------------------------------------------------
    def make_viewport_interface(self, viewport: QWidget) -> PageContentInterface:
        """The interface Qt's factory gives the page's viewport (kept alive by this object)."""
        self._interface = PageContentInterface(viewport, self)
        return self._interface

    def page_changed(self) -> None:
        """A new page is shown: its structure is read again when next asked for."""
        self._parts, self._focused = None, -1
        self._set.clear()
        self._built_for = None

    def parts(self) -> list[Part]:
        """The headings and links of the page shown, in page order."""
        if self._parts is None:
            self._parts = page_parts(self._page.document())
        return self._parts

    def virtual_children(self, parent: QAccessibleInterface) -> list[VirtualChild]:
        """The accessible children (built for ``parent`` on first use per page)."""
        if self._built_for is not parent:
            self._set.replace(parent, [self._spec(part) for part in self.parts()])
            self._built_for = parent
        return self._set.children

    def focused_child(self) -> VirtualChild | None:
        return self._set.at(self._focused)

    def _spec(self, part: Part) -> ChildSpec:
        rect = lambda part=part: self._screen_rect(part)  # noqa: E731
        if part.level:
            return ChildSpec(
                QAccessible.Role.Heading, part.text, f"Heading level {part.level}", level=part.level,
                rect=rect, states={"focusable"},
            )  # fmt: skip
        href = part.href
        shown = getattr(self._page, "page", None)
        token = getattr(shown, "action_token", "")
        copies = copy_code_index(href, token) is not None
        return ChildSpec(
            QAccessible.Role.Link, "Copy code" if copies else part.text, link_description(href, token),
            value=href, rect=rect,
            press=lambda: self._activate_link(href), states={"focusable", "linked"},
        )  # fmt: skip

    def _screen_rect(self, part: Part) -> QRect:
        cursor = QTextCursor(self._page.document())
        cursor.setPosition(part.start)
        first = self._page.cursorRect(cursor)
        cursor.setPosition(part.end)
        rect = first.united(self._page.cursorRect(cursor))
        viewport = self._page.viewport()
        return QRect(viewport.mapToGlobal(rect.topLeft()), rect.size()).intersected(
            QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
        )

    # -- caret browsing -------------------------------------------------------------------------
    @property
    def caret_browsing(self) -> bool:
        return self._caret

    def set_caret_browsing(self, on: bool, quietly: bool = False) -> None:
        """Show a keyboard caret in the page (``on``) or not; announces a change unless ``quietly``."""
        flags = Qt.TextInteractionFlag.TextBrowserInteraction
        if on:
            flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        self._page.setTextInteractionFlags(flags)
        self._page.setCursorWidth(2 if on else 1)
        if on != self._caret:
            self._caret = on
            if not quietly:
                announce(self._page, "Caret browsing on" if on else "Caret browsing off")
            self.caret_browsing_changed.emit(on)

    def move_to_heading(self, forward: bool) -> bool:
        """Put the caret on the next (previous) heading; says so when there is none."""
        position = self._page.textCursor().selectionStart()
        headings = [part for part in self.parts() if part.level]
        ahead = (
            [h for h in headings if h.start > position]
            if forward
            else [h for h in headings if h.start < position]
        )
        if not ahead:
            announce(self._page, "No more headings" if forward else "No earlier headings")
            return False
        target = ahead[0] if forward else ahead[-1]
        cursor = QTextCursor(self._page.document())
        cursor.setPosition(target.start)
        self._page.setTextCursor(cursor)
        block = self._page.document().findBlock(target.start)
        top = self._page.document().documentLayout().blockBoundingRect(block).top()
        self._page.verticalScrollBar().setValue(int(top) - HEADING_MARGIN_PX)  # as a link to it would
        return True

    def move_to_link(self, forward: bool) -> bool:
        """Select the next (previous) link after (before) the caret, as Tab does in a browser's
        caret mode; False when there is none (Tab then leaves the page)."""
        cursor = self._page.textCursor()
        links = [part for part in self.parts() if part.href]
        if forward:
            ahead = [link for link in links if link.start >= cursor.selectionEnd()]
        else:
            ahead = [link for link in links if link.end <= cursor.selectionStart()]
        if not ahead:
            return False
        target = ahead[0] if forward else ahead[-1]
        selection = QTextCursor(self._page.document())
        selection.setPosition(target.start)
        selection.setPosition(target.end, QTextCursor.MoveMode.KeepAnchor)
        self._page.setTextCursor(selection)
        self._page.ensureCursorVisible()
        return True

    def caret_moved(self) -> None:
        """Send a focus event when the caret (or a Tab) has entered another heading or link.

        Nothing is read without a screen reader: every page shown moves the cursor once.
        """
        if not QAccessible.isActive():
            return
        cursor = self._page.textCursor()
        position = cursor.selectionStart()
        index = next(
            (
                i
                for i, part in enumerate(self.parts())
                if part.start <= position < max(part.end, part.start + 1)
            ),
            -1,
        )
        if index == self._focused:
            return
        previous = self._set.at(self._focused)
        if previous is not None:
            previous.spec.states.discard("focused")
        self._focused = index
        if index < 0 or not QAccessible.isActive():
            return
        viewport_interface = QAccessible.queryAccessibleInterface(self._page.viewport())
        if viewport_interface is None:
            return
        children = self.virtual_children(viewport_interface)
        if index < len(children):
            children[index].spec.states.add("focused")
            send_event(children[index], QAccessible.Event.Focus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if ctrl and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
                QTextEdit.focusNextPrevChild(self._page, forward)  # past the links, as browsers do
                return True
            plain = not mods & ~Qt.KeyboardModifier.ShiftModifier
            if self._caret and plain and key == HEADING_KEY:
                self.move_to_heading(not mods & Qt.KeyboardModifier.ShiftModifier)
                return True
        return super().eventFilter(watched, event)
