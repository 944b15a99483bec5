"""Hostile files and names, round two (#14 points 2, 3 and 4): special files never hang, parsers
stay linear on pathological input, and names that are not UTF-8 or not printable are shown safely."""

from __future__ import annotations

import os
import unicodedata
from typing import TYPE_CHECKING

import pytest

from reader.cli import main
from reader.core.content.loader import load_content
from reader.core.content.scan import read_topic_text
from reader.core.diagram.toml_reader import load_diagram, parse_diagram
from reader.core.links import LinkKind, classify
from reader.core.render.markdown import Renderer
from reader.core.search.plaintext import markdown_to_plain
from reader.core.storage import UnreadableFileError, read_regular_file
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.hostile_content import good

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def special_root(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    (root / "index.md").write_text(good("Home", "Hello world."), encoding="utf-8")
    os.mkfifo(root / "x.md")
    os.mkfifo(root / "diagram.toml")
    os.symlink("/dev/zero", root / "zero.md")
    (root / "sub").mkdir()
    os.mkfifo(root / "sub" / "index.md")
    return root


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "argv",
    [
        ["--check", "{root}"],
        ["--list-topics", "--content", "{root}"],
        ["--search", "hello", "--content", "{root}"],
    ],
)
def test_cli_with_fifos_and_devices_finishes_and_says_why(special_root, argv, capsys):
    code = main([part.format(root=special_root) for part in argv])
    captured = capsys.readouterr()
    assert code in (0, 1)
    if argv[0] != "--search":
        assert "not a regular file" in captured.out + captured.err
    else:
        assert "index" in captured.out


@pytest.mark.timeout(60)
def test_the_window_starts_with_fifos_in_the_root(qtbot, special_root):
    window = MainWindow(special_root, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.navigator.open_topic("index")
    assert any("not a regular file" in problem.message for problem in window.library.content.problems)
    assert "not a regular file" in load_diagram(special_root)[1][0].message


@pytest.mark.timeout(60)
def test_a_file_swapped_for_a_symlink_after_loading_is_not_followed(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    (root / "a.md").write_text(good("A"), encoding="utf-8")
    (root / "diagram.toml").write_text("title = 'x'\n", encoding="utf-8")
    load_content(root)
    secret = tmp_path / "secret.md"
    secret.write_text("SECRET", encoding="utf-8")
    for name in ("a.md", "diagram.toml"):
        (root / name).unlink()
        os.symlink(secret, root / name)
    text, error = read_topic_text(root / "a.md")
    assert text is None
    assert "symbolic link" in (error or "")
    assert "symbolic link" in load_diagram(root)[1][0].message
    with pytest.raises(UnreadableFileError):
        read_regular_file(root / "a.md", 100)


def test_reads_are_capped(tmp_path):
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(UnreadableFileError, match="too large"):
        read_regular_file(big, 4096)
    assert read_regular_file(big, 10, head=True) == b"x" * 10


PATHOLOGICAL = {
    "spaces in a heading": "# a" + " " * 20_000 + "b\n",
    "heading of spaces": "#" + " " * 20_000 + "\n",
    "brackets": "[" * 20_000,
    "brackets closed late": "[" * 5_000 + "]" * 5_000,
    "images": "![" * 10_000,
    "footnotes": "[^" * 10_000,
    "unclosed tags": "x<y " * 20_000,
    "nested lists": "".join("  " * (i % 200) + "- x\n" for i in range(4_000)),
    "list markers on one line": "- " * 10_000 + "x",
    "deep quotes": "> " * 10_000 + "x",
    "stacked headings": "".join(f"# h{i}\n" for i in range(20_000)),
    "stacked rules": "***\n" * 20_000,
    "stacked references": "".join(f"[r{i}]: https://example.com/{i}\n" for i in range(20_000)),
    "references after text": "".join(f"t\n[r{i}]: https://example.com/{i}\n" for i in range(20_000)),
    "long line": "word " * 60_000,
    "comments": "<!--" * 20_000,
    "links": "[a](" * 20_000,
    "attribute lists": "{." * 20_000,
    "autolinks": "<http:" * 20_000,
    "macros": "{{" * 20_000 + "{% highlight " + "a" * 20_000,
    "code fences": "```\n" * 20_000,
    "html blocks": "<div " * 20_000,
}


@pytest.mark.timeout(240)
@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_pathological_topics_load_render_and_index(tmp_path, kind):
    root = tmp_path / "content"
    root.mkdir()
    (root / "index.md").write_text(PATHOLOGICAL[kind], encoding="utf-8")
    content = load_content(root)
    page = Renderer(content).render("index")
    assert page.html
    assert markdown_to_plain(PATHOLOGICAL[kind]) is not None


@pytest.mark.timeout(120)
def test_diagram_with_many_unknown_keys_is_checked(tmp_path):
    node = "[[nodes]]\nid = 'a'\nlabel = 'A'\ntopic = 't'\ncol = 0\nrow = 0\n"
    text = node + "".join(f"k{i} = {i}\n" for i in range(30_000))
    text += "".join(
        f"[[nodes]]\nid = 'n{i}'\nlabel = 'N'\ntopic = 't'\ncol = 1\nrow = {i % 40}\nz = 1\n"
        for i in range(3_000)
    )
    diagram, problems = parse_diagram(text)
    assert diagram is not None
    assert sum("unknown key" in problem.message for problem in problems) == 33_000
    line = next(problem.line for problem in problems if problem.message == "unknown key 'k5' in node 'a'")
    assert text.split("\n")[line - 1] == "k5 = 5"


@pytest.mark.timeout(120)
def test_names_that_are_not_utf8_or_not_printable(tmp_path, capsys, qtbot):
    root = tmp_path / "content"
    root.mkdir()
    raw = os.fsencode(root)
    for name in (b"caf\xe9.md", b"\xff\xfe folder"):
        path = os.path.join(raw, name)
        if name.endswith(b".md"):
            with open(path, "wb") as stream:
                stream.write(good("Latin").encode())
        else:
            os.mkdir(path)
    (root / "evil\nOK: 0 problems.md").write_text(good("Evil\x1b[2J\u202eeman"), encoding="utf-8")
    (root / "index.md").write_text(good("Home", "hello [café](cafe\u0301.md)"), encoding="utf-8")
    (root / "cafe\u0301.md").write_text(good("Café"), encoding="utf-8")
    content = load_content(root)
    assert any(problem.path == "caf\\xe9.md" and "UTF-8" in problem.message for problem in content.problems)
    assert "\u202e" not in content.topics["evil\nOK: 0 problems"].title
    assert classify("café.md", content, "index").kind is LinkKind.TOPIC
    assert classify(unicodedata.normalize("NFD", "café.md"), content, "index").kind is LinkKind.TOPIC
    for argv in (
        ["--check", str(root)],
        ["--list-topics", "--content", str(root)],
        ["--search", "hello", "--content", str(root)],
    ):
        main(argv)
        captured = capsys.readouterr()
        for line in (captured.out + captured.err).splitlines():
            assert line.isprintable() or "\t" in line, line
            assert not line.startswith("OK:") or argv[0] == "--check"
        assert "\x1b" not in captured.out + captured.err
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.navigator.open_topic("evil\nOK: 0 problems")
    assert "\u202e" not in window.windowTitle()
