"""Whether each topic's links lead somewhere, decided against every topic's facts at once.

Run on every check, cached facts or not: a link's target may have been removed, renamed or lost
the anchor it names since the linking topic was last read. Each link goes through the one link
policy (:func:`reader.core.links.classify`), asked once per folder and address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from reader.core.diagram import DIAGRAM_FILE
from reader.core.links import LinkKind, LinkTarget, classify

if TYPE_CHECKING:
    from reader.core.check.facts import TopicFacts
    from reader.core.content.model import ContentRoot


def _fine(target: LinkTarget) -> bool:
    """True for a link that can have no problem: a topic without an anchor, or a plain web link."""
    return (target.kind is LinkKind.TOPIC and not target.anchor) or (
        target.kind is LinkKind.WEB and not target.confirm
    )


class Judgement(NamedTuple):
    """A topic's link problems ``(line, message)``, the topics whose anchors they depend on, and
    whether a site-absolute link (``/a/b``, found through other topics' ``slug:``) was judged."""

    problems: tuple[tuple[int, str], ...]
    anchors_of: tuple[str, ...]
    by_slug: bool


class LinkJudge:
    """Judges the links of a content root's topics against their facts (by topic id).

    ``reusable`` holds judgements from the last run that still hold: the topic, the topics
    whose anchors it used and the set of topic ids are all unchanged since (see
    :func:`reader.core.check.check_content`); those topics are not judged again.
    """

    def __init__(
        self, content: ContentRoot, facts: dict[str, TopicFacts], reusable: dict[str, Judgement] | None = None
    ) -> None:
        self.content = content
        self.facts = facts
        self.reusable = reusable if reusable is not None else {}
        self.judgements: dict[str, Judgement] = {}
        self._targets: dict[tuple[str, str], LinkTarget] = {}

    def forget(self, changed: set[str]) -> None:
        """Judge again whatever read the facts of ``changed`` topics (just read once more)."""
        self.reusable = {
            topic_id: judgement
            for topic_id, judgement in self.reusable.items()
            if topic_id not in changed and changed.isdisjoint(judgement.anchors_of)
        }

    def _target(self, href: str, topic_id: str, folder: str) -> LinkTarget:
        if href.startswith("#"):
            return classify(href, self.content, topic_id)
        key = (folder, href)
        target = self._targets.get(key)
        if target is None:
            target = self._targets[key] = classify(href, self.content, topic_id)
        return target

    def judge(self) -> tuple[dict[str, list[tuple[int, str]]], set[str]]:
        """The link problems ``(line, message)`` of every topic, and the topics to render first.

        A topic to render is either a quickly read one whose links are no longer all fine (its
        real links must be known) or a quickly read target of a link with an anchor (its
        anchors must be known). Judge again once they are rendered.
        """
        content, facts, reusable = self.content, self.facts, self.reusable
        problems: dict[str, list[tuple[int, str]]] = {}
        render: set[str] = set()
        self.judgements = {}
        for topic_id, topic_facts in facts.items():
            judgement = reusable.get(topic_id)
            if judgement is not None:
                self.judgements[topic_id] = judgement
                if judgement.problems:
                    problems[topic_id] = list(judgement.problems)
                continue
            folder = content.folder_of(content.topics[topic_id]) if topic_facts.links else ""
            if topic_facts.quick:
                if any(
                    not _fine(self._target(href, topic_id, folder))
                    for href in dict.fromkeys(topic_facts.links)
                ):
                    render.add(topic_id)
                else:
                    self.judgements[topic_id] = Judgement((), (), _by_slug(topic_facts.links))
                continue
            found: list[tuple[int, str]] = []
            used: list[str] = []
            for href, line in zip(topic_facts.links, topic_facts.lines, strict=True):
                target = self._target(href, topic_id, folder)
                if target.kind is LinkKind.MISSING:
                    missing = (
                        target.message
                        if target.topic_id == DIAGRAM_FILE
                        else f"link to missing topic '{target.topic_id}'"
                    )
                    found.append((line, f"{missing}: {href}"))
                elif target.kind is LinkKind.REFUSED:
                    found.append((line, f"link will be refused: {target.message}"))
                elif target.kind is LinkKind.WEB and target.confirm:
                    found.append((line, f"link will ask before opening: {target.confirm} {href}"))
                elif target.kind in (LinkKind.TOPIC, LinkKind.ANCHOR) and target.anchor:
                    linked_id = target.topic_id or topic_id
                    linked = facts.get(linked_id)
                    if linked is None:  # a folder without a file, or a file that cannot be read
                        continue
                    used.append(linked_id)
                    if linked.anchors is None:
                        render.add(linked_id)
                    elif target.anchor not in linked.anchors:
                        found.append((line, f"link to missing anchor '#{target.anchor}': {href}"))
            if found:
                problems[topic_id] = found
            used_anchors = tuple(dict.fromkeys(used))
            self.judgements[topic_id] = Judgement(tuple(found), used_anchors, _by_slug(topic_facts.links))
        self._targets.clear()  # about 200 bytes a link: not kept between passes
        return problems, render


def _by_slug(links: tuple[str, ...]) -> bool:
    return any(href.startswith("/") for href in links)
