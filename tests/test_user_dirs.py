"""The test run writes nothing into the user's real folders, even from module-scoped fixtures."""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings

from reader.core.storage import user_cache_dir, user_data_dir

if TYPE_CHECKING:
    from collections.abc import Callable

REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)  # the account's home, whatever $HOME says


def _folders() -> dict[str, Path]:
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "DjangoReader", "probe")
    return {"cache": user_cache_dir(), "data": user_data_dir(), "settings": Path(settings.fileName())}


@pytest.fixture(scope="module")
def module_folders() -> dict[str, Path]:
    """What a module-scoped fixture (one that loads content or builds a window) would write into."""
    return _folders()


@pytest.mark.parametrize("ask", [_folders, None], ids=["in-a-test", "in-a-module-fixture"])
def test_user_folders_are_temporary(
    ask: Callable[[], dict[str, Path]] | None, module_folders: dict[str, Path], tmp_path_factory
) -> None:
    base = tmp_path_factory.getbasetemp()
    for name, folder in (ask() if ask else module_folders).items():
        assert folder.resolve().is_relative_to(base.resolve()), f"{name} folder {folder} is not temporary"
        assert not folder.resolve().is_relative_to(REAL_HOME / ".cache"), name
        assert not folder.resolve().is_relative_to(REAL_HOME / ".local"), name
        assert not folder.resolve().is_relative_to(REAL_HOME / ".config"), name
