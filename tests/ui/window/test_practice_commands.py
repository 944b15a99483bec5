"""Practice answers are marked by the pattern the real resolver matched, whatever its function is called."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.core.project.follow import matched_route
from reader.core.project.practice import Question
from reader.ui.window import practice_commands
from reader.ui.window.practice_commands import PracticeCommands

# tests/fixtures/probe_projects/mini: shop.views.loud is wrapped by a decorator without functools.wraps
LOUD = Question("/shop/loud/", ("shop.views.loud", "shop.views.index"), "shop.views.loud", "shop/loud/")
WRAPPER = "shop.views.shout.<locals>.wrapper"  # what the resolver's function is called at run time


def _asked(qtbot, monkeypatch, answer: str) -> PracticeCommands:
    parent = QWidget()
    qtbot.addWidget(parent)
    followed: list[str] = []
    commands = PracticeCommands(lambda: object(), lambda _map, path: followed.append(path) or True, parent)  # type: ignore[arg-type,return-value]
    monkeypatch.setattr(practice_commands, "make_question", lambda _project: LOUD)
    commands.start()
    dialog = commands.dialog
    assert dialog is not None
    next(button for button in dialog.group.buttons() if button.text() == answer).click()
    dialog.check.click()
    assert followed == ["/shop/loud/"]
    return commands


def test_the_right_view_behind_a_decorator_without_wraps_is_marked_right(qtbot, monkeypatch) -> None:
    commands = _asked(qtbot, monkeypatch, "shop.views.loud")
    commands.view_matched("/shop/loud/", WRAPPER, "shop/loud/")
    assert commands.dialog is not None
    assert commands.dialog.verdict.text().startswith("Right"), commands.dialog.verdict.text()


def test_a_wrong_answer_is_still_marked_wrong(qtbot, monkeypatch) -> None:
    commands = _asked(qtbot, monkeypatch, "shop.views.index")
    commands.view_matched("/shop/loud/", WRAPPER, "shop/loud/")
    assert commands.dialog is not None
    text = commands.dialog.verdict.text().replace("\u200b", "")  # break opportunities in long names
    assert text.startswith("Not quite")
    assert "shop.views.loud answers" in text


def test_another_pattern_matched_names_the_view_the_resolver_ran(qtbot, monkeypatch) -> None:
    commands = _asked(qtbot, monkeypatch, "shop.views.loud")
    commands.view_matched("/shop/loud/", "shop.views.catch_all", "shop/<path:rest>")
    assert commands.dialog is not None
    assert "shop.views.catch_all answers" in commands.dialog.verdict.text().replace("\u200b", "")


def test_the_matched_route_is_read_from_the_followed_request() -> None:
    follow = {
        "path": "/shop/loud/",
        "steps": [{"stage": "middleware"}, {"stage": "match", "route": "shop/loud/", "view": WRAPPER}],
    }
    assert matched_route(follow) == "shop/loud/"
    assert matched_route({"path": "/nope/", "steps": []}) == ""
