"""The walk-through's step cursor: moves, ends, what the current step marks and opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.diagram.model import Diagram, Edge, Node, Step
from reader.core.diagram.walkthrough import STOPPED, Walkthrough

if TYPE_CHECKING:
    from collections.abc import Callable

DIAGRAM = Diagram(
    nodes=(Node("a", "A", "", "t/a", 0, 0), Node("b", "B", "", "t/b", 1, 0), Node("c", "C", "", "t/c", 2, 0)),
    edges=(Edge("a", "b"), Edge("b", "c")),
    steps=(
        Step("Start at A.", node="a"),
        Step("A hands over to B.", edge=("a", "b")),
        Step("B is special.", node="b", topic="t/special"),
        Step("On to C.", edge=("b", "c")),
    ),
)


@pytest.fixture
def walk() -> Walkthrough:
    return Walkthrough(DIAGRAM)


def test_starts_stopped_and_nothing_moves_until_started(walk: Walkthrough) -> None:
    assert (walk.index, walk.active, walk.current, walk.count) == (STOPPED, False, None, 4)
    assert not (walk.next())
    assert not (walk.previous())
    assert not (walk.go_to(0))
    assert not (walk.go_to(walk.count - 1))
    assert not (walk.go_to(1))
    assert not (walk.stop())
    assert walk.index == STOPPED
    assert walk.topic() is None
    assert not any(walk.badge_visible(i) for i in range(walk.count))


def test_start_next_previous_and_both_ends(walk: Walkthrough) -> None:
    assert walk.start()
    assert (walk.index, walk.current) == (0, DIAGRAM.steps[0])
    assert not walk.previous()  # never before the first step
    assert walk.next()
    assert walk.index == 1
    assert walk.go_to(walk.count - 1)
    assert walk.index == 3
    assert not walk.go_to(walk.count - 1)  # already there: no move
    assert not walk.next()
    assert walk.index == 3
    assert walk.previous()
    assert walk.index == 2
    assert walk.go_to(0)
    assert walk.index == 0
    assert walk.start()
    assert walk.index == 0


def test_go_to_refuses_out_of_range_and_the_current_step(walk: Walkthrough) -> None:
    walk.start()
    assert not walk.go_to(-1)
    assert not walk.go_to(4)
    assert not walk.go_to(0)
    assert walk.go_to(2)
    assert walk.index == 2


def test_stop_leaves_the_walkthrough(walk: Walkthrough) -> None:
    walk.start()
    walk.go_to(2)
    assert walk.stop()
    assert (walk.index, walk.active, walk.current) == (STOPPED, False, None)
    assert not walk.stop()


def test_what_the_current_step_marks(walk: Walkthrough) -> None:
    walk.start()
    assert walk.marks_node("a")
    assert not walk.marks_node("b")
    assert not walk.marks_edge("a", "b")
    walk.next()
    assert walk.marks_edge("a", "b")
    assert not walk.marks_edge("b", "a")
    assert not walk.marks_node("a")
    assert [walk.badge_visible(i) for i in range(walk.count)] == [True, True, False, False]


def test_topic_is_the_steps_own_else_its_nodes_else_the_edge_targets(walk: Walkthrough) -> None:
    walk.start()
    topics = [walk.topic()]
    while walk.next():
        topics.append(walk.topic())
    assert topics == ["t/a", "t/b", "t/special", "t/c"]
    assert topics == [DIAGRAM.step_topic(step) for step in DIAGRAM.steps]


def test_a_recap_step_marks_nothing_and_opens_its_topic() -> None:
    recap = Diagram(nodes=DIAGRAM.nodes, steps=(*DIAGRAM.steps, Step("That was it.", topic="t/example")))
    walk = Walkthrough(recap)
    walk.start()
    walk.go_to(walk.count - 1)
    assert walk.topic() == "t/example"
    assert not any(walk.marks_node(node.id) for node in recap.nodes)
    assert not walk.marks_edge("a", "b")
    assert not walk.marks_edge("b", "c")


def test_a_diagram_without_steps_cannot_start() -> None:
    walk = Walkthrough(Diagram(nodes=DIAGRAM.nodes))
    assert not walk.start()
    assert walk.index == STOPPED


MOVES: dict[str, Callable[[Walkthrough], bool]] = {
    "next": Walkthrough.next,
    "previous": Walkthrough.previous,
    "first": lambda walk: walk.go_to(0),
    "last": lambda walk: walk.go_to(walk.count - 1),
    "stop": Walkthrough.stop,
    "start": Walkthrough.start,
}


@given(st.lists(st.sampled_from(sorted(MOVES)), max_size=30))
def test_the_index_always_stays_in_range(moves: list[str]) -> None:
    walk = Walkthrough(DIAGRAM)
    for move in moves:
        before = walk.index
        moved = MOVES[move](walk)
        assert walk.index == STOPPED or 0 <= walk.index < walk.count
        assert moved == (walk.index != before) or move == "start"
