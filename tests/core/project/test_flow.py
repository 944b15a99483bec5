"""A URL of a hand-built map drawn as the guide's diagram model: golden JSON, topics that exist."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest

from reader.core.diagram.walkthrough import Walkthrough
from reader.core.project.flow import COLUMNS, TOPICS, request_flow
from reader.core.project.model import Middleware, ProjectMap, SourceRef, UrlPattern
from reader.resources import guide_root
from tests.helpers.paths import GOLDEN
from tests.helpers.project_map import minimal_map


def _document(project: ProjectMap, index: int) -> str:
    flow = request_flow(project, project.urls[index])
    data = {
        "diagram": dataclasses.asdict(flow.diagram),
        "sources": {node: str(source) for node, source in sorted(flow.sources.items())},
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("index", "name"), [(0, "index"), (2, "vote")])
def test_the_flow_of_a_url_matches_its_golden_file(index: int, name: str) -> None:
    project = minimal_map()
    project = dataclasses.replace(project, root="/projects/mysite")
    text = _document(project, index)
    golden = GOLDEN / "project" / f"flow_minimal_{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        f"differs from {golden.name} (UPDATE_GOLDEN=1 to accept)"
    )


def test_every_stage_topic_exists_in_the_guide() -> None:
    for topic in TOPICS.values():
        assert (guide_root() / f"{topic}.md").is_file(), topic


def test_browser_then_every_middleware_in_order_then_pattern_view_and_response() -> None:
    project = minimal_map()
    flow = request_flow(project, project.urls[2])
    steps = [step.node for step in flow.diagram.steps]
    middleware = [f"middleware-{n}" for n in range(1, len(project.middleware) + 1)]
    assert steps[: 1 + len(middleware)] == ["browser", *middleware]
    assert steps[len(middleware) + 1 :] == ["pattern", "view", "model-1", "model-2", "template-1", "response"]
    assert flow.sources["view"] == SourceRef("polls/views.py", 18)
    assert flow.sources["pattern"] == SourceRef("polls/urls.py", 9)
    cells = [(node.col, node.row) for node in flow.diagram.nodes]
    assert len(cells) == len(set(cells)), "two cards on one cell"
    assert all(0 <= col < COLUMNS for col, _row in cells)
    for edge in flow.diagram.edges:  # every arrow joins two drawn cards
        assert flow.diagram.node(edge.source)
        assert flow.diagram.node(edge.target)
    walk = Walkthrough(flow.diagram)
    assert walk.start()
    assert walk.topic() == "request-flow/browser"


def test_a_url_whose_view_was_not_resolved_still_draws_without_sources() -> None:
    pattern = UrlPattern("api/", SourceRef("urls.py", 3), view_text="router.urls")
    project = ProjectMap(
        root="/p", urls=(pattern,), middleware=(Middleware(1, "x.Mine", SourceRef("x.py", 2)),)
    )
    flow = request_flow(project, pattern)
    assert flow.diagram.node("view") is not None
    assert flow.diagram.node("view").caption == "not found in source"
    assert flow.diagram.node("middleware-1").kind == "app"  # the project's own middleware
    assert "view" not in flow.sources
    assert flow.diagram.edge("view", "response") is not None
