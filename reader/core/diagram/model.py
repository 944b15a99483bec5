"""The architecture diagram's model: a small grid of nodes, labelled edges and a walk-through.

Frozen dataclasses only; :mod:`reader.core.diagram.toml_reader` builds them from ``diagram.toml``.
This module imports neither Qt nor ``tomllib``, so the diagram pane can name these types cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_GRID = 50  # the largest column or row number
EDGE_STYLES = ("solid", "dashed")
NODE_KINDS = ("outside", "django", "app", "data")


@dataclass(frozen=True)
class Node:
    """One box of the diagram, placed on a grid cell and linked to a topic."""

    id: str
    label: str
    caption: str
    topic: str
    col: int
    row: int
    kind: str = "django"
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Edge:
    """An arrow from one node to another; ``returning`` marks the response's way back."""

    source: str
    target: str
    label: str = ""
    style: str = "solid"
    returning: bool = False
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> str:
        """``"source -> target"``, as steps write an edge."""
        return f"{self.source} -> {self.target}"


@dataclass(frozen=True)
class Step:
    """One hop of the walk-through: a node or an edge (``(source, target)``) and one sentence; a
    step with neither is a recap, which marks nothing on the diagram and opens its ``topic``."""

    sentence: str
    node: str | None = None
    edge: tuple[str, str] | None = None
    topic: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Diagram:
    """A whole diagram: nodes, edges and the ordered walk-through."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    steps: tuple[Step, ...] = ()
    title: str = ""
    legend: tuple[int, int] | None = None
    topic: str | None = None  # the topic that explains the diagram: opening it shows the diagram

    def node(self, node_id: str) -> Node | None:
        """The node with this id, or ``None``."""
        return next((node for node in self.nodes if node.id == node_id), None)

    def edge(self, source: str, target: str) -> Edge | None:
        """The edge from ``source`` to ``target``, or ``None``."""
        return next((e for e in self.edges if e.source == source and e.target == target), None)

    def neighbour(self, node_id: str, dx: int, dy: int) -> Node | None:
        """The nearest node from ``node_id`` in grid direction ``(dx, dy)`` (for arrow-key navigation)."""
        here = self.node(node_id)
        best: tuple[int, int, Node] | None = None
        for order, node in enumerate(self.nodes):
            if here is None:
                break
            dc, dr = node.col - here.col, node.row - here.row
            along, across = dc * dx + dr * dy, abs(dc * dy) + abs(dr * dx)
            if along > 0 and across <= along and (best is None or (along + 2 * across, order) < best[:2]):
                best = (along + 2 * across, order, node)
        return best[2] if best is not None else None

    def step_topic(self, step: Step) -> str | None:
        """The topic a step opens: its own, else its node's, else the topic of the edge's target."""
        if step.topic:
            return step.topic
        node_id = step.node if step.node is not None else (step.edge[1] if step.edge else None)
        node = self.node(node_id) if node_id is not None else None
        return node.topic if node is not None else None
