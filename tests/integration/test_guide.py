"""The bundled guide stays clean: `--check` finds nothing, and it covers what issue #3 promises."""

from __future__ import annotations

from reader.cli import main
from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.resources import guide_root


def test_bundled_guide_has_no_problems(capsys):
    assert main(["--check"]) == 0, capsys.readouterr().out


def test_guide_size_and_front_matter():
    content = load_content(guide_root())
    files = [topic for topic in content.topics.values() if topic.path is not None]
    assert len(files) >= 25
    for topic in files:
        assert topic.summary, topic.id
        assert any(url.startswith("https://") for url in topic.sources), topic.id


def test_every_request_flow_component_has_a_topic():
    content = load_content(guide_root())
    for component in (
        "browser",
        "wsgi-asgi",
        "middleware",
        "url-dispatcher",
        "views",
        "models",
        "database",
        "templates",
        "response",
        "errors",
    ):
        assert f"request-flow/{component}" in content.topics


def test_checker_runs_without_extra_checks_too():
    assert check_content(load_content(guide_root())) == []
