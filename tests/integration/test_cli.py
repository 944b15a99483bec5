"""The command line: exit codes and output of --version, --list-topics, --check and start-up."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from reader import __version__
from reader.cli import configure_logging, main
from tests.helpers.content import topic
from tests.helpers.paths import SAMPLE


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_list_topics_prints_the_tree(capsys):
    assert main(["--content", str(SAMPLE), "--list-topics"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "index\tSample home"
    assert "  flow/views\tViews" in lines


def test_check_reports_each_problem_and_fails(capsys):
    assert main(["--check", str(SAMPLE)]) == 1
    out = capsys.readouterr().out
    assert "index.md:31: link to missing topic 'nowhere'" in out
    assert "index.md:32: link will be refused" in out
    assert "remote image will not be loaded" in out


def test_check_passes_on_clean_content(make_content, capsys):
    root = make_content({"index.md": topic("Home", "See [b](b.md#part)."), "b.md": topic("B", "## Part\n")})
    assert main(["--check", str(root)]) == 0


def test_check_reports_missing_sources_and_anchors(make_content, capsys):
    root = make_content({"index.md": topic("Home", "See [b](b.md#nope).", sources=()), "b.md": topic("B")})
    assert main(["--check", str(root), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "index.md:1: topic has no sources" in out
    assert "missing anchor '#nope'" in out
    assert main(["--check", str(root)]) == 1  # any folder: only what the page gets wrong
    out = capsys.readouterr().out
    assert "no sources" not in out
    assert "missing anchor '#nope'" in out


def test_the_folder_may_follow_the_options(make_content, capsys):
    root = make_content({"index.md": topic("Home", "See [b](b.md#nope).", sources=()), "b.md": topic("B")})
    assert main(["--check", "--strict", str(root)]) == 1  # QA: this order was refused
    assert "index.md:1: topic has no sources" in capsys.readouterr().out
    assert main([str(root), "--list-topics"]) == 0
    assert "Home" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["--content", str(SAMPLE), str(root), "--list-topics"])
    assert exited.value.code == 2


def test_unknown_option_exits_2():
    result = subprocess.run([sys.executable, "-m", "reader", "--bogus"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr


def test_exit_after_paint_starts_and_quits(tmp_path):
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "--content",
            str(SAMPLE),
            "--topic",
            "flow/views",
            "--exit-after-paint",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def app_log_handlers():
    """Put the ``reader`` logger back as it was after a test that configures logging."""
    app_logger = logging.getLogger("reader")
    handlers, level = list(app_logger.handlers), app_logger.level
    yield
    app_logger.handlers[:] = handlers
    app_logger.setLevel(level)


def test_logging_sends_warnings_to_stderr_and_everything_with_debug(capsys, app_log_handlers):
    log = logging.getLogger("reader.core.some_module")
    configure_logging(debug=False)
    log.debug("quiet detail")
    log.warning("loud warning")
    err = capsys.readouterr().err
    assert "WARNING reader.core.some_module: loud warning" in err
    assert "quiet detail" not in err
    configure_logging(debug=True)
    log.debug("now shown")
    err = capsys.readouterr().err
    assert "DEBUG reader.core.some_module: now shown" in err
    assert err.count("now shown") == 1  # configuring twice does not double every line


def test_debug_flag_sends_debug_logs_to_stderr(tmp_path):
    command = [sys.executable, "-m", "reader", "--content", str(SAMPLE), "--list-topics"]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    plain = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    debug = subprocess.run([*command, "--debug"], capture_output=True, text=True, timeout=60, env=env)
    assert plain.returncode == debug.returncode == 0
    assert plain.stdout == debug.stdout
    assert "DEBUG" not in plain.stderr
    assert "DEBUG reader.cli: django-reader" in debug.stderr


def test_output_cut_short_by_the_reader_ends_quietly() -> None:
    """`django-reader --list-topics | head -1`: no BrokenPipeError traceback, exit status 0."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--list-topics"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader leaves before the output is written, as `head -1` may
    _, stderr = process.communicate(timeout=60)
    assert b"Traceback" not in stderr
    assert b"BrokenPipeError" not in stderr
    assert process.returncode == 0
