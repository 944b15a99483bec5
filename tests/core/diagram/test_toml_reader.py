"""Reading diagram.toml: the diagram it builds, problems with their lines, the bundled diagram."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.diagram import DIAGRAM_FILE
from reader.core.diagram.model import Step
from reader.core.diagram.toml_reader import check_diagram, load_diagram, parse_diagram
from reader.resources import guide_root
from tests.helpers.content import topic

if TYPE_CHECKING:
    from pathlib import Path

GOOD = """\
title = "Tiny"

[[nodes]]
id = "a"
label = "Alpha"
caption = "a.py"
topic = "alpha"
col = 0
row = 0

[[nodes]]
id = "b"
label = "Beta"
topic = "beta"
kind = "app"
col = 1
row = 0

[[edges]]
source = "a"
target = "b"
label = "call"

[[edges]]
source = "b"
target = "a"
label = "answer"
returning = true
style = "dashed"

[[steps]]
node = "a"
sentence = "First."

[[steps]]
edge = "a -> b"
sentence = "Then."
"""


def write_diagram(root: Path, text: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / DIAGRAM_FILE).write_text(text, encoding="utf-8")
    return root


def messages(problems) -> list[str]:
    return [f"{problem.line}: {problem.message}" for problem in problems]


def test_good_diagram_loads(tmp_path):
    diagram, problems = load_diagram(write_diagram(tmp_path, GOOD))
    assert problems == []
    assert diagram is not None
    assert diagram.title == "Tiny"
    assert [node.id for node in diagram.nodes] == ["a", "b"]
    assert diagram.node("b").kind == "app"
    assert diagram.node("a").line == 3
    back = diagram.edge("b", "a")
    assert back is not None
    assert back.returning
    assert back.style == "dashed"
    assert [step.node or step.edge for step in diagram.steps] == ["a", ("a", "b")]
    assert diagram.step_topic(diagram.steps[1]) == "beta"


def test_missing_file_is_not_a_problem(tmp_path):
    assert load_diagram(tmp_path) == (None, [])


def test_syntax_error_reports_its_line(tmp_path):
    text = GOOD.replace('label = "call"', 'label = "call', 1)
    diagram, problems = load_diagram(write_diagram(tmp_path, text))
    assert diagram is None
    assert len(problems) == 1
    assert problems[0].path == DIAGRAM_FILE
    assert problems[0].line == text.split("\n").index('label = "call') + 1
    assert problems[0].message.startswith("TOML syntax error")


def test_unreadable_files_become_problems(tmp_path):
    (tmp_path / DIAGRAM_FILE).write_bytes(b"title = \xff\xfe")
    diagram, problems = load_diagram(tmp_path)
    assert diagram is None
    assert "UTF-8" in problems[0].message
    other = tmp_path / "folder"
    (other / DIAGRAM_FILE).mkdir(parents=True)
    assert "not a regular file (a folder)" in load_diagram(other)[1][0].message


def test_unknown_nodes_and_edges_are_reported_with_lines():
    text = (
        GOOD + '\n[[edges]]\nsource = "a"\ntarget = "ghost"\n\n[[steps]]\nnode = "nobody"\nsentence = "?"\n'
    )
    text += '\n[[steps]]\nedge = "b -> b"\nsentence = "?"\n'
    diagram, problems = parse_diagram(text)
    assert diagram is not None
    assert len(diagram.steps) == 2
    lines = text.split("\n")
    found = messages(problems)
    ghost = lines.index('target = "ghost"') - 1
    nobody = lines.index('node = "nobody"') + 1
    assert f"{ghost}: edge a -> ghost refers to unknown node 'ghost'" in found
    assert f"{nobody}: step 3 refers to unknown node 'nobody'" in found
    assert any("step 4 refers to unknown edge 'b -> b'" in message for message in found)


def test_duplicates_clashes_missing_fields_and_typos():
    text = """\
[[nodes]]
id = "a"
label = "A"
topic = "t"
col = 0
row = 0

[[nodes]]
id = "a"
label = "Again"
topic = "t"
col = 3
row = 0

[[nodes]]
id = "c"
label = "C"
topic = "t"
col = 0
row = 0

[[nodes]]
id = "d"
topic = "t"
col = -1
row = true
colour = "red"

