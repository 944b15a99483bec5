"""Read ``diagram.toml`` into a :class:`~reader.core.diagram.model.Diagram`, and check it.

The diagram lives next to the topics as ``diagram.toml`` in the content root. Loading never raises:
every mistake becomes a :class:`~reader.core.problems.Problem` pointing at the line of the entry, and
the valid parts are still returned so the window can show what it can. ``tomllib`` is imported here
only, and this module only when a diagram is first shown or checked. No Qt.
"""

from __future__ import annotations

import bisect
import logging
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.diagram import DIAGRAM_FILE
from reader.core.diagram.model import (
    EDGE_STYLES,
    MAX_GRID,
    NODE_KINDS,
    Diagram,
    Edge,
    Node,
    Step,
)
from reader.core.problems import Problem
from reader.core.storage import UnreadableFileError, read_regular_file

if TYPE_CHECKING:
    from reader.core.content.model import ContentRoot

logger = logging.getLogger(__name__)

MAX_DIAGRAM_BYTES = 1024 * 1024

_NODE_KEYS = {"id", "label", "caption", "topic", "col", "row", "kind"}
_EDGE_KEYS = {"source", "target", "label", "style", "returning"}
_STEP_KEYS = {"node", "edge", "sentence", "topic"}
_TOP_KEYS = {"title", "topic", "nodes", "edges", "steps", "legend"}
_HEADER = re.compile(r"^\s*\[\[\s*(?P<name>[A-Za-z_]+)\s*\]\]")
_TOML_LINE = re.compile(r"at line (\d+)")
_TOML_WHERE = re.compile(r"\s*\(at (line \d+, column \d+|end of document)\)\s*$")
_TABLE = re.compile(r"^\s*\[\s*(?P<name>[A-Za-z_]+)\s*\]")


def _edge_reference(reference: str) -> tuple[str, str] | None:
    """``("a", "b")`` for ``"a -> b"``, or ``None`` if ``reference`` does not look like that."""
    source, arrow, target = reference.partition("->")
    source, target = source.strip(), target.strip()
    if not arrow or not source or not target or ">" in source + target or source.startswith("-"):
        return None
    return source, target


class _Lines:
    """Find the line numbers of ``[[table]]`` entries and their keys in the raw TOML text.

    Built in one pass over the lines (string operations only); each look-up is a binary search,
    so a file with thousands of entries or unknown keys is checked in linear time.
    """

    def __init__(self, text: str) -> None:
        self.headers: dict[str, list[int]] = {}
        self.boundaries: list[int] = []  # lines that start a table, in order
        self.keys: dict[str, list[int]] = {}
        for number, line in enumerate(text.split("\n"), start=1):
            match = _HEADER.match(line) or _TABLE.match(line)
            if match:
                self.headers.setdefault(match.group("name"), []).append(number)
                self.boundaries.append(number)
                continue
            name, equals, _value = line.partition("=")
            if equals:
                self.keys.setdefault(name.strip(), []).append(number)

    def entry(self, table: str, index: int) -> int:
        starts = self.headers.get(table, [])
        return starts[index] if index < len(starts) else self.key(table) or 1

    def key(self, name: str, start: int = 1) -> int:
        """The first line at or after ``start`` (inside the same entry) that assigns ``name``."""
        start = max(start, 1)
        lines = self.keys.get(name, [])
        found = bisect.bisect_left(lines, start)
        if found < len(lines):
            following = bisect.bisect_right(self.boundaries, start)  # the next table after ``start``
            if following == len(self.boundaries) or lines[found] < self.boundaries[following]:
                return lines[found]
        return start if start > 1 else 0


