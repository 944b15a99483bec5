"""Code blocks in the page: a padded, bordered text frame (not a table), drawn as the theme says,
whose code the cursor finds; and a new page laid out at the view's width before its first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QTextCursor, QTextTable

from reader.core.content.loader import load_content
from reader.core.render.markdown import Renderer
from reader.core.render.page import CODE_PADDING, RenderedPage
from reader.resources import read_text
from reader.ui.page.view import PageView

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

CODE = 'def index(request):\n    return render(request, "index.html")'
MARKDOWN = f"# Code\n\nBefore.\n\n```python\n{CODE}\n```\n\n!!! note\n    ```\n    inside = True\n    ```\n"


@pytest.fixture
def page(qtbot: QtBot) -> PageView:
    view = PageView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.set_appearance(read_text("styles/page-light.css"), 0)
    return view


@pytest.fixture
def rendered(tmp_path: Path) -> RenderedPage:
    (tmp_path / "index.md").write_text(MARKDOWN, encoding="utf-8")
    return Renderer(load_content(tmp_path)).render("index")


def _cursor_at(page: PageView, text: str) -> QTextCursor:
    found = page.document().find(text)
    assert not found.isNull()
    found.clearSelection()
    return found


def test_a_code_block_is_a_padded_frame_and_the_cursor_in_it_finds_its_code(
    page: PageView, rendered: RenderedPage
) -> None:
    page.show_page(rendered)
    for text, code in (("return render", CODE), ("inside", "inside = True")):  # also inside a callout
        cursor = _cursor_at(page, text)
        frame = cursor.currentFrame()
        assert not isinstance(frame, QTextTable)  # laid out once, not measured first like a table
        assert frame.frameFormat().padding() == CODE_PADDING
        assert frame.frameFormat().border() == 1
        assert page.code_at(cursor) == code
    assert page.code_at(_cursor_at(page, "Before")) == ""


def test_the_code_box_is_drawn_with_the_themes_border_around_padded_code(
    qtbot: QtBot, page: PageView, rendered: RenderedPage
) -> None:
    page.show_page(rendered)
    page.show()
    qtbot.waitExposed(page)
    frame = _cursor_at(page, "return render").currentFrame()
    layout = page.document().documentLayout()
    box = layout.frameBoundingRect(frame).translated(0, -page.verticalScrollBar().value())
    image = page.viewport().grab().toImage()
    border = QColor("#d0d7de")  # page-light.css: table.code's border
    middle, centre = round(box.center().y()), round(box.center().x())
    left = next(
        x for x in range(int(box.left()), int(box.left()) + 4) if image.pixelColor(x, middle) == border
    )
    top = next(y for y in range(int(box.top()), int(box.top()) + 14) if image.pixelColor(centre, y) == border)
    assert image.pixelColor(left + 3, middle) == image.pixelColor(left - 3, middle)  # padding: page colour
    inked = [
        x
        for x in range(left + 1, int(box.right()))
        for y in range(top + 1, top + 30)
        if image.pixelColor(x, y).value() < 160
    ]
    assert inked  # the code is drawn in the box
    assert min(inked) >= left + CODE_PADDING  # after the padding


def test_a_new_page_is_laid_out_at_the_views_width_before_its_first_paint(page: PageView) -> None:
    words = " ".join(["measure"] * 200)
    page.show_page(RenderedPage("long", "Long", f"<p>{words}</p>"))
    document = page.document()
    assert document.pageSize().width() == page.viewport().width()
    first = document.firstBlock()
    assert first.layout().lineCount() > 3  # wrapped at the view's width, never one unwrapped line
    assert first.layout().boundingRect().width() <= page.viewport().width()


def test_no_empty_line_is_drawn_under_a_code_block(qtbot: QtBot, page: PageView, tmp_path: Path) -> None:
    # Qt follows every text frame with an empty block, one line high; after the one-cell tables code
    # blocks used to be, that block took no room. QA measured 17 px more under every block.
    (tmp_path / "index.md").write_text("Before.\n\n```python\nx = 1\n```\n\nAfter.\n", encoding="utf-8")
    page.show_page(Renderer(load_content(tmp_path)).render("index"))
    page.show()
    qtbot.waitExposed(page)
    document = page.document()
    layout = document.documentLayout()
    [frame] = [f for f in document.rootFrame().childFrames() if not isinstance(f, QTextTable)]
    after = document.find("After.").block()
    gap = layout.blockBoundingRect(after).top() - layout.frameBoundingRect(frame).bottom()
    line = page.fontMetrics().lineSpacing()
    assert 0 <= gap < line  # the paragraph's own margin, not an extra line
