"""The complete map: the static map joined with what running the project shows, cached.

:func:`run_project` is what the window's worker thread and ``--project PATH --run`` call once the
learner agreed: it runs the probe (:mod:`reader.core.project.runner`), merges its answer into the
static map (:mod:`reader.core.project.running`) and, when asked, follows one request
(:mod:`reader.core.project.follow`). The probe's answer is cached per (project, interpreter,
settings module, the size and time of every project file) in the user cache folder; a damaged
cache entry is ignored and rewritten. A failure keeps the static map and says why.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.project.follow import FollowedStep, followed_steps
from reader.core.project.runner import (
    DEFAULT_TIMEOUT_S,
    PROBE_SCHEMA_VERSION,
    ProbeFailure,
    probe_version,
    run_probe,
)
from reader.core.project.running import merge_maps, running_map
from reader.core.storage import atomic_write_text, cache_key, user_cache_dir

if TYPE_CHECKING:
    import threading
    from collections.abc import Mapping

    from reader.core.project.model import ProjectMap

logger = logging.getLogger(__name__)

CACHE_FOLDER = "projects"
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".venv", "venv", "env", "node_modules", "__pycache__", ".tox"})
WATCHED_SUFFIXES = (".py", ".html", ".txt", ".toml", ".cfg", ".ini", ".env")
MAX_WATCHED_FILES = 50_000


@dataclass(frozen=True)
class RunOutcome:
    """What one run gave: the merged ``project`` map (the static one on failure) and the rest.

    ``follow`` are the followed request's steps (empty when none was asked or it failed);
    ``hosts`` the django-hosts hosts (``{"name", "regex", "urlconf"}``); ``versions`` the
    Django and Python the project ran with; ``cached`` True when no process was started.
    """

    project: ProjectMap
    failure: ProbeFailure | None = None
    follow: tuple[FollowedStep, ...] = ()
    follow_document: dict[str, Any] = field(default_factory=dict)
    hosts: tuple[dict[str, str], ...] = ()
    versions: str = ""
    seconds: float = 0.0
    cached: bool = False


def project_signature(root: Path) -> str:
    """A key that changes when any watched project file is added, removed, resized or touched."""
    parts: list[str] = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(
            name for name in folders if name not in SKIPPED_FOLDERS and not name.startswith(".")
        )
        for name in sorted(files):
            if not name.endswith(WATCHED_SUFFIXES):
                continue
            try:
                stat = os.stat(os.path.join(folder, name), follow_symlinks=False)
            except OSError:
                continue
            parts.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
            if len(parts) >= MAX_WATCHED_FILES:
                return cache_key(*parts)
    return cache_key(*parts)


# Names that change per login session or shell and never steer a project's settings.
_SESSION_ENV = frozenset(
    "_ OLDPWD PWD SHLVL TERM COLORTERM LS_COLORS WINDOWID DISPLAY WAYLAND_DISPLAY XAUTHORITY "
    "DBUS_SESSION_BUS_ADDRESS SSH_AUTH_SOCK SSH_AGENT_PID SSH_CLIENT SSH_CONNECTION SSH_TTY "
    "GPG_AGENT_INFO SESSION_MANAGER XDG_SESSION_ID XDG_SESSION_TYPE XDG_VTNR".split()
)


def _environment_key() -> str:
    """The environment the probe inherits: settings often branch on it (DEBUG, storage, flags)."""
    pairs = sorted(f"{name}={value}" for name, value in os.environ.items() if name not in _SESSION_ENV)
    return cache_key(*pairs)


def _cache_path(root: Path, python: Path, settings_module: str) -> Path:
    key = cache_key(
        str(root.resolve()),
        str(python),
        settings_module,
        probe_version(),
        project_signature(root),
        _environment_key(),
    )
    return user_cache_dir() / CACHE_FOLDER / f"{key}.json"


def _load_cached(path: Path) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        logger.info("ignoring the damaged map cache %s: %s", path, error)
        return None
    ok = (
        isinstance(document, dict)
        and document.get("schema_version") == PROBE_SCHEMA_VERSION
        and document.get("ok")
    )
    return document if ok else None


def run_project(
    static: ProjectMap,
    python: Path,
    settings_module: str,
    *,
    follow: str = "",
    urlconf: str = "",
    extra_env: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    stop: threading.Event | None = None,
    use_cache: bool = True,
) -> RunOutcome:
    """Run the project whose static map is ``static`` (consent already given); never raises for its faults."""
    root = Path(static.root)
    cache = _cache_path(root, python, settings_module) if use_cache and not follow and not extra_env else None
    document = _load_cached(cache) if cache is not None else None
    cached = document is not None
    seconds = 0.0
    if document is None:
        templates = tuple(template.name for template in static.templates)
        result = run_probe(python, root, settings_module, follow=follow, urlconf=urlconf, templates=templates,
                           extra_env=extra_env, timeout=timeout, stop=stop)  # fmt: skip
        seconds = result.seconds
        if result.failure is not None:
            logger.info(
                "running %s failed (%s); its last output:\n%s", root, result.failure.kind, result.stderr_tail
            )
            return RunOutcome(static, result.failure, seconds=seconds)
        document = result.document
        if cache is not None:
            try:
                atomic_write_text(cache, json.dumps(document))
            except OSError as error:
                logger.info("map cache not written: %s", error)
    merged = merge_maps(static, running_map(document, static.root), document)
    found = document.get("follow")
    follow_document: dict[str, Any] = found if isinstance(found, dict) else {}
    steps = tuple(followed_steps(follow_document, merged)) if follow_document else ()
    hosts = tuple(host for host in document.get("hosts") or [] if isinstance(host, dict))
    versions = f"Django {document.get('django', '?')} on Python {document.get('python', '?')}"
    return RunOutcome(merged, None, steps, follow_document, hosts, versions, seconds, cached)