class _Reader:
    """Turns the parsed TOML document into diagram objects, collecting problems on the way."""

    def __init__(self, text: str) -> None:
        self.where = _Lines(text)
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(DIAGRAM_FILE, max(line, 1), message))

    def tables(self, document: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
        value = document.get(name, [])
        if not isinstance(value, list):
            self.problem(self.where.key(name) or 1, f"'{name}' must be a list of [[{name}]] tables")
            return []
        found = []
        for index, entry in enumerate(value):
            line = self.where.entry(name, index)
            if isinstance(entry, dict):
                found.append((line, entry))
            else:
                self.problem(line, f"entry {index + 1} of '{name}' is not a table")
        return found

    def text(self, entry: dict[str, Any], key: str, line: int, what: str, required: bool = True) -> str:
        value = entry.get(key)
        if value is None:
            if required:
                self.problem(line, f"{what} is missing '{key}'")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(self.where.key(key, line), f"'{key}' of {what} must be non-empty text")
            return ""
        return value.strip()

    def cell(self, entry: dict[str, Any], key: str, line: int, what: str) -> int | None:
        value = entry.get(key)
        if value is None:
            self.problem(line, f"{what} is missing '{key}'")
            return None
        if type(value) is not int or not 0 <= value <= MAX_GRID:
            self.problem(
                self.where.key(key, line), f"'{key}' of {what} must be a whole number from 0 to {MAX_GRID}"
            )
            return None
        return value

    def unknown_keys(self, entry: dict[str, Any], allowed: set[str], line: int, what: str) -> None:
        for key in sorted(set(entry) - allowed):
            self.problem(self.where.key(key, line) or line, f"unknown key '{key}' in {what}")

    def nodes(self, document: dict[str, Any]) -> list[Node]:
        nodes: list[Node] = []
        seen: dict[str, Node] = {}
        cells: dict[tuple[int, int], Node] = {}
        for line, entry in self.tables(document, "nodes"):
            node_id = self.text(entry, "id", line, "node")
            what = f"node '{node_id}'" if node_id else "node"
            self.unknown_keys(entry, _NODE_KEYS, line, what)
            label = self.text(entry, "label", line, what)
            caption = self.text(entry, "caption", line, what, required=False)
            topic = self.text(entry, "topic", line, what)
            kind = self.text(entry, "kind", line, what, required=False) or "django"
            if kind not in NODE_KINDS:
                self.problem(
                    self.where.key("kind", line), f"kind of {what} must be one of {', '.join(NODE_KINDS)}"
                )
                kind = "django"
            col, row = self.cell(entry, "col", line, what), self.cell(entry, "row", line, what)
            if not (node_id and label and topic) or col is None or row is None:
                continue
            if node_id in seen:
                self.problem(line, f"duplicate node id '{node_id}' (first on line {seen[node_id].line})")
                continue
            node = Node(node_id, label, caption, topic, col, row, kind, line)
            if (col, row) in cells:
                other = cells[(col, row)]
                self.problem(
                    line, f"node '{node_id}' is placed on col {col}, row {row}, already used by '{other.id}'"
                )
                continue
            seen[node_id] = cells[(col, row)] = node
            nodes.append(node)
        return nodes

    def edges(self, document: dict[str, Any], known: set[str]) -> list[Edge]:
        edges: list[Edge] = []
        seen: set[tuple[str, str]] = set()
        for line, entry in self.tables(document, "edges"):
            source = self.text(entry, "source", line, "edge")
            target = self.text(entry, "target", line, "edge")
            what = f"edge {source or '?'} -> {target or '?'}"
            self.unknown_keys(entry, _EDGE_KEYS, line, what)
            label = self.text(entry, "label", line, what, required=False)
            style = self.text(entry, "style", line, what, required=False) or "solid"
            returning = entry.get("returning", False)
            if style not in EDGE_STYLES:
                self.problem(
                    self.where.key("style", line),
                    f"style of {what} must be 'solid' or 'dashed', not {style!r}",
                )
                style = "solid"
            if not isinstance(returning, bool):
                self.problem(
                    self.where.key("returning", line), f"'returning' of {what} must be true or false"
                )
                returning = False
            if not (source and target):
                continue
            missing = [name for name in (source, target) if name not in known]
            for name in missing:
                self.problem(line, f"{what} refers to unknown node '{name}'")
            if missing:
                continue
            if source == target:
                self.problem(line, f"{what} starts and ends on the same node")
                continue
            if (source, target) in seen:
                self.problem(line, f"duplicate {what}")
                continue
            seen.add((source, target))
            edges.append(Edge(source, target, label, style, returning, line))
        return edges

    def steps(self, document: dict[str, Any], known: set[str], edges: set[tuple[str, str]]) -> list[Step]:
        steps: list[Step] = []
        for number, (line, entry) in enumerate(self.tables(document, "steps"), start=1):
            what = f"step {number}"
            self.unknown_keys(entry, _STEP_KEYS, line, what)
            sentence = self.text(entry, "sentence", line, what)
            topic = self.text(entry, "topic", line, what, required=False) or None
            has_node, has_edge = "node" in entry, "edge" in entry
            if (has_node and has_edge) or not (has_node or has_edge or topic):
                self.problem(
                    line, f"{what} needs exactly one of 'node' or 'edge' (or only a 'topic', for a recap)"
                )
                continue
            if not has_node and not has_edge:  # a recap: nothing marked on the diagram, its topic opens
                if sentence:
                    steps.append(Step(sentence, topic=topic, line=line))
                continue
            if has_node:
                node_id = self.text(entry, "node", line, what)
                if node_id and node_id not in known:
                    self.problem(self.where.key("node", line), f"{what} refers to unknown node '{node_id}'")
                    continue
                if node_id and sentence:
                    steps.append(Step(sentence, node=node_id, topic=topic, line=line))
                continue
            reference = self.text(entry, "edge", line, what)
            if not reference:
                continue
            pair = _edge_reference(reference)
            if pair is None:
                self.problem(self.where.key("edge", line), f"{what}: edge must look like 'source -> target'")
                continue
            if pair not in edges:
                self.problem(
                    self.where.key("edge", line), f"{what} refers to unknown edge '{pair[0]} -> {pair[1]}'"
                )
                continue
            if sentence:
                steps.append(Step(sentence, edge=pair, topic=topic, line=line))
        return steps

    def legend(self, document: dict[str, Any], cells: set[tuple[int, int]]) -> tuple[int, int] | None:
        value = document.get("legend")
        if value is None:
            return None
        line = self.where.key("legend") or self.where.entry("legend", 0)
        if not isinstance(value, dict):
            self.problem(line, "'legend' must be a table with 'col' and 'row'")
            return None
        col, row = self.cell(value, "col", line, "legend"), self.cell(value, "row", line, "legend")
        if col is None or row is None:
            return None
        if (col, row) in cells:
            self.problem(line, f"legend is placed on col {col}, row {row}, already used by a node")
            return None
        return (col, row)


def _syntax_line(error: tomllib.TOMLDecodeError, text: str) -> int:
    lineno = getattr(error, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    match = _TOML_LINE.search(str(error))
    if match:
        return int(match.group(1))
    return max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)


def parse_diagram(text: str) -> tuple[Diagram | None, list[Problem]]:
    """Parse the text of a ``diagram.toml``; never raises."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = getattr(error, "msg", None) or _TOML_WHERE.sub("", str(error))
        return None, [Problem(DIAGRAM_FILE, _syntax_line(error, text), f"TOML syntax error: {message}")]
    except (ValueError, RecursionError) as error:  # pragma: no cover - defensive: tomllib quirks
        return None, [Problem(DIAGRAM_FILE, 1, f"TOML syntax error: {error}")]
    reader = _Reader(text)
    for key in sorted(set(document) - _TOP_KEYS):
        reader.problem(
            reader.where.key(key) or reader.where.entry(key, 0), f"unknown key '{key}' at top level"
        )
    title = document.get("title", "")
    if not isinstance(title, str):
        reader.problem(reader.where.key("title") or 1, "'title' must be text")
        title = ""
    nodes = reader.nodes(document)
    if not nodes:
        reader.problem(1, "diagram has no usable nodes: add [[nodes]] tables")
        return None, reader.problems
    known = {node.id for node in nodes}
    edges = reader.edges(document, known)
    steps = reader.steps(document, known, {(edge.source, edge.target) for edge in edges})
    legend = reader.legend(document, {(node.col, node.row) for node in nodes})
    topic = document.get("topic")
    if topic is not None and not isinstance(topic, str):
        reader.problem(reader.where.key("topic") or 1, "'topic' must be text (a topic id)")
        topic = None
    diagram = Diagram(tuple(nodes), tuple(edges), tuple(steps), title.strip(), legend, topic or None)
    return diagram, reader.problems


def load_diagram(root: Path) -> tuple[Diagram | None, list[Problem]]:
    """Load ``diagram.toml`` from the content root ``root``; a missing file gives ``(None, [])``.

    Read with :func:`reader.core.storage.read_regular_file`: a FIFO, a device or a symbolic link
    named ``diagram.toml``, or one over ``MAX_DIAGRAM_BYTES``, is a problem, never a hang."""
    path = Path(root) / DIAGRAM_FILE
    try:
        if not path.exists() and not path.is_symlink():
            return None, []
        text = read_regular_file(path, MAX_DIAGRAM_BYTES).decode("utf-8-sig")
    except UnreadableFileError as error:
        return None, [Problem(DIAGRAM_FILE, 1, f"cannot read diagram.toml: {error}")]
    except OSError as error:
        return None, [Problem(DIAGRAM_FILE, 1, f"cannot read diagram: {error.strerror or error}")]
    except UnicodeDecodeError as error:
        return None, [Problem(DIAGRAM_FILE, 1, f"diagram.toml is not valid UTF-8 (byte {error.start})")]
    return parse_diagram(text.replace("\r\n", "\n"))


def check_diagram(content: ContentRoot) -> list[Problem]:
    """Every problem of the content root's ``diagram.toml``, including links to topics that do not exist."""
    diagram, problems = load_diagram(content.root)
    if diagram is None:
        return problems
    if diagram.topic is not None and diagram.topic not in content.topics:
        problems.append(Problem(DIAGRAM_FILE, 1, f"'topic' refers to unknown topic '{diagram.topic}'"))
    for node in diagram.nodes:
        if node.topic not in content.topics:
            problems.append(
                Problem(
                    DIAGRAM_FILE, node.line or 1, f"node '{node.id}' refers to unknown topic '{node.topic}'"
                )
            )
    for step in diagram.steps:
        if step.topic is not None and step.topic not in content.topics:
            problems.append(
                Problem(DIAGRAM_FILE, step.line or 1, f"step refers to unknown topic '{step.topic}'")
            )
    return problems
