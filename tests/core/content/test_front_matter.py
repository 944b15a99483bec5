"""Front matter: parsed exactly as Python-Markdown's ``meta`` extension parses it."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content.front_matter import parse_front_matter

_keys = st.sampled_from(["title", "order", "summary", "sources", "x-y", "Key_2"])
_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)


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
