"""One request followed by running the project, as ordered steps and as a diagram walk-through.

The probe (``resources/probe/django_probe.py``) resolves a path with the project's real resolver
and answers with stages: ``request``, ``middleware-request`` (one per ``MIDDLEWARE`` entry, in
order), then ``match`` (route, name, captured arguments), ``process-view``, ``catch-all``, ``view``
and ``template`` — or ``not-found`` (404 after trying N patterns) — then ``middleware-response`` in
reverse order, where CommonMiddleware may turn a 404 into a 301 (``APPEND_SLASH``).
:func:`followed_steps` gives each stage a sentence, its guide topic and the source it opens;
:func:`followed_flow` lays them out as a :class:`~reader.core.diagram.model.Diagram` the diagram
widget and its walk-through play.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.diagram.model import Diagram, Edge, Node, Step
from reader.core.project.flow import TOPICS, Flow, middleware_label, snake_cell
from reader.core.project.model import Origin, SourceRef

if TYPE_CHECKING:
    from reader.core.project.model import ProjectMap, View

logger = logging.getLogger(__name__)

_STAGE_TOPIC = {
    "request": TOPICS["browser"],
    "middleware-request": TOPICS["middleware"],
    "middleware-response": TOPICS["middleware"],
    "process-view": TOPICS["middleware"],
    "match": TOPICS["pattern"],
    "not-found": "request-flow/errors",
    "catch-all": TOPICS["view"],
    "view": TOPICS["view"],
    "template": TOPICS["template"],
}


@dataclass(frozen=True)
class FollowedStep:
    """One stage of a followed request: ``stage`` as the probe names it, a sentence, a guide topic.

    ``label`` is the short box text, ``caption`` the line under it (default: the stage);
    ``source`` the code it opens (``None``: nothing to open).
    """

    stage: str
    label: str
    sentence: str
    topic: str
    source: SourceRef | None = None
    caption: str = ""

    def to_json(self) -> dict[str, Any]:
        """The step as ``--follow`` prints it."""
        source = None if self.source is None else {"file": self.source.file, "line": self.source.line}
        return {"stage": self.stage, "label": self.label, "sentence": self.sentence, "topic": self.topic,
                "source": source}  # fmt: skip


def _text(step: dict[str, Any], key: str) -> str:
    value = step.get(key, "")
    return value if isinstance(value, str) else str(value)


def _short(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1] or dotted


def followed_steps(follow: dict[str, Any], project: ProjectMap | None = None) -> list[FollowedStep]:
    """The probe's ``follow`` document as sentences; ``project`` supplies source lines it knows.

    Malformed steps are skipped: the document comes from the project's process.
    """
    middleware = {entry.id: entry for entry in project.middleware} if project is not None else {}
    views = {view.id: view for view in project.views} if project is not None else {}
    total = sum(1 for step in _steps(follow) if step.get("stage") == "middleware-request")
    found: list[FollowedStep] = []
    for step in _steps(follow):
        stage = _text(step, "stage")
        topic = _STAGE_TOPIC.get(stage)
        if topic is None:
            continue
        name = _text(step, "middleware")
        position = _text(step, "position")
        known = middleware.get(name)
        source = known.source if known is not None else None
        if stage == "request":
            path = _text(step, "path")
            language = _text(follow, "language")
            where = f" (language {language}, from the path)" if language else ""
            found.append(FollowedStep(stage, "Browser", f"The browser asks for {path}{where}.", topic))
        elif stage == "middleware-request":
            sentence = f"Middleware {position} of {total}, {name}, sees the request on its way in."
            found.append(
                FollowedStep(stage, middleware_label(name), sentence, topic, source, f"middleware {position}")
            )
        elif stage == "match":
            found.append(_match_step(step, topic))
        elif stage == "not-found":
            sentence = f"No pattern matches: Django tried {_text(step, 'tried')} and answers 404 Not Found."
            found.append(FollowedStep(stage, "404", sentence, topic))
        elif stage == "process-view":
            sentence = f"{name} runs process_view() just before the view is called."
            found.append(FollowedStep(stage, middleware_label(name), sentence, topic, source, "process_view"))
        elif stage == "catch-all":
            sentence = f"{_text(step, 'view')} is a catch-all: {_text(step, 'note')}."
            found.append(FollowedStep(stage, "Catch-all", sentence, topic))
        elif stage == "view":
            found.append(_view_step(step, topic, views))
            found.extend(_source_templates(follow, views.get(_text(step, "view")), project))
        elif stage == "template":
            template = _text(step, "template")
            known_template = project.template(template) if project is not None else None
            source = known_template.source if known_template is not None else None
            label = template.rsplit("/", 1)[-1]
            found.append(FollowedStep(stage, label, f"The view renders {template}.", topic, source))
        else:
            change = _text(step, "changes")
            sentence = f"On the way out, {name} sees the response" + (f": {change}." if change else ".")
            caption = f"response: {_text(step, 'status')}" if change else "response"
            found.append(FollowedStep(stage, middleware_label(name), sentence, topic, source, caption))
    return found


def _steps(follow: dict[str, Any]) -> list[dict[str, Any]]:
    steps = follow.get("steps")
    return [step for step in steps if isinstance(step, dict)] if isinstance(steps, list) else []


def _match_step(step: dict[str, Any], topic: str) -> FollowedStep:
    route = _text(step, "route")
    name = _text(step, "name")
    found = step.get("kwargs")
    kwargs: dict[str, Any] = found if isinstance(found, dict) else {}
    captured = ", ".join(f"{key}={value!r}" for key, value in kwargs.items()) or "nothing"
    named = f" (named {name})" if name else ""
    sentence = f"The URL dispatcher finds the pattern {route or '(root)'}{named}; it captures {captured}."
    return FollowedStep("match", "URL pattern", sentence, topic)


def _view_step(step: dict[str, Any], topic: str, views: dict[str, Any]) -> FollowedStep:
    view_id = _text(step, "view")
    known = views.get(view_id)
    from reader.core.project.running import (
        source_ref,
    )  # late: it pulls in the scanner (tomllib), off the first frame

    source = known.source if known is not None else source_ref(step.get("source"))
    return FollowedStep("view", _short(view_id), f"Django calls the view {view_id}.", topic, source)


def _source_templates(
    follow: dict[str, Any], view: View | None, project: ProjectMap | None
) -> list[FollowedStep]:
    """The templates the map knows the view renders, when the probe named none.

    The probe does not render: a generic view's default (``app/book_list.html``) is known only
    from source.
    """
    if view is None or project is None or any(step.get("stage") == "template" for step in _steps(follow)):
        return []
    found = []
    for name in view.templates:
        known = project.template(name)
        source = known.source if known is not None else None
        sentence = f"The view renders {name} (its name read from source)."
        found.append(
            FollowedStep("template", name.rsplit("/", 1)[-1], sentence, _STAGE_TOPIC["template"], source)
        )
    return found


def followed_flow(follow: dict[str, Any], project: ProjectMap | None = None) -> Flow:
    """The followed request as a diagram: a box and a walk-through step per stage, snaking across rows."""
    steps = followed_steps(follow, project)
    nodes, edges, walk, sources = [], [], [], {}
    for index, step in enumerate(steps):
        node_id = f"step-{index + 1}"
        col, row = snake_cell(index)
        kind = (
            "outside"
            if step.stage == "request"
            else "app"
            if step.source and step.source.origin is Origin.PROJECT
            else "django"
        )
        caption = step.caption or step.stage.replace("-", " ")
        nodes.append(Node(node_id, step.label, caption, step.topic, col, row, kind))
        if index:
            edges.append(Edge(f"step-{index}", node_id, returning=step.stage == "middleware-response"))
        walk.append(Step(step.sentence, node=node_id))
        if step.source is not None:
            sources[node_id] = step.source
    title = f"{_text(follow, 'path')}, followed by running the project"
    return Flow(Diagram(tuple(nodes), tuple(edges), tuple(walk), title), sources)


def matched_route(follow: dict[str, Any]) -> str:
    """The route of the pattern the real resolver matched for the followed path (``""``: none), from
    the site root, include prefixes joined, as Django's ``ResolverMatch.route`` gives it."""
    for step in _steps(follow):
        if step.get("stage") == "match":
            return _text(step, "route")
    return ""


def matched_view(follow: dict[str, Any]) -> str:
    """The dotted view the real resolver chose for the followed path, or ``""`` (404, redirect)."""
    for step in _steps(follow):
        if step.get("stage") == "match":
            return _text(step, "view")
    return ""
