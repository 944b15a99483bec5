"""Finding a project: manage.py up to two levels down, the settings module from every source."""

from __future__ import annotations

import os

import pytest

from reader.core.project.locate import ProjectNotFound, locate_project, settings_from_manage_py
from tests.helpers.django_project import MANAGE, write_project


@pytest.mark.parametrize("depth", ["", "one/", "one/two/"])
def test_manage_py_is_found_up_to_two_levels_down(tmp_path, depth):
    write_project(tmp_path, {f"{depth}manage.py": MANAGE}, defaults=False)
    location = locate_project(tmp_path)
    assert location.root == (tmp_path / depth).resolve()
    assert location.manage_py.name == "manage.py"
    assert location.settings_module == "proj.settings"
    assert location.settings_origin == "manage.py:2"


def test_three_levels_down_is_not_a_project_and_the_message_says_what_to_open(tmp_path):
    write_project(tmp_path, {"a/b/c/manage.py": MANAGE}, defaults=False)
    with pytest.raises(ProjectNotFound) as error:
        locate_project(tmp_path)
    assert "no manage.py" in error.value.message
    assert str(tmp_path.resolve()) in str(error.value)


def test_a_missing_folder_and_a_plain_file_are_refused(tmp_path):
    with pytest.raises(ProjectNotFound, match="not a folder"):
        locate_project(tmp_path / "nowhere")
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(ProjectNotFound, match="not a folder"):
        locate_project(tmp_path / "notes.txt")


def test_manage_py_itself_may_be_given(tmp_path):
    write_project(tmp_path, {"manage.py": MANAGE}, defaults=False)
    assert locate_project(tmp_path / "manage.py").root == tmp_path.resolve()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_called_manage_py_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "manage.py")
    with pytest.raises(ProjectNotFound):
        locate_project(tmp_path)  # would block forever if the FIFO were opened


@pytest.mark.parametrize(
    ("name", "text", "origin"),
    [
        (
            "pyproject.toml",
            '[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "cfg.settings"\n',
            "pyproject.toml",
        ),
        ("pytest.ini", "[pytest]\nDJANGO_SETTINGS_MODULE = cfg.settings\n", "pytest.ini"),
        ("setup.cfg", "[tool:pytest]\nDJANGO_SETTINGS_MODULE = cfg.settings\n", "setup.cfg"),
        ("tox.ini", "[pytest]\nDJANGO_SETTINGS_MODULE=cfg.settings\n", "tox.ini"),
    ],
)
def test_settings_from_pytest_configuration(tmp_path, name, text, origin):
    write_project(tmp_path, {"manage.py": "print('no settings here')\n", name: text}, defaults=False)
    location = locate_project(tmp_path)
    assert (location.settings_module, location.settings_origin) == ("cfg.settings", origin)


def test_settings_beside_urls_py_when_nothing_names_them(tmp_path):
    write_project(
        tmp_path, {"manage.py": "", "web/urls.py": "", "web/settings/__init__.py": ""}, defaults=False
    )
    assert locate_project(tmp_path).settings_module == "web.settings"


def test_no_settings_anywhere_still_locates_the_project(tmp_path):
    write_project(tmp_path, {"manage.py": "", "pyproject.toml": "not [ toml"}, defaults=False)
    location = locate_project(tmp_path)
    assert (location.settings_module, location.settings_origin) == ("", "")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "a.b")', ("a.b", 1)),
        ('\n\nos.environ["DJANGO_SETTINGS_MODULE"] = "c.d"', ("c.d", 3)),
        ("os.environ.setdefault('DJANGO_SETTINGS_MODULE', name)", ("", 0)),
        ("def broken(:", ("", 0)),
    ],
)
def test_settings_from_manage_py_source(source, expected):
    assert settings_from_manage_py(source) == expected
