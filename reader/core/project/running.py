"""What running the project showed, as a :class:`ProjectMap`, and its merge with the static map.

:func:`running_map` turns the probe's JSON document (see ``resources/probe/django_probe.py``)
into a map whose facts are badged "only seen by running". :func:`merge_maps` joins it with the
map read from source: a fact both saw is "confirmed by running", one only the source shows keeps
"read from source", and where the two disagree (a decorator without ``functools.wraps`` renames a
view for running code) a ``disagreement`` diagnostic explains it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from reader.core.project.checks import duplicate_names
from reader.core.project.model import (
    App,
    Diagnostic,
    Middleware,
    Origin,
    ProjectMap,
    Provenance,
    SourceRef,
    Template,
    UrlPattern,
    View,
)
from reader.core.project.workspace import TOPIC_URLS, TOPIC_VIEWS

logger = logging.getLogger(__name__)


def source_ref(data: Any) -> SourceRef | None:
    """A probe `{"file", "line", "origin"}` object as a :class:`SourceRef`; ``None`` if malformed."""
    if not isinstance(data, dict) or not data.get("file"):
        return None
    try:
        origin = Origin(str(data.get("origin", "project")))
    except ValueError:
        origin = Origin.THIRD_PARTY
    return SourceRef(str(data["file"]), _count(data.get("line"), 1), origin)


def _count(value: Any, default: int) -> int:
    """``value`` when it is a positive int (not a bool), else ``default``."""
    return value if type(value) is int and value > 0 else default


def _strings(data: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in data) if isinstance(data, list) else ()


def running_map(document: dict[str, Any], root: str) -> ProjectMap:
    """The map the probe's ``document`` describes (every fact "only seen by running").

    Malformed entries are skipped, never raised on: the document comes from the project's process.
    """
    only = Provenance.RUNNING_ONLY
    views = tuple(
        View(
            str(item["id"]),
            "class" if item.get("kind") == "class" else "function",
            source_ref(item.get("source")),
            decorators=_strings(item.get("decorators")),
            templates=_strings(item.get("templates")),
            provenance=only,
        )
        for item in _items(document, "views")
        if item.get("id")
    )
    by_id = {view.id: view for view in views}
    urls = []
    for item in _items(document, "urls"):
        if "error" in item:
            continue
        view = by_id.get(str(item.get("view", "")))
        includes = _strings(item.get("includes"))
        fallback = SourceRef(includes[-1] if includes else "?", 1, Origin.THIRD_PARTY)
        urls.append(
            UrlPattern(
                str(item.get("route", "")),
                (view.source if view and view.source else None) or fallback,
                name=str(item.get("name") or ""),
                regex=bool(item.get("regex")),
                includes=includes,
                namespaces=_strings(item.get("namespaces")),
                view=str(item.get("view", "")),
                converters=_strings(item.get("converters")),
                provenance=only,
            )
        )
    middleware = tuple(
        Middleware(
            _count(item.get("position"), index),
            str(item.get("id", "")),
            source_ref(item.get("source")),
            _strings(item.get("hooks")),
            only,
        )
        for index, item in enumerate(_items(document, "middleware"), 1)
    )
    templates = tuple(
        Template(
            str(item["name"]),
            source_ref(item.get("source")),
            str(item.get("extends") or ""),
            _strings(item.get("includes")),
            only,
        )
        for item in _items(document, "templates")
        if item.get("name")
    )
    settings = _mapping(document.get("settings"))
    apps = tuple(App(app, app.rsplit(".", 1)[-1]) for app in _strings(settings.get("INSTALLED_APPS")))
    return ProjectMap(
        root=root,
        root_urlconf=str(settings.get("ROOT_URLCONF") or ""),
        urls=tuple(urls),
        views=views,
        templates=templates,
        middleware=middleware,
        apps=apps,
        diagnostics=_phase_diagnostics(document),
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = document.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _phase_diagnostics(document: dict[str, Any]) -> tuple[Diagnostic, ...]:
    phases = _mapping(document.get("phases"))
    found = [
        Diagnostic("unreadable", f"running could not read the {phase}: {card.get('message', '')}")
        for phase, card in phases.items()
        if isinstance(card, dict)
    ]
    found.extend(
        Diagnostic("unreadable", f"an include failed while running: {item['error']}", topic=TOPIC_URLS)
        for item in _items(document, "urls")
        if "error" in item
    )
    found.extend(
        Diagnostic(
            "settings",
            f"the database backend {item.get('engine', '')} needs {item.get('module', '')}, which this"
            " Python does not have: the map was made with a stand-in database (it never queries)",
        )
        for item in _items(document, "database_stand_ins")
    )

    return tuple(found)


def shadowed_diagnostics(
    document: dict[str, Any], urls: list[UrlPattern] | tuple[UrlPattern, ...]
) -> list[Diagnostic]:
    """The probe's ``shadowed`` answers (a path made for a pattern reached an earlier one), at their lines."""
    sources: dict[tuple[str, str], SourceRef] = {}
    for url in urls:
        sources.setdefault((url.route, url.name), url.source)
    return [
        Diagnostic(
            "shadowed",
            f"'{item.get('route')}' is never reached: the real resolver answers {item.get('path')} with"
            f" the earlier pattern '{item.get('answered_by')}' ({item.get('view')})",
            sources.get((str(item.get("route")), str(item.get("name") or ""))),
            TOPIC_URLS,
        )
        for item in _items(document, "shadowed")
    ]


