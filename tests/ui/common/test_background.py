"""run_in_background: results come back on the GUI thread; cancelled or orphaned results are dropped."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject

from reader.ui.common.background import GIL_SWITCH_INTERVAL_S, run_in_background


def test_result_and_error_arrive_on_the_receivers_thread(qtbot) -> None:
    receiver = QObject()
    seen: list[tuple[object, bool]] = []
    main = threading.current_thread()
    run_in_background(
        lambda stop: 42, receiver, on_done=lambda v: seen.append((v, threading.current_thread() is main))
    )
    qtbot.waitUntil(lambda: seen == [(42, True)])

    def fail(stop: threading.Event) -> None:
        raise ValueError("no")

    errors: list[BaseException] = []
    run_in_background(fail, receiver, on_done=seen.append, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ValueError)
    assert seen == [(42, True)]


def test_a_cancelled_result_goes_to_on_dropped(qtbot) -> None:
    receiver = QObject()
    go = threading.Event()
    done: list[object] = []
    dropped: list[object] = []

    def work(stop: threading.Event) -> str:
        assert go.wait(10)
        return "result"

    task = run_in_background(work, receiver, on_done=done.append, on_dropped=dropped.append)
    task.cancel()
    assert task.stop.is_set()
    go.set()
    qtbot.waitUntil(lambda: dropped == ["result"])
    assert done == []


def test_a_result_whose_receiver_is_gone_goes_to_on_dropped(qtbot) -> None:
    receiver = QObject()
    go = threading.Event()
    dropped: list[object] = []

    def work(stop: threading.Event) -> str:
        assert go.wait(10)
        return "orphan"

    task = run_in_background(work, receiver, on_done=lambda v: None, on_dropped=dropped.append)
    with qtbot.waitSignal(receiver.destroyed):
        receiver.deleteLater()
    go.set()
    qtbot.waitUntil(lambda: dropped == ["orphan"])
    assert not task.cancelled


def test_results_racing_the_deletion_of_their_receivers_are_dropped_safely(qtbot) -> None:
    """Work that finishes while its receiver is being deleted must neither crash nor reach it."""
    import shiboken6

    reached_dead: list[int] = []
    delivered: list[int] = []
    dropped: list[object] = []
    count = 200
    receivers: list[QObject] = []
    for number in range(count):
        receiver = QObject()
        receivers.append(receiver)

        def on_done(value: int, receiver: QObject = receiver) -> None:
            (delivered if shiboken6.isValid(receiver) else reached_dead).append(value)

        run_in_background(lambda stop, n=number: n, receiver, on_done=on_done, on_dropped=dropped.append)
        receiver.deleteLater()  # deleted on a coming event-loop turn, while results are arriving
    qtbot.waitUntil(lambda: len(delivered) + len(dropped) + len(reached_dead) == count, timeout=10000)
    assert reached_dead == []
    assert not any(shiboken6.isValid(receiver) for receiver in receivers)


def test_a_worker_hands_the_gil_back_to_the_gui_thread_within_a_millisecond(qtbot) -> None:
    """Python switches threads every 5 ms by default: a worker running Python code would keep the
    GUI thread waiting that long each time it needs the GIL back."""
    receiver = QObject()
    with qtbot.waitSignal(receiver.destroyed, timeout=2000):
        done = run_in_background(
            lambda _stop: sum(range(1000)), receiver, on_done=lambda _: receiver.deleteLater()
        )
        assert not done.cancelled
    assert sys.getswitchinterval() <= GIL_SWITCH_INTERVAL_S <= 0.001
