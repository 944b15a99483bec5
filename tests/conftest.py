"""Shared fixtures: every test gets its own settings, data and cache folders."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


USER_DIR_VARIABLES = (
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
)


def _point_user_dirs_at(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Set HOME and every XDG folder under ``home`` (the single-instance socket's runtime folder
    too), and QSettings' user folder with them."""
    for name in USER_DIR_VARIABLES:
        folder = home / name.lower()
        folder.mkdir(mode=0o700, exist_ok=True)  # platformdirs accepts only a private XDG_RUNTIME_DIR
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("HOME", str(home))
    try:
        from PySide6.QtCore import QSettings
    except ImportError:
        return
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "xdg_config_home"))


@pytest.fixture(scope="session", autouse=True)
def session_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Temporary user folders for the whole run, set before any module- or session-scoped fixture
    builds content or windows (the per-test folders below come too late for those)."""
    home = tmp_path_factory.mktemp("session-home")
    with pytest.MonkeyPatch.context() as monkeypatch:
        _point_user_dirs_at(home, monkeypatch)
        yield home


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder (and QSettings) at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    _point_user_dirs_at(home, monkeypatch)
    return home


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write a content root from ``{relative path: text or bytes}`` and return its folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "content"
        for relative, data in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root

    return write


@pytest.fixture
def a11y_events() -> Iterator[object]:
    """Accessibility turned on as when a screen reader runs, with every event Qt sends recorded
    (a :class:`tests.helpers.accessibility.EventLog`); skips where the handler cannot be installed."""
    from tests.helpers.accessibility import EventLog, can_listen

    if not can_listen():
        pytest.skip("needs QAccessible::installUpdateHandler (Linux PySide6 wheels)")
    with EventLog() as log:
        yield log
