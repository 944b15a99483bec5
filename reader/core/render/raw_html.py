"""Raw HTML in topics: a safe subset passes, sanitised by ``nh3``; everything else is dropped.

Tables, ``details``/``summary``, ``kbd``, ``sup``/``sub``, ``br``, images inside the content
root and elements with an ``id`` (kept as anchors) pass; scripts, styles, iframes, forms, event
attributes and ``style`` never do, and comments are removed. Every link and image source is
decided by the caller's policy (``attribute_filter``), the same one the Markdown links follow.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import unquote

from reader.core.safe_text import plain_tooltip

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
        "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
        "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
    }
)  # fmt: skip
_COMMON = {"id", "class", "title", "align", "lang", "dir"}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href", "name"},
    "img": _COMMON | {"src", "alt", "width", "height"},
    "td": _COMMON | {"colspan", "rowspan", "valign", "width"},
    "th": _COMMON | {"colspan", "rowspan", "valign", "width"},
    "table": _COMMON | {"width", "cellpadding", "cellspacing", "border"},
    "col": _COMMON | {"span", "width"},
    "ol": _COMMON | {"start", "type"},
    "details": _COMMON | {"open"},
}
MARKDOWN_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "a": ALLOWED_ATTRIBUTES["a"] | {"rel", "rev"},  # footnote links
    "input": _COMMON | {"type", "checked", "disabled"},  # task list boxes
}
"""What an element Markdown itself made (``attr_list`` included) may keep: never ``style`` (a
CSS ``url()``) nor ``background``, the attributes with which Qt loads a resource."""
URL_SCHEMES = frozenset({"http", "https", "mailto", "topic", "content", "missing"})
MISSING_IMAGE_SCHEME = "missing"

AttributeFilter = Callable[[str, str, str], str | None]

_ID = re.compile(r'<(?P<tag>[a-z][a-z0-9]*)(?P<attrs>[^>]*?)\sid="(?P<id>[^"]*)"(?P<rest>[^>]*)>')
_IMAGE = re.compile(r"<img(?P<attrs>[^>]*)>")
_SRC = re.compile(r'\ssrc="(?P<src>[^"]*)"')
_ALT = re.compile(r'\salt="(?P<alt>[^"]*)"')


def keep_safe_attributes(tag: str, attributes: dict[str, str]) -> dict[str, str]:
    """``attributes`` of a Markdown-made ``tag`` reduced to :data:`MARKDOWN_ATTRIBUTES`, every
    ``title`` made a plain tooltip (:func:`reader.core.safe_text.plain_tooltip`)."""
    allowed = MARKDOWN_ATTRIBUTES.get(tag, _COMMON)
    kept = {name: value for name, value in attributes.items() if name in allowed}
    if kept.get("title"):
        kept["title"] = plain_tooltip(kept["title"])
    return kept


def sanitise(fragment: str, attribute_filter: AttributeFilter) -> tuple[str, list[str]]:
    """Return ``fragment`` reduced to the safe subset, and the ids it keeps as anchors.

    ``attribute_filter(tag, attribute, value)`` returns the value to keep or ``None``; an image
    source it turns into ``missing:NOTE`` becomes a note in the text (``[NOTE: alt]``). Every
    ``title`` kept is a plain tooltip, so Qt never reads markup in it.
    """
    import nh3

    clean = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=lambda tag, name, value: (
            plain_tooltip(value) if name == "title" else attribute_filter(tag, name, value)
        ),
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )
    clean = _IMAGE.sub(_image_note, clean)
    anchors: list[str] = []

    def add_anchor(match: re.Match[str]) -> str:
        anchors.append(match.group("id"))
        return (
            f'{match.group(0)}<a name="{match.group("id")}"></a>'
            if match.group("tag") != "a"
            else match.group(0)
        )

    return _ID.sub(add_anchor, clean), anchors


def _image_note(match: re.Match[str]) -> str:
    """Keep an image the policy allowed; any other becomes ``[why: alt]`` in the text."""
    attrs = match.group("attrs")
    src = _SRC.search(attrs)
    if src is not None and src.group("src").startswith("content:"):
        return match.group(0)
    why = "image not shown"
    if src is not None and src.group("src").startswith(f"{MISSING_IMAGE_SCHEME}:"):
        why = unquote(html.unescape(src.group("src")).removeprefix(f"{MISSING_IMAGE_SCHEME}:"))
    alt = _ALT.search(attrs)
    shown = f": {alt.group('alt')}" if alt and alt.group("alt") else ""
    return f'<span class="image-note">[{html.escape(why)}{shown}]</span>'


_DROPPED_QUIETLY = frozenset(
    {"html", "head", "body", "tbody", "thead", "tfoot", "center", "font", "picture", "source"}
)


def links_and_images(fragments: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """``("a", href)`` and ``("img", src)`` for every link and image in raw HTML, in order, and
    the names of the elements the page will not show (``iframe``, ``script``…), once each."""
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []
    dropped: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in ALLOWED_TAGS and tag not in _DROPPED_QUIETLY and tag not in dropped:
                dropped.append(tag)
            wanted = {"a": "href", "img": "src"}.get(tag)
            for name, value in attrs:
                if name == wanted and value is not None:
                    found.append((tag, value))

    parser = Collect(convert_charrefs=True)
    for fragment in fragments:
        parser.feed(fragment)
    parser.close()
    return found, dropped
