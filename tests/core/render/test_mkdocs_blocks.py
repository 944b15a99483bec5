"""FastAPI's docs/en/docs: `/// tip` blocks, `{* file.py hl[1] *}` includes and `{ #id }` headings."""

from __future__ import annotations

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.render.markdown import Renderer

FIRST_STEPS = """# First Steps { #first-steps }

The simplest FastAPI file could look like this:

{* ../../docs_src/first_steps/tutorial001_py310.py *}

/// tip

FastAPI has an official extension for VS Code.

///

/// note | Technical Details

`FastAPI` is a class that inherits directly from `Starlette`.

///

## Check it { #check-it }

Text.
"""


def test_blocks_are_callouts_includes_are_named_and_titles_drop_attributes(tmp_path):
    (tmp_path / "first-steps.md").write_text(FIRST_STEPS, encoding="utf-8")
    content = load_content(tmp_path)
    topic = content.topics["first-steps"]
    assert topic.title == "First Steps"
    page = Renderer(content).render("first-steps")
    html = page.html
    assert html.count("<h1>") == 1
    assert "{ #" not in html
    assert "///" not in html
    assert 'class="admonition tip" width' in html
    assert "Technical Details" in html
    assert "docs_src" not in html
    assert "check-it" in page.anchors
    problems = [(problem.line, problem.message) for problem in check_content(content)]
    assert problems == [(5, "not supported: {* ../../docs_src/first_steps/tutorial001_py310.py *}")]
