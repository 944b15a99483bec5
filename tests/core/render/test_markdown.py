"""Rendering: golden HTML for sample pages, and rendering that never raises."""

from __future__ import annotations

import difflib
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.content.model import Topic
from reader.core.render.markdown import Renderer
from tests.helpers.paths import GOLDEN, SAMPLE


@pytest.mark.parametrize("topic_id", ["index", "flow", "flow/views"])
def test_golden_html(topic_id):
    page = Renderer(load_content(SAMPLE)).render(topic_id)
    html = page.html.replace(page.action_token, "TOKEN")  # random per page
    golden = GOLDEN / f"{topic_id.replace('/', '__')}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "\n".join(
            difflib.unified_diff(expected.splitlines(), html.splitlines(), "golden", "rendered", lineterm="")
        )
        pytest.fail(f"rendered HTML differs from {golden.name} (UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_links_are_rewritten_by_policy():
    page = Renderer(load_content(SAMPLE)).render("index")
    assert 'href="topic:flow/views#writing-a-view"' in page.html
    assert 'class="broken"' in page.html
    assert "javascript:alert" in page.html
    assert "remote image not loaded" in page.html
    assert "<img" not in page.html
    assert page.html.rstrip().endswith("</ul>")
    assert "Sources" in page.html


def test_headings_have_qt_anchors():
    page = Renderer(load_content(SAMPLE)).render("flow/views")
    assert [(h.level, h.anchor) for h in page.headings] == [(2, "writing-a-view"), (3, "nested-heading")]
    assert '<a name="writing-a-view"></a>' in page.html


def test_dark_code_uses_dark_style():
    light = Renderer(load_content(SAMPLE)).render("index").html
    dark = Renderer(load_content(SAMPLE), dark=True).render("index").html
    assert light != dark


def test_unknown_and_broken_topics_give_error_pages():
    content = load_content(SAMPLE)
    renderer = Renderer(content)
    assert renderer.render("nope").error
    content.topics["bad"] = Topic("bad", None, "Bad", error="file is not valid UTF-8 (byte 3)")
    page = renderer.render("bad")
    assert "not valid UTF-8" in page.html
    assert page.error


def test_deep_nesting_is_refused_not_crashed():
    content = load_content(SAMPLE)
    content.topics["deep"] = Topic("deep", None, "Deep", text=">" * 1000 + " quote")
    assert "deeper" in (Renderer(content).render("deep").error or "")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_renderer_never_raises(text):
    content = load_content(SAMPLE)
    content.topics["fuzz"] = Topic("fuzz", None, "Fuzz", text=text)
    page = Renderer(content).render("fuzz")
    assert page.html.startswith("<h1>")


def test_a_lone_walk_through_link_is_drawn_as_a_button_and_an_inline_one_as_a_link(make_content):
    from reader.core.links import WALKTHROUGH_HREF

    root = make_content(
        {
            "index.md": "# Home\n\n[Follow a request](diagram.toml)\n\nOr [walk it](diagram.toml) later.\n",
            "diagram.toml": "",
        }
    )
    page = Renderer(load_content(root)).render("index").html
    button = '<table cellpadding="9" class="action"><tr><td class="action">'
    button += f'<a class="action" href="{WALKTHROUGH_HREF}">'
    assert button in page.replace("\n", "")
    assert f'Or <a class="action" href="{WALKTHROUGH_HREF}">walk it</a> later.' in page
