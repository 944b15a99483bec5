"""Property test: whatever headings and links a page holds, the accessible structure lists each
once, in page order, with its text, level and target, and no piece of plain text as a link."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.ui.page.accessible import page_parts
from tests.helpers.property_support import EXAMPLES

_words = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=10)
_text = st.lists(_words, min_size=1, max_size=4).map(" ".join)
_href = st.builds(lambda word: f"{word}.md", _words)
_block = st.one_of(
    st.tuples(st.just("heading"), st.integers(1, 6), _text),
    st.tuples(st.just("paragraph"), st.just(0), _text),
    st.tuples(st.just("link"), st.just(0), st.tuples(_text, _href)),
)


def _html(blocks: list[tuple[str, int, object]]) -> tuple[str, list[tuple[str, str, int]]]:
    parts: list[str] = []
    expected: list[tuple[str, str, int]] = []  # (text, href, level)
    for kind, level, value in blocks:
        if kind == "heading":
            assert isinstance(value, str)
            parts.append(f"<h{level}>{html.escape(value)}</h{level}>")
            expected.append((value, "", level))
        elif kind == "paragraph":
            assert isinstance(value, str)
            parts.append(f"<p>{html.escape(value)}</p>")
        else:
            text, href = value  # type: ignore[misc]
            parts.append(f'<p>see <a href="{html.escape(href)}">{html.escape(text)}</a> here</p>')
            expected.append((text, href, 0))
    return "".join(parts), expected


@EXAMPLES
@given(st.lists(_block, max_size=12))
def test_headings_and_links_are_listed_once_in_page_order(qapp, blocks) -> None:
    markup, expected = _html(blocks)
    document = QTextDocument()
    document.setHtml(markup)
    parts = page_parts(document)
    assert [(p.text, p.href, p.level) for p in parts] == expected
    starts = [p.start for p in parts]
    assert starts == sorted(starts)
    for part in parts:
        if part.href:
            cursor = QTextCursor(document)  # positions count UTF-16 units, as Qt does
            cursor.setPosition(part.start)
            cursor.setPosition(part.end, QTextCursor.MoveMode.KeepAnchor)
            assert cursor.selectedText().strip() == part.text
