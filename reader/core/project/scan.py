"""The static project scan: settings → URLconfs → views → models and templates, as one :class:`ProjectMap`.

:func:`scan_project` reads the project's Python with :mod:`ast` only: it never imports, executes
or starts anything from the project (no ``import``, ``exec``, ``eval`` or subprocess). Whatever
it cannot read or expand is a diagnostic at its source line, and the rest of the map is still
built; it does not raise on a bad project. Run it off the GUI thread (it reads files).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from reader.core.project.apps import read_apps, read_middleware, read_models
from reader.core.project.checks import (
    duplicate_names,
    shadowed,
    signature_diagnostic,
    signature_problem,
)
from reader.core.project.model import ProjectMap, SourceRef, UrlPattern
from reader.core.project.settings_reader import Unknown, read_settings
from reader.core.project.templates import resolve_templates, template_dirs
from reader.core.project.urlconf import walk_urlconf
from reader.core.project.views import ViewResolver
from reader.core.project.workspace import TOPIC_URLS, Workspace, unparse

if TYPE_CHECKING:
    from reader.core.project.locate import ProjectLocation

logger = logging.getLogger(__name__)


def scan_project(location: ProjectLocation) -> ProjectMap:
    """The map of the project at ``location``, read from source only (never raises on bad input).

    Cost: proportional to the project's URLconf, view and model modules (each parsed once);
    about 10–60 ms for a few hundred URLs.
    """
    workspace = Workspace(location.root)
    settings = read_settings(workspace, location.settings_module)
    apps = read_apps(workspace, settings)
    models, model_index = read_models(workspace, apps)
    middleware = read_middleware(workspace, settings)
    folders = template_dirs(workspace, settings)

    root_urlconf = settings.get("ROOT_URLCONF", "")
    if isinstance(root_urlconf, Unknown):
        workspace.diagnose(
            "not-seen",
            f"ROOT_URLCONF is computed at run time ({root_urlconf.text})",
            settings.where.get("ROOT_URLCONF"),
            TOPIC_URLS,
        )
        root_urlconf = ""
    elif not isinstance(root_urlconf, str):
        root_urlconf = ""
    if not root_urlconf and location.settings_module and settings.modules:
        workspace.diagnose(
            "settings", "The settings set no ROOT_URLCONF, so no URL can be listed", None, TOPIC_URLS
        )

    resolver = ViewResolver(workspace, model_index)
    urls: list[UrlPattern] = []
    signature_diagnostics = []
    walk = walk_urlconf(workspace, root_urlconf) if root_urlconf else None
    for endpoint in walk.endpoints if walk is not None else []:
        resolution = resolver.resolve(endpoint.module, endpoint.view_node)
        source = endpoint.module.ref(endpoint.view_node)
        source = SourceRef(source.file, endpoint.line)
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
        urls.append(pattern)
        signature = resolver.signatures.get(resolution.view)
        if signature is not None:
            problem = signature_problem(
                pattern,
                signature,
                endpoint.captured,
                endpoint.given + tuple(resolution.bound),
                endpoint.positional,
            )
            if problem:
                signature_diagnostics.append(signature_diagnostic(problem, source))
        if not resolution.view:
            workspace.diagnose(
                "not-seen",
                f"the view `{pattern.view_text}` of '{pattern.route}' cannot be followed in source",
                source,
                "request-flow/views",
            )

    templates = resolve_templates(workspace, folders, apps, resolver.template_refs)
    diagnostics = [
        *workspace.diagnostics,
        *shadowed(urls),
        *duplicate_names(urls),
        *signature_diagnostics,
    ]
    settings_files = []
    for name in settings.modules:
        module = workspace.module(name)
        if module is not None and module.rel not in settings_files:
            settings_files.append(module.rel)
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
        diagnostics=tuple(diagnostics),
        settings_files=tuple(settings_files),
        app_dirs=folders.app_dirs,
    )
