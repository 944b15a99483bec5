"""The render caps refuse what would be slow and let real long pages through.

Release notes such as Django REST framework's (``docs/community/release-notes.md``, 180 KB) end
in runs of hundreds of reference definitions, some after an HTML comment; Python-Markdown takes
such a run quickly, so it must not count as re-scanned text. Definitions that each follow a line
of text are slow (each one re-reads the rest of the paragraph) and stay counted.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.render.limits import render_limit
from reader.core.render.markdown import Renderer


def release_notes(sections: int = 120, definitions: int = 1_200) -> str:
    """A long changelog shaped like DRF's: sections of linked items, then grouped definitions."""
    parts = ["# Release notes\n"]
    for number in range(sections):
        parts.append(f"## 3.{number}.x series\n\n### 3.{number}.0\n\n**Date**: 1st May 2024\n")
        parts.extend(f"* Fix {item} of {number} [#{number}{item}][gh{number}{item}]" for item in range(8))
        parts.append("")
    for group in range(0, definitions, 60):
        parts.append(f"<!-- 3.{group} -->")
        parts.extend(
            f"[gh{index}]: https://github.com/encode/django-rest-framework/issues/{index}"
            for index in range(group, group + 60)
        )
        parts.append("")
    return "\n".join(parts)


def test_long_release_notes_are_shown(tmp_path):
    text = release_notes()
    assert len(text) > 80_000
    assert render_limit(text) is None
    (tmp_path / "index.md").write_text("---\ntitle: Release notes\n---\n" + text, encoding="utf-8")
    page = Renderer(load_content(tmp_path)).render("index")
    assert "not shown" not in page.html
    assert 'href="https://github.com/encode/django-rest-framework/issues/' in page.html


def test_definitions_that_each_follow_text_are_refused():
    text = "".join(f"text {i} here\n[r{i}]: https://example.com/p/{i}\n" for i in range(3_000))
    limit = render_limit(text)
    assert limit is not None
    assert "to render quickly" in limit.message


definition = st.builds(lambda n: f"[d{n}]: https://example.com/{n}", st.integers(0, 10**6))
separator = st.sampled_from(["", "<!-- group -->"])


@given(st.lists(st.tuples(separator, st.lists(definition, min_size=1, max_size=400)), max_size=8))
@example([("<!-- group -->", [f"[d{n}]: https://example.com/{n}" for n in range(900)])])
def test_runs_of_definitions_never_count_as_rescanned(groups):
    text = "\n\n".join("\n".join(([head] if head else []) + run) for head, run in groups)
    assert render_limit(text) is None
