"""The single place that knows where the bundled ``resources/`` folder lives.

In an installed wheel the folder is shipped inside the package as ``reader/resources``;
in a checkout or an editable install it is the top-level ``resources/`` beside ``reader/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath

_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourceError(LookupError):
    """A resource path was refused or does not exist."""


@cache
def resources_root() -> Path:
    """Return the folder holding the bundled resources."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "guide").is_dir():
            return candidate
    raise ResourceError(f"bundled resources not found next to {_PACKAGE_DIR}")


def resource_path(relative: str) -> Path:
    """Return the path of a bundled resource; absolute paths and ``..`` are refused."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ResourceError(f"refused resource path: {relative!r}")
    path = resources_root().joinpath(*pure.parts)
    if not path.exists():
        raise ResourceError(f"no such resource: {relative}")
    return path


@cache
def read_text(relative: str) -> str:
    """Return the text of a bundled resource (cached: resources never change at run time)."""
    return resource_path(relative).read_text(encoding="utf-8")


def guide_root() -> Path:
    """Return the content root of the bundled guide."""
    return resource_path("guide")
