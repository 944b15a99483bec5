"""Say something to a screen reader without moving the focus: Qt's announcement event.

An announcement is sent only while assistive technology listens (``QAccessible.isActive()``),
so a sighted session pays nothing. ``Politeness.ASSERTIVE`` interrupts speech (refusals, errors);
the default waits for the current sentence to end.
"""

from __future__ import annotations

import enum
import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

logger = logging.getLogger(__name__)


class Politeness(enum.Enum):
    """How urgently an announcement is spoken."""

    POLITE = "polite"
    ASSERTIVE = "assertive"


def announce(source: QObject, message: str, politeness: Politeness = Politeness.POLITE) -> None:
    """Have ``message`` spoken on behalf of ``source`` (a widget); an empty message says nothing."""
    if not message or not QAccessible.isActive():
        return
    logger.debug("announce: %s", message)
    event = QAccessibleAnnouncementEvent(source, message)
    if politeness is Politeness.ASSERTIVE:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
