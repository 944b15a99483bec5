"""The link router: each kind of link becomes one intent signal; only web links reach the browser."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QDesktopServices

from reader.core.content.loader import ContentRoot, load_content
from reader.core.links import LinkKind
from reader.ui.page.link_router import LinkRouter
from tests.helpers.content import topic

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture
def content(make_content: Callable[[dict[str, str | bytes]], Path]) -> ContentRoot:
    return load_content(make_content({"intro.md": topic("Intro"), "flow/views.md": topic("Views")}))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toString()) or True)
    return urls


def test_topic_and_anchor_links(qtbot, content: ContentRoot, opened: list[str]) -> None:
    router = LinkRouter(content)
    with qtbot.waitSignal(router.topic_requested, timeout=1000) as requested:
        assert router.route("flow/views.md#urls", "intro").kind is LinkKind.TOPIC
    assert requested.args == ["flow/views", "urls"]
    with qtbot.waitSignal(router.anchor_requested, timeout=1000) as anchor:
        router.route("#details", "intro")
    assert anchor.args == ["details"]
    assert opened == []


def test_web_links_open_in_the_browser_and_are_announced(
    qtbot, content: ContentRoot, opened: list[str]
) -> None:
    router = LinkRouter(content)
    for href in ("https://docs.djangoproject.com/", "mailto:someone@example.com"):
        with qtbot.waitSignal(router.web_opened, timeout=1000) as web:
            router.route(href, "intro")
        assert web.args == [href]
    assert opened == ["https://docs.djangoproject.com/", "mailto:someone@example.com"]


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "nowhere.md", "https://exa mple.com/"]
)
def test_everything_else_is_refused_with_a_message(
    qtbot, content: ContentRoot, opened: list[str], href: str
) -> None:
    router = LinkRouter(content)
    with qtbot.waitSignal(router.refused, timeout=1000) as refused:
        router.route(href, "intro")
    assert refused.args[0]
    assert opened == []


def test_new_content_changes_what_a_topic_link_means(
    qtbot, content: ContentRoot, opened: list[str], tmp_path: Path
) -> None:
    router = LinkRouter(content)
    other = tmp_path / "other"
    other.mkdir()
    (other / "pangolin.md").write_text(topic("Pangolin"), encoding="utf-8")
    router.set_content(load_content(other))
    with qtbot.waitSignal(router.refused, timeout=1000):
        router.route("intro.md", None)
    with qtbot.waitSignal(router.topic_requested, timeout=1000) as requested:
        router.route("pangolin.md", None)
    assert requested.args == ["pangolin", ""]


def test_the_walk_through_link_asks_for_the_walk_through(qtbot, make_content, opened: list[str]) -> None:
    from reader.core.links import WALKTHROUGH_HREF

    router = LinkRouter(load_content(make_content({"index.md": topic("Home"), "diagram.toml": ""})))
    with qtbot.waitSignal(router.walkthrough_requested, timeout=1000):
        assert router.route(WALKTHROUGH_HREF, "index").kind is LinkKind.WALKTHROUGH
    assert opened == []
