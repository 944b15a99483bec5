"""Starting the learner's editor on a project file at a line: the chosen command, checked and started.

The command template comes from the typed settings (:data:`Key.EDITOR_COMMAND`); without a choice,
``$VISUAL``/``$EDITOR`` when set, else VS Code's. :meth:`EditorLauncher.open` refuses files outside
the project root (:func:`reader.core.project.paths.resolve_in_project`), builds the argument list
with :func:`reader.core.project.editor.editor_argv` and starts it detached, without a shell.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QProcess

from reader.core.project.editor import VSCODE, EditorCommandError, editor_argv, environment_editor
from reader.core.project.paths import OutsideProject, resolve_in_project
from reader.ui.common.settings import Key, Settings

logger = logging.getLogger(__name__)


def start_detached(argv: list[str], folder: str) -> bool:
    """Start ``argv`` as its own process in ``folder``, no shell; False when it could not start."""
    started, _pid = QProcess.startDetached(argv[0], argv[1:], folder)
    logger.debug("started %s in %s: %s", argv, folder, started)
    return bool(started)


class EditorLauncher:
    """The editor command in force, and starting it on a file of a project."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def template(self) -> str:
        """The command template: the chosen one, else ``$EDITOR`` when set, else VS Code's."""
        chosen = self._settings.get(Key.EDITOR_COMMAND).strip()
        return chosen or ("$EDITOR" if environment_editor(os.environ) else VSCODE.template)

    def set_template(self, template: str) -> None:
        self._settings.set(Key.EDITOR_COMMAND, template.strip())

    def open(self, root: str, file: str, line: int) -> tuple[bool, str]:
        """Start the editor on ``file`` (relative to ``root``) at ``line``: (started, a sentence)."""
        try:
            path = resolve_in_project(root, file)
            argv = editor_argv(self.template(), str(path), line, os.environ)
        except (OutsideProject, EditorCommandError) as error:
            return False, f"Not opened: {error}"
        if not start_detached(argv, root):
            return (
                False,
                f"Could not start {argv[0]}: is it installed and on PATH? (Open in Editor ▾ picks another)",
            )
        return True, f"Opened {file}:{line} with {argv[0]}"
