"""Property tests: whatever Markdown a topic holds, its HTML loads into a QTextDocument, shows the
title, and keeps only the links and images the policy allows, with no active raw HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from reader.core.content.model import Topic
from reader.core.render.markdown import Renderer
from reader.ui.page.view import PageView
from tests.helpers.property_support import (
    ACTIVE_TAGS,
    EXAMPLES,
    FUZZ_TOPIC,
    WEB_SCHEMES,
    _inline_text,
    _printable,
    copy_sample_content,
    hrefs,
)
from tests.helpers.resources import is_refused


@pytest.fixture(scope="module")
def sample_content(qapp, tmp_path_factory):
    return copy_sample_content(tmp_path_factory)


# --- (a) renderer output is valid for QTextBrowser ------------------------------------------------

_raw_html = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<iframe src="https://evil.example/"></iframe>',
        "<style>body { display: none }</style>",
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<img src="file:///etc/passwd">',
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(2)">raw link</a>',
        "<object data=x></object><embed src=x>",
        "<meta http-equiv=refresh content=0;url=https://evil.example/>",
        "<base href=https://evil.example/>",
        "<div>\n<script>\nalert(3)\n</script>\n</div>",
        "<!-- comment --><b>bold</b>",
        "<![CDATA[<script>x</script>]]>",
        "<?php echo 1; ?>",
        "&lt;script&gt; &amp; &#60;script&#62; &#x3C;iframe&#x3E;",
    ]
)
_md_href = hrefs.map(lambda href: href.replace(")", "%29").replace("\n", " "))
_image_src = (
    st.sampled_from(
        [
            "pic.png",
            "../pic.png",
            "sub/x.png",
            "../../secret.png",
            "../../content/pic.png",
            "../../etc/passwd",
            "/etc/passwd",
            "https://example.com/pixel.png",
            "//example.com/x.png",
            "data:image/png;base64,AAAA",
            "file:///etc/passwd",
            "a/../../b.png",
            "sub/./x.png",
            "",
            ".",
            "C:/x.png",
        ]
    )
    | _md_href
)


def _inline(draw_text: str, href: str, src: str, kind: str) -> str:
    return {
        "text": draw_text,
        "link": f"[{draw_text or 'x'}]({href})",
        "link-title": f'[{draw_text or "x"}]({href} "title")',
        "angle-link": f"[{draw_text or 'x'}](<{href}>)",
        "reference": f"[{draw_text or 'x'}][ref]\n\n[ref]: {href or '#'}",
        "autolink": f"<{href}>",
        "image": f"![{draw_text}]({src})",
        "image-attr": f'![{draw_text}](pic.png){{: src="{src}" }}',
        "link-attr": f'[x](https://example.com/){{: href="{href}" }}',
        "code-span": f"`{draw_text}`",
        "emphasis": f"**{draw_text}** _{draw_text}_",
    }[kind]


_inlines = st.builds(
    _inline,
    _inline_text,
    _md_href,
    _image_src,
    st.sampled_from(
        [
            "text",
            "link",
            "link-title",
            "angle-link",
            "reference",
            "autolink",
            "image",
            "image-attr",
            "link-attr",
            "code-span",
            "emphasis",
        ]
    ),
)
_paragraphs = st.lists(_inlines | _raw_html, min_size=1, max_size=4).map(" ".join)


def _fenced(language: str, code: str) -> str:
    return f"```{language}\n{code}\n```"


def _table(cells: list[str]) -> str:
    cells = [cell.replace("|", "\\|").replace("\n", " ") or "-" for cell in cells]
    return f"| {cells[0]} | {cells[1]} |\n|---|---|\n| {cells[2]} | {cells[3]} |"


_leaf_blocks = st.one_of(
    _paragraphs,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 6), _paragraphs),
    st.builds(
        _fenced,
        st.sampled_from(["", "python", "html", "django", "nosuchlanguage", "{.python}"]),
        st.text(_printable, max_size=80) | _raw_html,
    ),
    st.builds(_table, st.lists(_paragraphs, min_size=4, max_size=4)),
    _raw_html,
    st.just("---"),
)


def _nest(kind: str, title: str, inner: list[str]) -> str:
    body = "\n\n".join(inner)
    if kind == "quote":
        return "\n".join("> " + line for line in body.split("\n"))
    if kind == "list":
        return "\n".join(
            ("- " if index == 0 else "    ") + line for index, line in enumerate(body.split("\n"))
        )
    if kind == "ordered":
        return "\n".join(
            ("1. " if index == 0 else "    ") + line for index, line in enumerate(body.split("\n"))
        )
    indented = "\n".join("    " + line for line in body.split("\n"))
    return f'!!! {kind} "{title}"\n{indented}'


markdown_bodies = st.recursive(
    _leaf_blocks,
    lambda children: st.builds(
        _nest,
        st.sampled_from(["quote", "list", "ordered", "note", "warning", "danger", "tip"]),
        _inline_text.map(lambda text: text.replace('"', "")),
        st.lists(children, min_size=1, max_size=3),
    ),
    max_leaves=8,
)
markdown_documents = st.lists(markdown_bodies, min_size=1, max_size=5).map("\n\n".join)
titles = st.lists(
    st.text(st.characters(whitelist_categories=("L", "N", "P", "Sm", "Sc")), min_size=1, max_size=10),
    min_size=1,
    max_size=4,
).map(" ".join)


class _Tags(HTMLParser):
    """Collects every start tag and its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def parse_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def allowed_href(href: str) -> bool:
    if href.startswith(("topic:", "copy-code:", "#")):
        return True
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES


