"""Finding the project's Python and reading its versions from files, without running it."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from reader.core.project.interpreter import chosen_interpreter, find_interpreter

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _fake_env(prefix: Path, python: str = "3.12.4", django: str | None = "5.2.1") -> Path:
    (prefix / "bin").mkdir(parents=True)
    executable = prefix / "bin" / "python"
    executable.write_text("#!/bin/sh\nexit 99\n")
    executable.chmod(0o755)
    (prefix / "pyvenv.cfg").write_text(f"home = /usr/bin\nversion = {python}\n")
    site = prefix / "lib" / f"python{python.rsplit('.', 1)[0]}" / "site-packages"
    site.mkdir(parents=True)
    if django:
        (site / f"Django-{django}.dist-info").mkdir()
    return executable


def test_a_dot_venv_in_a_parent_is_found_with_its_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **_: calls.append(a))  # nothing may run
    python = _fake_env(tmp_path / ".venv")
    project = tmp_path / "src" / "site"
    project.mkdir(parents=True)
    found = find_interpreter(project, environ={})
    assert found is not None
    assert found.python == python
    assert (found.python_version, found.django_version, found.found_by) == ("3.12.4", "5.2.1", ".venv")
    assert found.describe() == "Python 3.12.4, Django 5.2.1 (.venv)"
    assert calls == []


def test_virtual_env_wins_and_conda_is_last(tmp_path: Path) -> None:
    _fake_env(tmp_path / "project" / "venv")
    active = _fake_env(tmp_path / "active", django=None)
    found = find_interpreter(tmp_path / "project", environ={"VIRTUAL_ENV": str(tmp_path / "active")})
    assert found is not None
    assert found.python == active
    assert found.describe() == "Python 3.12.4, no Django found (VIRTUAL_ENV)"
    conda = _fake_env(tmp_path / "conda")
    alone = tmp_path / "alone"
    alone.mkdir()
    found = find_interpreter(alone, environ={"CONDA_PREFIX": str(tmp_path / "conda")})
    assert found is not None
    assert found.python == conda


def test_nothing_found_and_a_chosen_interpreter(tmp_path: Path) -> None:
    assert find_interpreter(tmp_path, environ={}) is None
    python = _fake_env(tmp_path / "somewhere", django="4.2.16")
    chosen = chosen_interpreter(python)
    assert (chosen.prefix, chosen.django_version, chosen.found_by) == (
        tmp_path / "somewhere",
        "4.2.16",
        "chosen",
    )
