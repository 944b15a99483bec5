"""Code blocks in the page: their padding, and which one a text cursor is in.

The renderer puts every code block in a one-cell ``<table>`` that Qt reads as a text frame
(``reader.core.render.page.CODE_FRAME``), preceded by a paragraph holding a ``copy-code:TOKEN/N``
link (N indexes ``RenderedPage.code_blocks``; TOKEN is the page's ``action_token``, so a link
written in the topic is not taken for one). Qt does not keep ``<pre>``'s non-breaking-lines flag on
highlighted code, so the link, not the block format, identifies a block. HTML cannot give a frame
padding: :func:`pad_code_frames` does, once the page is parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextFrame, QTextTable

from reader.core.links import copy_code_index
from reader.core.render.page import CODE_PADDING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtGui import QTextDocument


def pad_code_frames(document: QTextDocument, padding: float = CODE_PADDING) -> None:
    """Give every text frame of ``document`` (code blocks, at any depth inside tables) ``padding``
    pixels between its border and its text. Cheap while the document has no layout yet (one edit
    per frame); tables are left as they are."""
    frames = list(document.rootFrame().childFrames())
    while frames:
        frame = frames.pop()
        frames.extend(frame.childFrames())
        if isinstance(frame, QTextTable):
            continue
        box = frame.frameFormat()
        if box.padding() != padding:
            box.setPadding(padding)
            frame.setFrameFormat(box)
        _flatten_block_after(document, frame)


def _flatten_block_after(document: QTextDocument, frame: QTextFrame) -> None:
    """Give the empty block Qt puts after a text frame no height: after a table it takes none, and
    code blocks were tables (a line of space under every block otherwise)."""
    after = document.findBlock(frame.lastPosition() + 1)
    if not after.isValid() or after.length() > 1 or after.blockFormat().lineHeightType() != 0:
        return
    flat = after.blockFormat()
    flat.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    flat.setTopMargin(0)
    flat.setBottomMargin(0)
    QTextCursor(after).setBlockFormat(flat)


def _code_box(cursor: QTextCursor) -> QTextFrame | None:
    """The code block's frame ``cursor`` is in (a text frame, or a one-cell table: raw HTML), or
    ``None``."""
    frame = cursor.currentFrame()
    if frame is None or frame.parentFrame() is None:  # the root frame: the page itself
        return None
    if isinstance(frame, QTextTable):
        return frame if frame.rows() == 1 and frame.columns() == 1 else None
    return frame


def code_block_index(cursor: QTextCursor, action_token: str) -> int | None:
    """The ``code_blocks`` index of the code block ``cursor`` is in, or ``None`` outside one."""
    box = _code_box(cursor)
    if box is None:
        return None
    document = cursor.document()
    before = document.findBlock(box.firstPosition() - 1).previous()
    for block in (before, before.next()):
        iterator = block.begin()
        while block.isValid() and not iterator.atEnd():
            index = copy_code_index(iterator.fragment().charFormat().anchorHref(), action_token)
            if index is not None:
                return index
            iterator += 1
    return None


def code_at(cursor: QTextCursor, code_blocks: Sequence[str], action_token: str = "") -> str:
    """The plain text of the code block ``cursor`` is in (from ``code_blocks`` of the page with
    ``action_token``), or ""."""
    index = code_block_index(cursor, action_token)
    if index is not None and index < len(code_blocks):
        return code_blocks[index]
    box = _code_box(cursor)
    if box is None or not cursor.blockFormat().nonBreakableLines():
        return ""
    selection = QTextCursor(cursor.document())  # a page without copy links: the box's own text
    if isinstance(box, QTextTable):
        cell = box.cellAt(cursor)
        selection.setPosition(cell.firstCursorPosition().position())
        selection.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    else:
        selection.setPosition(box.firstPosition())
        selection.setPosition(box.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    return selection.selectedText().replace("\u2029", "\n").replace("\u2028", "\n").rstrip("\n")