def merge_maps(static: ProjectMap, running: ProjectMap, document: dict[str, Any] | None = None) -> ProjectMap:
    """The static map with what running saw: confirmed, added, or explained where they disagree.

    ``document`` is the probe's answer ``running`` was made from; its shadow checks (made with
    the real resolver) then replace the ones guessed from source.
    """
    replaced = {"not-seen", "duplicate-name"}  # running expands the one and re-counts the other
    if document is not None and "shadowed" in document:
        replaced.add("shadowed")  # the real resolver's answer replaces the guess from source
    diagnostics = [d for d in static.diagnostics if d.kind not in replaced] + list(running.diagnostics)
    views = {view.id: view for view in static.views}
    static_view_ids = {url.view for url in static.urls if url.view}
    for view in running.views:
        known = views.get(view.id)
        if known is None:
            views[view.id] = view
        else:
            templates = tuple(dict.fromkeys(known.templates + view.templates))
            views[view.id] = replace(known, templates=templates, provenance=Provenance.CONFIRMED)
    urls, url_diagnostics = _merge_urls(static.urls, running.urls)
    for url in urls:  # a view source named through its package: one view, under running's name
        alias = next((v for v in static_view_ids if _re_exported(v, url.view)), None)
        if alias is not None and alias in views and url.view in views:
            views[url.view] = replace(views[url.view], provenance=Provenance.CONFIRMED)
            del views[alias]
    diagnostics.extend(url_diagnostics)
    diagnostics.extend(duplicate_names(urls))
    if document is not None:
        diagnostics.extend(shadowed_diagnostics(document, urls))
    by_name_template = {template.name: template for template in static.templates}
    for template in running.templates:
        known_template = by_name_template.get(template.name)
        if known_template is None or (known_template.source is None and template.source is not None):
            status = Provenance.CONFIRMED if known_template is not None else Provenance.RUNNING_ONLY
            by_name_template[template.name] = replace(template, provenance=status)
        else:
            by_name_template[template.name] = replace(known_template, provenance=Provenance.CONFIRMED)
    found_templates = {name for name, template in by_name_template.items() if template.source is not None}
    diagnostics = [
        d
        for d in diagnostics
        if not (d.kind == "missing-template" and any(f"'{name}'" in d.message for name in found_templates))
    ]
    middleware = _merge_middleware(static.middleware, running.middleware)
    return replace(
        static,
        root_urlconf=static.root_urlconf or running.root_urlconf,
        urls=tuple(urls),
        views=tuple(views.values()),
        templates=tuple(by_name_template.values()),
        middleware=middleware,
        apps=static.apps or running.apps,
        diagnostics=tuple(diagnostics),
    )


def _merge_urls(
    static: tuple[UrlPattern, ...], running: tuple[UrlPattern, ...]
) -> tuple[list[UrlPattern], list[Diagnostic]]:
    """Patterns in the real resolver's order, with the source's lines; source-only ones last."""
    by_route = {(url.route, url.name): url for url in static}
    by_name: dict[str, UrlPattern] = {}
    for url in static:
        if url.name:
            by_name.setdefault(url.name, url)
    used: set[int] = set()
    merged: list[UrlPattern] = []
    found: list[Diagnostic] = []
    for seen in running:
        known = by_route.get((seen.route, seen.name))
        if known is None and seen.name and id(by_name.get(seen.name)) not in used:
            known = by_name.get(seen.name)
        if known is None or id(known) in used:
            merged.append(seen)
            continue
        used.add(id(known))
        converters = seen.converters or known.converters
        view = seen.view if _re_exported(known.view, seen.view) else known.view
        merged.append(
            replace(
                known, route=seen.route, converters=converters, view=view, provenance=Provenance.CONFIRMED
            )
        )
        if known.view and seen.view and view != seen.view:
            found.append(_disagreement(known, seen))
    merged.extend(url for url in static if id(url) not in used)
    return merged, found


def _merge_middleware(
    static: tuple[Middleware, ...], running: tuple[Middleware, ...]
) -> tuple[Middleware, ...]:
    if not running:
        return static
    by_id = {entry.id: entry for entry in static}
    merged = []
    for entry in running:
        known = by_id.get(entry.id)
        if known is None:
            merged.append(entry)
        else:
            merged.append(
                replace(
                    known,
                    position=entry.position,
                    hooks=entry.hooks or known.hooks,
                    source=_best_source(known.source, entry.source),
                    provenance=Provenance.CONFIRMED,
                )
            )
    return tuple(merged)


def _re_exported(static_id: str, running_id: str) -> bool:
    """True when source named ``running_id`` through a package that re-exports it.

    ``django.views.generic.RedirectView`` (what ``from django.views.generic import ...`` reads
    as) is ``django.views.generic.base.RedirectView`` (where running finds the class).
    """
    if not static_id or static_id == running_id:
        return False
    package, _, name = static_id.rpartition(".")
    module, _, running_name = running_id.rpartition(".")
    return bool(package) and name == running_name and module.startswith(package + ".")


def _disagreement(static: UrlPattern, running: UrlPattern) -> Diagnostic:
    message = f"'{static.route}': the source names the view {static.view}, running code sees {running.view}"
    if "<locals>" in running.view:
        message += (
            " — a decorator without functools.wraps returns its inner function, so code that inspects"
            " the view (show_urls, the debug toolbar) sees the wrapper's name instead"
        )
    return Diagnostic("disagreement", message, static.source, TOPIC_VIEWS)


def _best_source(static: SourceRef | None, running: SourceRef | None) -> SourceRef | None:
    """The project's own file:line from source, else where running found the code (Django's file)."""
    if static is not None and static.origin is Origin.PROJECT:
        return static
    return running or static
