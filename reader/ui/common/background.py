"""The one way to run work off the GUI thread: a Python thread whose result comes back as a queued signal.

Work handed to :func:`run_in_background` runs on a daemon thread (the GIL is released while it reads
files, renders or queries SQLite). Its return value, or the exception it raised, is delivered to the
callbacks on the thread of ``receiver`` (the GUI thread for any widget) through a queued Qt signal, so
callbacks may touch widgets. A :class:`BackgroundTask` can be cancelled: its ``stop`` event is handed to
work that accepts one and checks it between steps, and no callback runs after cancellation.

While a worker runs Python code, the GUI thread waits for the GIL every time it gets it back (after
each Qt call that released it); Python hands the GIL over only every ``sys.getswitchinterval()``
seconds, 5 ms by default, which made a topic switch during the check of a large root on disk take
several times as long. From the first background task on, the interval is ``GIL_SWITCH_INTERVAL_S``.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

logger = logging.getLogger(__name__)
_Callback = Callable[[Any], None]
GIL_SWITCH_INTERVAL_S = 0.001  # how long a worker may keep the GUI thread waiting for the GIL


class _Relay(QObject):
    """Lives on the receiver's thread; signals emitted from the worker are queued to it."""

    finished = Signal(object)
    failed = Signal(object)


class BackgroundTask:
    """A handle on work running off the GUI thread: ``stop`` is set by :meth:`cancel`."""

    def __init__(self) -> None:
        self.stop = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.stop.is_set()

    def cancel(self) -> None:
        """Ask the work to stop (if it takes ``stop``) and drop its result; safe to call twice."""
        self.stop.set()


def run_in_background(
    work: Callable[[threading.Event], Any],
    receiver: QObject,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    name: str = "reader-background",
    on_dropped: Callable[[Any], None] | None = None,
) -> BackgroundTask:
    """Run ``work(stop_event)`` on a daemon thread; its result goes to ``on_done`` on ``receiver``'s thread.

    ``on_error`` gets the exception (also logged with its traceback); without it, failures are only logged.
    Neither callback runs once the task is cancelled or ``receiver`` is destroyed; a result nobody
    receives goes to ``on_dropped`` instead (on whichever thread noticed), so it can release what it holds.
    """
    # The relay belongs to the application, which outlives every receiver: were it the receiver's
    # child, a result emitted while the receiver is being deleted would race with the relay's own
    # deletion (a crash, not an exception). Whether the receiver still exists is asked on delivery.
    app = QCoreApplication.instance()
    relay = _Relay()
    relay.moveToThread(receiver.thread())
    relay.setParent(app if app is not None and app.thread() is receiver.thread() else receiver)
    task = BackgroundTask()

    def deliver(callback: _Callback | None, value: Any, dropped: _Callback | None = None) -> None:
        if not task.cancelled and shiboken6.isValid(receiver):
            if callback is not None:
                callback(value)
        elif dropped is not None:
            dropped(value)
        relay.deleteLater()

    relay.finished.connect(lambda value: deliver(on_done, value, on_dropped))
    relay.failed.connect(lambda error: deliver(on_error, error))

    def target() -> None:
        try:
            value = work(task.stop)
        except Exception as error:
            logger.exception("background work %s failed", name)
            signal, payload, succeeded = relay.failed, error, False
        else:
            signal, payload, succeeded = relay.finished, value, True
        try:
            signal.emit(payload)
        except RuntimeError:  # the application (and so the relay) is gone: the app is closing
            logger.debug("background work %s finished after its receiver was destroyed", name)
            if on_dropped is not None and succeeded:
                on_dropped(payload)

    if sys.getswitchinterval() > GIL_SWITCH_INTERVAL_S:
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    threading.Thread(target=target, name=name, daemon=True).start()
    return task
