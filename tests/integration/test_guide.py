"""The bundled guide stays clean: `--check` finds nothing, and it covers what issues #3 and #16 promise."""

from __future__ import annotations

import re

from reader.cli import main
from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.resources import guide_root


def test_bundled_guide_has_no_problems(capsys):
    assert main(["--check"]) == 0, capsys.readouterr().out


def test_guide_size_and_front_matter():
    content = load_content(guide_root())
    files = [topic for topic in content.topics.values() if topic.path is not None]
    assert len(files) >= 56
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


NEW_TOPICS = (
    "foundations/projects-and-apps",
    "foundations/settings",
    "foundations/app-registry",
    "foundations/management-commands",
    "data/migrations",
    "data/admin",
    "forms-and-users/forms",
    "forms-and-users/form-lifecycle",
    "forms-and-users/authentication",
    "forms-and-users/permissions",
    "shipping/static-files",
    "shipping/media-files",
    "shipping/testing",
    "shipping/deployment",
    "beyond/async",
    "beyond/background-tasks",
    "beyond/signals",
    "beyond/email",
)
CHAPTERS = ("introduction", "foundations", "request-flow", "data", "forms-and-users", "security", "shipping")
CHAPTERS += ("beyond", "scaling", "project")
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
LINK_RE = re.compile(r"(?<!!)\[[^\]]+\]\((?P<href>[^)\s]+)\)")


def test_new_topics_are_real_pages():
    content = load_content(guide_root())
    for topic_id in NEW_TOPICS:
        topic = content.topics[topic_id]
        text = (guide_root() / f"{topic_id}.md").read_text("utf-8")
        assert topic.summary, topic_id
        assert any(url.startswith("https://docs.djangoproject.com/") for url in topic.sources), topic_id
        assert "## Where it lives in Django's code" in text, topic_id
        assert "!!! warning" in text, topic_id
        assert len(LINK_RE.findall(text)) >= 3, topic_id
        incoming = [
            t
            for t in content.topics.values()
            if t.path and t.id != topic_id and topic_id.split("/")[-1] + ".md" in t.path.read_text("utf-8")
        ]
        assert incoming, f"no page links to {topic_id}"


def test_chapters_end_with_what_you_now_know_and_a_link_onward():
    order = [load_content(guide_root()).topics[c].order for c in CHAPTERS]
    assert order == sorted(order), "chapter order must follow the reading path"
    for chapter in CHAPTERS:
        text = (guide_root() / chapter / "index.md").read_text("utf-8")
        tail = text.split("## What you now know", 1)
        assert len(tail) == 2, chapter
        assert LINK_RE.search(tail[1]), f"{chapter}: no link onward"


def test_welcome_page_offers_two_routes():
    text = (guide_root() / "index.md").read_text("utf-8")
    assert "15-minute tour" in text
    assert "full path" in text
    for chapter in CHAPTERS:
        assert f"({chapter}/index.md)" in text, chapter


def test_at_least_five_figures_with_alt_text():
    figures = set()
    for page in guide_root().rglob("*.md"):
        for m in IMAGE_RE.finditer(page.read_text("utf-8")):
            assert len(m.group("alt")) >= 40, f"{page.name}: alt text too short"
            target = (page.parent / m.group("src")).resolve()
            assert target.is_file(), target
            figures.add(target)
    assert len(figures) >= 5
    for figure in figures:
        svg = figure.read_text("utf-8")
        assert "<title>" in svg, figure.name
        assert "<desc>" in svg, figure.name
        assert "<image" not in svg, figure.name
        assert "http://" not in svg.replace("http://www.w3.org/2000/svg", ""), figure.name


def test_diagram_shows_where_forms_and_auth_touch_the_flow():
    from reader.core.diagram.toml_reader import load_diagram

    diagram, _ = load_diagram(guide_root())
    assert diagram is not None
    topics = {node.id: node.topic for node in diagram.nodes}
    assert topics["auth"] == "forms-and-users/authentication"
    assert topics["forms"] == "forms-and-users/forms"
    steps = {step.node: step.sentence for step in diagram.steps if step.node}
    assert "request.user" in steps["auth"]
    assert "is_valid()" in steps["forms"]
