"""Typed access to the app's ``QSettings``: every key is a :class:`Setting` in :class:`Key`.

A key carries its stored name, its default and (for numbers) its allowed range; unreadable,
wrong-typed or out-of-range values fall back to the default. No other module spells a key.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from reader.core.storage import set_aside
from reader.ui.common.settings_scan import MAX_SETTINGS_BYTES, unsafe_reason, valid_geometry

logger = logging.getLogger(__name__)

ORGANISATION = "DjangoReader"
APPLICATION = "django-reader"

Value = TypeVar("Value", str, int, bool, list[int], QByteArray)


class Setting(NamedTuple, Generic[Value]):
    """One stored preference: its name in the INI file, its default and what a stored value may be.

    ``low``..``high``: the range of an ``int`` (outside it: the default) or of each number of a
    ``list[int]`` (clamped into it); ``choices``: the only texts a ``str`` may be (any, if empty),
    at most ``MAX_TEXT`` characters. A window geometry must pass
    :func:`~reader.ui.common.settings_scan.valid_geometry`.
    """

    name: str
    default: Value
    low: int = -10_000
    high: int = 10_000_000
    choices: tuple[str, ...] = ()


MAX_TEXT = 1000  # characters of a stored text (a topic id)
MAX_LIST = 16  # numbers of a stored list (the splitters store 2)


class Key:
    """Every setting the app stores (the names are those of earlier versions, so files stay valid)."""

    THEME: Setting[str] = Setting("view/theme", "system", choices=("system", "light", "dark"))
    ZOOM: Setting[int] = Setting("view/zoom", 0, -5, 8)  # zoom steps of 10%: about 60% to 214%
    SHOW_HEADINGS: Setting[bool] = Setting("view/contents", True)  # the "On this page" dock
    SHOW_SIDE_PANEL: Setting[bool] = Setting("view/side_panel", True)  # topics, search, bookmarks (F9)
    DIAGRAM_WITH_TOPICS: Setting[bool] = Setting("view/diagram_with_topics", True)  # shown on its topics
    DIAGRAM_PINNED: Setting[bool] = Setting("view/diagram_pinned", False)  # shown on every topic
    LEFT_TAB: Setting[int] = Setting("view/left_tab", 0, 0, 3)  # Topics, Search, Bookmarks, Project
    GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
    SPLITTER: Setting[list[int]] = Setting("window/splitter", [], 0, 16_384)  # pixels: left tabs, right
    RIGHT_SPLITTER: Setting[list[int]] = Setting("window/right_splitter", [], 0, 16_384)  # diagram, page
    TOPIC: Setting[str] = Setting("session/topic", "")  # the topic id read last
    SCROLL: Setting[int] = Setting("session/scroll", 0, 0)  # its scroll position, pixels
    RECENT_PROJECTS: Setting[str] = Setting("project/recent", "")  # project folders, newest first, one a line
    EDITOR_COMMAND: Setting[str] = Setting("project/editor", "")  # "code -g {file}:{line}"; "" picks a preset


class Settings:
    """The user's preferences and session, stored in an INI file in the user config dir.

    The file is checked before Qt reads it (:func:`reader.ui.common.settings_scan.unsafe_reason`):
    one Qt cannot safely parse, or one it parses only in part, is set aside (kept, renamed) and the
    defaults are used, with ``notice`` saying so.
    """

    def __init__(self) -> None:
        self.notice = ""
        path = self._file_path()
        reason = self._unsafe_reason(path)
        if reason:
            self._set_aside(path, reason)
        self._settings = self._open()
        if reason is None and (
            self._settings.status() != QSettings.Status.NoError or not self._values_are_sound()
        ):
            self._settings = None  # type: ignore[assignment]  # let go of the file before moving it
            self._set_aside(path, "Qt could not read it")
            self._settings = self._open()

    @staticmethod
    def _open() -> QSettings:
        return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)

    @staticmethod
    def _file_path() -> Path:
        """The settings file, found without letting Qt read it (a probe names a file never written)."""
        probe = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, "path-probe")
        return Path(probe.fileName()).with_name(f"{APPLICATION}.ini")

    @property
    def path(self) -> Path:
        return Path(self._settings.fileName())

    @staticmethod
    def _unsafe_reason(path: Path) -> str | None:
        try:
            with path.open("rb") as stream:
                data = stream.read(MAX_SETTINGS_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            return f"it could not be read ({error.strerror or error})"
        return unsafe_reason(data)

    def _values_are_sound(self) -> bool:
        """QSettings silently skips what it cannot decode; any such value makes the file suspect."""
        return all(self._settings.value(key) is not None for key in self._settings.allKeys())

    def _set_aside(self, path: Path, reason: str) -> None:
        aside = set_aside(path) if path.exists() else None
        logger.warning("settings file %s not used (%s); set aside as %s", path, reason, aside)
        kept = f"; the old file was kept as {aside.name}" if aside else ""
        self.notice = f"Settings could not be read ({reason}); defaults are used{kept}"

    def get(self, setting: Setting[Value]) -> Value:
        """The stored value of ``setting``, or its default if missing, unreadable or out of range.

        Never raises: whatever the file holds, the value returned is one the app can use.
        """
        default = setting.default
        try:
            if isinstance(default, bool):
                return cast("Value", self._flag(setting.name, default))
            if isinstance(default, int):
                return cast("Value", self._number(setting.name, default, setting.low, setting.high))
            if isinstance(default, str):
                return cast("Value", self._text(setting.name, default, setting.choices))
            if isinstance(default, list):
                return cast("Value", self._numbers(setting.name, setting.low, setting.high))
            return cast("Value", self._blob(setting.name))
        except Exception:  # a value of a shape nobody foresaw must not stop the app
            logger.exception("the setting %s could not be read; using its default", setting.name)
            return default

    def set(self, setting: Setting[Value], value: Value) -> None:
        self._settings.setValue(setting.name, value)

    def sync(self) -> None:
        self._settings.sync()

    def _text(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        value = self._settings.value(key, default)
        if not isinstance(value, str) or len(value) > MAX_TEXT or (choices and value not in choices):
            return default
        return value

    def _number(self, key: str, default: int, low: int, high: int) -> int:
        value = self._settings.value(key, default)
        text = str(value).strip()
        if len(text) > 30:  # int() of a long digit string is slow; no valid value is this long
            return default
        try:
            number = int(text)
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

    def _numbers(self, key: str, low: int, high: int) -> list[int]:
        """The stored list of numbers, each clamped to ``low``..``high``; [] if it is not one."""
        value = self._settings.value(key, [])
        if not isinstance(value, list):
            value = [value] if value else []
        if len(value) > MAX_LIST:
            return []
        numbers = []
        for item in value:
            text = str(item).strip()
            if len(text) > 30 or not text.lstrip("-").isdigit():
                return []
            numbers.append(max(low, min(high, int(text))))
        return numbers

    def _blob(self, key: str) -> QByteArray:
        value = self._settings.value(key, QByteArray())
        if not isinstance(value, QByteArray) or not valid_geometry(bytes(value.data())):
            return QByteArray()
        return value
