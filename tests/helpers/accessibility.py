"""Listen to Qt's accessibility events as a screen reader would, and walk the accessible tree.

PySide6 does not wrap ``QAccessible::installUpdateHandler``; :class:`EventLog` installs its handler
through ``ctypes`` (the Itanium-mangled symbol of QtGui on Linux) and turns accessibility on, so
Qt delivers every event it would hand to AT-SPI. :func:`walk` visits an accessible tree.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtGui import QAccessibleInterface

_SYMBOL = "_ZN11QAccessible20installUpdateHandlerEPFvP16QAccessibleEventE"
_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


def _install_function() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    library = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6Gui.so.6"
    if not library.exists():
        return None
    function = getattr(ctypes.CDLL(str(library)), _SYMBOL, None)
    if function is not None:
        function.restype = ctypes.c_void_p
        function.argtypes = [ctypes.c_void_p]
    return function


def can_listen() -> bool:
    """True where the update handler can be installed (Linux wheels of PySide6)."""
    return _install_function() is not None


@dataclass
class Event:
    """One accessibility event: its type, and the name and role of the object it is about."""

    kind: QAccessible.Event
    name: str
    role: QAccessible.Role | None
    message: str = ""  # the text of an announcement


class EventLog:
    """Records accessibility events while active (use as a context manager)."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._callback = _HANDLER(self._record)
        self._previous: int | None = None

    def _record(self, pointer: int) -> None:
        event = shiboken6.wrapInstance(pointer, QAccessibleEvent)
        kind = event.type()
        message = ""
        if kind == QAccessible.Event.Announcement:
            message = shiboken6.wrapInstance(pointer, QAccessibleAnnouncementEvent).message()
        iface = event.accessibleInterface()
        name = iface.text(QAccessible.Text.Name) if iface is not None and iface.isValid() else ""
        role = iface.role() if iface is not None and iface.isValid() else None
        self.events.append(Event(kind, name, role, message))

    def __enter__(self) -> EventLog:
        install = _install_function()
        assert install is not None, "QAccessible::installUpdateHandler is not reachable here"
        self._previous = install(ctypes.cast(self._callback, ctypes.c_void_p))
        QAccessible.setActive(True)
        return self

    def __exit__(self, *_exc: object) -> None:
        QAccessible.setActive(False)
        install = _install_function()
        assert install is not None
        install(self._previous)

    def clear(self) -> None:
        self.events.clear()

    def of(self, kind: QAccessible.Event) -> list[Event]:
        """The events of one kind, oldest first."""
        return [event for event in self.events if event.kind == kind]

    def announcements(self) -> list[str]:
        """The messages announced, oldest first."""
        return [event.message for event in self.of(QAccessible.Event.Announcement)]

    def focus_names(self) -> list[str]:
        """The names of the objects that received the focus, oldest first."""
        return [event.name for event in self.of(QAccessible.Event.Focus)]


def walk(root: QAccessibleInterface, depth: int = 0) -> Iterator[tuple[int, QAccessibleInterface]]:
    """Every interface under ``root`` (itself first) with its depth, visible or not."""
    yield depth, root
    for index in range(root.childCount()):
        child = root.child(index)
        if child is not None and child.isValid():
            yield from walk(child, depth + 1)


def children(iface: QAccessibleInterface) -> list[QAccessibleInterface]:
    """The direct children of ``iface``."""
    return [child for i in range(iface.childCount()) if (child := iface.child(i)) is not None]
