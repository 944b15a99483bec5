"""Packaging: the wheel carries the guide, and the installed app finds it from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from typing import TYPE_CHECKING

import pytest

from tests.helpers.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(PROJECT_ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("django_reader-*.whl"))


def test_wheel_contains_the_guide_and_entry_point(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(name for name in names if name.endswith("entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    assert "reader/resources/guide/index.md" in names
    assert "reader/resources/styles/page-light.css" in names
    assert "django-reader = reader.cli:main" in scripts
    assert "[gui_scripts]" in scripts


def test_installed_wheel_lists_topics_from_outside_the_repo(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import reader.resources as r; print(r.resources_root())"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(target))
    listed = subprocess.run(
        [sys.executable, "-m", "reader", "--list-topics"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("index\t")
    assert "request-flow\t" in listed.stdout


def test_checkout_finds_resources_beside_the_package():
    from reader.resources import ResourceError, resource_path, resources_root

    assert resources_root() in (PROJECT_ROOT / "resources", PROJECT_ROOT / "reader" / "resources")
    with pytest.raises(ResourceError):
        resource_path("../pyproject.toml")
    with pytest.raises(ResourceError):
        resource_path("/etc/passwd")
