"""The page pane: a ``QTextBrowser`` that shows rendered topics and never opens links itself.

Each page is parsed into a new ``QTextDocument`` styled like the one shown (stylesheet, font,
margins, the reading measure's side margins) before the view takes it, so Qt lays it out once, at
the view's width, and only as far as the screen needs before the first paint (``setHtml`` on the
view's own document laid it out twice when the measure's margins were set on the fresh root frame).
The documents of the last ``RECENT_PAGES`` pages are kept, so going back to one skips the parse
(and its images' decoding); Qt still lays it out again at the view's width.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QSizeF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.core.render.page import IMAGE_SCHEME, RenderedPage
from reader.core.safe_text import plain_tooltip
from reader.core.storage import read_regular_file
from reader.ui.common.settings import Key
from reader.ui.page.accessible import PageAccessibility
from reader.ui.page.code_blocks import code_at, pad_code_frames
from reader.ui.page.images import DecodedImages, decode_image, placeholder, refused_resource

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPaintEvent, QWheelEvent

logger = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 8 * 1024 * 1024
ZOOM_STEP = 1.1
ZOOM_RANGE = (Key.ZOOM.low, Key.ZOOM.high)  # steps: about 60% to 214%
BODY_POINT_SIZE = 11.0
RECENT_PAGES = 8  # parsed documents of pages shown before, kept for going back to them
_POINT_SIZE = re.compile(r"(\d+(?:\.\d+)?)pt")


class PageView(QTextBrowser):
    """Shows one rendered topic; clicked links are announced, never followed here.

    Every activated link, the renderer's own Copy links included, is announced as written in the
    page (``link_activated``), so the link policy judges the address before Qt's parse shortens it.
    """

    link_activated = Signal(str)  # the href as written in the page
    back_requested = Signal()
    forward_requested = Signal()
    copy_code_requested = Signal(str)
    zoom_requested = Signal(int)  # +1 / -1 steps from Ctrl+wheel
    first_painted = Signal()  # once, after the first page has been drawn
    page_painted = Signal()  # after each page shown is first drawn, once that frame is finished

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Topic page")
        self.setAccessibleDescription("The text of the current topic")
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._show_link_target)
        self._content_root: Path | None = None
        self._unloadable: set[str] = set()  # so a missing image is looked for once per page
        self._images = DecodedImages()  # decoded once for every page that shows them
        self.zoom_level = 0
        self.page: RenderedPage | None = None
        self._painted = False
        self._page_unpainted = False  # a page was shown and has not been drawn yet
        self._pages_shown = 0  # so a paint of an earlier page does not announce a later one
        self._shown_key: tuple[str, ...] | None = None  # what the shown document was made from
        self._recent: OrderedDict[tuple[str, ...], QTextDocument] = OrderedDict()  # oldest first
        self._empty: tuple[tuple[str, ...], QTextDocument] | None = None  # see _template
        self._activated_href = ""  # the href under the click or key that may activate a link
        # Headings, links and caret browsing for screen readers (on at once if one is running).
        self.accessibility = PageAccessibility(self, self.activate_link)
        self.accessibility.attach()

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.accessibility.caret_browsing and self.hasFocus():
            # From the caret on, not from the top of the view; past the last link, out of the page.
            moved = self.accessibility.move_to_link(next) or QTextEdit.focusNextPrevChild(self, next)
            self.accessibility.caret_moved()
            return moved
        moved = super().focusNextPrevChild(next)
        self.accessibility.caret_moved()  # Tab to a link moves the cursor without a signal
        return moved

    def activate_link(self, href: str) -> None:
        """Act as if the link to ``href`` (as written in the page) was clicked (the accessible "press")."""
        self._activated_href = href
        self._on_anchor_clicked(QUrl(href))

    def paintEvent(self, event: QPaintEvent) -> None:
        # Overriding paintEvent (it paints the viewport) rather than filtering viewport() events:
        # the first Python call of viewport() makes PySide set up every widget class (~8 ms).
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
        if self._page_unpainted:
            self._page_unpainted = False
            shown = self._pages_shown
            QTimer.singleShot(0, self, lambda: self._announce_painted(shown))  # after this frame is drawn

    def _announce_painted(self, shown: int) -> None:
        if shown == self._pages_shown:  # still the page that was drawn
            self.page_painted.emit()

    def set_content_root(self, root: Path) -> None:
        """Load ``content:`` images from inside ``root`` only."""
        self._content_root = root.resolve()
        self._images.clear()
        self._forget_recent()  # their images came from the root before

    def set_appearance(self, css: str, zoom_level: int, reshow: bool = True) -> int:
        """Apply the theme's stylesheet at a zoom level (clamped and returned): every point size
        in it and the body font are scaled, since QTextBrowser ignores a stylesheet's body size.
        ``reshow=False`` leaves the page as it is, for a caller about to show another one."""
        self.zoom_level = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom_level))
        factor = ZOOM_STEP**self.zoom_level
        font = self.document().defaultFont()
        font.setPointSizeF(BODY_POINT_SIZE * factor)
        self._forget_recent()  # the shown document changes here; the kept ones have the old size
        self.document().setDefaultFont(font)
        self.set_style_sheet(
            _POINT_SIZE.sub(lambda match: f"{float(match.group(1)) * factor:.1f}pt", css), reshow
        )
        return self.zoom_level

    def zoom_percent(self) -> int:
        """The zoom as a rounded percentage of the normal size (100 at level 0)."""
        return round(100 * ZOOM_STEP**self.zoom_level)

    def set_style_sheet(self, css: str, reshow: bool = True) -> None:
        """Use ``css`` for the page, re-showing the current page at the same scroll position
        (unless ``reshow`` is False)."""
        self._forget_recent()
        self.document().setDefaultStyleSheet(css)
        if reshow and self.page is not None:
            self.show_page(self.page, keep_scroll=True)

    def show_page(self, page: RenderedPage, anchor: str = "", keep_scroll: bool = False) -> None:
        """Show ``page`` scrolled to ``anchor``, to where it was (``keep_scroll``), or to the top."""
        scroll = self.verticalScrollBar().value()
        self.page = page
        self._unloadable.clear()
        self._page_unpainted = True
        self._pages_shown += 1
        shown, shown_key = self.document(), self._shown_key
        ours = shown.parent() is self  # (Qt deletes its own first document itself)
        key = self._style_key(page.html)
        self.setDocument(
            self._recent.pop(key) if key in self._recent else self._styled_document(page.html, key[1:])
        )
        self._shown_key = key
        if ours and shown_key is not None and shown_key != key:
            self._recent[shown_key] = shown
            if len(self._recent) > RECENT_PAGES:
                self._recent.popitem(last=False)[1].deleteLater()
        elif ours:
            shown.deleteLater()
        self.accessibility.page_changed()
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)
        elif anchor:
            self.scrollToAnchor(anchor)
        else:
            self.verticalScrollBar().setValue(0)

    def setHtml(self, text: str) -> None:
        """Show ``text`` in the shown document (which is then not kept for going back)."""
        self._shown_key = None
        super().setHtml(text)

    def _style_key(self, html: str) -> tuple[str, ...]:
        """What a document made for ``html`` now would be made from: the page and the style."""
        shown = self.document()
        return (html, shown.defaultStyleSheet(), shown.defaultFont().key(), str(shown.documentMargin()))

    def _forget_recent(self) -> None:
        """Drop the kept documents and keep not the shown one (the style or the root changed)."""
        self._shown_key = None
        while self._recent:
            self._recent.popitem()[1].deleteLater()

    def _styled_document(self, html: str, style: tuple[str, ...]) -> QTextDocument:
        """``html`` parsed into a new document with the shown document's stylesheet, font and
        margins (the side margins too; ``style`` is :meth:`_style_key` without the page), not
        laid out yet."""
        shown = self.document()
        # its parent's loadResource answers its image requests; cloned, it has the stylesheet parsed
        document = self._template(style).clone(self)
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(shown.documentMargin())  # (a clone has it in its root frame only)
        document.setHtml(html)
        pad_code_frames(document)
        side = shown.rootFrame().frameFormat()
        root = document.rootFrame()
        frame = root.frameFormat()
        frame.setLeftMargin(side.leftMargin())
        frame.setRightMargin(side.rightMargin())
        root.setFrameFormat(frame)
        return document

    def _template(self, style: tuple[str, ...]) -> QTextDocument:
        """An empty document styled as the shown one, made once per ``style``: each page is its
        clone, which shares the parsed stylesheet (parsing it for every page took 0.3 ms)."""
        if self._empty is not None and self._empty[0] == style:
            return self._empty[1]
        if self._empty is not None:
            self._empty[1].deleteLater()
        shown = self.document()
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDefaultStyleSheet(shown.defaultStyleSheet())
        document.setDefaultFont(shown.defaultFont())
        document.setDocumentMargin(shown.documentMargin())
        document.setDefaultTextOption(shown.defaultTextOption())  # (the view's wrap mode)
        # No page size until the view gives it its width: Qt lays a document out at each change of
        # its layout, text option or page size while it has one (a new document's -1 is "unwrapped"),
        # so the view's own setPageSize is then the only layout before the first paint.
        document.setPageSize(QSizeF(0, 0))
        self._empty = (style, document)
        return document

    def has_anchor(self, name: str) -> bool:
        """True if the page shown has an anchor (``name=`` or ``id=``) called ``name``."""
        if self.page is None or not name:
            return False
        quoted = html.escape(name, quote=True)
        return f'name="{quoted}"' in self.page.html or f'id="{quoted}"' in self.page.html

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """The page's one resource gate: every image, stylesheet or other resource Qt asks for.

        Only ``content:`` images inside the content root are loaded (``content:`` URLs carry a
        percent-encoded root-relative path), as a ``QImage``; SVG is drawn at the screen's device
        pixel ratio, and a file that cannot be read or decoded becomes a small picture that names
        it; an image decoded for an earlier page is reused while its file is unchanged. Everything
        else (a ``background`` attribute, a CSS ``url()``, ``file:``, ``data:``, the network) gets
        :func:`refused_resource`: never ``None``, with which Qt would read the path from disk itself.
        """
        qurl = url if isinstance(url, QUrl) else QUrl(str(url))
        is_image = kind == QTextDocument.ResourceType.ImageResource.value
        if not is_image or qurl.scheme() != IMAGE_SCHEME or self._content_root is None:
            return refused_resource(kind)
        relative = qurl.path(QUrl.ComponentFormattingOption.FullyDecoded)
        text = qurl.toString()
        path = None if text in self._unloadable else self._image_path(self._content_root, relative)
        signature = self._images.signature(path) if path is not None else None
        ratio = self.devicePixelRatioF()
        if path is not None and signature is not None:
            kept = self._images.get(path, ratio, signature)
            if kept is not None:
                return kept
        data = self._read_image(path, relative) if path is not None else None
        if path is None or signature is None or data is None:
            self._unloadable.add(text)
            return placeholder(f"image could not be read: {posixpath.basename(relative)}")
        image = decode_image(data, relative, ratio)
        self._images.put(path, ratio, signature, image)
        return image

    @staticmethod
    def _image_path(root: Path, relative: str) -> Path | None:
        """The file ``relative`` names inside ``root``, or ``None`` if it leads outside."""
        try:
            path = (root / relative).resolve()
        except (OSError, ValueError):
            logger.warning("cannot find the image %s", relative, exc_info=True)
            return None
        return path if path.is_relative_to(root) else None

    @staticmethod
    def _read_image(path: Path, relative: str) -> bytes | None:
        try:
            return read_regular_file(path, MAX_IMAGE_BYTES)
        except (OSError, ValueError):
            logger.warning("cannot read the image %s", relative, exc_info=True)
            return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        written = self._activated_href
        self._activated_href = ""
        if not written or QUrl(written) != url:  # not the link under the click: Qt's own form
            written = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        self.link_activated.emit(written)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._activated_href = self.textCursor().charFormat().anchorHref()  # Enter on a focused link
        super().keyPressEvent(event)

    def code_at(self, cursor: QTextCursor) -> str:
        """Return the code block (as plain text) that ``cursor`` is in, or ""."""
        if self.page is None:
            return code_at(cursor, ())
        return code_at(cursor, self.page.code_blocks, self.page.action_token)

    def code_at_cursor(self) -> str:
        """The code block under the text cursor, as plain text, or ""."""
        return self.code_at(self.textCursor())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        menu.setAccessibleName("Page menu")  # Qt names a menu after its window title: none
        code = self.code_at(self.cursorForPosition(event.pos()))
        if code:
            action = QAction("Copy Code Block\tCtrl+Shift+C", menu)
            action.triggered.connect(lambda: self.copy_code_requested.emit(code))
            if menu.actions():
                first = menu.actions()[0]
                menu.insertAction(first, action)
                menu.insertSeparator(first)
            else:
                menu.addAction(action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def _show_link_target(self, url: QUrl) -> None:
        self.setToolTip(plain_tooltip(url.toString()) if not url.isEmpty() else "")

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() // 120 or (1 if event.angleDelta().y() > 0 else -1)
            if event.angleDelta().y():
                self.zoom_requested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._activated_href = self.anchorAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.BackButton:
            self.back_requested.emit()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.forward_requested.emit()
        else:
            super().mouseReleaseEvent(event)
