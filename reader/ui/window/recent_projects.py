"""File → Recent Projects: the project folders opened before, newest first, kept in the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.common.settings import MAX_TEXT, Key, Settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMenu

RECENT_LIMIT = 8


class RecentProjects:
    """At most :data:`RECENT_LIMIT` folders; ``open_project(folder)`` is called when one is picked."""

    def __init__(self, settings: Settings, open_project: Callable[[str], None]) -> None:
        self._settings, self._open = settings, open_project

    def folders(self) -> list[str]:
        """Project folders opened before, newest first."""
        return [line for line in self._settings.get(Key.RECENT_PROJECTS).splitlines() if line.strip()]

    def remember(self, folder: str) -> None:
        """Put ``folder`` first."""
        recent = [folder, *(item for item in self.folders() if item != folder)][:RECENT_LIMIT]
        while len(recent) > 1 and len("\n".join(recent)) > MAX_TEXT:  # a longer text would not be read back
            recent.pop()
        self._settings.set(Key.RECENT_PROJECTS, "\n".join(recent))

    def fill_menu(self, menu: QMenu) -> None:
        """Rebuild the menu (called just before it opens)."""
        menu.clear()
        recent = self.folders()
        for folder in recent:
            action = menu.addAction(folder)
            action.triggered.connect(lambda _checked=False, folder=folder: self._open(folder))
        if not recent:
            menu.addAction("No recent projects").setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("Clear Recent Projects").triggered.connect(
            lambda: self._settings.set(Key.RECENT_PROJECTS, "")
        )
