"""Render a topic's Markdown to the HTML subset that ``QTextBrowser`` understands.

Links are rewritten by the link policy in :mod:`reader.core.links` (relative ``.md`` links
become ``topic:`` links), remote and out-of-root images are replaced by a note, and code
blocks and admonitions are wrapped in one-cell tables, the only boxes QTextBrowser pads.
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from reader.core.links import LinkKind, classify, image_path, image_refusal, is_openable, topic_href
from reader.core.render.page import COPY_CODE_SCHEME, Heading, RenderedPage

if TYPE_CHECKING:
    from markdown import Markdown

    from reader.core.content.model import ContentRoot, Topic

logger = logging.getLogger(__name__)

CODE_STYLES = {False: "friendly", True: "github-dark"}
EXTENSIONS = ["meta", "toc", "fenced_code", "codehilite", "tables", "admonition", "attr_list", "sane_lists"]
MAX_NESTING = 60

_CODE_BLOCK = re.compile(
    r'<div class="codehilite" style="background: (?P<bg>[^"]*)">(?P<body>.*?)</div>', re.DOTALL
)
_PLAIN_PRE = re.compile(r"^<pre><code(?P<attrs>[^>]*)>(?P<body>.*?)</code></pre>", re.DOTALL | re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_AMP_SUBSTITUTE = "\x02amp\x03"  # markdown.util.AMP_SUBSTITUTE, without importing Markdown early
_NESTING_MARKERS = re.compile(r"^[ \t>*+\-0-9.]*", re.MULTILINE)


def _flatten_toc(tokens: list[dict[str, Any]], into: list[Heading]) -> list[Heading]:
    for token in tokens:
        into.append(Heading(int(token["level"]), str(token["id"]), html.unescape(str(token["name"]))))
        _flatten_toc(token.get("children", []), into)
    return into


class Renderer:
    """Turns topics of one content root into HTML; reuses one Markdown instance."""

    def __init__(self, content: ContentRoot, dark: bool = False) -> None:
        self.content = content
        self.dark = dark
        self._markdown: Markdown | None = None
        self._current: Topic | None = None
        self._links: list[str] = []
        self._images: list[str] = []

    def _build_markdown(self) -> Markdown:
        import markdown
        from markdown.extensions import Extension
        from markdown.treeprocessors import Treeprocessor

        renderer = self

        class RewriteTree(Treeprocessor):
            def run(self, root: etree.Element) -> None:
                renderer._rewrite_tree(root)

        class RewriteExtension(Extension):
            def extendMarkdown(self, md: Markdown) -> None:
                md.treeprocessors.register(RewriteTree(md), "reader-rewrite", 4)
                # Raw HTML in content is shown as text: content may come from anyone.
                md.preprocessors.deregister("html_block")
                md.inlinePatterns.deregister("html")

        configs = {
            "codehilite": {"noclasses": True, "guess_lang": False, "pygments_style": CODE_STYLES[self.dark]},
            "toc": {"permalink": False},
        }
        return markdown.Markdown(extensions=[*EXTENSIONS, RewriteExtension()], extension_configs=configs)

    def render(self, topic_id: str) -> RenderedPage:
        """Render one topic; any failure becomes an error page, never an exception."""
        topic = self.content.topic(topic_id)
        if topic is None:
            return self.error_page(topic_id, topic_id, f"There is no topic '{topic_id}' in this guide.")
        if topic.error:
            return self.error_page(topic_id, topic.title, f"This topic could not be read: {topic.error}.")
        try:
            return self._render_topic(topic)
        except (RecursionError, Exception) as error:  # a broken page must never take the app down
            logger.exception("rendering the topic %r failed", topic_id)
            return self.error_page(
                topic_id, topic.title, f"This topic could not be rendered ({type(error).__name__})."
            )

    def _render_topic(self, topic: Topic) -> RenderedPage:
        if _nesting_depth(topic.text) > MAX_NESTING:
            return self.error_page(
                topic.id,
                topic.title,
                f"This topic nests blocks deeper than {MAX_NESTING} levels and is not shown.",
            )
        if self._markdown is None:
            self._markdown = self._build_markdown()
        md = self._markdown
        md.reset()
        self._current, self._links, self._images = topic, [], []
        body = md.convert(topic.text) if topic.text else ""
        code_blocks: list[str] = []
        body = _CODE_BLOCK.sub(lambda match: _code_table(match, code_blocks), body)
        body = _PLAIN_PRE.sub(lambda match: _plain_code_table(match, code_blocks), body)
        headings = _flatten_toc(getattr(md, "toc_tokens", []), [])
        parts = [f"<h1>{html.escape(topic.title)}</h1>"]
        parts.extend(self._problem_banner(topic))
        if topic.summary:
            parts.append(f'<p class="summary">{html.escape(topic.summary)}</p>')
        parts.append(body)
        if topic.children and not body.strip():
            parts.append(self._children_list(topic))
        parts.append(self._pager(topic))
        parts.append(self._sources_footer(topic.sources))
        page_html = "\n".join(parts)
        return RenderedPage(
            topic.id, topic.title, page_html, headings, self._links, self._images, None, code_blocks
        )

    def _problem_banner(self, topic: Topic) -> list[str]:
        relative = self.content.relative_path(topic)
        problems = [problem for problem in self.content.problems if problem.path == relative]
        if not problems:
            return []
        items = "".join(f"<li>line {item.line}: {html.escape(item.message)}</li>" for item in problems)
        return [
            '<table class="admonition warning" width="100%" cellpadding="10">'
            '<tr><td class="admonition warning"><p class="admonition-title">This topic has problems</p>'
            f"<ul>{items}</ul></td></tr></table>"
        ]

    def _children_list(self, topic: Topic) -> str:
        items = []
        for child_id in topic.children:
            child = self.content.topics[child_id]
            summary = f" — {html.escape(child.summary)}" if child.summary else ""
            link = f'<a href="{html.escape(topic_href(child_id))}">{html.escape(child.title)}</a>'
            items.append(f"<li>{link}{summary}</li>")
        return "<h2>In this section</h2>\n<ul>" + "".join(items) + "</ul>"

    def error_page(self, topic_id: str, title: str, message: str) -> RenderedPage:
        """A page that shows ``message`` instead of the topic."""
        page = (
            f"<h1>{html.escape(title)}</h1>"
            f'<table class="admonition danger" width="100%" cellpadding="10"><tr><td>'
            f'<p class="admonition-title">Problem with this topic</p><p>{html.escape(message)}</p>'
            "<p>The rest of the guide works as usual; run <code>django-reader --check</code> for details.</p>"
            "</td></tr></table>"
        )
        return RenderedPage(topic_id, title, page, error=message)

    def _rewrite_tree(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and element.get("href") is not None:
                self._rewrite_link(element)
            elif element.tag == "img":
                self._rewrite_image(element)
            elif element.tag in {"h2", "h3", "h4", "h5", "h6"} and element.get("id"):
                anchor = etree.Element("a", {"name": element.get("id", "")})
                anchor.tail, element.text = element.text, ""
                element.insert(0, anchor)
            elif element.tag == "div" and "admonition" in element.get("class", ""):
                _admonition_to_table(element)

    def _pager(self, topic: Topic) -> str:
        """Previous / next links in reading order, as documentation sites put them at a page's end."""
        before, after = self.content.neighbours(topic.id)
        cells = []
        for topic_id, label, align in ((before, "← Previous", "left"), (after, "Next →", "right")):
            if topic_id is None:
                cells.append(f'<td class="pager" align="{align}"></td>')
                continue
            title = html.escape(self.content.topics[topic_id].title)
            link = f'<a href="{html.escape(topic_href(topic_id))}">{title}</a>'
            label_html = f'<span class="pager">{label}</span>'
            cells.append(f'<td class="pager" align="{align}" width="50%">{label_html}<br/>{link}</td>')
        return f'<table class="pager" width="100%" cellpadding="8"><tr>{"".join(cells)}</tr></table>'

    def _sources_footer(self, sources: tuple[str, ...]) -> str:
        """List the topic's sources; only addresses the link policy opens become links."""
        if not sources:
            return ""
        items = []
        for url in sources:
            shown = html.escape(url)
            if is_openable(url):
                items.append(f'<li><a href="{html.escape(url, quote=True)}" title="{shown}">{shown}</a></li>')
            else:
                items.append(
                    f'<li><span class="image-note">{shown} (not a web address; not linked)</span></li>'
                )
        heading = '<h2 class="sources"><a name="sources"></a>Sources</h2>'
        return f'{heading}\n<ul class="sources">{"".join(items)}</ul>'

    def _rewrite_link(self, element: etree.Element) -> None:
        href = element.get("href", "")
        if _AMP_SUBSTITUTE in href:  # Markdown's automatic mail links hide the address in placeholders
            href = html.unescape(href.replace(_AMP_SUBSTITUTE, "&"))
            element.set("href", href)
        self._links.append(href)
        target = classify(href, self.content, self._current.id if self._current else None)
        if target.kind is LinkKind.TOPIC:
            element.set("href", topic_href(target.topic_id, target.anchor))
        elif target.kind is LinkKind.WEB:
            element.set("title", href)
        elif target.kind in (LinkKind.MISSING, LinkKind.REFUSED):
            element.set("class", "broken")
            element.set("title", target.message)

    def _rewrite_image(self, element: etree.Element) -> None:
        src = element.get("src", "")
        self._images.append(src)
        alt = element.get("alt", "") or src
        folder = self.content.folder_of(self._current) if self._current is not None else ""
        refusal = image_refusal(src, folder)
        if refusal is not None:
            element.tag = "span"
            element.attrib = {"class": "image-note"}
            element.text = f"[{refusal.note}: {alt}]"
        else:
            element.set("src", f"content:{image_path(src, folder)}")


