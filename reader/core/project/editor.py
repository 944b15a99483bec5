"""Which command opens a file at a line in the learner's editor: presets and the template rule.

A command template is one line such as ``code -g {file}:{line}``. It is split like a shell would
(:func:`shlex.split`) *before* ``{file}`` and ``{line}`` are filled in, so a file name with spaces or
quotes stays one argument and nothing is ever run through a shell.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"\{(file|line)\}")


class EditorPreset(NamedTuple):
    """A named command template offered in the "Open in editor" menu."""

    name: str
    template: str


VSCODE = EditorPreset("VS Code", "code -g {file}:{line}")
PYCHARM = EditorPreset("PyCharm", "pycharm --line {line} {file}")
ENVIRONMENT = EditorPreset("$VISUAL / $EDITOR", "$EDITOR")
PRESETS = (VSCODE, PYCHARM, ENVIRONMENT)


class EditorCommandError(ValueError):
    """A template that cannot become a command; the message says why."""


def environment_editor(env: Mapping[str, str]) -> str:
    """``$VISUAL``, else ``$EDITOR``, as a template (``vim +{line} {file}``); ``""`` when neither is set."""
    editor = (env.get("VISUAL") or env.get("EDITOR") or "").strip()
    return f"{editor} +{{line}} {{file}}" if editor else ""


def editor_argv(template: str, file: str, line: int, env: Mapping[str, str]) -> list[str]:
    """The argument list that opens ``file`` at ``line`` (1-based) with ``template``.

    ``$EDITOR`` as the whole template means :func:`environment_editor`. Every ``{file}`` and
    ``{line}`` in an argument is replaced; a template naming neither gets the file appended.
    Raises :class:`EditorCommandError` for an empty template, unbalanced quotes, or ``$EDITOR``
    with neither ``VISUAL`` nor ``EDITOR`` set.
    """
    template = template.strip()
    if template in ("$EDITOR", "$VISUAL"):
        template = environment_editor(env)
        if not template:
            raise EditorCommandError("Neither $VISUAL nor $EDITOR is set; choose an editor command")
    try:
        parts = shlex.split(template)
    except ValueError as error:
        raise EditorCommandError(f"The editor command cannot be read: {error}") from error
    if not parts:
        raise EditorCommandError("The editor command is empty; choose one")
    if not any("{file}" in part for part in parts):
        parts.append("{file}")
    values = {"file": file, "line": str(max(1, line))}
    return [_PLACEHOLDER.sub(lambda match: values[match[1]], part) for part in parts]
