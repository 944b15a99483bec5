"""The core is Qt-free: importing every module of ``reader.core`` loads neither PySide6 nor ``reader.ui``."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import PROJECT_ROOT

_IMPORT_ALL_OF_CORE = """
import importlib, pkgutil, sys
import reader.core
names = [info.name for info in pkgutil.walk_packages(reader.core.__path__, "reader.core.")]
for name in names:
    importlib.import_module(name)
print(len(names))
print(sorted(name for name in sys.modules if name.split(".")[0] == "PySide6" or name.startswith("reader.ui")))
"""


def test_importing_all_of_core_loads_no_qt_and_no_ui():
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL_OF_CORE],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.splitlines()
    assert int(count) >= 20  # every core module was imported, not just the package
    assert loaded == "[]"
