"""Only files under the project root open: ``..``, absolute paths and symlinks out are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.project.paths import OutsideProject, resolve_in_project

PARTS = st.lists(
    st.sampled_from(["..", ".", "app", "views.py", "sub", "", "x y", "out", "in", "project", "secret.txt"]),
    min_size=1,
    max_size=6,
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "views.py").write_text("def index(request): ...\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    return root


def test_a_file_in_the_project_resolves_to_its_real_path(project: Path) -> None:
    assert resolve_in_project(project, "app/views.py") == (project / "app" / "views.py").resolve()


@pytest.mark.parametrize("name", ["../secret.txt", "app/../../secret.txt", "/etc/passwd", "", ".", "a\x00b"])
def test_names_that_leave_the_root_are_refused(project: Path, name: str) -> None:
    with pytest.raises(OutsideProject):
        resolve_in_project(project, name)


def test_a_symlink_pointing_outside_is_refused_and_one_inside_is_followed(project: Path) -> None:
    (project / "out.txt").symlink_to(project.parent / "secret.txt")
    (project / "in.py").symlink_to(project / "app" / "views.py")
    with pytest.raises(OutsideProject, match="outside the project"):
        resolve_in_project(project, "out.txt")
    assert resolve_in_project(project, "in.py") == (project / "app" / "views.py").resolve()


def test_a_project_reached_through_a_symlink_still_opens_its_files(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(project)
    assert resolve_in_project(link, "app/views.py") == (project / "app" / "views.py").resolve()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=300)
@given(parts=PARTS, absolute=st.booleans())
def test_whatever_is_accepted_lies_under_the_root(project: Path, parts: list[str], absolute: bool) -> None:
    """Names of ``..``, ``.``, absolute paths and symlinks (one out of the root, one within it)."""
    if not (project / "out").is_symlink():
        (project / "out").symlink_to(project.parent)
        (project / "in").symlink_to(project / "app")
    name = ("/" if absolute else "") + "/".join(parts)
    real_root = Path(os.path.realpath(project))
    real = Path(os.path.realpath(real_root / name))
    inside = real_root in real.parents
    try:
        resolved = resolve_in_project(project, name)
    except OutsideProject:
        assert not inside or not name
        return
    assert inside
    assert resolved == real
    assert not absolute or name.startswith(str(real_root))
