"""``--check`` and the renderer follow the same link policy: what one accepts the other shows."""

from __future__ import annotations

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.render.markdown import Renderer
from tests.helpers.content import topic


def test_a_mailto_source_is_accepted_by_check_and_linked_by_the_renderer(make_content):
    sources = ("mailto:security@djangoproject.com", "ftp://example.com/file")
    content = load_content(make_content({"t.md": topic("T", sources=sources)}))
    messages = [problem.message for problem in check_content(content)]
    assert messages == ["source is not a web address: 'ftp://example.com/file'"]
    html = Renderer(content).render("t").html
    assert '<a href="mailto:security@djangoproject.com"' in html
    assert "ftp://example.com/file (not a web address; not linked)" in html


def test_check_reports_exactly_the_images_the_renderer_refuses(make_content):
    body = "![in](pics/../a.png) ![missing](b.png) ![out](../x.png) ![remote](https://example.com/r.png)\n"
    content = load_content(make_content({"t.md": topic("T", body), "a.png": b"\x89PNG"}))
    messages = sorted(problem.message for problem in check_content(content))
    assert messages == [
        "image not found: b.png",
        "image outside the content root: ../x.png",
        "remote image will not be loaded: https://example.com/r.png",
    ]
    html = Renderer(content).render("t").html
    assert 'src="content:a.png"' in html
    assert "[image outside the content root refused: out]" in html
    assert "[remote image not loaded: remote]" in html
