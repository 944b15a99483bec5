"""LazyPane: builds its widget on first use or first show, once, and again after reset."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from reader.ui.common.lazy_pane import LazyPane


class Factory:
    def __init__(self) -> None:
        self.made: list[QLabel] = []

    def __call__(self) -> QLabel:
        self.made.append(QLabel(f"pane {len(self.made) + 1}"))
        return self.made[-1]


def test_nothing_is_built_until_needed_then_once(qtbot) -> None:
    factory = Factory()
    pane = LazyPane(factory)
    qtbot.addWidget(pane)
    assert not pane.created
    assert factory.made == []
    label = pane.widget()
    assert pane.created
    assert pane.widget() is label
    assert factory.made == [label]
    assert label.parent() is pane


def test_showing_the_pane_builds_a_visible_widget(qtbot) -> None:
    factory = Factory()
    pane = LazyPane(factory)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    assert len(factory.made) == 1
    assert factory.made[0].isVisible()


def test_reset_rebuilds_at_once_when_shown_and_lazily_when_hidden(qtbot) -> None:
    factory = Factory()
    pane = LazyPane(factory)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitExposed(pane)
    first = pane.widget()
    with qtbot.waitSignal(first.destroyed, timeout=1000):
        pane.reset()
    assert pane.created
    assert pane.widget().text() == "pane 2"
    pane.hide()
    pane.reset()
    assert not pane.created
    assert pane.widget().text() == "pane 3"
