"""Status-bar messages: one set of durations and one function that shows them.

Every message the app shows in the status bar goes through :func:`show_status` with one of the
:class:`Duration` values, so the same kind of message always stays up for the same time. Each
message is also announced to a screen reader (problems and refusals interrupt, the rest wait).
"""

from __future__ import annotations

import enum
import logging
from typing import TYPE_CHECKING

from reader.ui.common.announce import Politeness, announce

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

logger = logging.getLogger(__name__)


class Duration(enum.IntEnum):
    """How long a status message stays, in milliseconds."""

    BRIEF = 2500  # a confirmation of what the user just did (zoom, copied, bookmarked)
    NORMAL = 5000  # an outcome worth reading (opened in the browser, saved a file)
    PROBLEM = 10000  # something went wrong or was refused
    NOTICE = 20000  # once-per-session notices (a corrupt file set aside)


def show_status(bar: QStatusBar, message: str, duration: Duration = Duration.NORMAL) -> None:
    """Show ``message`` in ``bar`` for ``duration``; an empty message clears the bar."""
    logger.debug("status: %s", message)
    if message:
        bar.showMessage(message, int(duration))
        urgent = duration is Duration.PROBLEM
        announce(bar, message, Politeness.ASSERTIVE if urgent else Politeness.POLITE)
    else:
        bar.clearMessage()
