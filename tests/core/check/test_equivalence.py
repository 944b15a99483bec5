"""The check reports the same problems however it runs: in workers or not, cached or not, with
pages read quickly or all rendered."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.check import check_content, facts, workers
from reader.core.content.loader import load_content
from tests.helpers.content import topic
from tests.helpers.paths import REALWORLD, SAMPLE


def _lines(root: Path, **options: object) -> list[str]:
    problems = check_content(load_content(root), **options)  # type: ignore[arg-type]
    return [f"{problem.path}:{problem.line}: {problem.message}" for problem in problems]


def _rendering_everything(root: Path) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(facts, "quick_links", lambda *_args: None)
        return _lines(root)


@pytest.mark.parametrize("root", [REALWORLD, SAMPLE], ids=["realworld", "sample"])
def test_workers_and_the_check_cache_report_what_a_plain_run_reports(root, monkeypatch):
    plain = _lines(root)
    assert plain == _rendering_everything(root)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 2)  # several chunks even for a small root
    assert _lines(root, jobs=2) == plain
    assert _lines(root, jobs=2, use_cache=True) == plain  # fills the check cache
    assert _lines(root, jobs=2, use_cache=True) == plain  # answered from it
    if root is REALWORLD:
        assert plain, "the real-world fixture has problems to report"


FRAGMENTS = (
    "Plain words.",
    "[b](b.md)",
    "[b](b.md#usage)",
    "[gone](gone.md)",
    "`[code](gone.md)`",
    "    [indented](gone.md)",
    "```\n[fenced](gone.md)\n```",
    "![pic](pic.png)",
    '<a href="gone.md">raw</a>',
    "<!-- [hidden](gone.md) -->",
    "http://example.com/x",
    "ftp://example.com/x",
    "[ref][r]",
    "[r]: gone.md",
    "{{ Macro('x') }}",
    "[web](https://example.com)",
    "[tricky](https://good.example@evil.example/)",
    "[bad](javascript:alert(1))",
    "[s](/b)",
    "## Usage",
    "[self](#usage)",
    "[TOC]",
    "> [a](a.md)",
    "- [b](b.md)\n    - [gone](gone.md)",
    "\\[not](gone.md)",
    "[x] (gone.md)",
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    a=st.lists(st.sampled_from(FRAGMENTS), max_size=6),
    b=st.lists(st.sampled_from(FRAGMENTS), max_size=6),
)
def test_reading_pages_quickly_never_changes_what_is_reported(a, b):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.md").write_text(topic("A", "\n\n".join(a)), encoding="utf-8")
        (root / "b.md").write_text(topic("B", "\n\n".join(b)), encoding="utf-8")
        assert _lines(root) == _rendering_everything(root)


@pytest.mark.parametrize(
    "body",
    ["- item\n" * 2100, "- - item\n" * 1100, "x" * 12_000, "&" * 2_100],
    ids=["list items", "nested on one line", "unbroken run", "entities"],
)
def test_a_page_the_layout_budget_cuts_is_rendered_and_reported(make_content, body):
    root = make_content({"a.md": topic("A", body)})
    assert _lines(root) == _rendering_everything(root)
    assert any("shown only in part" in line for line in _lines(root))
