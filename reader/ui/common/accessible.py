"""Accessible parts that Qt does not see as widgets: page headings and links, diagram boxes.

Qt asks a factory for the accessibility interface of each object the first time a screen reader
(or a test) queries it. :func:`ensure_factory` installs one factory per application that asks the
object's ``accessibility`` helper (``make_interface(obj)``), or for a scroll area's viewport the
scroll area's helper (``make_viewport_interface(viewport)``), and otherwise lets Qt build its
standard interface.

:class:`VirtualParent` is a widget's interface whose children are such virtual objects (the
page's headings and links, the diagram's boxes). :class:`VirtualChild` is an accessible object
without a ``QObject``: a role, a name, a description, a value, a screen rectangle, an optional
level (QAccessible's ``Level`` attribute) and an optional press action. :class:`ChildSet` keeps a
parent's children alive and registered with Qt's cache, and unregisters them before they are
dropped (PySide keeps the ownership: the cache must forget an object before Python frees it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAttributesInterface,
    QAccessibleEvent,
    QAccessibleInterface,
)
from PySide6.QtWidgets import QAccessibleWidget, QToolButton

if TYPE_CHECKING:
    import builtins
    from collections.abc import Callable, Sequence

    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QLineEdit, QWidget

FACTORY_PROPERTY = "readerAccessibleFactory"
VIEWPORT_NAME = "qt_scrollarea_viewport"


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    viewport = obj.objectName() == VIEWPORT_NAME
    provider = getattr(obj.parent() if viewport else obj, "accessibility", None)
    make = getattr(provider, "make_viewport_interface" if viewport else "make_interface", None)
    made = make(obj) if callable(make) else None
    return made if isinstance(made, QAccessibleInterface) else None


def ensure_factory() -> None:
    """Install the app's accessibility factory once per ``QCoreApplication`` (no-op without one)."""
    app = QCoreApplication.instance()
    if app is None or app.property(FACTORY_PROPERTY):
        return
    QAccessible.installFactory(_factory)
    app.setProperty(FACTORY_PROPERTY, True)


def refresh_interface(obj: QObject, wanted: type) -> None:
    """Drop ``obj``'s cached interface unless it is a ``wanted`` one, so the factory builds it again.

    A screen reader running while a widget is constructed makes Qt cache its standard interface
    before the Python subclass (and so the factory's answer) exists.
    """
    if not QAccessible.isActive():
        return
    current = QAccessible.queryAccessibleInterface(obj)
    if current is not None and not isinstance(current, wanted):
        QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(current))


def name_clear_button(edit: QLineEdit, name: str = "Clear") -> None:
    """Give the clear button of ``edit`` (``setClearButtonEnabled(True)`` first) an accessible name."""
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)


