"""Validate a content root: everything ``django-reader --check`` reports, one problem per line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from reader.core.content.model import ContentRoot, Topic
from reader.core.links import LinkKind, classify, image_path, image_refusal, is_openable
from reader.core.problems import Problem
from reader.core.render.markdown import Renderer

ExtraCheck = Callable[[ContentRoot], list[Problem]]


def _line_of(text: str, needle: str) -> int:
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def check_content(content: ContentRoot, extra_checks: tuple[ExtraCheck, ...] = ()) -> list[Problem]:
    """Return every problem in ``content``, sorted by file and line."""
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
        problems.extend(_check_topic(content, content.topics[topic_id], page.links, page.images, anchors))
    problems.extend(_duplicate_titles(content))
    for extra in extra_checks:
        problems.extend(extra(content))
    return sorted(set(problems), key=lambda problem: (problem.path, problem.line, problem.message))


def _check_topic(
    content: ContentRoot, topic: Topic, links: list[str], images: list[str], anchors: dict[str, set[str]]
) -> list[Problem]:
    rel = content.relative_path(topic)
    problems: list[Problem] = []
    if not topic.sources:
        problems.append(Problem(rel, 1, "topic has no sources: add 'sources:' with at least one URL"))
    problems.extend(  # the renderer links a source exactly when is_openable holds
        Problem(rel, _line_of(topic.text, url), f"source is not a web address: {url!r}")
        for url in topic.sources
        if not is_openable(url)
    )
    if not topic.summary:
        problems.append(Problem(rel, 1, "topic has no summary"))
    for href in links:
        target = classify(href, content, topic.id)
        line = _line_of(topic.text, f"({href}") if f"({href}" in topic.text else _line_of(topic.text, href)
        if target.kind is LinkKind.MISSING:
            problems.append(Problem(rel, line, f"link to missing topic '{target.topic_id}': {href}"))
        elif target.kind is LinkKind.REFUSED:
            problems.append(Problem(rel, line, f"link will be refused: {target.message}"))
        elif target.kind in (LinkKind.TOPIC, LinkKind.ANCHOR) and target.anchor:
            known = anchors.get(target.topic_id or topic.id)
            if known is not None and target.anchor not in known:
                problems.append(Problem(rel, line, f"link to missing anchor '#{target.anchor}': {href}"))
    folder = content.folder_of(topic)
    for src in images:
        refusal = image_refusal(src, folder)
        if refusal is not None:
            problems.append(Problem(rel, _line_of(topic.text, src), f"{refusal.problem}: {src}"))
        elif not (content.root / image_path(src, folder)).is_file():
            problems.append(Problem(rel, _line_of(topic.text, src), f"image not found: {src}"))
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
