"""The project map's JSON shape: what ``--dump-map`` prints."""

from __future__ import annotations

import json

from reader.core.project.model import (
    SCHEMA_VERSION,
    Origin,
    ProjectMap,
    SourceRef,
    UrlPattern,
    View,
)


def test_to_json_gives_plain_values_that_json_can_write() -> None:
    ref = SourceRef("polls/views.py", 12)
    project = ProjectMap(
        root="/p",
        urls=(
            UrlPattern(
                "polls/<int:question_id>/",
                SourceRef("polls/urls.py", 5),
                name="polls:detail",
                view="polls.views.detail",
            ),
        ),
        views=(View("polls.views.detail", "function", ref, parameters=("question_id",)),),
    )
    data = json.loads(json.dumps(project.to_json()))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["urls"][0]["provenance"] == "read from source"
    assert data["urls"][0]["source"] == {"file": "polls/urls.py", "line": 5, "origin": "project"}
    assert data["views"][0]["parameters"] == ["question_id"]
    assert project.view("polls.views.detail") is project.views[0]
    assert project.view("missing") is None
    assert str(ref) == "polls/views.py:12"
    assert Origin("third-party") is Origin.THIRD_PARTY
