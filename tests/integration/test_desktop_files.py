"""Desktop integration: the .desktop entry, the AppStream metainfo and the SVG app icon."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree

import pytest

from reader import __version__
from tests.helpers.paths import PROJECT_ROOT

RESOURCES = PROJECT_ROOT / "resources"
APP_ID = "io.github.djangoreader.DjangoReader"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICON = RESOURCES / "icons" / "django-reader.svg"


def pyproject() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_desktop_entry_has_the_required_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Django Reader"
    assert entry["Comment"]
    assert entry["Terminal"] == "false"
    assert entry["Icon"] in (APP_ID, "django-reader")
    command = entry["Exec"].split()[0]
    assert command in pyproject()["project"]["gui-scripts"]
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert {"Development", "Documentation", "Education"} <= set(categories.split(";"))
    assert entry["Keywords"].endswith(";")


def test_the_app_names_its_desktop_file() -> None:
    """The running application tells the desktop which .desktop entry (and so which icon) is its own."""
    script = (
        "from reader.ui.app import create_application\n"
        "print(create_application(['django-reader']).desktopFileName())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == APP_ID


def text(root: ElementTree.Element, path: str) -> str:
    element = root.find(path)
    assert element is not None, f"missing <{path}>"
    return (element.text or "").strip()


def test_metainfo_has_the_required_fields() -> None:
    root = ElementTree.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert text(root, "id") == APP_ID
    assert text(root, "metadata_license") == "CC0-1.0"
    assert text(root, "project_license") == pyproject()["project"]["license"] == "BSD-3-Clause"
    assert text(root, "name") == desktop_entry()["Name"]
    assert text(root, "summary")
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert text(root, "url[@type='homepage']").startswith("https://")
    rating = root.find("content_rating")
    assert rating is not None
    assert rating.get("type", "").startswith("oars-")
    assert text(root, "provides/binary") == desktop_entry()["Exec"].split()[0]
    release = root.find("releases/release")
    assert release is not None
    assert release.get("version") == __version__ == "0.1.0"
    assert release.get("date") == "2026-11-25"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", release.get("date", ""))


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed")
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_desktop_file_validates() -> None:
    result = run_tool("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout


def test_metainfo_validates() -> None:
    result = run_tool("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


# --- icon ---------------------------------------------------------------------------------------
def test_icon_is_svg_xml() -> None:
    root = ElementTree.parse(ICON).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"


@pytest.mark.parametrize("size", [16, 32, 64, 256])
def test_icon_renders(qapp, size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICON))
    assert renderer.isValid()
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 0  # rounded tile, transparent corners
    colours = {
        image.pixel(x, y)
        for x in range(0, size, max(1, size // 16))
        for y in range(0, size, max(1, size // 16))
    }
    assert len(colours) > 3


def test_app_icon_loads_from_resources(qapp) -> None:
    from reader.ui.dialogs.about import load_app_icon

    icon = load_app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(48, 48).isNull()
