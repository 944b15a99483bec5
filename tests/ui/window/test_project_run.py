"""Running the opened project with consent, through the real controller, dialog and failure card."""

from __future__ import annotations

import subprocess
from pathlib import Path
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


@pytest.fixture
def project_window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A window with the mini project open; the consent dialog is answered "always" by its own button."""
    from reader.resources import guide_root
    from reader.ui.common.settings import Settings
    from reader.ui.main_window import MainWindow
    from reader.ui.window import project_run

    monkeypatch.setattr(project_run, "ConsentDialog", AnsweringDialog)
    AnsweringDialog.answer, AnsweringDialog.shown = "always", 0
    found = project_run.chosen_interpreter(project_python())
    monkeypatch.setattr(project_run, "find_interpreter", lambda _root: found)
    window = MainWindow(guide_root(), settings=Settings(), project=copy_mini(tmp_path))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: window.project_commands.map is not None, timeout=20_000)
    return window


def test_the_project_menu_runs_follows_and_practises(
    qtbot: QtBot, project_window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QInputDialog

    window, actions = project_window, project_window.actions_
    assert actions.run_project.isEnabled()
    with qtbot.waitSignal(window.project_run.map_completed, timeout=120_000):
        actions.run_project.trigger()
    panel = window.project_commands.panel
    flags = Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive
    qtbot.waitUntil(lambda: bool(panel.proxy.match(panel.proxy.index(0, 0), Qt.ItemDataRole.DisplayRole,
                                                   "admin/login", 1, flags)), timeout=20_000)  # fmt: skip
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("/shop/7/", True))
    with qtbot.waitSignal(window.project_run.flow_ready, timeout=120_000):
        actions.follow_request.trigger()
    flow = window.project_commands.flow_panel
    assert flow is not None
    assert flow.isVisible()
    nodes = [(node.label, node.caption) for node in window.project_commands.flow.diagram.nodes]
    assert ("ProductDetail", "view") in nodes
    assert ("Timing", "process_view") in nodes
    assert ("Security", "middleware 1") in nodes
    image = window.grab().toImage()
    image.save(str(tmp_path / "followed.png"))
    actions.practice.trigger()
    dialog = window.practice.dialog
    assert dialog is not None
    assert dialog.isVisible()
    question = window.practice.question
    assert question is not None
    right = next(button for button in dialog.group.buttons() if button.text() == question.expected)
    right.click()
    dialog.check.click()
    qtbot.waitUntil(lambda: dialog.verdict.text().startswith(("Right", "Not quite")), timeout=120_000)
    assert dialog.verdict.text().startswith("Right"), dialog.verdict.text()
    assert AnsweringDialog.shown == 1


def test_a_failed_run_shows_its_card_in_the_workspace(qtbot: QtBot, project_window: Any) -> None:
    window = project_window
    settings = Path(window.project_commands.map.root) / "mini" / "settings.py"
    settings.write_text(settings.read_text() + "\nimport missing_package_for_card\n")
    with qtbot.waitSignal(window.project_run.failed, timeout=120_000):
        window.actions_.run_project.trigger()
    card = window.project_run.card
    assert card is not None
    assert card.isVisible()
    assert card.window() is window
    assert "missing_package_for_card" in card.message.text()
    with qtbot.waitSignal(window.project_run.map_completed, timeout=120_000):
        settings.write_text(settings.read_text().replace("import missing_package_for_card", ""))
        card.retry.click()
    assert not card.isVisible()
