"""Finding a Django project's own Python, and what it has, without running anything.

The interpreter comes from ``VIRTUAL_ENV``, a ``.venv``/``venv``/``env`` folder holding
``pyvenv.cfg`` in the project or one of its parents, or ``CONDA_PREFIX`` — in that order — or the
learner names it. The preflight reads versions from files (``pyvenv.cfg``, the ``django`` package's
``dist-info`` or ``__init__.py``) instead of starting the interpreter: starting it runs ``.pth``
files and ``sitecustomize``, which is the project's code, and nothing runs before consent.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

logger = logging.getLogger(__name__)

VENV_FOLDERS = (".venv", "venv", "env")
PARENT_LEVELS = 3
_CFG_VERSION = re.compile(r"^\s*(?:version|version_info)\s*=\s*(\d+\.\d+(?:\.\d+)?)", re.MULTILINE)
_DIST_INFO = re.compile(r"^django-(\d+(?:\.\d+)*)[^/]*\.dist-info$", re.IGNORECASE)
_DJANGO_VERSION = re.compile(r"^VERSION\s*=\s*\((\d+),\s*(\d+),\s*(\d+)", re.MULTILINE)


@dataclass(frozen=True)
class Interpreter:
    """A Python for the project: ``python`` is its executable, ``prefix`` its environment folder.

    ``found_by`` says how it was found (``"VIRTUAL_ENV"``, ``".venv"``, ``"CONDA_PREFIX"``,
    ``"chosen"``); ``python_version`` and ``django_version`` come from files (``""`` if unknown).
    """

    python: Path
    prefix: Path
    found_by: str
    python_version: str = ""
    django_version: str = ""

    def describe(self) -> str:
        """One line for the panel: ``Python 3.12.3, Django 5.2.1 (.venv)``."""
        python = f"Python {self.python_version}" if self.python_version else "Python (version unknown)"
        django = f"Django {self.django_version}" if self.django_version else "no Django found"
        return f"{python}, {django} ({self.found_by})"


def _executable(prefix: Path) -> Path | None:
    names = ("Scripts/python.exe", "python.exe") if sys.platform == "win32" else ("bin/python", "bin/python3")
    for name in names:
        candidate = prefix / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def find_interpreter(root: Path, environ: Mapping[str, str] | None = None) -> Interpreter | None:
    """The project's Python, or ``None`` when none is found (then the learner chooses one)."""
    environ = os.environ if environ is None else environ
    candidates: list[tuple[Path, str]] = []
    if environ.get("VIRTUAL_ENV"):
        candidates.append((Path(environ["VIRTUAL_ENV"]), "VIRTUAL_ENV"))
    folder = root.resolve()
    for _ in range(PARENT_LEVELS + 1):
        candidates.extend(
            (folder / name, name) for name in VENV_FOLDERS if (folder / name / "pyvenv.cfg").is_file()
        )
        if folder.parent == folder:
            break
        folder = folder.parent
    if environ.get("CONDA_PREFIX"):
        candidates.append((Path(environ["CONDA_PREFIX"]), "CONDA_PREFIX"))
    for prefix, how in candidates:
        python = _executable(prefix)
        if python is not None:
            return preflight(python, prefix, how)
    return None


def chosen_interpreter(python: Path) -> Interpreter:
    """An interpreter the learner picked; its prefix is the folder above ``bin``."""
    python = python.absolute()
    prefix = python.parent.parent if python.parent.name in ("bin", "Scripts") else python.parent
    return preflight(python, prefix, "chosen")


def preflight(python: Path, prefix: Path, found_by: str) -> Interpreter:
    """Read the Python and Django versions of the environment at ``prefix`` from its files."""
    return Interpreter(python, prefix, found_by, _python_version(python, prefix), _django_version(prefix))


def _python_version(python: Path, prefix: Path) -> str:
    try:
        match = _CFG_VERSION.search((prefix / "pyvenv.cfg").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        match = None
    if match:
        return match.group(1)
    meta = prefix / "conda-meta"
    if meta.is_dir():
        for entry in meta.glob("python-3*.json"):
            return entry.name.split("-")[1]
    resolved = python.resolve().name  # python3.12 -> 3.12
    return resolved.removeprefix("python") if re.fullmatch(r"python\d+\.\d+", resolved) else ""


def site_packages(prefix: Path) -> list[Path]:
    """Every ``site-packages`` folder of the environment at ``prefix`` (POSIX and Windows layouts)."""
    folders = sorted(prefix.glob("lib/python3*/site-packages")) + sorted(
        prefix.glob("lib64/python3*/site-packages")
    )
    windows = prefix / "Lib" / "site-packages"
    return [*folders, windows] if windows.is_dir() else folders


def _django_version(prefix: Path) -> str:
    for folder in site_packages(prefix):
        try:
            names = [entry.name for entry in folder.iterdir()]
        except OSError:
            continue
        for name in names:
            match = _DIST_INFO.match(name)
            if match:
                return match.group(1)
        init = folder / "django" / "__init__.py"
        if init.is_file():
            found = _DJANGO_VERSION.search(init.read_text(encoding="utf-8", errors="replace")[:4000])
            if found:
                return ".".join(found.groups())
    return ""
