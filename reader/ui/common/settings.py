"""Typed access to the app's ``QSettings``: every key is a :class:`Setting` in :class:`Key`.

A key carries its stored name, its default and (for numbers) its allowed range; unreadable,
wrong-typed or out-of-range values fall back to the default. No other module spells a key.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from reader.core.storage import set_aside

logger = logging.getLogger(__name__)

ORGANISATION = "DjangoReader"
APPLICATION = "django-reader"
_SECTION = re.compile(r"^\[[^\]]+\]$")

Value = TypeVar("Value", str, int, bool, list[int], QByteArray)


class Setting(NamedTuple, Generic[Value]):
    """One stored preference: its name in the INI file, its default and, for ``int``, its range."""

    name: str
    default: Value
    low: int = -10_000
    high: int = 10_000_000


class Key:
    """Every setting the app stores (the names are those of earlier versions, so files stay valid)."""

    THEME: Setting[str] = Setting("view/theme", "system")  # "system", "light" or "dark"
    ZOOM: Setting[int] = Setting("view/zoom", 0, -5, 8)  # zoom steps of 10%: about 60% to 214%
    SHOW_HEADINGS: Setting[bool] = Setting("view/contents", True)  # the "On this page" dock
    SHOW_SIDE_PANEL: Setting[bool] = Setting("view/side_panel", True)  # topics, search, bookmarks (F9)
    DIAGRAM_WITH_TOPICS: Setting[bool] = Setting("view/diagram_with_topics", True)  # shown on its topics
    DIAGRAM_PINNED: Setting[bool] = Setting("view/diagram_pinned", False)  # shown on every topic
    LEFT_TAB: Setting[int] = Setting("view/left_tab", 0, 0, 2)  # Topics, Search, Bookmarks
    GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
    SPLITTER: Setting[list[int]] = Setting("window/splitter", [])  # pixels: left tabs, right side
    RIGHT_SPLITTER: Setting[list[int]] = Setting("window/right_splitter", [])  # pixels: diagram, page
    TOPIC: Setting[str] = Setting("session/topic", "")  # the topic id read last
    SCROLL: Setting[int] = Setting("session/scroll", 0, 0)  # its scroll position, pixels


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
        logger.warning("settings file %s could not be read; set aside as %s", self.path, aside)
        kept = f" and the old file was kept as {aside.name}" if aside else ""
        self.notice = f"Settings could not be read; defaults are used{kept}"
        self._settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )

    def get(self, setting: Setting[Value]) -> Value:
        """The stored value of ``setting``, or its default if missing, unreadable or out of range."""
        default = setting.default
        if isinstance(default, bool):
            return cast("Value", self._flag(setting.name, default))
        if isinstance(default, int):
            return cast("Value", self._number(setting.name, default, setting.low, setting.high))
        if isinstance(default, str):
            return cast("Value", self._text(setting.name, default))
        if isinstance(default, list):
            return cast("Value", self._numbers(setting.name))
        return cast("Value", self._blob(setting.name))

    def set(self, setting: Setting[Value], value: Value) -> None:
        self._settings.setValue(setting.name, value)

    def sync(self) -> None:
        self._settings.sync()

    def _text(self, key: str, default: str) -> str:
        value = self._settings.value(key, default)
        return value if isinstance(value, str) else default

    def _number(self, key: str, default: int, low: int, high: int) -> int:
        value = self._settings.value(key, default)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            return default
        return number if low <= number <= high else default

    def _flag(self, key: str, default: bool) -> bool:
        value = self._settings.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return default

    def _numbers(self, key: str) -> list[int]:
        value = self._settings.value(key, [])
        if not isinstance(value, list):
            value = [value] if value else []
        try:
            return [int(str(item)) for item in value]
        except (TypeError, ValueError):
            return []

    def _blob(self, key: str) -> QByteArray:
        value = self._settings.value(key, QByteArray())
        return value if isinstance(value, QByteArray) else QByteArray()
