"""The diagram model: finding nodes and edges, arrow-key neighbours and the topic a step opens."""

from __future__ import annotations

from reader.core.diagram.model import Diagram, Edge, Node, Step

NODES = (
    Node("a", "A", "", "topic-a", 0, 0),
    Node("b", "B", "", "topic-b", 1, 0),
    Node("c", "C", "", "topic-c", 1, 1),
    Node("d", "D", "", "topic-d", 3, 0),
)
DIAGRAM = Diagram(NODES, (Edge("a", "b", "calls"),), (Step("Start.", node="a"),))


def test_nodes_and_edges_are_found_by_id():
    assert DIAGRAM.node("c") is NODES[2]
    assert DIAGRAM.node("x") is None
    assert DIAGRAM.edge("a", "b") is DIAGRAM.edges[0]
    assert DIAGRAM.edge("b", "a") is None
    assert DIAGRAM.edges[0].key == "a -> b"


def test_neighbour_is_the_nearest_node_in_the_arrow_direction():
    assert DIAGRAM.neighbour("a", 1, 0) is NODES[1]
    assert DIAGRAM.neighbour("b", 1, 0) is NODES[3]
    assert DIAGRAM.neighbour("b", 0, 1) is NODES[2]
    assert DIAGRAM.neighbour("a", -1, 0) is None
    assert DIAGRAM.neighbour("missing", 1, 0) is None


def test_a_step_opens_its_own_topic_else_its_node_or_edge_target():
    assert DIAGRAM.step_topic(Step("S.", node="a", topic="own")) == "own"
    assert DIAGRAM.step_topic(Step("S.", node="c")) == "topic-c"
    assert DIAGRAM.step_topic(Step("S.", edge=("a", "b"))) == "topic-b"
    assert DIAGRAM.step_topic(Step("S.")) is None
