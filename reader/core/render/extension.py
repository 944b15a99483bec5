"""The Python-Markdown extension that makes topics read like GitHub: imported only when rendering.

- list indentation as GitHub nests it (:func:`reader.core.render.gfm.reindent_lists`);
- template macros of other site generators dropped outside code, and remembered for ``--check``;
- GitHub alerts (``> [!NOTE]`` …) turned into the guide's admonitions;
- MyST's directives, targets and roles read as Sphinx shows them (:mod:`reader.core.render.myst`);
- raw HTML kept apart from the HTML Markdown itself makes, so that only raw HTML is sanitised.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown.extensions import Extension
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor
from markdown.treeprocessors import Treeprocessor

from reader.core.render.gfm import find_macros, highlight_tags_to_fences, reindent_lists, strip_macros
from reader.core.render.myst import looks_like_myst, myst_to_markdown

if TYPE_CHECKING:
    from markdown import Markdown

    from reader.core.render.state import PageState

ALERTS = {
    "NOTE": ("note", "Note"),
    "TIP": ("tip", "Tip"),
    "IMPORTANT": ("important", "Important"),
    "WARNING": ("warning", "Warning"),
    "CAUTION": ("danger", "Caution"),
    "CALLOUT": ("tip", "Callout"),  # MDN's own kind
}
_ALERT = re.compile(r"^\s*\[!(?P<kind>[A-Za-z]+)\][ \t]*(?:\n|$)")
_BLOCK_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>details|summary|table|thead|tbody|tfoot|tr|td|th|div|section|figure|blockquote)\b[^<>]*+>",
    re.IGNORECASE,
)
_FIRST_TAG = re.compile(r"^<([a-zA-Z][^ >/]*)")
_CODE_TAGS = frozenset({"pre", "code", "kbd", "samp"})


class _ReindentLists(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return reindent_lists(highlight_tags_to_fences("\n".join(lines))).split("\n")


class _Myst(Preprocessor):
    """MyST's directives, targets and roles as Markdown (:mod:`reader.core.render.myst`)."""

    def __init__(self, md: Markdown, state: PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if not looks_like_myst(text):
            return lines
        result = myst_to_markdown(text)
        self.state.macros.extend(result.unsupported)
        return result.text.split("\n")


class _OpenHtmlBlocks(Preprocessor):
    """GitHub ends an HTML block at a blank line and reads the Markdown after it, so
    ``<details>``, blank line, Markdown, blank line, ``</details>`` has Markdown inside.
    Python-Markdown keeps everything up to ``</details>`` raw; here each blank-line-separated
    group of lines that starts with a block-level tag is stashed as raw HTML on its own (the
    sanitiser then nests the page's elements again)."""

    def __init__(self, md: Markdown, state: PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        if not any(_BLOCK_TAG.search(line) for line in lines):
            return lines
        out: list[str] = []
        group: list[str] = []
        for line in [*lines, ""]:
            if line.strip():
                group.append(line)
                continue
            if group and _is_open_html(group):
                index = self.md.htmlStash.html_counter
                out.append(self.md.htmlStash.store("\n".join(group)))
                self.state.raw_stash.add(index)
            else:
                out.extend(group)
            group = []
            out.append(line)
        return out[:-1]


def _is_open_html(group: list[str]) -> bool:
    """True if ``group`` starts (at most three spaces in) with a block-level tag, opening or closing."""
    first = group[0]
    return len(first) - len(first.lstrip(" ")) <= 3 and _BLOCK_TAG.match(first.lstrip(" ")) is not None


class _RawBlocks(HtmlBlockPreprocessor):
    def __init__(self, md: Markdown, state: PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        before = self.md.htmlStash.html_counter
        result = super().run(lines)
        self.state.raw_stash.update(range(before, self.md.htmlStash.html_counter))
        return result


class _RawInline(HtmlInlineProcessor):
    def __init__(self, pattern: str, md: Markdown, state: PageState) -> None:
        super().__init__(pattern, md)
        self.state = state

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        before = self.md.htmlStash.html_counter
        result = super().handleMatch(m, data)
        self.state.raw_stash.update(range(before, self.md.htmlStash.html_counter))
        return result


class _Macros(Treeprocessor):
    """Drops macros from text outside code before inline parsing, remembering each once."""

    def __init__(self, md: Markdown, state: PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in _CODE_TAGS:
                continue
            if element.text and "{" in element.text:
                element.text = self._strip(element.text)
            if element.tail and "{" in element.tail:
                element.tail = self._strip(element.tail)

    def _strip(self, text: str) -> str:
        self.state.macros.extend(macro for _offset, macro in find_macros(text))
        return strip_macros(text)


class _Alerts(Treeprocessor):
    """``> [!NOTE]`` blockquotes become ``div.admonition`` elements, as ``!!! note`` makes.

    Python-Markdown joins quotes separated by a blank line into one; GitHub keeps them apart, so
    each ``[!KIND]`` paragraph starts an admonition of its own.
    """

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, quote in reversed(list(enumerate(parent))):
                if quote.tag == "blockquote" and any(_alert_match(child) for child in quote):
                    parent[index : index + 1] = _split_alerts(quote)


def _alert_match(element: etree.Element) -> re.Match[str] | None:
    if element.tag != "p" or not element.text:
        return None
    match = _ALERT.match(element.text)
    return match if match is not None and match.group("kind").upper() in ALERTS else None


def _split_alerts(quote: etree.Element) -> list[etree.Element]:
    """The quote cut into a plain quote (if anything comes before the first alert) and alerts."""
    pieces: list[etree.Element] = []
    current = etree.Element("blockquote")
    for child in list(quote):
        match = _alert_match(child)
        if match is None:
            current.append(child)
            continue
        child.text = (child.text or "")[match.end() :]
        if len(current):
            pieces.append(current)
        kind, title = ALERTS[match.group("kind").upper()]
        current = etree.Element("div", {"class": f"admonition {kind}"})
        heading = etree.SubElement(current, "p", {"class": "admonition-title"})
        heading.text = title
        if (child.text or "").strip() or len(child):
            current.append(child)
    if len(current):
        pieces.append(current)
    if pieces:
        pieces[-1].tail = quote.tail
    return pieces


class _KeepTrusted(Postprocessor):
    """Before raw HTML is put back, sets aside what Markdown's own extensions stashed (code)."""

    def __init__(self, md: Markdown, state: PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        if self.state.raw_stash:
            blocks = self.md.htmlStash.rawHtmlBlocks
            for index in range(len(blocks)):
                if index not in self.state.raw_stash:
                    trusted = str(blocks[index])
                    tag = _FIRST_TAG.match(trusted)
                    block = tag is not None and self.md.is_block_level(tag.group(1))
                    blocks[index] = self.state.keep(trusted, block)
                elif index not in self.state.raw_seen:
                    self.state.raw_seen.add(index)
                    self.state.raw_fragments.append(str(blocks[index]))
        return text


class GitHubExtension(Extension):
    """Registers the processors above on one Markdown instance that shares ``state``."""

    def __init__(self, state: PageState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:
        from markdown.inlinepatterns import HTML_RE

        md.preprocessors.register(_Myst(md, self.state), "reader-myst", 29.5)
        md.preprocessors.register(_ReindentLists(md), "reader-lists", 29)
        md.preprocessors.register(_OpenHtmlBlocks(md, self.state), "reader-open-html", 21)
        md.preprocessors.register(_RawBlocks(md, self.state), "html_block", 20)
        md.inlinePatterns.register(_RawInline(HTML_RE, md, self.state), "html", 90)
        md.treeprocessors.register(_Macros(md, self.state), "reader-macros", 25)
        md.treeprocessors.register(_Alerts(md), "reader-alerts", 24)
        md.postprocessors.register(_KeepTrusted(md, self.state), "reader-keep-trusted", 35)
