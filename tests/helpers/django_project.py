"""Small Django projects written into a temporary folder, and the shipped fixture projects."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from reader.core.project.locate import locate_project
from reader.core.project.scan import scan_project
from tests.helpers.paths import FIXTURES

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.project.model import ProjectMap

PROJECTS = FIXTURES / "projects"

SETTINGS = """
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["django.contrib.auth", "app"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
    }
]
"""

MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n'


def write_project(root: Path, files: dict[str, str | bytes], defaults: bool = True) -> Path:
    """Write a project: ``files`` (relative path -> text, dedented, or bytes) over a default one.

    The default has ``manage.py``, ``proj/settings.py`` (ROOT_URLCONF ``proj.urls``, one app
    ``app``) and empty ``__init__.py`` files; ``proj/urls.py`` and the app's modules come from
    ``files``.
    """
    base: dict[str, str | bytes] = (
        {"manage.py": MANAGE, "proj/__init__.py": "", "proj/settings.py": SETTINGS, "app/__init__.py": ""}
        if defaults
        else {}
    )
    for relative, data in {**base, **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data), encoding="utf-8")
    return root


def scan(root: Path) -> ProjectMap:
    """Locate and scan the project at ``root``."""
    return scan_project(locate_project(root))


def urls_by_route(project: ProjectMap) -> dict[str, Any]:
    """``{route: UrlPattern}`` (the last pattern wins for a repeated route)."""
    return {pattern.route: pattern for pattern in project.urls}


def kinds(project: ProjectMap) -> list[str]:
    """The diagnostics' kinds, in order."""
    return [diagnostic.kind for diagnostic in project.diagnostics]
