"""Front matter: parsed exactly as Python-Markdown's ``meta`` extension parses it."""

from __future__ import annotations

import subprocess
import sys

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content.front_matter import markdown_body, parse_front_matter

_keys = st.sampled_from(["title", "order", "summary", "sources", "x-y", "Key_2"])
# Values that start like YAML (quotes, flow lists, comments, "- " items) make a fenced block YAML.
_YAML_STARTS = ("'", '"', "[", "{", "|", ">", "&", "*", "!", "#", "- ")
_values = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
    .map(str.strip)
    .filter(lambda value: not value.startswith(_YAML_STARTS))
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_keys, _values, st.lists(_values.filter(bool), max_size=3)), min_size=1, max_size=5),
    st.booleans(),
    st.text(max_size=60),
)
def test_front_matter_matches_markdown_meta(entries, fenced, body):
    lines = ["---"] if fenced else []
    for key, value, more in entries:
        lines.append(f"{key}: {value}")
        lines.extend(f"    {item}" for item in more)
    if fenced:
        lines.append("---")
    text = "\n".join([*lines, "", body])
    md = markdown.Markdown(extensions=["meta"])
    md.convert(text)
    assert parse_front_matter(text).values == md.Meta  # type: ignore[attr-defined]


def test_body_start_line_first_values_and_problems():
    meta = parse_front_matter("---\nTitle: T\nsources: a\n    b\n---\n\n# Body\n")
    assert meta.first("title") == "T"
    assert meta.values["sources"] == ["a", "b"]
    assert meta.first("missing") == ""
    assert meta.body_start_line == 6
    broken = parse_front_matter("title: T\nnot a key line\n")
    assert broken.problems == [(2, "front matter line is not 'key: value': 'not a key line'")]
    assert parse_front_matter("# Just a body\n").body_start_line == 1


YAML_TOPIC = """---
# written for a static site generator
title: "Models: the ORM"
slug: Learn/Django/Models
short-title: Models
tags: [django, orm]

summary: >-
  Models describe
  your data.
sources:
  - https://a.example/x
  - url: https://b.example/y
    title: B
order: 3
draft: false
---
# Body
"""


def test_yaml_front_matter_is_read_with_a_yaml_parser():
    meta = parse_front_matter(YAML_TOPIC)
    assert meta.problems == []
    assert meta.first("title") == "Models: the ORM"
    assert meta.first("summary") == "Models describe your data."
    assert meta.values["sources"] == ["https://a.example/x", "https://b.example/y"]
    assert meta.values["tags"] == ["django", "orm"]
    assert meta.first("order") == "3"
    assert meta.first("draft") == "false"
    assert markdown_body(YAML_TOPIC) == "# Body\n"


def test_a_yaml_error_is_reported_with_its_line_and_the_block_stays_off_the_page():
    text = '---\ntitle: "Unclosed\nsources:\n  - a\n  b: [\n---\nBody text\n'
    meta = parse_front_matter(text)
    assert len(meta.problems) == 1
    line, message = meta.problems[0]
    assert message.startswith("front matter is not valid YAML")
    assert 2 <= line <= 6
    assert markdown_body(text) == "Body text\n"


def test_meta_style_blocks_never_need_yaml():
    code = (
        "import sys; from reader.core.content.front_matter import markdown_body, parse_front_matter as p; "
        "p('---\\ntitle: T\\nsources: a\\n    b\\n---\\nBody'); sys.exit('yaml' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


_yaml_scalars = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "summary", "slug", "short-title", "x_y"]),
        _yaml_scalars | st.lists(_yaml_scalars, min_size=1, max_size=3),
        min_size=1,
    ),
    st.text(max_size=60),
)
def test_yaml_front_matter_round_trips(data, body):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body
    meta = parse_front_matter(text)
    assert meta.problems == []
    for key, value in data.items():
        expected = value if isinstance(value, list) else [value]
        assert meta.values[key] == [str(item).strip() for item in expected]
    assert markdown_body(text) == body


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_front_matter_never_raises(text):
    meta = parse_front_matter("---\n" + text)
    assert all(line >= 1 for line, _message in meta.problems)
