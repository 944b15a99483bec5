"""The window's status line: passing messages, and once-per-session notices that stay together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.common.status import Duration, show_status

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar


class StatusLine:
    """Shows messages in ``bar`` through :func:`show_status`; notices are shown all at once."""

    def __init__(self, bar: QStatusBar) -> None:
        self._bar = bar
        self.notices: list[str] = []

    def show(self, message: str, duration: Duration = Duration.NORMAL) -> None:
        show_status(self._bar, message, duration)

    def notify(self, notice: str) -> None:
        """Show a once-per-session notice (corrupt files set aside…) without hiding earlier ones."""
        if notice and notice not in self.notices:
            self.notices.append(notice)
            show_status(self._bar, " · ".join(self.notices), Duration.NOTICE)
