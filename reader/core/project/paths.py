"""The one rule for opening a project's files: only what lies under the project root.

Map entries name files relative to the project root; before the source view reads one or an editor
is started on it, :func:`resolve_in_project` turns it into an absolute path and refuses anything
that leaves the root (``..``, an absolute path elsewhere, a symlink pointing outside).
"""

from __future__ import annotations

import os
from pathlib import Path


class OutsideProject(ValueError):
    """A file that is not inside the project root; the message says which and why."""


def resolve_in_project(root: str | Path, file: str | Path) -> Path:
    """The real absolute path of ``file`` (relative to ``root``, or absolute) if it lies under ``root``.

    Symlinks are followed on both sides, so a link inside the project that points outside is
    refused, and a project reached through a symlink still works. The file need not exist.
    Raises :class:`OutsideProject` otherwise (also for an empty name or a NUL byte).
    """
    text = os.fspath(file)
    if not text or "\x00" in text or "\x00" in os.fspath(root):
        raise OutsideProject(f"not a file name: {text!r}")
    real_root = Path(os.path.realpath(root))
    target = Path(os.path.realpath(real_root / text))  # an absolute ``file`` replaces the root
    if target != real_root and real_root not in target.parents:
        raise OutsideProject(f"{text} is outside the project folder {real_root}")
    if target == real_root:
        raise OutsideProject(f"{text} is the project folder itself, not a file")
    return target