class RecordingPage(PageView):
    """A PageView that records which resources it actually handed to the document."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        data = super().loadResource(kind, url)
        assert data is not None  # None would let Qt read the path itself
        if not is_refused(data):
            self.loaded.append(url.toString() if isinstance(url, QUrl) else str(url))
        return data


@pytest.fixture(scope="module")
def recording_page(qapp, sample_content):
    page = RecordingPage()
    page.set_content_root(sample_content.root)
    page.resize(800, 600)
    page.show()
    yield page
    page.deleteLater()


def render_fuzz_topic(content, title: str, text: str, sources: tuple[str, ...] = ()):
    content.topics[FUZZ_TOPIC] = Topic(FUZZ_TOPIC, None, title, summary="Fuzz summary.", text=text)
    content.topics[FUZZ_TOPIC].sources = sources
    try:
        return Renderer(content).render(FUZZ_TOPIC)
    finally:
        del content.topics[FUZZ_TOPIC]


def assert_html_follows_policy(html: str) -> None:
    for tag, attrs in parse_tags(html):
        assert tag not in ACTIVE_TAGS, f"raw <{tag}> survived"
        if tag == "a" and "href" in attrs:
            assert allowed_href(attrs["href"]) or attrs.get("class") == "broken", attrs
        if tag == "img":
            src = attrs.get("src", "")
            assert src.startswith("content:"), attrs
            path = src.removeprefix("content:")
            assert not path.startswith(("/", "../")), attrs
            assert path not in ("..", "."), attrs


@EXAMPLES
@given(title=titles, text=markdown_documents)
def test_rendered_markdown_is_valid_for_qtextbrowser(qapp, sample_content, recording_page, title, text):
    page = render_fuzz_topic(sample_content, title, text)
    assert page.error is None or "nests blocks deeper" in page.error
    assert_html_follows_policy(page.html)
    document = QTextDocument()
    document.setHtml(page.html)
    assert title in document.toPlainText()
    recording_page.loaded.clear()
    recording_page.show_page(page)
    QApplication.processEvents()  # lays the shown page out, which loads its images
    root = sample_content.root.resolve()
    for url in recording_page.loaded:
        assert url.startswith("content:")
        assert (root / url.removeprefix("content:")).resolve().is_relative_to(root)


def test_page_loads_images_inside_the_root_only(sample_content, recording_page):
    text = "![in](pic.png) ![sub](sub/x.png) ![out](../../secret.png) ![up](../../content/pic.png)"
    page = render_fuzz_topic(sample_content, "Images", text)
    assert_html_follows_policy(page.html)
    recording_page.loaded.clear()
    recording_page.show_page(page)
    QApplication.processEvents()
    assert sorted(recording_page.loaded) == ["content:flow/pic.png", "content:flow/sub/x.png"]
    assert "image outside the content root refused" in page.html


def test_sources_footer_follows_the_link_policy(sample_content):
    page = render_fuzz_topic(
        sample_content,
        "Sources",
        "Body.",
        ("javascript:alert(1)", "file:///etc/passwd", "https://ok.example/"),
    )
    assert_html_follows_policy(page.html)


def test_automatic_mail_links_are_web_links(sample_content):
    page = render_fuzz_topic(sample_content, "Mail", "Write to <someone@example.com>.")
    assert 'class="broken"' not in page.html
    assert 'href="mailto:someone@example.com"' in page.html
