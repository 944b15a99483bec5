"""Running the opened project with consent, through the real controller, dialog and failure card."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QWidget

from reader.core.project.consent import ConsentKey, ConsentStore
from reader.core.project.locate import locate_project
from reader.core.project.model import Provenance
from reader.core.project.runner import ProbeFailure, probe_version
from reader.core.project.scan import scan_project
from reader.ui.project.consent_dialog import Choice, ConsentDialog
from reader.ui.project.failure_card import FailureCard
from reader.ui.window.project_run import ProjectRun
from tests.core.project.probe_support import copy_mini, hostile_variant, project_python

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.timeout(180)


class AnsweringDialog(ConsentDialog):
    """The real dialog, answered by pressing one of its own buttons instead of waiting for a person."""

    answer = "always"
    shown = 0

    def exec(self) -> int:  # type: ignore[override]
        AnsweringDialog.shown += 1
        button = {"always": self.always, "once": self.run_once}.get(self.answer)
        if button is None:
            self.reject()
        else:
            button.click()
        return int(self.result())


def _controller(qtbot: QtBot, tmp_path: Path, answer: str) -> ProjectRun:
    parent = QWidget()
    qtbot.addWidget(parent)
    AnsweringDialog.answer, AnsweringDialog.shown = answer, 0
    return ProjectRun(parent, ConsentStore(tmp_path / "consent.json"), AnsweringDialog)


def _project(root: Path) -> Any:
    return scan_project(locate_project(root))


@pytest.fixture
def use_test_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's Python is the one running the tests (it has Django)."""
    from reader.core.project import interpreter
    from reader.ui.window import project_run

    found = interpreter.chosen_interpreter(project_python())
    monkeypatch.setattr(project_run, "find_interpreter", lambda _root: found)


def test_the_dialog_says_what_runs_and_that_guards_are_no_sandbox(qtbot: QtBot) -> None:
    from reader.core.project.interpreter import chosen_interpreter

    dialog = ConsentDialog("/home/me/shop", chosen_interpreter(project_python()), ["DB_URL"], {}, 20.0)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.interpreter_label)))
    assert "not a sandbox" in texts
    assert "every URLconf and views module" in texts
    assert "20 seconds" in texts
    table = dialog.environment_table
    assert table.item(0, 0).text() == "DB_URL"
    table.item(0, 1).setText("sqlite://")
    dialog.always.click()
    assert dialog.choice() is Choice.ALWAYS
    assert dialog.environment() == {"DB_URL": "sqlite://"}


@pytest.mark.usefixtures("use_test_python")
def test_nothing_runs_before_consent(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **_: pytest.fail("ran without consent"))
    controller = _controller(qtbot, tmp_path, "cancel")
    messages: list[str] = []
    controller.status_message.connect(lambda message, _duration: messages.append(message))
    assert not controller.run(_project(copy_mini(tmp_path)))
    assert AnsweringDialog.shown == 1
    assert "Nothing was run" in messages[-1]
    assert not (tmp_path / "consent.json").exists()


@pytest.mark.usefixtures("use_test_python")
def test_always_for_this_folder_runs_now_and_never_asks_again(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(qtbot, tmp_path, "always")
    project = _project(copy_mini(tmp_path))
    with qtbot.waitSignal(controller.map_completed, timeout=120_000) as completed:
        assert controller.run(project)
    merged = completed.args[0]
    assert any(url.provenance is Provenance.RUNNING_ONLY for url in merged.urls)
    key = ConsentKey.of(tmp_path / "mini_project", project_python(), probe_version())
    assert ConsentStore(tmp_path / "consent.json").allows(key)
    with qtbot.waitSignal(controller.flow_ready, timeout=120_000) as flowed:
        assert controller.run(project, follow="/shop/basket/")
    assert AnsweringDialog.shown == 1  # asked once
    assert flowed.args[0].diagram.steps


@pytest.mark.usefixtures("use_test_python")
def test_a_failure_becomes_a_card_that_opens_the_code(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(qtbot, tmp_path, "once")
    root = hostile_variant(
        tmp_path, "import brokenlib", {"brokenlib/__init__.py": "\nraise RuntimeError('old API')\n"}
    )
    with qtbot.waitSignal(controller.failed, timeout=120_000) as failed:
        controller.run(_project(root))
    failure = failed.args[0]
    card = FailureCard()
    qtbot.addWidget(card)
    card.show_failure(failure)
    assert card.title.text() == "A package failed while Django was set up"
    assert "old API" in card.message.text()
    assert card.show_code.isVisibleTo(card)
    assert not card.environment.isVisibleTo(card)
    with qtbot.waitSignal(card.source_requested) as requested:
        card.show_code.click()
    assert requested.args == ["brokenlib/__init__.py", 2]


@pytest.mark.usefixtures("use_test_python")
def test_cancel_stops_the_run(qtbot: QtBot, tmp_path: Path) -> None:
    controller = _controller(qtbot, tmp_path, "once")
    root = hostile_variant(tmp_path, "import time\ntime.sleep(300)")
    with qtbot.waitSignal(controller.running_changed, timeout=10_000):
        controller.run(_project(root))
    with qtbot.waitSignal(controller.failed, timeout=30_000) as failed:
        controller.cancel()
    assert failed.args[0].kind == "cancelled"
    assert not controller.running


def test_the_environment_card_button_only_for_missing_variables(qtbot: QtBot) -> None:
    card = FailureCard()
    qtbot.addWidget(card)
    card.show_failure(ProbeFailure("missing-env", "environment variable DB is not set", "x.py:1", ""))
    assert card.environment.isVisibleTo(card)
    assert not card.show_code.isVisibleTo(card)
    with qtbot.waitSignal(card.environment_requested):
        card.environment.click()
