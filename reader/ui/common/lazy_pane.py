"""A placeholder that builds its real widget the first time it is needed.

Panes the first frame does not show (search, bookmarks, the diagram when hidden) are created
on demand, so start-up imports and builds only what is visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QShowEvent

PaneWidget = TypeVar("PaneWidget", bound=QWidget)


class LazyPane(QWidget, Generic[PaneWidget]):
    """Holds one widget made by ``factory`` on the first call to :meth:`widget` or when shown."""

    def __init__(self, factory: Callable[[], PaneWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._widget: PaneWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def created(self) -> bool:
        return self._widget is not None

    def reset(self) -> None:
        """Drop the built widget; the next use builds a fresh one (after the content changed)."""
        if self._widget is not None:
            self._widget.hide()
            self._widget.deleteLater()
            self._widget = None
            if self.isVisible():
                self.widget()

    def widget(self) -> PaneWidget:
        if self._widget is None:
            self._widget = self._factory()
            self._layout.addWidget(self._widget)
            self._widget.show()  # visible with the pane now, not after the next event loop turn
        return self._widget

    def showEvent(self, event: QShowEvent) -> None:
        self.widget()
        super().showEvent(event)
