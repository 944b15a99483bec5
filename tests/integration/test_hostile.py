"""Hostile content and links: clear messages, no crash, nothing read outside the root, nothing opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QApplication

from reader.cli import main
from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.links import LinkKind, classify
from reader.core.render.markdown import Renderer
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.hostile_content import build_hostile_content
from tests.helpers.resources import is_refused

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    return build_hostile_content(tmp_path_factory.mktemp("hostile") / "content")


def messages_for(problems, path: str) -> str:
    return " | ".join(problem.message for problem in problems if problem.path == path)


def test_every_bad_file_gets_a_clear_message(hostile_root):
    problems = check_content(load_content(hostile_root))
    assert "not valid UTF-8" in messages_for(problems, "latin1.md")
    assert "empty" in messages_for(problems, "empty.md")
    assert "binary" in messages_for(problems, "binary.md")
    assert "too large" in messages_for(problems, "huge.md")
    assert "whole number" in messages_for(problems, "broken-front-matter.md")
    assert "not 'key: value'" in messages_for(problems, "broken-front-matter.md")
    assert "missing topic 'nowhere'" in messages_for(problems, "index.md")
    assert "missing anchor '#nope'" in messages_for(problems, "index.md")
    assert "duplicate title" in messages_for(problems, "same-title-1.md")
    assert "nests blocks deeper" in messages_for(problems, "deep-markdown.md")
    assert "outside the content root" in messages_for(problems, "escaping-image.md")
    assert "remote image" in messages_for(problems, "remote-image.md")
    assert "javascript:" in messages_for(problems, "hostile-links.md")
    assert "file:" in messages_for(problems, "hostile-links.md")
    assert "longer than" in messages_for(problems, "hostile-links.md")
    assert "symbolic link to a folder skipped" in messages_for(problems, "loop/again/")
    assert "leaves the content root" in messages_for(problems, "leak.md")
    assert any("nested deeper" in problem.message for problem in problems)


def test_nothing_outside_the_root_is_loaded(hostile_root):
    content = load_content(hostile_root)
    assert "leak" not in content.topics
    assert all(topic.title != "Secret outside" for topic in content.topics.values())
    assert all(
        topic.path is None or topic.path.resolve().is_relative_to(hostile_root.resolve())
        for topic in content.topics.values()
    )


def test_good_topics_keep_working(hostile_root):
    content = load_content(hostile_root)
    renderer = Renderer(content)
    assert renderer.render("cycle-a").error is None
    assert 'href="topic:cycle-b"' in renderer.render("cycle-a").html
    for topic_id in content.walk():
        page = renderer.render(topic_id)
        assert page.html.startswith("<h1>")
    assert renderer.render("latin1").error
    assert renderer.render("huge").error


def test_raw_html_passes_only_the_safe_subset(hostile_root):
    html = Renderer(load_content(hostile_root)).render("hostile-links").html
    assert "<b>raw html</b>" in html
    assert 'href="javascript:' not in html
    page = Renderer(load_content(hostile_root)).render("hostile-html")
    lowered = page.html.lower()
    for forbidden in (
        "<script",
        "alert(",
        "<style",
        "display: none",
        "<iframe",
        "<form",
        "<input",
        "<button",
        "onclick",
        "onerror",
        'style="color',
        "hidden comment",
        "evil.example",
        "etc/passwd",
    ):
        assert forbidden not in lowered, forbidden
    assert '<a name="kept-anchor"></a>' in page.html
    assert "kept-anchor" in page.anchors
    assert 'href="topic:hostile-links"' in page.html
    assert "[image outside the content root refused: secret]" in page.html
    assert "[remote image not loaded: tracker]" in page.html


def test_check_command_exits_1(hostile_root, capsys):
    assert main(["--check", str(hostile_root)]) == 1
    assert len(capsys.readouterr().out.splitlines()) >= 18


HOSTILE_HREFS = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,hi",
    "vbscript:x",
    "myapp://open",
    "https://example.com/" + "a" * 3000,
    "https://exa\x00mple.com/",
    "http://example.com/\x1b[31m",
    "../../etc/passwd",
]


@pytest.mark.parametrize("href", HOSTILE_HREFS)
def test_hostile_links_are_never_web(hostile_root, href):
    assert classify(href, load_content(hostile_root), "index").kind is LinkKind.REFUSED


def test_window_survives_every_topic_and_opens_nothing(qtbot, hostile_root, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    window = MainWindow(hostile_root, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    for topic_id in window.library.content.walk():
        assert window.navigator.open_topic(topic_id)
    window.navigator.open_topic("hostile-links")
    for href in HOSTILE_HREFS:
        window.page.anchorClicked.emit(QUrl(href))
        assert window.statusBar().currentMessage()
    assert opened == []
    image = QTextDocument.ResourceType.ImageResource.value
    assert not is_refused(window.page.loadResource(image, QUrl("content:../../etc/passwd")))  # a placeholder
    assert is_refused(window.page.loadResource(image, QUrl("https://example.com/pixel.png")))
    assert is_refused(window.page.loadResource(image, QUrl("file:///etc/passwd")))


def test_reopening_topics_leaks_no_widgets(qtbot, hostile_root):
    window = MainWindow(hostile_root, settings=Settings())
    qtbot.addWidget(window)
    topic_ids = window.library.content.walk()
    for topic_id in topic_ids:
        window.navigator.open_topic(topic_id)
    widgets_after_one_round = len(QApplication.allWidgets())
    for _ in range(3):
        for topic_id in topic_ids:
            window.navigator.open_topic(topic_id)
            window.navigator.go_back()
    assert len(QApplication.allWidgets()) == widgets_after_one_round
