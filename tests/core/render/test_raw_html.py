"""Raw HTML in topics: the safe subset renders, nothing active ever passes (hypothesis)."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.content.model import Topic
from reader.core.render.markdown import Renderer
from reader.core.render.raw_html import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.helpers.paths import SAMPLE

_TAGS = [*sorted(ALLOWED_TAGS), "script", "style", "iframe", "form", "input", "object", "embed", "svg",
         "math", "textarea", "button", "link", "meta", "base", "frame", "template"]  # fmt: skip
_ATTRIBUTES = ["id", "class", "href", "src", "alt", "style", "onclick", "onerror", "onload", "formaction",
               "srcdoc", "width", "title", "name", "action", "xlink:href", "data-x"]  # fmt: skip
_VALUES = ["x", "flow/views.md", "https://ok.example/", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
           "data:text/html,<b>", "file:///etc/passwd", "../../etc/passwd", "/etc/passwd", "#a",
           "vbscript:x", "color: red", "alert(1)", "expression(alert(1))", "pic.png"]  # fmt: skip

_EVENT_OR_STYLE = ("on", "style", "formaction", "srcdoc", "action")


@st.composite
def _fragments(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(st.sampled_from(_TAGS))
        attrs = draw(st.lists(st.tuples(st.sampled_from(_ATTRIBUTES), st.sampled_from(_VALUES)), max_size=3))
        text = draw(
            st.sampled_from(["text", "", "<!-- hidden -->", "**bold**", "{{ macro }}", "&ZeroWidthSpace;"])
        )
        rendered = "".join(f' {name}="{value}"' for name, value in attrs)
        parts.append(
            f"<{tag}{rendered}>{text}</{tag}>" if draw(st.booleans()) else f"<{tag}{rendered}>{text}"
        )
    joiner = draw(st.sampled_from(["", "\n", "\n\n", " "]))
    return joiner.join(parts)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


@settings(max_examples=300, deadline=None)
@given(_fragments())
def test_raw_html_keeps_only_the_safe_subset(fragment):
    content = load_content(SAMPLE)
    content.topics["flow/raw"] = Topic("flow/raw", None, "Raw", text=fragment)
    page = Renderer(content).render("flow/raw")
    parser = _Collect()
    parser.feed(page.html)
    assert parser.comments == []
    renderer_tags = {
        "h1",
        "p",
        "a",
        "table",
        "tr",
        "td",
        "span",
        "br",
        "h2",
        "ul",
        "li",
        "pre",
        "code",
        "div",
        "b",
    }
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS or tag in renderer_tags, tag
        for name, value in attrs.items():
            assert not name.startswith(_EVENT_OR_STYLE) or (
                tag in {"pre", "span", "table"} and name == "style"
            ), (
                tag,
                name,
            )
            allowed = ALLOWED_ATTRIBUTES.get(tag, ALLOWED_ATTRIBUTES["*"])
            assert name in allowed or name in {
                "cellpadding",
                "width",
                "bgcolor",
                "align",
                "class",
                "title",
                "name",
            }
            if name == "href":
                assert value.startswith(("topic:", "https://", "#", "copy-code:")), value
            if name == "src":
                assert value.startswith("content:"), value


def test_raw_links_and_images_follow_the_one_link_policy():
    content = load_content(SAMPLE)
    text = (
        '<p><a href="flow/views.md#writing-a-view">in</a> <a href="javascript:x()">bad</a> '
        '<img src="../nope.png" alt="gone"></p>'
    )
    content.topics["raw"] = Topic("raw", None, "Raw", text=text)
    page = Renderer(content).render("raw")
    assert '<a href="topic:flow/views#writing-a-view">in</a>' in page.html
    assert "<a>bad</a>" in page.html
    assert "[image outside the content root refused: gone]" in page.html
    assert page.links == ["flow/views.md#writing-a-view", "javascript:x()"]
    assert page.images == ["../nope.png"]
