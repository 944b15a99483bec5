"""Property tests across the Qt boundary: rendered HTML in a QTextDocument, link routing, loading.

(a) Whatever Markdown a topic holds, the HTML the renderer makes loads into a QTextDocument, shows
    the title, and keeps only the links and images the policy allows, with no active raw HTML.
(b) Whatever href is clicked, ``LinkRouter.route`` never raises, opens the browser only for
    clean, short http/https/mailto links, and explains every refusal.
(c) Whatever folder tree a content root is, ``load_content`` never raises, its tree is consistent
    and every problem reads ``path:line: message`` with a line of at least 1.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from reader.core.content import Problem, Topic, load_content
from reader.core.links import MAX_URL_LENGTH
from reader.core.render import Renderer
from reader.ui.link_router import LinkRouter
from reader.ui.page_view import PageView

SAMPLE = Path(__file__).parent / "fixtures" / "sample"
FUZZ_TOPIC = "flow/fuzz"  # nested, so that ../ links and images have a folder to leave
EXAMPLES = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "100")),  # raise it to hunt for bugs
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
WEB_SCHEMES = {"http", "https", "mailto"}
ACTIVE_TAGS = {"script", "iframe", "style", "link", "object", "embed", "frame", "frameset", "meta", "base"}

# --- shared strategies ----------------------------------------------------------------------------

_printable = st.characters(blacklist_categories=("Cs",))
_words = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8)
_inline_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"), max_size=30
)

_crafted_hrefs = st.sampled_from(
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java%0ascript:alert(1)",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,AAAA",
        "vbscript:msgbox",
        "myapp://open",
        "ftp://example.com/x",
        "//example.com/x",
        "///etc/passwd",
        "/etc/passwd",
        "../../../../etc/passwd",
        "../outside.md",
        "../index.md",
        "views.md#writing-a-view",
        "../flow/views.md",
        "./",
        "..",
        ".",
        "#",
        "#nested-heading",
        "#%00",
        "topic:flow/views",
        "topic:../../etc",
        "topic:",
        "copy-code:0",
        "copy-code:../x",
        "http://",
        "http:example.com",
        "https://example.com/",
        "https://example.com/a b",
        "https://exa mple.com/",
        "https://example.com/%0d%0aSet-Cookie:x",
        "https://example.com/%00",
        "https://example.com/%C2%85",
        "https://example.com/\u0085",
        "https://example.com/\u202egnp.exe",
        "https://user:pass@example.com:99999/",
        "https://[::1/",
        "http://[v1.x]/",
        "HTTPS://EXAMPLE.COM/",
        "mailto:someone@example.com",
        "mailto:",
        "mailto:a@b.c?subject=%0Ahi",
        "mailto:a@b.c%0d%0abcc:evil@x",
        "https://example.com/" + "a" * 3000,
        "https://example.com/" + "%41" * 700,
        "https://example.com/" + "a" * (MAX_URL_LENGTH - 20),
        "\x00https://example.com/",
        "https://example.com/\x7f",
        "https://example.com/%7F",
        "https://example.com/%E2%80%AE",
        "https://example.com/%ff%fe",
        "https:/\\example.com",
        "\\\\server\\share",
        "C:\\Windows\\system32",
        "c:/windows",
    ]
)
_schemes = st.sampled_from(
    ["http", "https", "mailto", "javascript", "file", "data", "topic", "copy-code", ""]
)
_built_hrefs = st.builds(
    lambda scheme, sep, host, path: f"{scheme}{sep}{host}{path}",
    _schemes,
    st.sampled_from([":", "://", ":/", ":///", ""]),
    st.sampled_from(["example.com", "", "a@b.c", "localhost:8000", "[::1]", "xn--n3h.com"]),
    st.text(_printable, max_size=40)
    | st.lists(st.integers(0, 255).map(lambda n: f"%{n:02X}"), max_size=12).map("".join),
)
hrefs = _crafted_hrefs | _built_hrefs | st.text(max_size=200) | st.text(_printable, max_size=60)


@pytest.fixture(scope="module")
def sample_content(qapp, tmp_path_factory):
    """The sample guide copied next to a secret, with images inside (and one outside) the root."""
    base = tmp_path_factory.mktemp("properties")
    root = shutil.copytree(SAMPLE, base / "content")
    image = QImage(2, 2, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    for relative in ("pic.png", "flow/pic.png", "flow/sub/x.png", "../secret.png"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        image.save(str(root / relative), "PNG")
    return load_content(root)


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
        if data is not None:
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
            assert not path.startswith(("/", "../")) and path not in ("..", "."), attrs


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


# --- (b) link routing -----------------------------------------------------------------------------


def _is_control(char: str) -> bool:
    """C0 controls and DEL (C1 controls are checked by ``_is_any_control`` below)."""
    return ord(char) < 32 or ord(char) == 127


def _is_any_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


class RouterProbe:
    """A LinkRouter with every signal recorded and QDesktopServices.openUrl replaced."""

    def __init__(self, content) -> None:
        self.router = LinkRouter(content)
        self.events: list[tuple[str, tuple]] = []
        self.opened: list[QUrl] = []
        for name in ("topic_requested", "anchor_requested", "web_opened", "refused"):
            getattr(self.router, name).connect(lambda *args, name=name: self.events.append((name, args)))

    def route(self, href: str):
        self.events.clear()
        self.opened.clear()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(QDesktopServices, "openUrl", lambda url: self.opened.append(QUrl(url)) or True)
            return self.router.route(href, "flow/views")


@pytest.fixture(scope="module")
def probe(qapp, sample_content):
    return RouterProbe(sample_content)


def check_route(probe: RouterProbe, href: str, is_control=_is_control) -> None:
    probe.route(href)
    assert len(probe.events) == 1, probe.events  # exactly one decision is announced
    signal, args = probe.events[0]
    if probe.opened:
        assert signal == "web_opened"
        assert len(probe.opened) == 1
        url = probe.opened[0]
        assert url.scheme().lower() in WEB_SCHEMES
        decoded = QUrl.fromPercentEncoding(href.encode("utf-8", "surrogatepass"))
        assert len(href) <= MAX_URL_LENGTH
        assert not any(is_control(char) for char in href), repr(href)
        assert not any(is_control(char) for char in decoded), repr(decoded)
    else:
        assert signal != "web_opened"
    if signal == "refused":
        assert args[0].strip(), href


_odd_characters = st.characters(whitelist_categories=("Cc", "Cf", "Cs", "Co", "Zl", "Zp", "Zs"))
router_hrefs = hrefs | st.builds(
    "".join,
    st.lists(
        st.sampled_from(["https://example.com/", "mailto:a@b.c", "%", "%C2", "%80"])
        | st.text(_odd_characters, max_size=4),
        max_size=6,
    ),
)


@EXAMPLES
@given(href=router_hrefs)
def test_link_router_opens_only_clean_web_links(probe, href):
    check_route(probe, href)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/\u0085",  # NEL, a C1 control character
        "https://example.com/%C2%85",
        "https://example.com/%C2%9B31m",  # CSI
    ],
)
def test_c1_control_characters_are_refused(probe, href):
    check_route(probe, href, is_control=_is_any_control)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/",
        "HTTP://example.com/x?q=1#f",
        "mailto:someone@example.com",
        "https://example.com/" + "a" * (MAX_URL_LENGTH - 20),
    ],
)
def test_clean_web_links_are_opened(probe, href):
    probe.route(href)
    assert [url.toString() for url in probe.opened] == [QUrl(href).toString()]
    assert probe.events == [("web_opened", (href,))]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "https://example.com/%0d%0aX",
        "https://example.com/%00",
        "https://example.com/" + "a" * MAX_URL_LENGTH,
        "https://exa mple.com/",
        "http://",
        "",
        "../../../etc/passwd.md",
    ],
)
def test_bad_links_are_refused_with_a_message(probe, href):
    probe.route(href)
    assert probe.opened == []
    assert [name for name, _ in probe.events] == ["refused"]
    assert probe.events[0][1][0].strip()


# --- (c) loader over random folder trees ----------------------------------------------------------

_name_chars = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="/\x00", min_codepoint=1, max_codepoint=0x2FFF
)
_plain_names = st.text(_name_chars, min_size=1, max_size=16).filter(lambda name: name not in (".", ".."))
names = st.one_of(
    _plain_names.map(lambda name: name + ".md"),
    _plain_names,
    st.sampled_from(
        ["index.md", "INDEX.md", ".hidden.md", "a.md.md", ".md", "index", "x.MD", " .md", "\n.md"]
    ),
)

_front_matter = st.sampled_from(
    [
        "",
        "---\ntitle: T\n---\n",
        "---\ntitle: T\norder: 3\nsummary: S\nsources: https://a.example/\n    https://b.example/\n---\n",
        "title: No fence\norder: x\n\n",
        "---\ntitle: Unclosed\n",
        "---\n---\n",
        "---\n...\n",
        "...\n",
        "---\ntitle: T\nthis is not a key\n---\n",
        "---\n    continuation without key\n---\n",
        "---\ntitle:\norder: -99999999999999999999\n---\n",
        "---\nTITLE: Upper\nOrder: 1e3\n---\n",
        "---\ntitle: " + "x" * 5000 + "\n---\n",
        "   title: indented three\n\n",
        "---\ttab\ntitle: T\n--- trailing\n",
    ]
)


def _file_bytes(prefix: bytes, front: str, body: str, tail: bytes, crlf: bool) -> bytes:
    text = front + body
    if crlf:
        text = text.replace("\n", "\r\n")
    return prefix + text.encode("utf-8", "surrogatepass") + tail


file_contents = st.one_of(
    st.builds(
        _file_bytes,
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\r"]),
        _front_matter,
        st.text(max_size=120),
        st.sampled_from([b"", b"\x00", b"\xc3\x28", b"\xed\xa0\x80", b"\r", b"\n\x1a", b"\xe9t\xe9"]),
        st.booleans(),
    ),
    st.binary(max_size=300),
)

Tree = dict  # {name: bytes (file) | Tree (folder) | ("symlink", target)}
_symlinks = st.sampled_from(
    [("symlink", ".."), ("symlink", "."), ("symlink", "/etc/passwd"), ("symlink", "nowhere.md")]
)
trees = st.recursive(
    st.dictionaries(names, file_contents | _symlinks, max_size=4),
    lambda children: st.dictionaries(names, file_contents | children, max_size=4),
    max_leaves=14,
)


def write_tree(folder: Path, tree: Tree) -> None:
    """Write ``tree`` under ``folder``; entries the file system refuses are simply left out."""
    for name, entry in tree.items():
        path = folder / name
        try:
            if isinstance(entry, dict):
                path.mkdir()
                write_tree(path, entry)
            elif isinstance(entry, tuple):
                os.symlink(entry[1], path)
            else:
                path.write_bytes(entry)
        except (OSError, ValueError):
            continue


_PROBLEM = re.compile(r"^(?P<path>.+):(?P<line>[0-9]+): (?P<message>.+)$", re.DOTALL)


@EXAMPLES
@given(tree=trees, deep=st.integers(0, 28))
def test_loader_never_raises_and_reports_problems_with_lines(tree, deep):
    with tempfile.TemporaryDirectory(prefix="reader-tree-") as folder:
        check_loaded_tree(Path(folder) / "root", tree, deep)


def check_loaded_tree(root: Path, tree: Tree, deep: int) -> None:
    root.mkdir()
    write_tree(root, tree)
    if deep:
        chain = root.joinpath(*[f"d{level}" for level in range(deep)])
        chain.mkdir(parents=True)
        (chain / "bottom.md").write_text("# Bottom\n", encoding="utf-8")
    content = load_content(root)
    walked = content.walk()
    assert len(walked) == len(set(walked))
    for topic_id in walked:
        assert topic_id in content.topics
    assert set(walked) == set(content.topics)
    for topic_id, topic in content.topics.items():
        assert topic.id == topic_id
        for child in topic.children:
            assert content.topics[child].parent_id == topic_id
    for problem in content.problems:
        assert isinstance(problem, Problem)
        assert problem.path and problem.message.strip()
        assert isinstance(problem.line, int) and problem.line >= 1
        match = _PROBLEM.match(str(problem))
        assert match is not None and int(match.group("line")) == problem.line