def _nesting_depth(text: str) -> int:
    deepest = 0
    for match in _NESTING_MARKERS.finditer(text):
        prefix = match.group(0)
        deepest = max(deepest, prefix.count(">") + (len(prefix) - len(prefix.lstrip(" \t"))) // 2)
    return deepest


def _copy_link(code_html: str, code_blocks: list[str]) -> str:
    """Remember a block's plain code and return the one-click "Copy" link shown above it."""
    code_blocks.append(html.unescape(_TAG.sub("", code_html)).rstrip("\n"))
    href = f"{COPY_CODE_SCHEME}:{len(code_blocks) - 1}"
    return f'<p class="code-tools" align="right"><a href="{href}">Copy</a></p>'


def _code_table(match: re.Match[str], code_blocks: list[str]) -> str:
    body = match.group("body").replace("\n</code></pre>", "</code></pre>")  # no empty last line
    return (
        _copy_link(body, code_blocks)
        + f'<table class="code" width="100%" cellpadding="12" bgcolor="{match.group("bg").strip()}">'
        f"<tr><td>{body}</td></tr></table>"
    )


def _plain_code_table(match: re.Match[str], code_blocks: list[str]) -> str:
    return (
        _copy_link(match.group("body"), code_blocks)
        + f'<table class="code" width="100%" cellpadding="12"><tr><td><pre><code{match.group("attrs")}>'
        f"{match.group('body').rstrip(chr(10))}</code></pre></td></tr></table>"
    )


def _admonition_to_table(element: etree.Element) -> None:
    kind = element.get("class", "admonition").replace("admonition", "").strip() or "note"
    children = list(element)
    text = element.text
    element.clear()
    element.tag = "table"
    element.attrib = {"class": f"admonition {kind}", "width": "100%", "cellpadding": "10"}
    row = etree.SubElement(element, "tr")
    cell = etree.SubElement(row, "td", {"class": f"admonition {kind}"})
    cell.text = text
    cell.extend(children)