def send_event(iface: QAccessibleInterface, kind: QAccessible.Event) -> None:
    """Tell assistive technology about ``kind`` (Focus, NameChanged…) on ``iface``, if one listens."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleEvent(iface, kind))


class _Level(QAccessibleAttributesInterface):
    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def attributeKeys(self) -> list[QAccessible.Attribute]:
        return [QAccessible.Attribute.Level]

    def attributeValue(self, key: QAccessible.Attribute) -> object:
        return self.level if key == QAccessible.Attribute.Level else None


class _Press(QAccessibleActionInterface):
    def __init__(self, press: Callable[[], None]) -> None:
        super().__init__()
        self.press = press

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self.press()

    def keyBindingsForAction(self, _name: str) -> list[str]:
        return []


@dataclass
class ChildSpec:
    """What a :class:`VirtualChild` says: ``rect`` returns screen pixels; ``level`` 0 means none."""

    role: QAccessible.Role
    name: str
    description: str = ""
    value: str = ""
    level: int = 0
    rect: Callable[[], QRect] = QRect
    press: Callable[[], None] | None = None
    states: set[str] = field(default_factory=set)  # QAccessible.State flags set to True
    live_states: Callable[[], set[str]] | None = None  # flags that change (focused, selected…)


class VirtualChild(QAccessibleInterface):
    """An accessible child with no ``QObject`` of its own, described by a :class:`ChildSpec`."""

    def __init__(self, parent: QAccessibleInterface, spec: ChildSpec) -> None:
        super().__init__()
        self._parent = parent
        self.spec = spec
        self._level = _Level(spec.level) if spec.level else None
        self._press = _Press(spec.press) if spec.press is not None else None

    def isValid(self) -> bool:
        return True

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self._parent.window()

    def relations(
        self, _match: builtins.object = None
    ) -> list[tuple[QAccessibleInterface, QAccessible.RelationFlag]]:
        return []

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childAt(self, _x: int, _y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def parent(self) -> QAccessibleInterface:
        return self._parent

    def child(self, _index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:
        return -1

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self.spec.name
        if kind == QAccessible.Text.Description:
            return self.spec.description
        if kind == QAccessible.Text.Value:
            return self.spec.value
        return ""

    def setText(self, _kind: QAccessible.Text, _text: str) -> None:
        return

    def rect(self) -> QRect:
        return self.spec.rect()

    def role(self) -> QAccessible.Role:
        return self.spec.role

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        live = self.spec.live_states() if self.spec.live_states is not None else set()
        for flag in self.spec.states | live:
            setattr(state, flag, True)
        return state

    def interface_cast(self, kind: QAccessible.InterfaceType) -> int:
        # PySide wants a VoidPtr to the C++ interface object, which lives in a helper here.
        helper: QAccessibleAttributesInterface | QAccessibleActionInterface | None = None
        if kind == QAccessible.InterfaceType.AttributesInterface:
            helper = self._level
        elif kind == QAccessible.InterfaceType.ActionInterface:
            helper = self._press
        return shiboken6.VoidPtr(shiboken6.getCppPointer(helper)[0] if helper is not None else 0)  # type: ignore[return-value]


class ChildSet:
    """The virtual children of one parent interface, registered with Qt's accessibility cache."""

    def __init__(self) -> None:
        self.children: list[VirtualChild] = []
        self._ids: list[int] = []

    def replace(self, parent: QAccessibleInterface, specs: list[ChildSpec]) -> None:
        """Forget the old children and make one per spec, in order."""
        self.clear()
        self.children = [VirtualChild(parent, spec) for spec in specs]
        self._ids = [QAccessible.registerAccessibleInterface(child) for child in self.children]

    def clear(self) -> None:
        """Unregister every child (the cache deletes them), then drop them."""
        for unique_id in self._ids:
            if QAccessible.accessibleInterface(unique_id) is not None:
                QAccessible.deleteAccessibleInterface(unique_id)
        self._ids, self.children = [], []

    def index_of(self, child: QAccessibleInterface) -> int:
        """The index of ``child`` among the children, or -1."""
        return next((i for i, item in enumerate(self.children) if item is child), -1)

    def at(self, index: int) -> VirtualChild | None:
        return self.children[index] if 0 <= index < len(self.children) else None


class VirtualParent(QAccessibleWidget):
    """A widget's interface with role ``role`` whose children are virtual objects.

    ``children(self)`` gives them in order (built on first use for this interface), ``focused()``
    the one with the keyboard focus or ``None``. Hit testing is not offered: ``childAt`` is ``None``.
    """

    def __init__(
        self,
        widget: QWidget,
        role: QAccessible.Role,
        children: Callable[[QAccessibleInterface], Sequence[QAccessibleInterface]],
        focused: Callable[[], QAccessibleInterface | None],
    ) -> None:
        super().__init__(widget, role)
        self._children, self._focused = children, focused

    def childCount(self) -> int:
        return len(self._children(self))

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        children = self._children(self)
        return children[index] if 0 <= index < len(children) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return next((i for i, item in enumerate(self._children(self)) if item is child), -1)

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return self._focused()

    def childAt(self, _x: int, _y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None
