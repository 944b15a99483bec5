"""The static project scan: settings → URLconfs → views → models and templates, as one :class:`ProjectMap`.

:func:`scan_project` reads the project's Python with :mod:`ast` only: it never imports, executes
or starts anything from the project (no ``import``, ``exec``, ``eval`` or subprocess). Whatever
it cannot read or expand is a diagnostic at its source line, and the rest of the map is still
built; it does not raise on a bad project. Run it off the GUI thread (it reads files).
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, TypeVar

from reader.core.project.apps import read_apps, read_middleware, read_models
from reader.core.project.checks import (
    duplicate_names,
    shadowed,
    signature_diagnostic,
    signature_problem,
)
from reader.core.project.model import (
    App,
    Diagnostic,
    Middleware,
    Model,
    ProjectMap,
    SourceRef,
    Template,
    UrlPattern,
)
from reader.core.project.settings_reader import Settings, Unknown, read_settings
from reader.core.project.templates import TemplateSettings, resolve_templates, template_dirs
from reader.core.project.urlconf import Endpoint, UrlWalk, walk_urlconf
from reader.core.project.views import ViewResolver
from reader.core.project.workspace import TOPIC_URLS, TOPIC_VIEWS, Workspace, unparse

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.core.project.locate import ProjectLocation

logger = logging.getLogger(__name__)

T = TypeVar("T")


def _guarded(workspace: Workspace, phase: str, step: Callable[[], T], fallback: T) -> T:
    """Run one phase; a failure (a bug, or input nobody foresaw) costs that phase, not the map."""
    try:
        return step()
    except (Exception, RecursionError) as error:
        logger.exception("project scan: %s failed", phase)
        workspace.diagnose(
            "not-seen",
            f"Django Reader could not finish reading {phase} ({type(error).__name__}: {error}); "
            "the rest of the map is shown",
            None,
            TOPIC_URLS,
        )
        return fallback


def _root_urlconf(workspace: Workspace, location: ProjectLocation, settings: Settings) -> str:
    value = settings.get("ROOT_URLCONF", "")
    if isinstance(value, Unknown):
        workspace.diagnose(
            "not-seen",
            f"ROOT_URLCONF is computed at run time ({value.text})",
            settings.where.get("ROOT_URLCONF"),
            TOPIC_URLS,
        )
        return ""
    if not isinstance(value, str) or not value:
        if location.settings_module and settings.modules:
            workspace.diagnose(
                "settings", "The settings set no ROOT_URLCONF, so no URL can be listed", None, TOPIC_URLS
            )
        return ""
    return value


def _hosts_blind_spot(workspace: Workspace, settings: Settings) -> None:
    """A django-hosts project (``ROOT_HOSTCONF``): ROOT_URLCONF is one host; say so where it is set."""
    hostconf = settings.get("ROOT_HOSTCONF")
    if hostconf is None:
        return
    named = f"'{hostconf}'" if isinstance(hostconf, str) else "computed at run time"
    workspace.diagnose(
        "not-seen",
        f"ROOT_HOSTCONF ({named}): django-hosts sends each host to its own URLconf; this map shows "
        "ROOT_URLCONF's host only. Run the project to pick another host",
        settings.where.get("ROOT_HOSTCONF"),
        TOPIC_URLS,
    )


def _pattern(resolver: ViewResolver, endpoint: Endpoint, found: list[Diagnostic]) -> UrlPattern:
    """The map's pattern for one endpoint, its view resolved; signature problems go to ``found``."""
    resolution = resolver.resolve(endpoint.module, endpoint.view_node)
    source = SourceRef(endpoint.module.rel, endpoint.line)
    pattern = UrlPattern(
        route=endpoint.route,
        source=source,
        name=endpoint.name,
        regex=endpoint.regex,
        includes=endpoint.includes,
        namespaces=endpoint.namespaces,
        view=resolution.view,
        view_text=unparse(endpoint.view_node),
        converters=endpoint.converters,
        templates=tuple(resolution.templates),
        decorators=tuple(resolution.decorators),
    )
    signature = resolver.signatures.get(resolution.view)
    if signature is not None:
        given = endpoint.given + tuple(resolution.bound)
        problem = signature_problem(pattern, signature, endpoint.captured, given, endpoint.positional)
        if problem:
            found.append(signature_diagnostic(problem, source))
    if not resolution.view:
        resolver.workspace.diagnose(
            "not-seen",
            f"the view `{pattern.view_text}` of '{pattern.route}' cannot be followed in source",
            source,
            TOPIC_VIEWS,
        )
    return pattern


def scan_project(location: ProjectLocation) -> ProjectMap:
    """The map of the project at ``location``, read from source only (never raises on bad input).

    Cost: proportional to the project's URLconf, view and model modules (each parsed once);
    about 10–60 ms for a few hundred URLs.
    """
    workspace = Workspace(location.root)
    settings = _guarded(
        workspace, "the settings", lambda: read_settings(workspace, location.settings_module), Settings()
    )
    apps: list[App] = _guarded(workspace, "INSTALLED_APPS", lambda: read_apps(workspace, settings), [])
    no_models: tuple[list[Model], dict[str, str]] = ([], {})
    models, model_index = _guarded(workspace, "the models", lambda: read_models(workspace, apps), no_models)
    middleware: list[Middleware] = _guarded(
        workspace, "MIDDLEWARE", lambda: read_middleware(workspace, settings), []
    )
    folders = _guarded(workspace, "TEMPLATES", lambda: template_dirs(workspace, settings), TemplateSettings())
    root_urlconf = _root_urlconf(workspace, location, settings)
    _hosts_blind_spot(workspace, settings)
    walk = (
        _guarded(workspace, "the URLconfs", lambda: walk_urlconf(workspace, root_urlconf), UrlWalk())
        if root_urlconf
        else UrlWalk()
    )
    resolver = ViewResolver(workspace, model_index)
    urls: list[UrlPattern] = []
    signatures: list[Diagnostic] = []
    for endpoint in walk.endpoints:
        where = f"the view at {endpoint.module.rel}:{endpoint.line}"
        pattern: UrlPattern | None = _guarded(
            workspace, where, functools.partial(_pattern, resolver, endpoint, signatures), None
        )
        if pattern is not None:
            urls.append(pattern)
    templates: list[Template] = _guarded(
        workspace,
        "the templates",
        lambda: resolve_templates(workspace, folders, apps, resolver.template_refs),
        [],
    )
    checks: list[Diagnostic] = _guarded(
        workspace, "the URL checks", lambda: [*shadowed(urls), *duplicate_names(urls)], []
    )
    settings_files = list(
        dict.fromkeys(
            module.rel for name in settings.modules if (module := workspace.module(name)) is not None
        )
    )
    logger.debug("scanned %s: %d urls, %d views", location.root, len(urls), len(resolver.views))
    return ProjectMap(
        root=str(location.root),
        manage_py=workspace.rel(location.manage_py),
        settings_module=location.settings_module,
        root_urlconf=root_urlconf,
        urls=tuple(urls),
        views=tuple(resolver.views.values()),
        templates=tuple(templates),
        models=tuple(models),
        middleware=tuple(middleware),
        apps=tuple(apps),
        template_dirs=tuple(folders.texts),
        diagnostics=(*workspace.diagnostics, *checks, *signatures),
        settings_files=tuple(settings_files),
        app_dirs=folders.app_dirs,
    )
