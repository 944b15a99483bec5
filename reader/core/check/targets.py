"""Whether each topic's links lead somewhere, decided against every topic's facts at once.

Run on every check, cached facts or not: a link's target may have been removed, renamed or lost
the anchor it names since the linking topic was last read. Each link goes through the one link
policy (:func:`reader.core.links.classify`), asked once per folder and address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.links import LinkKind, LinkTarget, classify

if TYPE_CHECKING:
    from reader.core.check.facts import TopicFacts
    from reader.core.content.model import ContentRoot

_FINE = (LinkKind.TOPIC, LinkKind.WEB)


class LinkJudge:
    """Judges the links of a content root's topics against their facts (by topic id)."""

    def __init__(self, content: ContentRoot, facts: dict[str, TopicFacts]) -> None:
        self.content = content
        self.facts = facts
        self._targets: dict[tuple[str, str], LinkTarget] = {}

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
        content, facts = self.content, self.facts
        problems: dict[str, list[tuple[int, str]]] = {}
        render: set[str] = set()
        for topic_id, topic_facts in facts.items():
            folder = content.folder_of(content.topics[topic_id]) if topic_facts.links else ""
            if topic_facts.quick:
                if any(
                    self._target(href, topic_id, folder).kind not in _FINE
                    for href in dict.fromkeys(topic_facts.links)
                ):
                    render.add(topic_id)
                continue
            found: list[tuple[int, str]] = []
            for href, line in zip(topic_facts.links, topic_facts.lines, strict=True):
                target = self._target(href, topic_id, folder)
                if target.kind is LinkKind.MISSING:
                    found.append((line, f"link to missing topic '{target.topic_id}': {href}"))
                elif target.kind is LinkKind.REFUSED:
                    found.append((line, f"link will be refused: {target.message}"))
                elif target.kind in (LinkKind.TOPIC, LinkKind.ANCHOR) and target.anchor:
                    linked = facts.get(target.topic_id or topic_id)
                    if linked is None:  # a folder without a file, or a file that cannot be read
                        continue
                    if linked.anchors is None:
                        render.add(target.topic_id or topic_id)
                    elif target.anchor not in linked.anchors:
                        found.append((line, f"link to missing anchor '#{target.anchor}': {href}"))
            if found:
                problems[topic_id] = found
        return problems, render