[[edges]]
source = "a"
target = "c"
style = "dotted"
"""
    diagram, problems = parse_diagram(text)
    assert diagram is not None
    assert [node.id for node in diagram.nodes] == ["a"]
    found = messages(problems)
    assert "8: duplicate node id 'a' (first on line 1)" in found
    assert "15: node 'c' is placed on col 0, row 0, already used by 'a'" in found
    assert "22: node 'd' is missing 'label'" in found
    assert "25: 'col' of node 'd' must be a whole number from 0 to 50" in found
    assert "26: 'row' of node 'd' must be a whole number from 0 to 50" in found
    assert "27: unknown key 'colour' in node 'd'" in found
    assert "32: style of edge a -> c must be 'solid' or 'dashed', not 'dotted'" in found


def test_wrong_shapes_never_raise():
    for text in ("nodes = 3", 'nodes = [1, "x"]', 'edges = "a"', "steps = [{}]", "[legend]\ncol = 'x'", ""):
        diagram, problems = parse_diagram(text)
        assert problems, text
        assert diagram is None


def test_check_diagram_reports_unknown_topics(make_content):
    root = make_content({"alpha.md": topic("Alpha"), DIAGRAM_FILE: GOOD})
    problems = check_diagram(load_content(root))
    assert messages(problems) == ["11: node 'b' refers to unknown topic 'beta'"]


def test_check_diagram_without_a_diagram_is_quiet(make_content):
    assert check_diagram(load_content(make_content({"alpha.md": topic("Alpha")}))) == []


def test_cli_check_includes_the_diagram(make_content, capsys):
    from reader.cli import main

    root = make_content({"alpha.md": topic("Alpha"), "beta.md": topic("Beta"), DIAGRAM_FILE: "nodes = ["})
    assert main(["--check", str(root)]) == 1
    assert "diagram.toml:1: TOML syntax error" in capsys.readouterr().out


def test_bundled_diagram_has_no_problems():
    content = load_content(guide_root())
    diagram, problems = load_diagram(guide_root())
    assert diagram is not None
    assert problems == []
    assert messages(check_diagram(content)) == []
    missing = sorted({node.topic for node in diagram.nodes} - set(content.topics))
    assert missing == [], f"guide topics not written yet: {missing}"


def test_bundled_diagram_walks_the_whole_request():
    diagram, _ = load_diagram(guide_root())
    assert diagram is not None
    assert 10 <= len(diagram.steps) <= 13
    recap = diagram.steps[-1]  # ends on a recap: marks nothing, opens the example app
    assert (recap.node, recap.edge, recap.topic) == (None, None, "request-flow/example-app")
    assert all(step.sentence.endswith(".") for step in diagram.steps)
    assert diagram.steps[0].node == "browser"
    visited = {step.node for step in diagram.steps} | {n for step in diagram.steps for n in step.edge or ()}
    assert {node.id for node in diagram.nodes} <= visited
    assert any(edge.returning and edge.target == "browser" for edge in diagram.edges)


TOML_BITS = st.sampled_from(
    [
        "[[nodes]]",
        "[[edges]]",
        "[[steps]]",
        "[legend]",
        'id = "a"',
        'id = "b"',
        'label = "L"',
        'topic = "t"',
        "col = 0",
        "col = 1",
        "row = 0",
        "row = 99",
        'source = "a"',
        'target = "b"',
        'edge = "a -> b"',
        'node = "a"',
        'sentence = "S."',
        "returning = 1",
        'style = "dashed"',
        'kind = "??"',
        "nodes = []",
        "= =",
        '"',
        "[",
        "title = 3",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOML_BITS | st.text(max_size=20), max_size=30))
def test_parse_never_raises(lines):
    diagram, problems = parse_diagram("\n".join(lines))
    assert diagram is not None or problems
    assert all(problem.line >= 1 for problem in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_load_never_raises_on_bytes(tmp_path, data):
    (tmp_path / DIAGRAM_FILE).write_bytes(data)
    diagram, problems = load_diagram(tmp_path)
    assert diagram is not None or problems


def test_core_does_not_import_qt():
    import subprocess

    code = "import sys, reader.core.diagram.toml_reader; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("reference", ["a->b", " a  ->  b "])
def test_edge_references_tolerate_spaces(reference):
    text = GOOD.replace('edge = "a -> b"', f'edge = "{reference}"')
    diagram, problems = parse_diagram(text)
    assert problems == []
    assert diagram is not None
    assert diagram.steps[1].edge == ("a", "b")


def test_diagram_topic_names_the_topic_that_shows_it(make_content) -> None:
    base = '[[nodes]]\nid = "a"\nlabel = "A"\ncaption = ""\ntopic = "a"\ncol = 0\nrow = 0\n'
    diagram, problems = parse_diagram('topic = "intro"\n' + base)
    assert diagram is not None
    assert diagram.topic == "intro"
    assert problems == []
    diagram, problems = parse_diagram("topic = 3\n" + base)
    assert diagram is not None
    assert diagram.topic is None
    assert [p.message for p in problems] == ["'topic' must be text (a topic id)"]
    root = make_content({"a.md": topic("A"), "diagram.toml": 'topic = "missing"\n' + base})
    assert [p.message for p in check_diagram(load_content(root))] == [
        "'topic' refers to unknown topic 'missing'"
    ]
    assert load_diagram(guide_root())[0].topic == "request-flow"


def test_a_step_with_only_a_topic_is_a_recap_and_a_step_with_nothing_is_a_problem():
    text = """\
[[nodes]]
id = "a"
label = "A"
topic = "t"
col = 0
row = 0

[[steps]]
node = "a"
sentence = "At A."

[[steps]]
topic = "t/example"
sentence = "That was it."

[[steps]]
sentence = "Nowhere."
"""
    diagram, problems = parse_diagram(text)
    assert diagram is not None
    assert diagram.steps[1] == Step("That was it.", topic="t/example")
    assert len(diagram.steps) == 2
    assert messages(problems) == [
        "16: step 3 needs exactly one of 'node' or 'edge' (or only a 'topic', for a recap)"
    ]
