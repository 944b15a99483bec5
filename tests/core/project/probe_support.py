"""Helpers for probe tests: the mini fixture project, hostile variants of it, a Python without Django."""

from __future__ import annotations

import shutil
import sys
import venv
from pathlib import Path

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "probe_projects" / "mini"


def project_python() -> Path:
    """The interpreter running the tests: it has the Django that ``make test`` installs."""
    return Path(sys.executable)


def copy_mini(target: Path) -> Path:
    """A fresh copy of the mini project under ``target``; returns its root."""
    root = target / "mini_project"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3"))
    return root


def hostile_variant(target: Path, settings_tail: str = "", extra_files: dict[str, str] | None = None) -> Path:
    """The mini project with ``settings_tail`` appended to its settings and extra files written."""
    root = copy_mini(target)
    settings = root / "mini" / "settings.py"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n" + settings_tail + "\n", encoding="utf-8")
    for relative, text in (extra_files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def python_without_django(target: Path) -> Path:
    """A bare virtual environment (no pip, no Django) made from the base interpreter."""
    folder = target / "bare-venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(folder)
    return folder / "bin" / "python"


def files_of(root: Path) -> set[str]:
    """Every path under ``root``, relative, POSIX."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*")}


def python_with_django(folder: Path, requirement: str) -> tuple[Path | None, str]:
    """A virtual environment in ``folder`` with ``requirement`` installed (reused); or (None, why not)."""
    import subprocess

    python = folder / "venv" / "bin" / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True, symlinks=True).create(folder / "venv")
    probe = [str(python), "-c", "import django; print(django.get_version())"]
    if subprocess.run(probe, capture_output=True, timeout=60, check=False).returncode == 0:
        return python, ""
    install = [str(python), "-m", "pip", "install", "--quiet", requirement]
    done = subprocess.run(install, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        return None, f"could not install {requirement}: {done.stderr.strip()[-300:]}"
    return python, ""
