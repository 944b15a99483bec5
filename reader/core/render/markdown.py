"""Render a topic's Markdown to the HTML subset that ``QTextBrowser`` understands.

Links are rewritten by the link policy in :mod:`reader.core.links` (relative ``.md`` links
become ``topic:`` links), remote and out-of-root images are replaced by a note, admonitions are
wrapped in one-cell tables (the only boxes QTextBrowser pads) and code blocks in one-cell tables
that Qt reads as text frames (:data:`~reader.core.render.page.CODE_FRAME`; the page pads them).
"""

from __future__ import annotations

import html
import logging
import os
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from reader.core.content.front_matter import markdown_body
from reader.core.links import (
    WALKTHROUGH_HREF,
    LinkKind,
    classify,
    copy_code_href,
    is_openable,
    locate_image,
    topic_href,
)
from reader.core.render.action_button import action_buttons
from reader.core.render.layout_budget import cut_banner, fit_to_budget
from reader.core.render.limits import render_limit
from reader.core.render.page import CODE_FRAME, IMAGE_SCHEME, Heading, RenderedPage
from reader.core.render.raw_html import keep_safe_attributes
from reader.core.render.state import PageState
from reader.core.render.tabs import tabs_to_table
from reader.core.render.tidy import MAX_TABLE_NESTING, drop_title_heading, flatten_deep_tables, tidy_html
from reader.core.safe_text import plain_tooltip

if TYPE_CHECKING:
    from markdown import Markdown

    from reader.core.content.model import ContentRoot, Topic

logger = logging.getLogger(__name__)

CODE_STYLES = {False: "friendly", True: "github-dark"}
EXTENSIONS = [
    "toc",
    "pymdownx.superfences",  # fenced code inside lists and admonitions, as GitHub nests it
    "pymdownx.highlight",
    "tables",
    "admonition",
    "attr_list",
    "sane_lists",
    "footnotes",
    "pymdownx.tasklist",
    "pymdownx.magiclink",  # bare URLs become links
    "pymdownx.keys",
    "pymdownx.tilde",
    "pymdownx.emoji",
    "pymdownx.tabbed",  # MkDocs Material's content tabs, shown one below the other
    "pymdownx.blocks.admonition",  # /// tip ... /// (FastAPI's docs), as callouts
    "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
]

