"""Python interpreters and Django installations for running the guide's examples.

* ``default``: this interpreter and the Django that ``make test`` installed (5.2 LTS on 3.11).
* ``newest``: the newest Django from the package index in a virtual environment built with a
  Python >= 3.12 found on this machine, cached between runs under pytest's cache folder.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

NEWEST_MIN_PYTHON = (3, 12)


def _version_of(python: str) -> tuple[int, int] | None:
    """Return (major, minor) of a Python executable, or None if it does not run."""
    try:
        proc = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    major, minor = proc.stdout.split()
    return int(major), int(minor)


def find_newer_python() -> str | None:
    """Find a working Python >= 3.12: $GUIDE_NEWEST_PYTHON, python3.1x on PATH, then pyenv's versions."""
    candidates = [os.environ.get("GUIDE_NEWEST_PYTHON", "")]
    candidates += [shutil.which(f"python3.{minor}") or "" for minor in (14, 13, 12)]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.1[2-9]*/bin/python3"), reverse=True)
    for candidate in candidates:
        if candidate and (version := _version_of(candidate)) and version >= NEWEST_MIN_PYTHON:
            return candidate
    return None


def newest_django_python(cache_dir: Path) -> tuple[str | None, str]:
    """Return (python executable with the newest Django, "") or (None, reason to skip).

    The virtual environment lives in ``cache_dir`` and is reused; pip is asked for the newest
    Django once per run of this function, so a new release is picked up on the next run.
    """
    base_python = find_newer_python()
    if base_python is None:
        return None, "no Python >= 3.12 on this machine (set GUIDE_NEWEST_PYTHON to one)"
    logger.info("running the guide's examples with the newest Django under %s", base_python)
    venv = cache_dir / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        proc = subprocess.run(
            [base_python, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300, check=False
        )
        if proc.returncode != 0:
            return None, f"could not create a venv with {base_python}: {proc.stderr.strip()[-300:]}"
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "django"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0 and _django_version(str(python)) is None:
        return None, f"could not install Django with {python}: {proc.stderr.strip()[-300:]}"
    return str(python), ""


def _django_version(python: str) -> str | None:
    proc = subprocess.run(
        [python, "-c", "import django; print(django.get_version())"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return proc.stdout.strip() if proc.returncode == 0 else None


def django_docs_tree(python: str, cache_dir: Path) -> tuple[Path | None, str]:
    """Return (the docs/ folder of the sdist of the Django installed for ``python``, "") or (None, reason).

    The sdist is downloaded once per Django version with that interpreter's pip and unpacked in
    ``cache_dir``.
    """
    version = _django_version(python)
    if version is None:
        return None, f"no Django importable by {python}"
    docs = cache_dir / f"django-{version}" / "docs"
    if docs.is_dir():
        return docs, ""
    proc = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"django=={version}",
            "-d",
            str(cache_dir),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    archives = list(cache_dir.glob(f"[dD]jango-{version}.tar.gz"))
    if proc.returncode != 0 or not archives:
        return None, f"could not download the Django {version} sdist: {proc.stderr.strip()[-300:]}"
    shutil.unpack_archive(str(archives[0]), str(cache_dir))
    return (docs, "") if docs.is_dir() else (None, f"the Django {version} sdist has no docs/ folder")


def default_python() -> str:
    """The interpreter running the tests (with the Django `make test` installed)."""
    return sys.executable
