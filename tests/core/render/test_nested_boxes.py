"""Boxes inside boxes (callouts, content tabs, raw tables) past six levels are drawn without their
boxes: Qt's layout time doubles with each nested table, and 20 nested `/// tip` blocks froze
the window for good. The page still shows every word, and --check names the page."""

from __future__ import annotations

import pytest

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.render.markdown import Renderer
from reader.core.render.tidy import MAX_TABLE_NESTING, flatten_deep_tables
from reader.ui.page.view import PageView

ADMONITIONS = "".join("    " * level + "!!! note\n\n" for level in range(20)) + " " * 80 + "deepest words\n"
NESTED = {
    "blocks": "".join("/// tip\n" for _ in range(20)) + "deepest words\n",
    "admonitions": ADMONITIONS,
    "tables": "<table><tr><td>" * 20 + "deepest words" + "</td></tr></table>" * 20,
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", NESTED)
def test_deeply_nested_boxes_are_shown_quickly_and_named(tmp_path, qtbot, kind):
    (tmp_path / "index.md").write_text(f"# Nested\n\n{NESTED[kind]}\n", encoding="utf-8")
    content = load_content(tmp_path)
    page = Renderer(content).render("index")
    depth = max_depth(page.html)
    assert depth <= MAX_TABLE_NESTING + 1  # the page's own pager table sits beside, never inside
    view = PageView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show_page(page)
    with qtbot.waitSignal(view.first_painted, timeout=20_000):
        view.show()
    assert "deepest words" in view.toPlainText()
    messages = [problem.message for problem in check_content(content)]
    assert f"not supported: boxes nested over {MAX_TABLE_NESTING} deep (drawn without boxes)" in messages


def max_depth(html: str) -> int:
    depth = deepest = 0
    for piece in html.split("<table")[1:]:
        depth += 1
        deepest = max(deepest, depth)
        depth -= piece.count("</table>")
    return deepest


def test_six_levels_keep_their_boxes():
    html = "<table><tr><td>" * MAX_TABLE_NESTING + "x" + "</td></tr></table>" * MAX_TABLE_NESTING
    assert flatten_deep_tables(html) == (html, False)
    deeper = "<table><tr><td>" + html + "</td></tr></table>"
    flat, changed = flatten_deep_tables(deeper)
    assert changed
    assert flat.count("<table") == MAX_TABLE_NESTING
    assert "<div>x</div>" in flat
