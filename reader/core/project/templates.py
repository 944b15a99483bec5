"""Template folders from settings, template names resolved to files, ``{% extends %}``/``{% include %}``.

:func:`template_dirs` reads ``TEMPLATES[*]["DIRS"]`` (and the old ``TEMPLATE_DIRS``) and
``APP_DIRS``; :func:`resolve_templates` looks each referenced name up as Django's loaders would
(the ``DIRS`` first, then each installed project app's ``templates/`` folder in
``INSTALLED_APPS`` order), reads the files found for the names they extend and include, and
reports every name no folder has as a ``missing-template`` diagnostic at the line that names it.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.project.locate import is_regular_file, read_regular_bytes
from reader.core.project.model import App, SourceRef, Template
from reader.core.project.settings_reader import PathValue, Settings, Unknown
from reader.core.project.workspace import TOPIC_TEMPLATES, Workspace

logger = logging.getLogger(__name__)

MAX_TEMPLATE_BYTES = 512 * 1024
MAX_TEMPLATES = 5000
ADMIN_REGISTRATION = frozenset(  # the registration/ templates django.contrib.admin ships
    f"registration/{name}.html"
    for name in (
        "logged_out",
        "password_change_done",
        "password_change_form",
        "password_reset_complete",
        "password_reset_confirm",
        "password_reset_done",
        "password_reset_email",
        "password_reset_form",
    )
)
_TAG = re.compile(r"""\{%-?\s*(extends|include)\s+(?:"([^"]+)"|'([^']+)')""")


@dataclass
class TemplateSettings:
    """Template folders: ``dirs`` absolute (``texts`` as shown in the map), ``app_dirs`` the flag."""

    dirs: list[Path] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    app_dirs: bool = False


def template_dirs(workspace: Workspace, settings: Settings) -> TemplateSettings:
    """The ``DIRS`` and ``APP_DIRS`` of every ``TEMPLATES`` backend, in order."""
    result = TemplateSettings()
    backends = settings.get("TEMPLATES")
    candidates: list[object] = []
    if isinstance(backends, list | tuple):
        for backend in backends:
            if not isinstance(backend, dict):
                continue
            dirs = backend.get("DIRS", [])
            candidates.extend(dirs if isinstance(dirs, list | tuple) else [dirs])
            result.app_dirs = result.app_dirs or backend.get("APP_DIRS") is True
    legacy = settings.get("TEMPLATE_DIRS")
    if isinstance(legacy, list | tuple):
        candidates.extend(legacy)
    if backends is None and legacy is None:
        result.app_dirs = False
    for candidate in candidates:
        if isinstance(candidate, PathValue):
            result.dirs.append(candidate.path)
            result.texts.append(workspace.rel(candidate.path))
        elif isinstance(candidate, str):
            path = Path(candidate) if os.path.isabs(candidate) else workspace.root / candidate
            result.dirs.append(path)
            result.texts.append(workspace.rel(path))
        else:
            text = candidate.text if isinstance(candidate, Unknown) else repr(candidate)
            result.texts.append("{" + text + "}")
            workspace.diagnose(
                "not-seen",
                f"a template folder is computed at run time: {text}",
                settings.where.get("TEMPLATES"),
                TOPIC_TEMPLATES,
            )
    return result


def resolve_templates(
    workspace: Workspace,
    folders: TemplateSettings,
    apps: list[App],
    references: list[tuple[tuple[str, ...], SourceRef]],
) -> list[Template]:
    """The templates ``references`` name (each a tuple of candidates and the place naming them).

    Candidates are tried in order, first found wins (as ``select_template`` does); a reference
    none of whose candidates exists is a ``missing-template`` diagnostic.
    """
    search = list(folders.dirs)
    if folders.app_dirs:
        search.extend(workspace.root / app.path / "templates" for app in apps if app.path)
    outside_apps = [app.id for app in apps if not app.path and folders.app_dirs and not _is_django(app.id)]
    provided = {app.label for app in apps if not app.path and folders.app_dirs}
    found: dict[str, Template] = {}
    lookup = _Folders(search)
    queue = list(references)
    while queue and len(found) < MAX_TEMPLATES:
        candidates, where = queue.pop(0)
        located = False
        for name in candidates:
            if name in found:
                located = located or found[name].source is not None
                continue
            path = lookup.locate(name)
            if path is None:
                continue
            template, lines = _read(workspace, name, path)
            found[name] = template
            located = True
            assert template.source is not None
            queue.extend(((child,), SourceRef(template.source.file, line)) for child, line in lines.items())
            break
        if located or all(_provided_outside(name, provided) for name in candidates):
            continue
        for name in candidates:
            found.setdefault(name, Template(name))
        listed = " or ".join(f"'{name}'" for name in candidates)
        note = ""
        if outside_apps:
            note = (
                " (an installed app outside the project may provide it: " + ", ".join(outside_apps[:4]) + ")"
            )
        workspace.diagnose(
            "missing-template",
            f"template {listed} is not in any template folder of the project{note}",
            where,
            TOPIC_TEMPLATES,
        )
    return list(found.values())


class _Folders:
    """The template folders, each listed once (its top level), so a lookup stats one file."""

    def __init__(self, search: list[Path]) -> None:
        self.search = search
        self.tops: dict[Path, frozenset[str] | None] = {}

    def top(self, folder: Path) -> frozenset[str] | None:
        if folder not in self.tops:
            try:
                with os.scandir(folder) as entries:
                    self.tops[folder] = frozenset(entry.name for entry in entries)
            except OSError:
                self.tops[folder] = None
        return self.tops[folder]

    def locate(self, name: str) -> Path | None:
        """The first file called ``name`` in the folders, in order (``None`` if none has it)."""
        if not name or name.startswith(("/", "\\")) or ".." in name.split("/"):
            return None
        first = name.split("/", 1)[0]
        for folder in self.search:
            top = self.top(folder)
            if top is not None and first in top and is_regular_file(folder / name):
                return folder / name
        return None


def _is_django(app_id: str) -> bool:
    return app_id == "django" or app_id.startswith("django.")


def _provided_outside(name: str, labels: set[str]) -> bool:
    """True if an installed app outside the project ships ``name`` (``admin/base.html`` ...)."""
    if "admin" in labels and name in ADMIN_REGISTRATION:
        return True
    folder = name.partition("/")[0]
    return bool(folder) and "/" in name and folder in labels


def _read(workspace: Workspace, name: str, path: Path) -> tuple[Template, dict[str, int]]:
    """The template at ``path`` and the names it extends or includes, each with its line."""
    source = SourceRef(workspace.rel(path), 1)
    data = read_regular_bytes(path, MAX_TEMPLATE_BYTES)
    if data is None:
        workspace.diagnose(
            "unreadable",
            f"{source.file}: larger than {MAX_TEMPLATE_BYTES // 1024} KiB or not a regular file, not read",
            source,
            TOPIC_TEMPLATES,
        )
        return Template(name, source), {}
    text = data.decode("utf-8", errors="replace")
    extends = ""
    includes: list[str] = []
    lines: dict[str, int] = {}
    for match in _TAG.finditer(text):
        value = match.group(2) or match.group(3)
        if match.group(1) == "extends" and not extends:
            extends = value
        elif match.group(1) == "include" and value not in includes:
            includes.append(value)
        else:
            continue
        lines.setdefault(value, text.count("\n", 0, match.start()) + 1)
    return Template(name, source, extends, tuple(includes)), lines
