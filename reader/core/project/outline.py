"""The project panel's rows, Qt-free: a project map as a tree of labelled sections.

:func:`project_outline` gives one :class:`Row` per section (URLs, Views, Models, Templates,
Middleware, Apps, Diagnostics). URL patterns nest under the URLconf modules they were included
through (``UrlPattern.includes`` after the root URLconf), each group naming its namespace; views
list the templates and models they use. Every row with a place in the source carries it, so
activating any row can show its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.project.flow import TOPICS, display_route
from reader.core.project.model import Origin, Provenance

if TYPE_CHECKING:
    from reader.core.project.model import ProjectMap, SourceRef, UrlPattern, View


KIND_TOPICS = {
    "url": TOPICS["pattern"],
    "include": TOPICS["pattern"],
    "view": TOPICS["view"],
    "model": TOPICS["model"],
    "template": TOPICS["template"],
    "middleware": TOPICS["middleware"],
    "app": "foundations/projects-and-apps",
}


@dataclass(frozen=True)
class Row:
    """One line of the panel: ``label`` and ``where`` (``file:line`` or a short note) as shown.

    ``kind`` is ``"section"``, ``"include"``, ``"url"``, ``"view"``, ``"model"``, ``"template"``,
    ``"middleware"``, ``"app"`` or ``"diagnostic"``; ``badge`` a short provenance or origin word
    (``""`` for the usual case: the project's own code, read from source); ``url`` the index in
    ``ProjectMap.urls`` for URL rows, else -1; ``tip`` the tooltip; ``searchable`` whether the
    filter matches this row's text (sections and include groups are shown for what is under them).
    """

    label: str
    kind: str
    where: str = ""
    source: SourceRef | None = None
    badge: str = ""
    url: int = -1
    tip: str = ""
    children: tuple[Row, ...] = ()
    searchable: bool = True
    topic: str = ""

    @property
    def guide_topic(self) -> str:
        """The guide topic that explains this row: its own, else the one for its kind (or ``""``)."""
        return self.topic or KIND_TOPICS.get(self.kind, "")


def _where(source: SourceRef | None, missing: str = "") -> str:
    if source is None:
        return missing
    if source.origin is Origin.DJANGO:
        return "in Django"
    if source.origin is Origin.THIRD_PARTY:
        return "third-party package"
    return str(source)


def _badge(provenance: Provenance) -> str:
    return "" if provenance is Provenance.SOURCE else provenance.value


class _Lookup:
    """The map's views, templates and models by id (the map's own lookups scan its tuples)."""

    def __init__(self, project: ProjectMap) -> None:
        self.views = {view.id: view for view in reversed(project.views)}  # the first of a name wins
        self.templates = {template.name: template for template in reversed(project.templates)}
        self.models = {model.id: model for model in reversed(project.models)}


def _url_row(lookup: _Lookup, index: int, pattern: UrlPattern) -> Row:
    view = lookup.views.get(pattern.view) if pattern.view else None
    target = view.id if view is not None else pattern.view_text or "?"
    name = f"  ·  {pattern.name}" if pattern.name else ""
    tip = (
        f"{display_route(pattern)}\nname: {pattern.name or '(none)'}\nview: {target}\n"
        f"defined at {pattern.source}; Enter shows it, the diagram draws the request"
    )
    badge = _badge(pattern.provenance) or ("view not found" if view is None else "")
    return Row(
        f"{display_route(pattern)}  →  {target}{name}", "url", _where(pattern.source),
        pattern.source, badge, index, tip,
    )  # fmt: skip


def _url_rows(project: ProjectMap, lookup: _Lookup) -> tuple[Row, ...]:
    """URL rows nested by the include chain below the root URLconf (insertion order kept)."""
    tree: dict[str, dict] = {}
    leaves: dict[tuple[str, ...], list[Row]] = {(): []}
    namespaces: dict[tuple[str, ...], tuple[str, ...]] = {}
    for index, pattern in enumerate(project.urls):
        chain = pattern.includes[1:] if pattern.includes[:1] == (project.root_urlconf,) else pattern.includes
        node = tree
        for depth in range(len(chain)):
            node = node.setdefault(chain[depth], {})
            key = chain[: depth + 1]
            leaves.setdefault(key, [])
            known = namespaces.get(key)
            namespaces[key] = pattern.namespaces if known is None else _common(known, pattern.namespaces)
        leaves[chain].append(_url_row(lookup, index, pattern))

    def build(node: dict[str, dict], key: tuple[str, ...]) -> tuple[Row, ...]:
        rows = list(leaves.get(key, []))
        for module, below in node.items():
            child = (*key, module)
            space = ":".join(namespaces.get(child, ()))
            label = f"{module}  (namespace {space})" if space else module
            rows.append(
                Row(
                    label,
                    "include",
                    tip=f"URL patterns included from {module}",
                    children=build(below, child),
                    searchable=False,
                )
            )
        return tuple(rows)

    return build(tree, ())


def _common(left: tuple[str, ...], right: tuple[str, ...]) -> tuple[str, ...]:
    shared: list[str] = []
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        shared.append(a)
    return tuple(shared)


def _view_row(lookup: _Lookup, view: View) -> Row:
    uses: list[Row] = []
    for name in view.templates:
        template = lookup.templates.get(name)
        source = template.source if template is not None else None
        uses.append(Row(f"renders {name}", "template", _where(source, "not found"), source))
    for model_id in view.models:
        model = lookup.models.get(model_id)
        source = model.source if model is not None else None
        uses.append(Row(f"uses {model_id}", "model", _where(source), source))
    return Row(
        view.id, "view", _where(view.source, "not in the project"), view.source,
        _badge(view.provenance), tip=f"{view.kind} view {view.id}", children=tuple(uses),
    )  # fmt: skip


def _section(title: str, rows: tuple[Row, ...], empty: str) -> Row:
    label = f"{title} ({_count(rows)})"
    children = rows or (Row(empty, "note", searchable=False),)
    return Row(label, "section", children=children, searchable=False)


def _count(rows: tuple[Row, ...]) -> int:
    return sum(_count(row.children) if row.kind == "include" else 1 for row in rows)


def project_outline(project: ProjectMap) -> tuple[Row, ...]:
    """The panel's sections for ``project``, in the order shown (each section non-empty)."""
    lookup = _Lookup(project)
    views = tuple(_view_row(lookup, view) for view in project.views)
    models = tuple(
        Row(
            model.id,
            "model",
            _where(model.source),
            model.source,
            _badge(model.provenance),
            tip=", ".join(model.fields),
        )
        for model in project.models
    )
    templates = tuple(
        Row(
            t.name,
            "template",
            _where(t.source, "not found in any template folder"),
            t.source,
            _badge(t.provenance) or ("missing" if t.source is None else ""),
        )
        for t in project.templates
    )
    middleware = tuple(
        Row(
            f"{m.position}. {m.id.rsplit('.', 1)[-1]}",
            "middleware",
            str(m.source)
            if m.source is not None and m.source.origin is Origin.PROJECT
            else m.id.rsplit(".", 1)[0],
            m.source,
            _badge(m.provenance),
            tip=("hooks: " + ", ".join(m.hooks)) if m.hooks else m.id,
        )
        for m in project.middleware
    )
    apps = tuple(
        Row(app.id, "app", app.path or "outside the project", tip=f"app label {app.label}")
        for app in project.apps
    )
    diagnostics = tuple(
        Row(d.message, "diagnostic", _where(d.source), d.source, d.kind, tip=d.message, topic=d.topic)
        for d in project.diagnostics
    )
    return (
        _section("URLs", _url_rows(project, lookup), "No URL patterns found"),
        _section("Views", views, "No views found"),
        _section("Models", models, "No models found"),
        _section("Templates", templates, "No templates found"),
        _section("Middleware", middleware, "MIDDLEWARE is empty"),
        _section("Apps", apps, "INSTALLED_APPS is empty"),
        _section("Diagnostics", diagnostics, "Nothing to report"),
    )
