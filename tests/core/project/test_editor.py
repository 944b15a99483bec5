"""The editor command: split like a shell before {file} and {line} are filled in, never run by one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.project.editor import (
    PRESETS,
    PYCHARM,
    VSCODE,
    EditorCommandError,
    editor_argv,
    environment_editor,
)


def test_presets_give_the_documented_argv() -> None:
    assert editor_argv(VSCODE.template, "/p/app/views.py", 12, {}) == ["code", "-g", "/p/app/views.py:12"]
    assert editor_argv(PYCHARM.template, "/p/a.py", 3, {}) == ["pycharm", "--line", "3", "/p/a.py"]
    assert [preset.name for preset in PRESETS] == ["VS Code", "PyCharm", "$VISUAL / $EDITOR"]


def test_the_environment_preset_prefers_visual_then_editor() -> None:
    assert editor_argv("$EDITOR", "/p/a.py", 7, {"EDITOR": "nano"}) == ["nano", "+7", "/p/a.py"]
    assert editor_argv("$EDITOR", "/p/a.py", 7, {"VISUAL": "gvim -f", "EDITOR": "nano"}) == [
        "gvim", "-f", "+7", "/p/a.py",
    ]  # fmt: skip
    assert environment_editor({}) == ""
    with pytest.raises(EditorCommandError, match="VISUAL"):
        editor_argv("$EDITOR", "/p/a.py", 1, {})


@pytest.mark.parametrize("template", ["", "   ", "code 'unbalanced"])
def test_unusable_templates_are_refused_with_a_reason(template: str) -> None:
    with pytest.raises(EditorCommandError):
        editor_argv(template, "/p/a.py", 1, {})


def test_a_template_without_file_gets_the_file_appended() -> None:
    assert editor_argv("subl -w", "/p/a.py", 2, {}) == ["subl", "-w", "/p/a.py"]


@given(name=st.text(min_size=1).filter(lambda text: "\x00" not in text), line=st.integers(-5, 10**6))
def test_a_file_name_is_always_one_argument_and_never_reinterpreted(name: str, line: int) -> None:
    argv = editor_argv("code -g {file}:{line}", name, line, {})
    assert argv == ["code", "-g", f"{name}:{max(1, line)}"]
