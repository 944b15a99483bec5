"""Validate a content root: everything ``django-reader --check`` reports, one problem per line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.core.content.model import ContentRoot, Topic
from reader.core.links import LinkKind, classify, is_openable, locate_image
from reader.core.problems import Problem
from reader.core.render.markdown import Renderer
from reader.core.storage import read_regular_file

if TYPE_CHECKING:
    from pathlib import Path

ExtraCheck = Callable[[ContentRoot], list[Problem]]


def _line_of(text: str, needle: str, occurrence: int = 0) -> int:
    """The 1-based line of the ``occurrence``-th (0-based) ``needle`` in ``text`` (its last if fewer)."""
    position = -1
    for _ in range(occurrence + 1):
        found = text.find(needle, position + 1)
        if found < 0:
            break
        position = found
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def _needle(unsupported: str) -> str:
    """What to look for in the text: a macro as written, or ``<tag`` of a raw HTML element."""
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


def check_content(
    content: ContentRoot, extra_checks: tuple[ExtraCheck, ...] = (), strict: bool = False
) -> list[Problem]:
    """Return every problem in ``content``, sorted by file and line.

    What the page shows raw, drops or cannot load is a problem; with ``strict`` the bundled
    guide's authoring rules (a summary and sources on every topic) apply too.
    """
    problems = list(content.problems)
    renderer = Renderer(content)
    anchors: dict[str, set[str]] = {}
    pages = {}
    for topic_id in content.walk():
        topic = content.topics[topic_id]
        if topic.path is None or topic.error:
            continue
        page = renderer.render(topic_id)
        pages[topic_id] = page
        anchors[topic_id] = page.anchors | {"sources"}
        if page.error:
            problems.append(Problem(content.relative_path(topic), 1, page.error))
    for topic_id, page in pages.items():
        topic = content.topics[topic_id]
        problems.extend(_check_topic(content, topic, page.links, page.images, anchors, strict))
        problems.extend(
            Problem(
                content.relative_path(topic), _line_of(topic.text, _needle(item)), f"not supported: {item}"
            )
            for item in page.unsupported
        )
    problems.extend(_duplicate_titles(content))
    for extra in extra_checks:
        problems.extend(extra(content))
    return sorted(set(problems), key=lambda problem: (problem.path, problem.line, problem.message))


def _check_topic(
    content: ContentRoot,
    topic: Topic,
    links: list[str],
    images: list[str],
    anchors: dict[str, set[str]],
    strict: bool,
) -> list[Problem]:
    rel = content.relative_path(topic)
    problems: list[Problem] = []
    if strict and not topic.sources:
        problems.append(Problem(rel, 1, "topic has no sources: add 'sources:' with at least one URL"))
    problems.extend(  # the renderer links a source exactly when is_openable holds
        Problem(rel, _line_of(topic.text, url), f"source is not a web address: {url!r}")
        for url in topic.sources
        if not is_openable(url)
    )
    if strict and not topic.summary:
        problems.append(Problem(rel, 1, "topic has no summary"))
    seen: dict[str, int] = {}
    for href in links:
        target = classify(href, content, topic.id)
        occurrence = seen[href] = seen.get(href, -1) + 1
        needle = f"({href}" if f"({href}" in topic.text else href
        line = _line_of(topic.text, needle, occurrence)
        if target.kind is LinkKind.MISSING:
            problems.append(Problem(rel, line, f"link to missing topic '{target.topic_id}': {href}"))
        elif target.kind is LinkKind.REFUSED:
            problems.append(Problem(rel, line, f"link will be refused: {target.message}"))
        elif target.kind in (LinkKind.TOPIC, LinkKind.ANCHOR) and target.anchor:
            known = anchors.get(target.topic_id or topic.id)
            if known is not None and target.anchor not in known:
                problems.append(Problem(rel, line, f"link to missing anchor '#{target.anchor}': {href}"))
    folder = content.folder_of(topic)
    seen = {}
    for src in images:
        relative, refusal = locate_image(src, folder, content)
        occurrence = seen[src] = seen.get(src, -1) + 1
        line = _line_of(topic.text, src, occurrence)
        path = content.root / relative
        if refusal is not None:
            problems.append(Problem(rel, line, f"{refusal.problem}: {src}"))
        elif not path.is_file():
            problems.append(Problem(rel, line, f"image not found: {src}"))
        elif not _is_picture(path):
            problems.append(Problem(rel, line, f"image is not a picture the reader can show: {src}"))
    return problems


def _duplicate_titles(content: ContentRoot) -> list[Problem]:
    by_title: dict[str, list[Topic]] = defaultdict(list)
    for topic in content.topics.values():
        if topic.path is not None:
            by_title[topic.title.casefold()].append(topic)
    problems: list[Problem] = []
    for same in by_title.values():
        if len(same) > 1:
            others = ", ".join(content.relative_path(topic) for topic in same)
            problems.extend(
                Problem(content.relative_path(topic), 1, f"duplicate title {topic.title!r} ({others})")
                for topic in same
            )
    return problems
