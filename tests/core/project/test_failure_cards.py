"""Every failure card, from a hostile variant of the mini project: specific, never a hang."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from reader.core.project import runner
from reader.core.project.environment import env_names
from reader.core.project.runner import ProbeFailure, run_probe
from tests.core.project.probe_support import hostile_variant, project_python, python_without_django

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.timeout(120)


def _card(root: Path, **options: object) -> ProbeFailure:
    result = run_probe(options.pop("python", project_python()), root, "mini.settings", **options)  # type: ignore[arg-type]
    assert result.failure is not None, result.document.keys()
    return result.failure


def test_missing_package_is_named(tmp_path: Path) -> None:
    card = _card(hostile_variant(tmp_path, "import not_installed_anywhere_xyz"))
    assert card.kind == "missing-package"
    assert "not_installed_anywhere_xyz" in card.message
    assert card.project_frame.startswith("mini/settings.py:")


def test_missing_environment_variable_is_named_and_the_editor_knows_it(tmp_path: Path) -> None:
    root = hostile_variant(
        tmp_path, "import os\nSECRET_KEY = os.environ['DR_PROBE_SECRET']\nX = os.getenv('DR_OPTIONAL', 'x')"
    )
    card = _card(root)
    assert card.kind == "missing-env"
    assert "DR_PROBE_SECRET" in card.message
    assert env_names(root, "mini.settings") == ["DR_PROBE_SECRET"]
    assert (
        run_probe(project_python(), root, "mini.settings", extra_env={"DR_PROBE_SECRET": "s"}).failure is None
    )


def test_sys_exit_in_settings(tmp_path: Path) -> None:
    card = _card(hostile_variant(tmp_path, "import sys\nsys.exit(3)"))
    assert card.kind == "sys-exit"
    assert "3" in card.message


def test_network_at_start_up_is_refused(tmp_path: Path) -> None:
    card = _card(
        hostile_variant(tmp_path, "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=30)")
    )
    assert card.kind == "network-refused"


def test_a_query_at_start_up_is_refused(tmp_path: Path) -> None:
    ready = (
        "from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = 'shop'\n\n"
        "    def ready(self):\n        from shop.models import Product\n        Product.objects.count()\n"
    )
    root = hostile_variant(tmp_path, "", {"shop/apps.py": ready})
    card = _card(root)
    assert card.kind == "query-refused"
    assert not (root / "db.sqlite3").exists()


def test_an_incompatible_package_shows_the_innermost_frame(tmp_path: Path) -> None:
    root = hostile_variant(
        tmp_path, "import brokenlib", {"brokenlib/__init__.py": "raise RuntimeError('needs Django 3')\n"}
    )
    card = _card(root)
    assert card.kind == "incompatible-package"
    assert "needs Django 3" in card.message
    assert card.project_frame == "brokenlib/__init__.py:1"


def test_no_django_and_a_python_too_old(tmp_path: Path) -> None:
    bare = python_without_django(tmp_path)
    root = hostile_variant(tmp_path)
    assert _card(root, python=bare).kind == "no-django"
    fake = tmp_path / "fake"
    (fake / "django").mkdir(parents=True)
    (fake / "django" / "__init__.py").write_text("type X = int  # new syntax\nmatch = (\n")
    card = _card(root, python=bare, extra_env={"PYTHONPATH": str(fake)})
    assert card.kind == "python-too-old"


def test_no_interpreter(tmp_path: Path) -> None:
    assert _card(hostile_variant(tmp_path), python=tmp_path / "nope" / "python").kind == "no-interpreter"


def test_timeout_leaves_no_process_of_the_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    tail = (
        "import subprocess, time\n"
        f"child = subprocess.Popen(['sleep', '300'])\nopen({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(300)"
    )
    card = _card(hostile_variant(tmp_path, tail), timeout=3.0)
    assert card.kind == "timeout"
    grandchild = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(grandchild, 0)


def test_cancel_stops_the_run(tmp_path: Path) -> None:
    import threading

    stop = threading.Event()
    stop.set()
    assert _card(hostile_variant(tmp_path, "import time\ntime.sleep(300)"), stop=stop).kind == "cancelled"


def test_output_that_is_not_an_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    card = _card(hostile_variant(tmp_path, "import os\nprint('hello')\nos._exit(0)"))
    assert card.kind == "bad-output"
    monkeypatch.setattr(runner, "OUTPUT_CAP", 1000)
    card = _card(hostile_variant(tmp_path / "big", "import sys\nwhile True: sys.stdout.write('x' * 10000)"))
    assert card.kind == "bad-output"
    assert "MiB" in card.message


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (b"", "printed no answer"),
        (f"{runner.BEGIN}\nnot json\n{runner.END}".encode(), "not JSON"),
        (f'{runner.BEGIN}\n{{"schema_version": 99, "ok": true}}\n{runner.END}'.encode(), "schema version 99"),
        (f"{runner.BEGIN}\n[1, 2]\n{runner.END}".encode(), "schema version 'list'"),
    ],
)
def test_unreadable_answers_are_bad_output(output: bytes, expected: str) -> None:
    result = runner._parse(output, 0.1, "")  # noqa: SLF001 - the parser on its own
    assert result.failure is not None
    assert result.failure.kind == "bad-output"
    assert expected in result.failure.message
