"""Markdown written for GitHub and documentation sites reads here as it does there.

The fixture ``tests/fixtures/realworld`` imitates a tutorial folder written elsewhere: YAML
front matter, GitHub alerts, raw HTML tables, PNG and SVG images with odd names, code inside
numbered steps, site-absolute links between chapters and the macros of site generators.
"""

from __future__ import annotations

import difflib
import os
import re

import pytest

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.render.markdown import Renderer
from tests.helpers.paths import GOLDEN, REALWORLD

TOPICS = [
    "index",
    "tutorial",
    "tutorial/part-1-introduction",
    "tutorial/part-2-setup",
    "tutorial/models",
    "tutorial/part-10-deploy",
    "reference",
    "reference/cheatsheet",
    "reference/glossary",
    "reference/appendix-2",
    "reference/appendix-10",
]


@pytest.fixture(scope="module")
def content():
    return load_content(REALWORLD)


@pytest.fixture(scope="module")
def pages(content):
    renderer = Renderer(content)
    return {topic_id: renderer.render(topic_id) for topic_id in TOPICS}


@pytest.mark.parametrize("topic_id", TOPICS)
def test_golden_html(pages, topic_id):
    html = pages[topic_id].html.replace(pages[topic_id].action_token, "TOKEN")  # random per page
    golden = GOLDEN / "realworld" / f"{topic_id.replace('/', '__')}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "\n".join(
            difflib.unified_diff(expected.splitlines(), html.splitlines(), "golden", "rendered", lineterm="")
        )
        pytest.fail(f"rendered HTML differs from {golden.name} (UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_tree_order_follows_the_folder_index_then_natural_names(content):
    assert content.walk() == TOPICS


def test_yaml_front_matter_is_read_and_never_shown(content, pages):
    assert content.topics["index"].title == "Local Library: a Django tutorial"
    assert (
        content.topics["index"].summary
        == "Build a small library catalogue with Django, one chapter at a time."
    )
    assert content.topics["index"].sources == (
        "https://docs.djangoproject.com/en/stable/intro/tutorial01/",
        "https://developer.mozilla.org/en-US/docs/Learn/Server-side/Django",
    )
    for page in pages.values():
        for leaked in ("slug:", "short-title", "page-type", "sources:", "summary:", "---"):
            assert leaked not in page.html


def test_code_inside_numbered_steps_stays_in_the_step(pages):
    html = pages["tutorial/part-2-setup"].html
    first_item = html[html.index("<li>") : html.index("</li>")]
    assert 'class="code"' in first_item
    assert "# a comment, not a heading" in first_item
    assert "<h1>a comment" not in html
    assert html.count("<ol") == 1  # the steps are one list, not three
    second_item = html[html.index("Install Django:") : html.index("Create the project")]
    assert "Check the version:" in second_item
    assert "get_version" in second_item
    assert second_item.rstrip().endswith("<li>\n<p>")
    assert re.search(r"<code>locallibrary/</code> holds the settings<ul>\s*<li><code>settings.py", html)


def test_github_alerts_are_the_guides_callouts(pages):
    html = pages["tutorial/part-1-introduction"].html
    for kind, title in [
        ("tip", "Tip"),
        ("important", "Important"),
        ("warning", "Warning"),
        ("danger", "Caution"),
    ]:
        assert f'<td class="admonition {kind}">\n<p class="admonition-title">{title}</p>' in html
    assert "[!" not in html
    assert '<p class="admonition-title">Note</p>' in pages["index"].html


def test_task_lists_keys_footnotes_and_bare_urls(pages):
    html = pages["tutorial/part-1-introduction"].html
    assert "\u2611 A catalogue of books" in html
    assert "\u2610 Loans and returns" in html
    assert "<kbd" in html
    assert 'href="https://www.djangoproject.com"' in html
    assert 'href="http://www.github.com/django/django"' in html
    assert 'href="#fn:mvt"' in html
    assert "Elsewhere it is called" in html


def test_title_from_the_first_heading_is_shown_once(pages):
    page = pages["tutorial/part-1-introduction"]
    assert page.html.count(">Introduction</h1>") == 1
    assert [heading.text for heading in page.headings][:1] == ["What you will build"]


def test_github_heading_anchors_work_alongside_todays_ids(pages):
    page = pages["tutorial/part-1-introduction"]
    assert {"café--crème--über", "setup", "setup-1", "what_you_will_build"} <= page.anchors
    assert '<a name="setup-1"></a>' in page.html
    assert '<a name="setup_1"></a>' in page.html  # today's id stays


def test_macros_are_dropped_or_show_their_text(pages):
    index = pages["index"].html
    assert "{{" not in index
    assert "LearnSidebar" not in index
    assert "Useful background: HTTP and object-relational mappers." in index
    models = pages["tutorial/models"]
    assert "{{&lt;" not in models.html
    assert "{%" not in models.html.split('class="code"')[0]
    assert "hint info" not in models.html
    code = models.html.split('class="code"')[2]
    assert "extends" in code  # template tags inside code stay
    assert "endblock" in code
    assert models.unsupported == [
        "{{LearnSidebar}}",
        "{{< hint info >}}",
        "{{< /hint >}}",
        '{% include "chapter-banner.html" %}',
        '{{Glossary("Python")}}',
    ]


def test_raw_html_tables_and_inline_elements_render(pages):
    html = pages["tutorial/models"].html
    assert "<table>" in html
    assert "<th>Relation</th>" in html
    assert "<sub>2</sub>" in html
    assert "<sup>2</sup>" in html
    assert "<kbd>Enter</kbd>" in html
    assert "<br>" in html
    assert "<p><b>Why not store the author's name?</b></p>" in html
    assert "TODO" not in html
    assert '<a name="query-example"></a>' in html
    assert 'src="content:img/diagram.svg"' in html


def test_tables_keep_alignment_without_styles_and_entities_become_characters(pages):
    html = pages["tutorial/models"].html
    assert '<th align="center">Meaning</th>' in html
    assert '<td align="right">255</td>' in html
    assert "text-align" not in html
    assert "number\u200b" in html
    assert "&ZeroWidthSpace;" not in html


def test_site_absolute_links_find_their_topic(pages):
    html = pages["tutorial/models"].html
    assert 'href="topic:tutorial/part-2-setup"' in html
    assert html.count('href="topic:tutorial/part-10-deploy"') == 3  # two links, and the pager
    assert 'href="topic:tutorial/models"' in pages["index"].html
    assert 'href="topic:index"' in pages["tutorial/part-10-deploy"].html


def test_images_with_odd_names_load_and_failures_say_what(pages):
    html = pages["tutorial/part-2-setup"].html
    for src in (
        "img/flow%20chart.png",
        "img/c%402x.png",
        "img/caf%C3%A9.png",
        "img/diagram.svg",
        "tutorial/img/step.png",
    ):
        assert f'src="content:{src}"' in html
    assert "[image not found: The missing screenshot]" in html


def test_check_tells_exactly_what_the_pages_get_wrong(content):
    problems = [f"{problem.path}:{problem.line}: {problem.message}" for problem in check_content(content)]
    assert problems == [
        "index.md:19: not supported: {{LearnSidebar}}",
        'index.md:27: not supported: {{Glossary("HTTP")}}',
        'index.md:27: not supported: {{Glossary("ORM", "object-relational mappers")}}',
        'tutorial/index.md:13: not supported: {{PreviousMenuNext("Learn/Server-side/Django", '
        '"Learn/Server-side/Django/Tutorial/Introduction")}}',
        "tutorial/models.md:9: not supported: {{LearnSidebar}}",
        "tutorial/models.md:10: not supported: {{< hint info >}}",
        "tutorial/models.md:12: not supported: {{< /hint >}}",
        'tutorial/models.md:14: not supported: {% include "chapter-banner.html" %}',
        'tutorial/models.md:16: not supported: {{Glossary("Python")}}',
        "tutorial/models.md:77: link will be refused: Refused a site link that points outside this content "
        "root (no topic has its slug or path): /en-US/docs/Web/HTTP/Overview",
        "tutorial/part-10-deploy.md:30: not supported: <iframe> (raw HTML, not shown)",
        "tutorial/part-10-deploy.md:31: not supported: <script> (raw HTML, not shown)",
        "tutorial/part-2-setup.md:51: image not found: ../img/not-there.png",
        "tutorial/part-2-setup.md:53: image is not a picture the reader can show: ../img/broken.png",
    ]


def test_strict_check_adds_the_guides_authoring_rules(content):
    strict = [problem.message for problem in check_content(content, strict=True)]
    assert "topic has no summary" in strict
    assert "topic has no summary" not in [problem.message for problem in check_content(content)]


def test_a_repeated_broken_link_is_reported_at_every_line(make_content):
    from tests.helpers.content import topic

    root = make_content({"a.md": topic("A", "[x](gone.md)\n\ntext\n\n[y](gone.md)\n")})
    lines = [problem.line for problem in check_content(load_content(root)) if "gone" in problem.message]
    assert len(lines) == 2
    assert lines[0] < lines[1]


def test_more_of_what_sites_write_reads_as_on_github(pages):
    html = pages["tutorial/part-10-deploy"].html
    assert "On the server \U0001f680" in html  # :rocket:
    assert "<ol>\n<li>Copy the files</li>" in html  # "1)" lists
    assert 'src="content:img/diagram.svg"' in html  # a site-absolute image found inside the root
    assert 'href="topic:tutorial/part-1-introduction"' in html  # part-1-introduction.html
    assert "<iframe" not in html
    assert "analytics" not in html


def test_jekyll_highlight_and_raw(pages):
    html = pages["reference/glossary"].html
    assert 'class="code"' in html
    assert "highlight" not in html
    assert "A Jekyll page prints it with {{ book.title }}." in html


def test_other_generators_front_matter_keys(content, pages):
    cheats = content.topics["reference/cheatsheet"]
    assert cheats.summary == "The commands you type most, on one page."  # description:
    assert content.topics["reference"].children[0] == "reference/cheatsheet"  # weight: 1
    assert 'href="topic:reference/cheatsheet"' in pages["reference/glossary"].html  # url:


def test_markdown_inside_html_blocks_as_on_github(pages):
    html = pages["tutorial/models"].html
    assert "<p><b>Show the model</b></p>\n<p>The <strong>whole</strong> model" in html
    start = html.index("Show the model")
    details = html[start : html.index("</details>", start)]
    assert 'class="code"' in details
    assert "<p><strong>Before</strong></p>" in html
    assert "<p><code>after</code></p>" in html
