"""Validate a content root: everything ``django-reader --check`` reports, one problem per line.

The check streams: each topic is read once for its :class:`~reader.core.check.facts.TopicFacts`
(links, anchors, its own problems; never its rendered page), in worker processes when asked
(:mod:`reader.core.check.workers`), and only pages that could have a problem are rendered at all.
Links are then judged against every topic's facts (:mod:`reader.core.check.targets`). With a
check cache (:mod:`reader.core.check.cache`) a topic unchanged since the last run is not read
again, but its links are still judged, so a change to a page it links to is seen.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.core.check.cache import CheckCache, CheckState
from reader.core.check.facts import TopicFacts, image_stamp
from reader.core.check.targets import Judgement, LinkJudge
from reader.core.check.workers import collect_facts
from reader.core.content.model import ContentRoot, Topic
from reader.core.content.scan import file_stamp
from reader.core.content.site_nav import read_site_nav
from reader.core.problems import Problem
from reader.core.storage import cache_key

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

ExtraCheck = Callable[[ContentRoot], list[Problem]]


def check_content(
    content: ContentRoot,
    extra_checks: tuple[ExtraCheck, ...] = (),
    strict: bool = False,
    jobs: int = 1,
    use_cache: bool = False,
    cache_dir: Path | None = None,
) -> list[Problem]:
    """Return every problem in ``content``, sorted by file and line.

    What the page shows raw, drops or cannot load is a problem; with ``strict`` the bundled
    guide's authoring rules (a summary and sources on every topic) apply too. ``jobs`` > 1
    reads topics in that many worker processes; ``use_cache`` keeps each topic's facts in the
    check cache under ``cache_dir`` (default: the user cache folder) and reuses those still
    current. The problems found are the same whatever ``jobs`` and ``use_cache`` are.
    """
    cache = CheckCache(content.root, cache_dir) if use_cache else None
    before = cache.load() if cache is not None else CheckState({}, {}, "")
    known = before.facts
    facts: dict[str, TopicFacts] = {}
    todo: list[str] = []
    for topic_id in content.walk():
        topic = content.topics[topic_id]
        if topic.path_text is None or topic.error:
            continue
        entry = known.get(topic_id)
        if entry is not None and _still_current(content, topic, entry):
            facts[topic_id] = entry
        else:
            todo.append(topic_id)
    known.clear()  # what is still current moved to facts
    logger.debug(
        "check of %s: %d topics to read, %d from the check cache", content.root, len(todo), len(facts)
    )
    facts.update(collect_facts(content, todo, jobs=jobs, cache_dir=cache_dir))
    signature = cache_key(*sorted(content.topics)) if cache is not None else ""
    judge = LinkJudge(content, facts, _reusable(before, signature, facts, set(todo)))
    before.judged.clear()
    link_problems, render = judge.judge()
    while render:  # quickly read topics whose real links or anchors are needed
        facts.update(collect_facts(content, sorted(render), render=True, jobs=jobs, cache_dir=cache_dir))
        judge.forget(render)
        link_problems, render = judge.judge()
    problems = list(content.problems)
    for topic_id, topic_facts in facts.items():
        found = [*topic_facts.problems, *link_problems.get(topic_id, ())]
        if found:
            rel = content.relative_path(content.topics[topic_id])
            problems.extend(Problem(rel, line, message) for line, message in found)
    if strict:
        problems.extend(_authoring_problems(content, facts))
    if cache is not None:
        cache.save(CheckState(facts, judge.judgements, signature))  # empties them
    problems.extend(_duplicate_titles(content))
    nav = read_site_nav(content.root)
    if nav.source is not None and nav.problem:
        where = os.path.relpath(nav.source, content.root).replace(os.sep, "/")
        problems.append(Problem(where, 1, nav.problem))
    for extra in extra_checks:
        problems.extend(extra(content))
    return sorted(set(problems), key=lambda problem: (problem.path, problem.line, problem.message))


def _reusable(
    before: CheckState, signature: str, facts: dict[str, TopicFacts], read: set[str]
) -> dict[str, Judgement]:
    """The last run's judgements that still hold: same topic ids, and neither the topic nor any
    topic whose anchors it used was read again. Site-absolute links (``/a/b``) also depend on
    other topics' ``slug:``, so topics with one are always judged again."""
    if not before.judged or signature != before.signature:
        return {}
    return {
        topic_id: judgement
        for topic_id, judgement in before.judged.items()
        if topic_id in facts
        and topic_id not in read
        and read.isdisjoint(judgement.anchors_of)
        and not judgement.by_slug
    }


def _still_current(content: ContentRoot, topic: Topic, entry: TopicFacts) -> bool:
    """True if the topic's file and the images it shows have the stamps its facts were found with."""
    path = topic.path_text
    if path is None or file_stamp(path) != tuple(entry.stamp):
        return False
    return all(image_stamp(content.root / path) == tuple(stamp) for path, stamp in entry.images)


def _authoring_problems(content: ContentRoot, facts: dict[str, TopicFacts]) -> list[Problem]:
    """The bundled guide's rules: every readable topic has sources and a summary."""
    problems: list[Problem] = []
    for topic_id in facts:
        topic = content.topics[topic_id]
        rel = content.relative_path(topic)
        if not topic.sources:
            problems.append(Problem(rel, 1, "topic has no sources: add 'sources:' with at least one URL"))
        if not topic.summary:
            problems.append(Problem(rel, 1, "topic has no summary"))
    return problems


def _duplicate_titles(content: ContentRoot) -> list[Problem]:
    by_title: dict[str, list[Topic]] = defaultdict(list)
    for topic in content.topics.values():
        if topic.path_text is not None:
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
