"""One URL pattern of a project map as a request-flow diagram: the guide's diagram, for your code.

:func:`request_flow` turns a :class:`~reader.core.project.model.UrlPattern` into the existing
diagram model (:class:`~reader.core.diagram.model.Diagram`), so the diagram widget and its
walk-through play it: browser → each middleware in ``MIDDLEWARE`` order → the matching pattern →
the view → the models and templates it names → the response. Every node's ``topic`` is the guide
topic explaining that stage; :attr:`Flow.sources` says which file and line each node opens.

Layout: the browser and the middleware snake across rows of :data:`COLUMNS` cards (left to right,
then right to left), and the pattern, view, first template and response take the next row, with
further templates and the models in the rows beneath the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.diagram.model import Diagram, Edge, Node, Step

if TYPE_CHECKING:
    from reader.core.project.model import ProjectMap, SourceRef, UrlPattern

COLUMNS = 4
TOPICS = {
    "browser": "request-flow/browser",
    "middleware": "request-flow/middleware",
    "pattern": "request-flow/url-dispatcher",
    "view": "request-flow/views",
    "model": "request-flow/models",
    "template": "request-flow/templates",
    "response": "request-flow/response",
}


@dataclass(frozen=True)
class Flow:
    """A drawn request: the diagram, and the source each node id opens (absent: nothing to open)."""

    diagram: Diagram
    sources: dict[str, SourceRef] = field(default_factory=dict)


def display_route(pattern: UrlPattern) -> str:
    """The path a browser asks for, as written: ``/polls/<int:question_id>/`` (regexes as ``^…``)."""
    return pattern.route if pattern.regex else "/" + pattern.route.lstrip("/")


def _short(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1] or dotted


def middleware_label(dotted: str) -> str:
    """``SecurityMiddleware`` → ``Security``: the card's caption already says "middleware N"."""
    name = _short(dotted)
    return name.removesuffix("Middleware") or name


def snake_cell(index: int) -> tuple[int, int]:
    """Grid cell (col, row) of the ``index``-th card of the browser-and-middleware snake."""
    row, offset = divmod(index, COLUMNS)
    return (offset if row % 2 == 0 else COLUMNS - 1 - offset), row


class _Builder:
    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.steps: list[Step] = []
        self.sources: dict[str, SourceRef] = {}

    def add(
        self, node_id: str, label: str, caption: str, stage: str, cell: tuple[int, int], kind: str
    ) -> None:
        col, row = cell
        self.nodes.append(Node(node_id, label, caption, TOPICS[stage], col, row, kind))

    def link(self, source: str, target: str, label: str = "", returning: bool = False) -> None:
        self.edges.append(Edge(source, target, label, returning=returning))

    def step(self, node_id: str, sentence: str, source: SourceRef | None) -> None:
        self.steps.append(Step(sentence, node=node_id))
        if source is not None:
            self.sources[node_id] = source


def request_flow(project: ProjectMap, pattern: UrlPattern) -> Flow:
    """The flow diagram of a request that ``pattern`` answers in ``project`` (pure; no file access)."""
    build = _Builder()
    route = display_route(pattern)
    build.add("browser", "Browser", f"GET {route}", "browser", (0, 0), "outside")
    build.step("browser", f"The browser asks for {route}.", None)
    previous = "browser"
    count = len(project.middleware)
    for index, middleware in enumerate(project.middleware, start=1):
        node_id = f"middleware-{index}"
        own = middleware.source is not None and middleware.source.origin.value == "project"
        build.add(
            node_id, middleware_label(middleware.id), f"middleware {middleware.position}", "middleware",
            snake_cell(index), "app" if own else "django",
        )  # fmt: skip
        build.link(previous, node_id)
        build.step(
            node_id,
            f"Middleware {middleware.position} of {count}, {middleware.id}, sees the request on its way in.",
            middleware.source,
        )
        previous = node_id
    _view_row(build, project, pattern, previous, snake_cell(count)[1] + 1)
    title = f"{route} in {project.root.rstrip('/').rsplit('/', 1)[-1] or project.root}"
    return Flow(Diagram(tuple(build.nodes), tuple(build.edges), tuple(build.steps), title), build.sources)


def _view_row(build: _Builder, project: ProjectMap, pattern: UrlPattern, previous: str, row: int) -> None:
    """The pattern, the view, what the view uses and the response, on ``row`` and below."""
    step = 1 if row % 2 == 0 else -1
    start = 0 if step == 1 else COLUMNS - 1

    def col(offset: int) -> int:
        return start + step * offset

    name = f", named {pattern.name}" if pattern.name else ""
    build.add("pattern", "URL pattern", display_route(pattern), "pattern", (col(0), row), "app")
    build.link(previous, "pattern")
    build.step(
        "pattern",
        f"The URL dispatcher reads {project.root_urlconf or 'ROOT_URLCONF'} and the first pattern that "
        f"matches is {display_route(pattern)}{name}, at {pattern.source}.",
        pattern.source,
    )
    view = project.view(pattern.view) if pattern.view else None
    view_label = _short(view.id if view is not None else (pattern.view_text or pattern.view or "view"))
    caption = str(view.source) if view is not None and view.source is not None else "not found in source"
    build.add("view", view_label, caption, "view", (col(1), row), "app")
    build.link("pattern", "view", "calls")
    build.step(
        "view",
        f"Django calls the view {view.id if view is not None else pattern.view_text or '(unresolved)'}"
        " with the request and the captured arguments.",
        view.source if view is not None else None,
    )
    templates = view.templates if view is not None else ()
    models = view.models if view is not None else ()
    below = row + 1
    for index, model_id in enumerate(models):
        model = project.model(model_id)
        node_id = f"model-{index + 1}"
        cell = (col(1 + index % (COLUMNS - 1)), below + index // (COLUMNS - 1))
        build.add(node_id, _short(model_id), model_id, "model", cell, "data")
        build.link("view", node_id, "queries" if index == 0 else "")
        build.step(node_id, f"The view uses the model {model_id}.", model.source if model else None)
    model_rows = -(-len(models) // (COLUMNS - 1))
    for index, name in enumerate(templates):
        template = project.template(name)
        node_id = f"template-{index + 1}"
        cell = (col(2), row) if index == 0 else (col(2), below + model_rows + index - 1)
        build.add(node_id, name.rsplit("/", 1)[-1], name, "template", cell, "app")
        build.link("view", node_id, "renders" if index == 0 else "")
        missing = " (no template folder has it)" if template is None or template.source is None else ""
        build.step(
            node_id,
            f"The view renders the template {name}{missing}.",
            template.source if template is not None else None,
        )
    build.add("response", "Response", "HttpResponse", "response", (col(3), row), "django")
    build.link("template-1" if templates else "view", "response", "returns")
    back = f"middleware {len(project.middleware)} to 1" if project.middleware else "Django"
    build.step("response", f"The response goes back through {back} to the browser.", None)
