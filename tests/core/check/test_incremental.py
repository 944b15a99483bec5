"""The check cache: unchanged topics are not read again, yet a change to a linked page is seen."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from reader.core.check import check_content, workers
from reader.core.content.loader import load_content
from reader.core.storage import user_cache_dir
from tests.helpers.content import topic

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.check.facts import TopicFacts
    from reader.core.content.model import ContentRoot, Topic
    from reader.core.render.markdown import Renderer


@pytest.fixture
def read_topics(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the topics the check reads (in this process), in order."""
    seen: list[str] = []
    real = workers.topic_facts

    def recording(content: ContentRoot, topic: Topic, renderer: Renderer, render: bool = False) -> TopicFacts:
        seen.append(topic.id)
        return real(content, topic, renderer, render)

    monkeypatch.setattr(workers, "topic_facts", recording)
    return seen


def _check(root: Path) -> list[str]:
    return [
        f"{problem.path}:{problem.line}: {problem.message}"
        for problem in check_content(load_content(root), use_cache=True)
    ]


def _edit(path: Path, text: str) -> None:
    """Rewrite ``path`` and move its modification time on, as an editor saving it later would."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_removing_a_heading_another_page_links_to_reports_the_linker(make_content, read_topics):
    root = make_content(
        {
            "a.md": topic("A", "See [how to use B](b.md#usage).\n"),
            "b.md": topic("B", "## Usage\n\nCall it.\n"),
            "c.md": topic("C", "Plain text.\n"),
        }
    )
    assert _check(root) == []
    assert set(read_topics) == {"a", "b", "c"}  # b twice: read quickly, then rendered for its anchors
    read_topics.clear()

    _edit(root / "b.md", topic("B", "## Something else\n\nCall it.\n"))
    assert _check(root) == ["a.md:7: link to missing anchor '#usage': b.md#usage"]
    assert set(read_topics) == {"b"}  # a and c came from the check cache; a's link was judged again


def test_an_unchanged_root_is_not_read_again_and_reports_the_same(make_content, read_topics):
    root = make_content(
        {
            "a.md": topic("A", "[gone](gone.md) and ![pic](missing.png)\n"),
            "b.md": topic("B", "{{ Macro() }} [a](a.md)\n"),
        }
    )
    first = _check(root)
    assert len(first) == 3
    read_topics.clear()
    assert _check(root) == first
    assert read_topics == []


def test_deleting_a_topic_reports_the_quickly_read_page_that_linked_to_it(make_content, read_topics):
    root = make_content({"a.md": topic("A", "Go on to [b](b.md).\n"), "b.md": topic("B", "Text.\n")})
    assert _check(root) == []
    (root / "b.md").unlink()
    read_topics.clear()
    assert _check(root) == ["a.md:7: link to missing topic 'b': b.md"]
    assert read_topics == ["a"]  # read quickly before; rendered now that a link is broken


def test_adding_the_missing_image_clears_the_problem(make_content):
    root = make_content({"a.md": topic("A", "![pic](pic.png)\n")})
    assert _check(root) == ["a.md:7: image not found: pic.png"]
    (root / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert _check(root) == []


def test_a_damaged_check_cache_is_set_aside_and_the_check_still_runs(make_content):
    root = make_content({"a.md": topic("A", "[gone](gone.md)\n")})
    expected = _check(root)
    cache_files = list((user_cache_dir() / "check").glob("*.check"))
    assert len(cache_files) == 1
    cache_files[0].write_bytes(b"not a cache")
    assert _check(root) == expected
    assert list(cache_files[0].parent.glob("*.corrupt-*"))


def test_changing_the_slug_a_site_link_uses_reports_the_linker(make_content, read_topics):
    root = make_content(
        {
            "a.md": topic("A", "Read [the models page](/docs/guide/models).\n"),
            "b.md": "---\ntitle: B\nslug: guide/models\n---\n\nText.\n",
        }
    )
    assert _check(root) == []
    _edit(root / "b.md", "---\ntitle: B\nslug: guide/other-models\n---\n\nText.\n")
    read_topics.clear()
    problems = _check(root)
    assert len(problems) == 1
    assert problems[0].startswith("a.md:7: link will be refused: Refused a site link that points outside")
