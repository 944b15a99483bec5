"""One window per user: later launches hand their request to the running window (issue 14, point 5).

Each test runs a real second ``python -m reader`` against a real window in this process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from reader.resources import guide_root
from reader.ui.instance import Request, forward, serve, socket_path
from tests.helpers.paths import SAMPLE

if TYPE_CHECKING:
    from pathlib import Path


def launch(*arguments: str, stderr: Path | None = None) -> subprocess.Popen[bytes]:
    """``python -m reader ARGUMENTS`` with this test's user folders (the conftest's environment)."""
    with stderr.open("wb") if stderr is not None else open(os.devnull, "wb") as error:
        return subprocess.Popen(
            [sys.executable, "-m", "reader", *arguments],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            stdout=subprocess.DEVNULL,
            stderr=error,
        )


def finished(qtbot, process: subprocess.Popen[bytes], timeout: int = 60_000) -> int:
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout)
    return process.returncode


@pytest.fixture
def serving(window):
    server = serve(window, socket_path())
    assert server is not None
    requests: list[Request] = []
    server.request_received.connect(requests.append)
    return requests


@pytest.mark.timeout(120)
def test_a_second_launch_opens_its_topic_in_the_running_window_and_exits_0(qtbot, window, serving):
    window.navigator.open_topic("index")
    window.showMinimized()
    process = launch("--topic", "flow/views")
    assert finished(qtbot, process) == 0
    qtbot.waitUntil(lambda: window.navigator.current_topic_id == "flow/views", timeout=5000)
    assert not window.isMinimized()
    assert serving == [Request("", "flow/views")]


@pytest.mark.timeout(120)
def test_a_second_launch_with_content_opens_that_folder(qtbot, window, serving):
    process = launch("--content", str(guide_root()), "--topic", "security/csrf")
    assert finished(qtbot, process) == 0
    qtbot.waitUntil(lambda: window.navigator.current_topic_id == "security/csrf", timeout=10_000)
    assert window.library.content.root.resolve() == guide_root().resolve()


@pytest.mark.parametrize(
    "arguments",
    [
        ["--list-topics"],
        ["--search", "views"],
        ["--check"],
        ["--exit-after-paint", "--topic", "flow/views"],
    ],
)
@pytest.mark.timeout(120)
def test_command_line_modes_are_never_handed_over(qtbot, window, serving, arguments):
    process = launch("--content", str(SAMPLE), *arguments)
    finished(qtbot, process)
    assert serving == []
    assert window.library.content.root == SAMPLE


@pytest.mark.timeout(120)
def test_new_window_opens_a_window_of_its_own(qtbot, window, serving, tmp_path):
    log = tmp_path / "stderr.txt"
    process = launch("--new-window", "--debug", "--topic", "flow/views", stderr=log)
    try:  # after its first frame it finds this window listening and does not take over
        qtbot.waitUntil(lambda: "another window listens" in log.read_text(errors="replace"), timeout=60_000)
        assert process.poll() is None  # its own window is open
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert serving == []


@pytest.mark.timeout(120)
def test_a_socket_left_by_a_crash_does_not_block_start_up(qtbot, window):
    name = socket_path()
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(name)  # a socket file nobody listens on, as a killed window leaves it
    stale.close()
    assert os.path.exists(name)
    assert forward(name, Request("", "flow/views")) is False  # the launch starts its own window
    server = serve(window, name)
    assert server is not None
    process = launch("--topic", "flow/views")
    assert finished(qtbot, process) == 0
    qtbot.waitUntil(lambda: window.navigator.current_topic_id == "flow/views", timeout=5000)
    server.close()


@pytest.mark.parametrize(
    "data",
    [b"", b"x" * 70_000, b"[]", b'{"topic": 5}', b'{"content": "relative/dir"}', b'{"evil": 1}', b"\xff"],
)
def test_malformed_requests_are_refused(data):
    assert Request.decode(data) is None


def test_requests_round_trip():
    request = Request("/some/where", "flow/views")
    assert Request.decode(request.encode().strip()) == request
