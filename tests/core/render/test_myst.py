"""MyST Markdown (Wagtail's docs/) reads as Sphinx shows it: directives, targets and roles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.links import LinkKind, classify
from reader.core.render.markdown import Renderer
from reader.core.render.myst import myst_to_markdown

PAGES = """(page_models)=

# Page models

All page models inherit from {class}`wagtail.models.Page` or {class}`~wagtail.models.AbstractPage`.
Written in code, `{class}` stays as it is.

```{note}
If you're not yet familiar with Django models, see {doc}`Model syntax <django:topics/db/models>`
and [snippets](snippets_registering).
```

````{warning}
:class: important
Keep this code:

```python
# a comment
x = 1
```
````

```{versionadded} 6.2
The `title` field.
```

```{code-block} python
print("hi")
```

```{eval-rst}
.. autoclass:: Page
```

```{contents}
:local:
```

```python
```{note}
not a directive inside code
```
"""
SNIPPETS = """# Snippets

(snippets_registering)=

## Registering snippets

See {ref}`page models <page_models>` and {doc}`the pages topic <pages>`.
"""


@pytest.fixture
def content(tmp_path):
    (tmp_path / "pages.md").write_text(PAGES, encoding="utf-8")
    (tmp_path / "snippets.md").write_text(SNIPPETS, encoding="utf-8")
    return load_content(tmp_path)


def test_directives_become_admonitions_and_code(content):
    page = Renderer(content).render("pages")
    html = page.html
    assert html.count('class="admonition note" width') == 1  # the note; versionadded is a tip
    assert html.count('class="admonition warning" width') == 1
    assert html.count('class="admonition tip" width') == 1
    assert "New in version 6.2" in html
    assert "Keep this code" in html
    assert ":class:" not in html
    assert "<code>wagtail.models.Page</code>" in html
    assert "<code>AbstractPage</code>" in html
    assert "<code>{class}</code>" in html  # inside a code span: as written
    assert "Model syntax" in html
    assert "django:topics" not in html
    assert "{contents}" not in html
    assert ":local:" not in html
    assert page.code_blocks[-1] == "```{note}\nnot a directive inside code"
    assert len(page.code_blocks) == 4  # the python example, code-block, eval-rst and the last fence
    assert any("autoclass" in block for block in page.code_blocks)


def test_targets_and_roles_link_across_topics(content):
    target = classify("snippets_registering", content, "pages")
    expected = (LinkKind.TOPIC, "snippets", "snippets_registering")
    assert (target.kind, target.topic_id, target.anchor) == expected
    top = classify("page_models", content, "snippets")
    assert (top.kind, top.topic_id, top.anchor) == (LinkKind.TOPIC, "pages", "")  # its title heading
    snippets = Renderer(content).render("snippets")
    assert "snippets_registering" in snippets.anchors
    assert "topic:pages" in snippets.html  # {ref} and {doc} both link to the pages topic


def test_check_names_the_unsupported_directive_on_its_line(content):
    problems = [problem for problem in check_content(content) if problem.path == "pages.md"]
    assert [(problem.line, problem.message) for problem in problems] == [
        (31, "not supported: {eval-rst} (a MyST directive, shown as code)")
    ]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "```{note}\n" * 20_000,
        "::::{note}\n" * 20_000 + "text",
        "{x}`" * 50_000,
        "(a)=\n" * 50_000 + "# h",
        "```{toctree}\n" + "a <" * 30_000,
    ],
)
def test_pathological_myst_is_read_quickly(text):
    assert isinstance(myst_to_markdown(text).text, str)


MYST_LINES = ["```{note}", "```", "````{warning}", "````", ":::{tip}", ":::", "(lab)=", "# h", "## h2"]
OTHER_LINES = ["text {class}`x`", "`code {ref}`y``", ":opt: 1", "---", "```{eval-rst}", "", "    indented"]
LINES = st.sampled_from([*MYST_LINES, *OTHER_LINES])


@given(st.lists(LINES, max_size=30))
def test_any_mix_of_myst_lines_converts_and_renders(tmp_path_factory, lines):
    text = "\n".join(lines)
    result = myst_to_markdown(text)
    assert isinstance(result.text, str)
    root = tmp_path_factory.mktemp("myst")
    (root / "index.md").write_text(text, encoding="utf-8")
    assert "could not be rendered" not in Renderer(load_content(root)).render("index").html


def test_empty_links_show_what_they_lead_to_and_labels_ignore_case(tmp_path):
    """Wagtail writes ``[](label)`` 353 times: Sphinx shows the labelled heading's title."""
    (tmp_path / "index.md").write_text(
        "# Home\n\nSee [](intro-x), [](Intro-X), {ref}`intro-x` and {doc}`other`.\n\n"
        "```{toctree}\n:maxdepth: 1\n\nzeta\nAlpha first <alpha>\n```\n",
        encoding="utf-8",
    )
    (tmp_path / "other.md").write_text("# Other\n\n(intro-x)=\n## The intro section {#x}\n", encoding="utf-8")
    (tmp_path / "alpha.md").write_text("# Alpha page\n", encoding="utf-8")
    (tmp_path / "zeta.md").write_text("# Zeta page\n", encoding="utf-8")
    content = load_content(tmp_path)
    html = Renderer(content).render("index").html
    assert html.count('<a href="topic:other#intro-x">The intro section</a>') == 3
    assert '<a href="topic:other">Other</a>' in html
    assert '<a href="topic:zeta">Zeta page</a>' in html
    assert '<a href="topic:alpha">Alpha first</a>' in html
    assert "<a " + 'href="topic:other#intro-x"></a>' not in html
    assert content.top_level == ["index", "zeta", "alpha", "other"]  # the toctree orders the tree
