"""Typed access to the app's ``QSettings``; unreadable or wrong-typed values fall back to defaults."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reader.core.storage import set_aside

ORGANISATION = "DjangoReader"
APPLICATION = "django-reader"
_SECTION = re.compile(r"^\[[^\]]+\]$")


class Settings:
    """The user's preferences and session, stored in an INI file in the user config dir."""

    def __init__(self) -> None:
        self.notice = ""
        self._settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )
        if self._settings.status() != QSettings.Status.NoError or not self._file_is_sound():
            self._set_aside_corrupt_file()

    @property
    def path(self) -> Path:
        return Path(self._settings.fileName())

    def _file_is_sound(self) -> bool:
        """QSettings silently skips what it cannot parse; check the file ourselves."""
        try:
            text = self.path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return True
        except (OSError, UnicodeDecodeError):
            return False
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped or stripped[0] in ";#" or _SECTION.match(stripped):
                continue
            if "=" not in stripped or "\x00" in stripped:
                return False
        for key in self._settings.allKeys():
            raw = self._settings.value(key)
            if raw is None:  # an @Variant(...) Qt could not decode
                return False
        return True

    def _set_aside_corrupt_file(self) -> None:
        aside = set_aside(self.path)
        kept = f" and the old file was kept as {aside.name}" if aside else ""
        self.notice = f"Settings could not be read; defaults are used{kept}"
        self._settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )

    def text(self, key: str, default: str = "") -> str:
        value = self._settings.value(key, default)
        return value if isinstance(value, str) else default

    def number(self, key: str, default: int = 0, low: int = -10_000, high: int = 10_000_000) -> int:
        value = self._settings.value(key, default)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            return default
        return number if low <= number <= high else default

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._settings.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return default

    def numbers(self, key: str) -> list[int]:
        value = self._settings.value(key, [])
        if not isinstance(value, list):
            value = [value] if value else []
        try:
            return [int(str(item)) for item in value]
        except (TypeError, ValueError):
            return []

    def blob(self, key: str) -> QByteArray:
        value = self._settings.value(key, QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()

    def set(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()
