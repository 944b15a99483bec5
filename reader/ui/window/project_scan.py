"""Reading a project for the Project tab, on a worker thread: the map, its rows and model items."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtGui import QStandardItem

    from reader.core.project.model import ProjectMap
    from reader.core.project.outline import Row


def scan_folder(path: Path) -> ProjectMap:
    """Locate the Django project in ``path`` and read its map from source (runs on a worker)."""
    from reader.core.project.locate import locate_project
    from reader.core.project.scan import scan_project

    return scan_project(locate_project(path))


class Scanned(NamedTuple):
    """What the scan's worker hands to the GUI thread."""

    project: ProjectMap
    rows: tuple[Row, ...]
    items: list[QStandardItem]


def outline(project: ProjectMap) -> Scanned:
    """The panel's rows for ``project`` and their model items (made on a worker thread)."""
    from reader.core.project.outline import project_outline
    from reader.ui.project.panel import outline_items

    rows = project_outline(project)
    return Scanned(project, rows, outline_items(rows))


def panel_title(project: ProjectMap) -> str:
    """The panel's heading for ``project`` (rich text; the folder and module names escaped)."""
    root = html.escape(Path(project.root).name)
    settings = html.escape(project.settings_module or "?")
    return f"<b>{root}</b> · {len(project.urls)} URLs · settings {settings}"


def scan_and_outline(path: Path) -> Scanned | str:
    """The map of ``path``, the panel's rows and their model items, all made on the worker thread;
    or the sentence saying why ``path`` is not a Django project (an expected answer, not a failure)."""
    from reader.core.project.locate import ProjectNotFound

    try:
        project = scan_folder(path)
    except ProjectNotFound as error:
        return str(error)
    return outline(project)
