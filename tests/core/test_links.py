"""The link policy: what each kind of href becomes, and that nothing unsafe is ever 'web'."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.links import (
    WEB_SCHEMES,
    ImageRefusal,
    LinkKind,
    classify,
    image_path,
    image_refusal,
    is_openable,
    is_web_scheme,
)
from tests.helpers.content import topic


@pytest.fixture
def content(make_content):
    return load_content(
        make_content(
            {
                "index.md": topic("Home"),
                "flow/index.md": topic("Flow", "## Step one\n"),
                "flow/views.md": topic("Views"),
                "security/csrf.md": topic("CSRF"),
            }
        )
    )


@pytest.mark.parametrize(
    ("href", "current", "kind", "topic_id", "anchor"),
    [
        ("#step-one", "flow", LinkKind.ANCHOR, "flow", "step-one"),
        ("views.md", "flow", LinkKind.TOPIC, "flow/views", ""),
        ("views.md#x", "flow/views", LinkKind.TOPIC, "flow/views", "x"),
        ("../security/csrf.md#how", "flow/views", LinkKind.TOPIC, "security/csrf", "how"),
        ("flow/index.md", "index", LinkKind.TOPIC, "flow", ""),
        ("../index.md", "flow/views", LinkKind.TOPIC, "index", ""),
        ("topic:flow/views#a", "index", LinkKind.TOPIC, "flow/views", "a"),
        ("missing.md", "flow", LinkKind.MISSING, "flow/missing", ""),
        ("topic:nowhere", "index", LinkKind.MISSING, "nowhere", ""),
    ],
)
def test_internal_links(content, href, current, kind, topic_id, anchor):
    target = classify(href, content, current)
    assert (target.kind, target.topic_id, target.anchor) == (kind, topic_id, anchor)


@pytest.mark.parametrize(
    "href",
    [
        "https://docs.djangoproject.com/en/stable/",
        "http://example.com/a?b#c",
        "mailto:someone@example.com",
        "HTTPS://EXAMPLE.COM",
    ],
)
def test_web_links(content, href):
    assert classify(href, content, "index").kind is LinkKind.WEB


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox",
        "ftp://example.com/",
        "custom-app://open",
        "//evil.example/x",
        "https:///nohost",
        "https://example.com/\x00",
        "http://example.com/\n",
        "https://example.com/" + "a" * 3000,
        "",
        "../../etc/passwd",
        "/etc/passwd",
    ],
)
def test_refused_links(content, href):
    target = classify(href, content, "flow/views")
    assert target.kind is LinkKind.REFUSED
    assert target.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_only_web_schemes_are_ever_web(content, href):
    target = classify(href, content, "flow/views")
    if target.kind is LinkKind.WEB:
        scheme = href.strip().split(":", 1)[0].lower()
        assert scheme in {"http", "https", "mailto"}
        assert not any(ord(char) < 32 for char in href)
    if target.kind in (LinkKind.REFUSED, LinkKind.MISSING):
        assert target.message


def test_topic_links_survive_special_characters(make_content):
    from reader.core.links import topic_href

    content = load_content(make_content({"what?.md": topic("Q"), "c#.md": topic("C"), "100%.md": topic("P")}))
    for topic_id in ("what?", "c#", "100%"):
        target = classify(topic_href(topic_id, "a b#c"), content, None)
        assert (target.kind, target.topic_id, target.anchor) == (LinkKind.TOPIC, topic_id, "a b#c")


@pytest.mark.parametrize(
    "href",
    [
        "mailto:a@b.c?attach=/home/u/.ssh/id_rsa",
        "mailto:a@b.c?subject=x&Attachment=f",
        "mailto:a@b.c?%61ttach=%2Fetc%2Fpasswd",
    ],
)
def test_mail_links_that_attach_files_are_refused(content, href):
    assert classify(href, content, "index").kind is LinkKind.REFUSED


@pytest.mark.parametrize(
    ("href", "openable"),
    [
        ("https://docs.djangoproject.com/", True),
        ("HTTP://example.com/a", True),
        ("mailto:security@djangoproject.com", True),
        ("mailto:a@example.com?attach=/etc/passwd", False),
        ("https://", False),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("topic:index", False),
        ("other.md", False),
    ],
)
def test_is_openable_is_the_one_answer_for_sources_and_links_outside_a_guide(href, openable):
    assert is_openable(href) is openable
    assert is_web_scheme(href.split(":", 1)[0]) is (href.split(":", 1)[0].lower() in WEB_SCHEMES)


@pytest.mark.parametrize(
    ("src", "folder", "refusal", "path"),
    [
        ("img/a.png", "flow", None, "flow/img/a.png"),
        ("../img/a.png", "flow", None, "img/a.png"),
        ("a/../b.png", "", None, "b.png"),
        ("../a.png", "", ImageRefusal.OUTSIDE, None),
        ("/etc/a.png", "", ImageRefusal.OUTSIDE, None),
        ("..", "", ImageRefusal.OUTSIDE, None),
        ("https://example.com/a.png", "", ImageRefusal.REMOTE, None),
        ("//example.com/a.png", "", ImageRefusal.REMOTE, None),
        ("data:image/png;base64,AAAA", "", ImageRefusal.REMOTE, None),
    ],
)
def test_one_image_rule(src, folder, refusal, path):
    assert image_refusal(src, folder) is refusal
    if path is not None:
        assert image_path(src, folder) == path


@pytest.mark.parametrize(
    "href",
    ["https://example.com/a%0Ab", "https://example.com/%0d%0aSet-Cookie:x", "mailto:a@b.c%0d%0abcc:e@x"],
)
def test_percent_encoded_control_characters_are_refused_by_the_policy_itself(href) -> None:
    """--check, the renderer and every opener refuse what the click would refuse: one policy."""
    target = classify(href, None, None)
    assert target.kind is LinkKind.REFUSED
    assert "control characters" in target.message
    assert not is_openable(href)


def test_a_link_to_the_diagram_file_is_its_walk_through(make_content) -> None:
    from reader.core.links import WALKTHROUGH_HREF

    with_diagram = load_content(
        make_content({"index.md": topic("Home"), "flow/views.md": topic("Views"), "diagram.toml": ""})
    )
    for href, current in [
        ("diagram.toml", "index"),
        ("../diagram.toml", "flow/views"),
        (WALKTHROUGH_HREF, ""),
    ]:
        assert classify(href, with_diagram, current).kind is LinkKind.WALKTHROUGH, href
    assert classify("flow/diagram.toml", with_diagram, "index").kind is LinkKind.MISSING  # only the root's
    assert not is_openable("diagram.toml")  # never handed to the desktop


def test_a_walk_through_link_without_a_diagram_is_missing_and_says_why(content) -> None:
    target = classify("diagram.toml", content, "index")
    assert target.kind is LinkKind.MISSING
    assert "no diagram.toml" in target.message
