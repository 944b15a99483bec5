"""The window counts a folder's problems as `django-reader --check DIR` does, and names that command."""

from __future__ import annotations

import threading

from reader.core.check import check_content
from reader.core.content.loader import load_content
from reader.core.diagram.toml_reader import check_diagram
from reader.resources import guide_root
from reader.ui.window.content_check import check_command, count_problems
from reader.ui.window.library import Library
from tests.helpers.content import topic

BROKEN = {
    "index.md": topic("Home", "See [gone](gone.md) and ![pic](img/missing.png)."),
    "a b/page.md": topic("Page", "[Back](../index.md#no-such-heading)"),
}


def test_count_is_the_count_check_prints(make_content) -> None:
    root = make_content(BROKEN)
    expected = len(check_content(load_content(root), extra_checks=(check_diagram,)))
    assert expected > 0
    assert count_problems(root, threading.Event()) == expected


def test_a_stopped_check_ends_at_once_without_a_count(make_content) -> None:
    stop = threading.Event()
    stop.set()
    assert count_problems(make_content(BROKEN), stop) is None


def test_the_command_is_quoted_for_the_shell(tmp_path) -> None:
    assert check_command(tmp_path / "a b") == f"django-reader --check '{tmp_path / 'a b'}'"


def test_library_reports_the_count_and_the_command_in_the_status_bar(qtbot, make_content) -> None:
    root = make_content(BROKEN)
    expected = len(check_content(load_content(root), extra_checks=(check_diagram,)))
    library = Library(root, dark=False)
    with qtbot.waitSignal(
        library.status_message, timeout=30000, check_params_cb=lambda message, _duration: "problem" in message
    ) as said:
        library.check_in_background()
    assert expected > 1
    assert said.args[0] == f"{expected} problems in this folder; list them with: {check_command(root)}"
    library.stop_background_work()


def test_the_bundled_guide_is_not_checked_again(qtbot, monkeypatch) -> None:
    from reader.ui.window import content_check

    calls: list[object] = []
    monkeypatch.setattr(content_check, "count_problems", lambda *args: calls.append(args))
    library = Library(guide_root(), dark=False)
    library.check_in_background()
    library.stop_background_work()
    assert calls == []
