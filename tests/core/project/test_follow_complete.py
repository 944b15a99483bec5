"""A followed request as steps and as a diagram; the complete map and its cache; the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from reader.core.content.loader import load_content
from reader.core.project.complete import run_project
from reader.core.project.follow import followed_flow
from reader.core.project.locate import locate_project
from reader.core.project.model import Provenance
from reader.core.project.scan import scan_project
from reader.resources import guide_root
from tests.core.project.probe_support import copy_mini, files_of, hostile_variant, project_python

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_mini(tmp_path_factory.mktemp("complete"))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=150, check=False)


def test_follow_prints_each_stage_with_a_sentence_and_a_guide_topic(mini: Path) -> None:
    done = _cli("--project", str(mini), "--run", "--python", str(project_python()), "--follow", "/shop/7/")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    stages = [step["stage"] for step in document["steps"]]
    assert stages[0] == "request"
    assert stages[stages.index("match") + 1] == "process-view"
    match = document["steps"][stages.index("match")]
    assert "pk='7'" in match["sentence"]
    assert "shop:detail" in match["sentence"]
    view = document["steps"][stages.index("view")]
    assert view["source"] == {"file": "shop/views.py", "line": 29}
    guide = load_content(guide_root())
    assert all(step["topic"] in guide.topics for step in document["steps"])


def test_run_and_dump_map_prints_the_merged_map(mini: Path) -> None:
    done = _cli("--project", str(mini), "--run", "--python", str(project_python()), "--dump-map")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    badges = {url["route"]: url["provenance"] for url in document["urls"]}
    assert badges["shop/basket/"] == "confirmed by running"
    assert badges["admin/login/"] == "only seen by running"
    assert list(badges).index("admin/") < list(badges).index("shop/")  # the resolver's order


def test_a_failure_is_one_line_and_exit_1(tmp_path: Path) -> None:
    root = hostile_variant(tmp_path, "import os\nSECRET_KEY = os.environ['DR_CLI_SECRET']")
    done = _cli("--project", str(root), "--run", "--python", str(project_python()), "--dump-map")
    assert done.returncode == 1
    assert done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert "DR_CLI_SECRET" in line
    assert "environment variable" in line


def test_follow_needs_consent() -> None:
    done = _cli("--project", ".", "--follow", "/x/")
    assert done.returncode == 2
    assert "--run" in done.stderr


def test_the_map_is_cached_until_a_project_file_changes(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    location = locate_project(mini)
    static = scan_project(location)
    first = run_project(static, project_python(), location.settings_module)
    assert first.failure is None
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **_: pytest.fail("ran again"))
    again = run_project(static, project_python(), location.settings_module)
    assert again.cached
    assert again.project == first.project
    monkeypatch.undo()
    views = mini / "shop" / "views.py"
    views.write_text(views.read_text() + "\n# changed\n")
    changed = run_project(static, project_python(), location.settings_module)
    assert not changed.cached


def test_a_damaged_cache_entry_is_ignored(mini: Path) -> None:
    from reader.core.storage import user_cache_dir

    location = locate_project(mini)
    static = scan_project(location)
    run_project(static, project_python(), location.settings_module)
    for entry in (user_cache_dir() / "projects").glob("*.json"):
        entry.write_text("{broken")
    outcome = run_project(static, project_python(), location.settings_module)
    assert outcome.failure is None
    assert not outcome.cached


def test_the_followed_request_as_a_diagram_walk_through(mini: Path) -> None:
    location = locate_project(mini)
    before = files_of(mini)
    outcome = run_project(
        scan_project(location), project_python(), location.settings_module, follow="/shop/basket"
    )
    assert files_of(mini) == before
    flow = followed_flow(outcome.follow_document, outcome.project)
    diagram = flow.diagram
    assert len(diagram.nodes) == len(diagram.steps) == len(outcome.follow)
    assert all(diagram.node(source) and diagram.node(target) for source, target in
               ((edge.source, edge.target) for edge in diagram.edges))  # fmt: skip
    cells = [(node.col, node.row) for node in diagram.nodes]
    assert len(set(cells)) == len(cells)  # no two boxes on one cell
    sentences = [step.sentence for step in diagram.steps]
    assert any("404" in sentence for sentence in sentences)
    assert any("301" in sentence and "/shop/basket/" in sentence for sentence in sentences)
    assert outcome.project.urls[0].provenance in (Provenance.RUNNING_ONLY, Provenance.CONFIRMED)
