"""What ``--check`` needs to know about one topic, found by reading it once: :class:`TopicFacts`.

A topic's facts depend only on its own file (and the image files it shows), so they can be
found in any order, in worker processes, and kept between runs (:mod:`reader.core.check.cache`).
Whether its links lead anywhere is decided later, against every topic's facts
(:mod:`reader.core.check.targets`).

Most topics need no Markdown at all: :func:`quick_links` recognises a page whose only link
syntax is plain ``[text](target)`` links (no images, raw HTML, bare addresses, macros, fragments
or reference links, and too small for the page's layout budget to cut) and lists their targets.
That list may hold more than the page really links (a link written inside code), never less; a
page all of whose listed targets are fine therefore has no problem to report, and is not
rendered. Any other page is rendered as the
reader renders it, which is what its problems are taken from.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, NamedTuple

from reader.core.content.front_matter import markdown_body
from reader.core.content.scan import Stamp, file_stamp
from reader.core.links import LinkKind, classify, is_openable, locate_image
from reader.core.render.layout_budget import MAX_LIST_ITEMS, MAX_PAGE_CHARACTERS, MAX_UNBROKEN_RUN
from reader.core.render.limits import render_limit
from reader.core.render.myst import UNSUPPORTED_SUFFIX
from reader.core.render.tidy import MAX_TABLE_NESTING
from reader.core.storage import read_regular_file

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.model import ContentRoot, Topic
    from reader.core.render.markdown import Renderer

logger = logging.getLogger(__name__)

Found = tuple[tuple[int, str], ...]
"""Problems as ``(line, message)`` pairs."""


class TopicFacts(NamedTuple):
    """What one topic file holds for the check (a tuple of built-in types: cheap to marshal).

    ``links`` are the hrefs in page order with their 1-based ``lines``; ``quick`` is True when
    they were found by :func:`quick_links` (no page rendered: may include links inside code, and
    ``anchors`` is then ``None``, unknown). ``problems`` are the topic's own problems (render
    error, images, dropped constructs, sources); ``images`` the image files they depend on, with
    their stamps.
    """

    stamp: Stamp
    links: tuple[str, ...]
    lines: tuple[int, ...]
    quick: bool
    anchors: tuple[str, ...] | None
    problems: Found
    images: tuple[tuple[str, Stamp], ...]


_SIMPLE_LINK = re.compile(r"\[(?<!!\[)[^\[\]\n]*\]\(([^()\s<>#\"'\\]+)\)")  # "[" first: a fast scan
# what may become a link, an image, raw HTML, a macro, a bare address or a MyST role or directive
_NEEDS_RENDER: tuple[str, ...] = ("<", "@", "](", "]:", "[^", "![", "://", "{{", "{%", "{*", "{!", "[TOC]")
_NEEDS_RENDER += ("}`", "```{", ":::{")
_NEEDS_RENDER_ANY_CASE = ("www.", "ftp.")
_BOX_MARKS = ("///", "!!!", "???", "===", "<table", "```{", ":::{")  # what may draw a box
# The page's layout budget (reader.core.render.layout_budget) cannot cut a page under these:
# each list item needs a marker of its own (2 characters at least), and a run of HTML text is at
# most 5 times as long as its Markdown (& becomes &amp;).
_LONG_RUN = re.compile(f"\\S{{{MAX_UNBROKEN_RUN // 6},}}")
_LIST_MARKER = re.compile(r"(?:^|[ \t>])(?:[*+-]|[0-9]+[.)])(?=[ \t]|$)", re.MULTILINE)  # any, even mid-line
_SPACE = re.compile(r"\s")
_RUN_BLOCK = MAX_UNBROKEN_RUN // 12  # a run of MAX_UNBROKEN_RUN // 6 holds an aligned block this long


def has_long_run(body: str) -> bool:
    """``_LONG_RUN.search(body)``, answered for ordinary text by looking for a space in each
    aligned block of ``_RUN_BLOCK`` characters (the full search runs only if a block has none)."""
    search = _SPACE.search
    for start in range(0, len(body) - _RUN_BLOCK + 1, _RUN_BLOCK):
        if search(body, start, start + _RUN_BLOCK) is None:
            return _LONG_RUN.search(body) is not None
    return False


def may_have_many_list_items(body: str) -> bool:
    """False if ``body`` surely has at most ``MAX_LIST_ITEMS`` list markers (each needs a space,
    tab or line end after it); else whether it has more."""
    if body.count(" ") + body.count("\t") + body.count("\n") < MAX_LIST_ITEMS:
        return False
    return len(_LIST_MARKER.findall(body)) > MAX_LIST_ITEMS


def quick_links(content: ContentRoot, topic: Topic, body: str) -> list[str] | None:
    """The targets of a page's links if it need not be rendered to be checked, else ``None``.

    ``None`` when the page has any construct other than plain ``[text](target)`` links that the
    renderer could turn into a link, an image or a problem, or when one of the listed targets
    is not a topic (without a fragment) or a web address that opens without asking.
    """
    links: list[str] = []

    def take(match: re.Match[str]) -> str:
        links.append(match.group(1))
        return ""

    rest = _SIMPLE_LINK.sub(take, body) if "](" in body else body
    if any(marker in rest for marker in _NEEDS_RENDER):
        return None
    lower = rest.lower()
    if any(marker in lower for marker in _NEEDS_RENDER_ANY_CASE):
        return None
    if len(body) * 10 >= MAX_PAGE_CHARACTERS or has_long_run(body) or may_have_many_list_items(body):
        return None
    if sum(body.count(mark) for mark in _BOX_MARKS) > MAX_TABLE_NESTING:  # boxes may nest too deep
        return None
    if render_limit(body) is not None:  # the page would be refused: render it to say why
        return None
    for href in dict.fromkeys(links):
        target = classify(href, content, topic.id)
        if target.kind is not LinkKind.TOPIC and (target.kind is not LinkKind.WEB or target.confirm):
            return None
    return links


def line_of(text: str, needle: str, occurrence: int = 0) -> int:
    """The 1-based line of the ``occurrence``-th (0-based) ``needle`` in ``text`` (its last if fewer)."""
    position = -1
    for _ in range(occurrence + 1):
        found = text.find(needle, position + 1)
        if found < 0:
            break
        position = found
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def _needle(unsupported: str) -> str:
    """What to look for in the text: a macro as written, ``{name}`` of a MyST directive, or
    ``<tag`` of a raw HTML element."""
    if unsupported.endswith(UNSUPPORTED_SUFFIX):
        return unsupported.removesuffix(UNSUPPORTED_SUFFIX)
    return unsupported.split(">", 1)[0] if unsupported.startswith("<") else unsupported


_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def _is_picture(path: Path) -> bool:
    """True if the file starts like an image Qt decodes (PNG, JPEG, GIF, BMP, TIFF, WebP, SVG)."""
    try:
        head = read_regular_file(path, 512, head=True)
    except OSError:
        return False
    if head.startswith(_IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return True
    text = head.lstrip().lower()
    return text.startswith((b"<svg", b"<?xml", b"<!--")) or path.suffix.lower() in (".svg", ".svgz")


def topic_facts(content: ContentRoot, topic: Topic, renderer: Renderer, render: bool = False) -> TopicFacts:
    """Read ``topic`` (a file without a load error) and return its facts; never raises.

    ``render`` forces a rendered page even where :func:`quick_links` would do (to learn its
    anchors). The topic's text is released afterwards.
    """
    assert topic.path is not None
    stamp = file_stamp(topic.path)  # before reading: an edit made meanwhile is seen next time
    try:
        text = topic.text
        problems: list[tuple[int, str]] = [
            (line_of(text, url), f"source is not a web address: {url!r}")
            for url in topic.sources
            if not is_openable(url)
        ]
        quick = None if render else quick_links(content, topic, markdown_body(text))
        if quick is not None:
            return TopicFacts(stamp, tuple(quick), (), True, None, tuple(problems), ())
        page = renderer.render(topic.id)
        if page.error:
            problems.append((1, page.error))
        problems.extend((line_of(text, _needle(item)), f"not supported: {item}") for item in page.unsupported)
        images = _image_problems(content, topic, text, page.images, problems)
        lines = _link_lines(text, page.links)
        anchors = tuple(sorted(page.anchors | {"sources"}))
        return TopicFacts(stamp, tuple(page.links), lines, False, anchors, tuple(problems), images)
    finally:
        topic.release_text()


def _link_lines(text: str, links: list[str]) -> tuple[int, ...]:
    seen: dict[str, int] = {}
    lines = []
    for href in links:
        occurrence = seen[href] = seen.get(href, -1) + 1
        needle = f"({href}" if f"({href}" in text else href
        lines.append(line_of(text, needle, occurrence))
    return tuple(lines)


def _image_problems(
    content: ContentRoot, topic: Topic, text: str, images: list[str], problems: list[tuple[int, str]]
) -> tuple[tuple[str, Stamp], ...]:
    """Append the problems of the page's images; return the image files they depend on."""
    folder = content.folder_of(topic)
    seen: dict[str, int] = {}
    used: dict[str, Stamp] = {}
    for src in images:
        relative, refusal = locate_image(src, folder, content)
        occurrence = seen[src] = seen.get(src, -1) + 1
        line = line_of(text, src, occurrence)
        if refusal is not None:
            problems.append((line, f"{refusal.problem}: {src}"))
            continue
        path = content.root / relative
        used[relative] = image_stamp(path)
        if not path.is_file():
            problems.append((line, f"image not found: {src}"))
        elif not _is_picture(path):
            problems.append((line, f"image is not a picture the reader can show: {src}"))
    return tuple(used.items())


def image_stamp(path: Path) -> Stamp:
    """An image file's stamp; (-1, -1) if it is missing or cannot be named."""
    try:
        return file_stamp(path)
    except ValueError:  # NUL bytes in the name
        return (-1, -1)