_CODE_BLOCK = re.compile(r'<div class="codehilite"[^>]*>(?P<body>.*?)</div>', re.DOTALL)
_PLAIN_PRE = re.compile(r"^<pre><code(?P<attrs>[^>]*)>(?P<body>.*?)</code></pre>", re.DOTALL | re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_AMP_SUBSTITUTE = "\x02amp\x03"  # markdown.util.AMP_SUBSTITUTE, without importing Markdown early
_NOT_WORD = re.compile(r"[^\w\s-]")
_WHITESPACE = re.compile(r"\s+")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _flatten_toc(tokens: list[dict[str, Any]], into: list[Heading]) -> list[Heading]:
    for token in tokens:
        into.append(Heading(int(token["level"]), str(token["id"]), html.unescape(str(token["name"]))))
        _flatten_toc(token.get("children", []), into)
    return into


class Renderer:
    """Turns topics of one content root into HTML; reuses one Markdown instance.

    With ``check_only`` the page is made for ``--check``: the same links, images, anchors and
    dropped constructs, but nothing from other topics (problem banner, children, pager,
    sources) is added to the HTML.
    """

    def __init__(self, content: ContentRoot, dark: bool = False, check_only: bool = False) -> None:
        self.content = content
        self.dark = dark
        self.check_only = check_only
        self._markdown: Markdown | None = None
        self._current: Topic | None = None
        self._links: list[str] = []
        self._images: list[str] = []
        self._anchors: list[str] = []
        self._slugs: dict[str, int] = {}
        self._rewritten: set[str] = set()
        self._state = PageState()

    def _build_markdown(self) -> Markdown:
        import markdown
        from markdown.extensions import Extension
        from markdown.treeprocessors import Treeprocessor
        from pymdownx.emoji import to_alt

        from reader.core.render.extension import GitHubExtension

        renderer = self

        class RewriteTree(Treeprocessor):
            def run(self, root: etree.Element) -> None:
                renderer._rewrite_tree(root)

        class RewriteExtension(Extension):
            def extendMarkdown(self, md: Markdown) -> None:
                md.treeprocessors.register(RewriteTree(md), "reader-rewrite", 4)

        configs = {
            "pymdownx.highlight": {
                "noclasses": True,
                "guess_lang": False,
                "pygments_style": CODE_STYLES[self.dark],
                "css_class": "codehilite",
                "use_pygments": True,  # also for the check: the page's layout budget counts this HTML
            },
            "toc": {"permalink": False},
            "pymdownx.magiclink": {"hide_protocol": False},
            "pymdownx.emoji": {"emoji_generator": to_alt},  # :warning: as the character, as GitHub shows
        }
        extensions = [*EXTENSIONS, GitHubExtension(self._state), RewriteExtension()]
        return markdown.Markdown(extensions=extensions, extension_configs=configs)

    def render(self, topic_id: str) -> RenderedPage:
        """Render one topic; any failure becomes an error page, never an exception."""
        topic = self.content.topic(topic_id)
        if topic is None:
            return self.error_page(topic_id, topic_id, f"There is no topic '{topic_id}' in this guide.")
        if topic.error:
            return self.error_page(topic_id, topic.title, f"This topic could not be read: {topic.error}.")
        try:
            return self._render_topic(topic)
        except Exception as error:  # a broken page (even a RecursionError) must never take the app down
            logger.exception("rendering the topic %r failed", topic_id)
            return self.error_page(
                topic_id, topic.title, f"This topic could not be rendered ({type(error).__name__})."
            )

    def _render_topic(self, topic: Topic) -> RenderedPage:
        markdown_text = markdown_body(topic.text) if topic.text else ""
        limit = render_limit(markdown_text)
        if limit is not None:
            message = limit.message[:1].upper() + limit.message[1:]
            return self.error_page(topic.id, topic.title, f"{message}; it is not shown.")
        if self._markdown is None:
            self._markdown = self._build_markdown()
        md = self._markdown
        md.reset()
        self._state.reset()
        self._current, self._links, self._images = topic, [], []
        self._anchors, self._slugs, self._rewritten = [], {}, set()
        body = md.convert(markdown_text) if markdown_text else ""
        if self._state.raw_stash:
            body = self._sanitise(body)
        body = self._state.restore(body)
        body = tidy_html(body)
        code_blocks: list[str] = []
        token = os.urandom(9).hex()  # content cannot guess it, so cannot forge a Copy link
        body = _CODE_BLOCK.sub(lambda match: _code_table(match, code_blocks, token), body)
        body = _PLAIN_PRE.sub(lambda match: _plain_code_table(match, code_blocks, token), body)
        body, flattened = flatten_deep_tables(body)
        if flattened:
            self._state.macros.append(f"boxes nested over {MAX_TABLE_NESTING} deep (drawn without boxes)")
        headings = _flatten_toc(getattr(md, "toc_tokens", []), [])
        body, headings = drop_title_heading(body, headings, topic.title)
        body, cut = fit_to_budget(body)  # cut where the page is: the check must see the same cut
        if cut:
            self._state.macros.append(f"the page is shown only in part: {cut}")
        page_html = body if self.check_only else self._page_html(topic, body, cut)
        unsupported = list(dict.fromkeys(self._state.macros))
        return RenderedPage(
            topic.id,
            topic.title,
            page_html,
            headings,
            self._links,
            self._images,
            None,
            code_blocks,
            list(dict.fromkeys(self._anchors)),
            unsupported,
            token,
        )

    def _page_html(self, topic: Topic, body: str, cut: str) -> str:
        """The whole page around ``body``: title, problems, summary, children, pager, sources."""
        parts = [f"<h1>{html.escape(topic.title)}</h1>"]
        parts.extend(self._problem_banner(topic))
        if cut:
            parts.append(cut_banner(cut))
        if topic.summary:
            parts.append(f'<p class="summary">{html.escape(topic.summary)}</p>')
        parts.append(body)
        if topic.children and not body.strip():
            parts.append(self._children_list(topic))
        parts.append(self._pager(topic))
        parts.append(self._sources_footer(topic.sources))
        return "\n".join(parts)

    def _sanitise(self, body: str) -> str:
        from reader.core.render.raw_html import links_and_images, sanitise

        found, dropped = links_and_images(self._state.raw_fragments)
        for tag, value in found:
            (self._links if tag == "a" else self._images).append(value)
        self._state.macros.extend(f"<{tag}> (raw HTML, not shown)" for tag in dropped)
        clean, anchors = sanitise(body, self._filter_attribute)
        self._anchors.extend(anchors)
        return clean

    def _filter_attribute(self, tag: str, attribute: str, value: str) -> str | None:
        """The link and image policy for raw HTML: the same decisions Markdown links get."""
        if value in self._rewritten or value.startswith("#"):
            return value
        if tag == "a" and attribute == "href":
            target = classify(value, self.content, self._current.id if self._current else None)
            if target.kind is LinkKind.TOPIC:
                return topic_href(target.topic_id, target.anchor)
            if target.kind is LinkKind.WALKTHROUGH:
                return WALKTHROUGH_HREF
            return value if target.kind in (LinkKind.WEB, LinkKind.ANCHOR) else None
        if tag == "img" and attribute in ("width", "height") and not value.strip().isdigit():
            return None  # Qt reads "50%" as 50 pixels; the page's max-width already fits the image
        if tag == "img" and attribute == "src":
            folder = self.content.folder_of(self._current) if self._current is not None else ""
            path, refusal = locate_image(value, folder, self.content)
            if refusal is not None:
                return f"missing:{quote(refusal.note)}"
            if not _is_image_file(self.content, path):
                return f"missing:{quote('image not found')}"
            return f"{IMAGE_SCHEME}:{quote(path)}"
        return value

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
            elif element.tag in _HEADINGS and element.get("id"):
                self._anchor_heading(element)
            elif element.tag in {"th", "td"} and "text-align" in element.get("style", ""):
                element.set("align", element.get("style", "").split(":", 1)[1].strip(" ;"))
                del element.attrib["style"]
            elif element.tag == "div" and "admonition" in element.get("class", ""):
                _admonition_to_table(element)
            elif element.tag == "div" and "tabbed-set" in element.get("class", ""):
                tabs_to_table(element)
            safe = keep_safe_attributes(str(element.tag), dict(element.attrib))
            if "title" in safe:  # Markdown leaves "&lt;" in an attribute as it is: escape it again
                safe["title"] = safe["title"].replace("&", _AMP_SUBSTITUTE + "amp;")
            if safe != element.attrib:
                element.attrib = safe
        action_buttons(root)

    def _anchor_heading(self, element: etree.Element) -> None:
        """Qt's ``<a name>`` for the heading's id, and another for its GitHub-style slug."""
        from pymdownx.slugs import slugify

        names = [element.get("id", "")]
        slug = slugify(case="lower")("".join(element.itertext()), "-")
        count = self._slugs.get(slug, 0)
        self._slugs[slug] = count + 1
        github = f"{slug}-{count}" if count else slug
        text = "".join(element.itertext()).strip().lower()
        mdn = _WHITESPACE.sub("_", _NOT_WORD.sub("", text))  # MDN's ids: "Field types" → field_types
        for name in (github, mdn):
            if name and name not in names:
                names.append(name)
                self._anchors.append(name)
        for name in reversed(names):
            anchor = etree.Element("a", {"name": name})
            anchor.tail, element.text = element.text, ""
            element.insert(0, anchor)

    def _pager(self, topic: Topic) -> str:
        """Previous / next links in reading order, as documentation sites put them at a page's end.

        A missing neighbour leaves a blank, unruled half; a topic with neither has no pager at all.
        """
        before, after = self.content.neighbours(topic.id)
        if before is None and after is None:
            return ""
        cells = []
        for topic_id, label, align in ((before, "← Previous", "left"), (after, "Next →", "right")):
            if topic_id is None:
                cells.append('<td width="50%"></td>')
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
                title = html.escape(plain_tooltip(url), quote=True)
                items.append(f'<li><a href="{html.escape(url, quote=True)}" title="{title}">{shown}</a></li>')
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
            self._rewritten.add(element.get("href", ""))
            if not element.text and not len(element):  # "[](label)": MyST shows what it leads to
                element.text = self._link_title(href, target.topic_id)
        elif target.kind is LinkKind.WALKTHROUGH:
            element.set("href", WALKTHROUGH_HREF)
            element.set("class", "action")
            self._rewritten.add(WALKTHROUGH_HREF)
        elif target.kind is LinkKind.WEB:
            element.set("title", href)
        elif target.kind in (LinkKind.MISSING, LinkKind.REFUSED):
            element.set("class", "broken")
            element.set("title", target.message)

    def _link_title(self, href: str, topic_id: str) -> str:
        """The text of a link written without any: the heading a MyST label names, else the topic's title."""
        written = href.split("#", 1)[0]
        label = self.content.myst_target(written) if "/" not in written and "." not in written else None
        if label is not None and label[0] == topic_id:
            return label[2]
        return self.content.topics[topic_id].title

    def _rewrite_image(self, element: etree.Element) -> None:
        src = element.get("src", "")
        self._images.append(src)
        alt = element.get("alt", "") or src
        folder = self.content.folder_of(self._current) if self._current is not None else ""
        path, refusal = locate_image(src, folder, self.content)
        note = refusal.note if refusal is not None else ""
        if refusal is None and not _is_image_file(self.content, path):
            note = "image not found"
        if note:
            element.tag = "span"
            element.attrib = {"class": "image-note"}
            element.text = f"[{note}: {alt}]"
        else:
            kept = {"src": f"{IMAGE_SCHEME}:{quote(path)}", "alt": element.get("alt", "")}
            kept.update(
                {key: element.get(key, "") for key in ("width", "height") if element.get(key, "").isdigit()}
            )
            if element.get("title"):
                kept["title"] = element.get("title", "")
            element.attrib = kept
            self._rewritten.add(kept["src"])


def _is_image_file(content: ContentRoot, path: str) -> bool:
    try:
        return (content.root / path).is_file()
    except (OSError, ValueError):  # names too long for the file system, NUL bytes
        return False


def _copy_link(code_html: str, code_blocks: list[str], token: str) -> str:
    """Remember a block's plain code and return the one-click "Copy" link shown above it."""
    code_blocks.append(html.unescape(_TAG.sub("", code_html)).rstrip("\n"))
    href = copy_code_href(token, len(code_blocks) - 1)
    return f'<p class="code-tools" align="right"><a href="{href}">Copy</a></p>'


def _code_table(match: re.Match[str], code_blocks: list[str], token: str) -> str:
    body = match.group("body").replace("\n</code></pre>", "</code></pre>")  # no empty last line
    return (
        _copy_link(body, code_blocks, token) + f'<table class="code" width="100%" style="{CODE_FRAME}">'
        f"<tr><td>{body}</td></tr></table>"
    )


def _plain_code_table(match: re.Match[str], code_blocks: list[str], token: str) -> str:
    return (
        _copy_link(match.group("body"), code_blocks, token)
        + f'<table class="code" width="100%" style="{CODE_FRAME}"><tr><td><pre><code{match.group("attrs")}>'
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
