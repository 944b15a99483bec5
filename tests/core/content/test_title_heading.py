"""A topic without a ``title:`` takes its first level-one heading, as GitHub would show it.

Django REST framework's ``docs/index.md`` opens with raw HTML (``<h1 ...>Django REST
Framework</h1>``) and later shows ``# Serializers define the API representation.`` inside a
Python example; the title used to be that comment.
"""

from __future__ import annotations

import re
from html import unescape

import markdown
from hypothesis import given
from hypothesis import strategies as st

from reader.core.content.lines import first_title_heading
from reader.core.content.loader import load_content

DRF_INDEX = """<div class="badges">
    <a href="https://pypi.org/project/djangorestframework/"><img src="https://img.shields.io/x.svg"></a>
</div>

---

<h1 style="position: absolute;
    width: 1px;
    clip: rect(0,0,0,0);">Django REST Framework</h1>

Django REST framework is a toolkit.

```python
# Serializers define the API representation.
class UserSerializer(serializers.HyperlinkedModelSerializer):
    pass
```
"""


def test_raw_html_heading_names_the_topic_and_code_comments_do_not(tmp_path):
    (tmp_path / "index.md").write_text(DRF_INDEX, encoding="utf-8")
    (tmp_path / "setext.md").write_text("Intro\n\nMy Project\n==========\n\n# Later\n", encoding="utf-8")
    fenced = "~~~\n# not this\n~~~\n\n    # nor this\n\n# This one\n"
    (tmp_path / "fenced.md").write_text(fenced, encoding="utf-8")
    topics = load_content(tmp_path).topics
    assert topics["index"].title == "Django REST Framework"
    assert topics["setext"].title == "My Project"
    assert topics["fenced"].title == "This one"


def test_an_attribute_list_is_not_part_of_the_title():
    assert first_title_heading("# First Steps { #first-steps }") == "First Steps"
    assert first_title_heading("Setup {: .wide }\n===") == "Setup"
    assert first_title_heading("# Sets {a, b}") == "Sets {a, b}"
    assert first_title_heading("# {#only-an-id}\n\n# Real") == "Real"


def test_unclosed_html_heading_and_list_over_equals_are_not_titles():
    assert first_title_heading("<h1>never closed\n\ntext") == ""
    assert first_title_heading("- item\n===\n") == ""
    assert first_title_heading("<h1 class='x'>A &amp; <em>B</em></h1>") == "A & B"


WORD = st.text("abcXYZ", min_size=1, max_size=6)
BLOCK = st.one_of(
    WORD.map(lambda w: f"# {w}"),
    WORD.map(lambda w: f"## {w}"),
    WORD.map(lambda w: f"{w}\n==="),
    WORD.map(lambda w: f"{w}\n---"),
    WORD.map(lambda w: f"paragraph {w}"),
    WORD.map(lambda w: f"```\n# {w}\n```"),
    WORD.map(lambda w: f"~~~python\n# {w}\n\n# {w}{w}\n~~~"),
    WORD.map(lambda w: f"text\n\n    # {w}"),  # after a list, indented lines would continue it
    WORD.map(lambda w: f"- item {w}\n- {w}"),
    WORD.map(lambda w: f"<h1>{w}</h1>"),
)


def first_h1_of_python_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["fenced_code"])
    found = re.search(r"<h1>(.*?)</h1>", html, re.S)
    return unescape(re.sub(r"<[^>]*>", "", found.group(1))).strip() if found else ""


@given(st.lists(BLOCK, max_size=8))
def test_the_title_is_the_first_h1_python_markdown_renders(blocks):
    text = "\n\n".join(blocks)
    assert first_title_heading(text) == first_h1_of_python_markdown(text)
