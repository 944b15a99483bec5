"""Which code block a text cursor is in: found through the renderer's "Copy" link above the block.

The renderer puts every code block in a one-cell table, preceded by a paragraph holding a
``copy-code:TOKEN/N`` link (N indexes ``RenderedPage.code_blocks``; TOKEN is the page's
``action_token``, so a link written in the topic is not taken for one). Qt does not keep ``<pre>``'s
non-breaking-lines flag on highlighted code, so the link, not the block format, identifies a block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor

from reader.core.links import copy_code_index

if TYPE_CHECKING:
    from collections.abc import Sequence


def code_block_index(cursor: QTextCursor, action_token: str) -> int | None:
    """The ``code_blocks`` index of the code table ``cursor`` is in, or ``None`` outside one."""
    table = cursor.currentTable()
    if table is None or table.rows() != 1 or table.columns() != 1:
        return None
    document = cursor.document()
    before = document.findBlock(table.firstPosition() - 1).previous()
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
    table = cursor.currentTable()
    if table is None or not cursor.blockFormat().nonBreakableLines():
        return ""
    cell = table.cellAt(cursor)  # a page without copy links: the cell's own text
    selection = QTextCursor(cursor.document())
    selection.setPosition(cell.firstCursorPosition().position())
    selection.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return selection.selectedText().replace("\u2029", "\n").replace("\u2028", "\n").rstrip("\n")
