"""Property tests: whatever folder tree a content root is, ``load_content`` never raises, its tree is
consistent and every problem reads ``path:line: message`` with a line of at least 1."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.problems import Problem
from tests.helpers.property_support import EXAMPLES

# --- (c) loader over random folder trees ----------------------------------------------------------

_name_chars = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="/\x00", min_codepoint=1, max_codepoint=0x2FFF
)
_plain_names = st.text(_name_chars, min_size=1, max_size=16).filter(lambda name: name not in (".", ".."))
names = st.one_of(
    _plain_names.map(lambda name: name + ".md"),
    _plain_names,
    st.sampled_from(
        ["index.md", "INDEX.md", ".hidden.md", "a.md.md", ".md", "index", "x.MD", " .md", "\n.md"]
    ),
)

_front_matter = st.sampled_from(
    [
        "",
        "---\ntitle: T\n---\n",
        "---\ntitle: T\norder: 3\nsummary: S\nsources: https://a.example/\n    https://b.example/\n---\n",
        "title: No fence\norder: x\n\n",
        "---\ntitle: Unclosed\n",
        "---\n---\n",
        "---\n...\n",
        "...\n",
        "---\ntitle: T\nthis is not a key\n---\n",
        "---\n    continuation without key\n---\n",
        "---\ntitle:\norder: -99999999999999999999\n---\n",
        "---\nTITLE: Upper\nOrder: 1e3\n---\n",
        "---\ntitle: " + "x" * 5000 + "\n---\n",
        "   title: indented three\n\n",
        "---\ttab\ntitle: T\n--- trailing\n",
    ]
)


def _file_bytes(prefix: bytes, front: str, body: str, tail: bytes, crlf: bool) -> bytes:
    text = front + body
    if crlf:
        text = text.replace("\n", "\r\n")
    return prefix + text.encode("utf-8", "surrogatepass") + tail


file_contents = st.one_of(
    st.builds(
        _file_bytes,
        st.sampled_from([b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\r"]),
        _front_matter,
        st.text(max_size=120),
        st.sampled_from([b"", b"\x00", b"\xc3\x28", b"\xed\xa0\x80", b"\r", b"\n\x1a", b"\xe9t\xe9"]),
        st.booleans(),
    ),
    st.binary(max_size=300),
)

Tree = dict  # {name: bytes (file) | Tree (folder) | ("symlink", target)}
_symlinks = st.sampled_from(
    [("symlink", ".."), ("symlink", "."), ("symlink", "/etc/passwd"), ("symlink", "nowhere.md")]
)
trees = st.recursive(
    st.dictionaries(names, file_contents | _symlinks, max_size=4),
    lambda children: st.dictionaries(names, file_contents | children, max_size=4),
    max_leaves=14,
)


def write_tree(folder: Path, tree: Tree) -> None:
    """Write ``tree`` under ``folder``; entries the file system refuses are simply left out."""
    for name, entry in tree.items():
        path = folder / name
        try:
            if isinstance(entry, dict):
                path.mkdir()
                write_tree(path, entry)
            elif isinstance(entry, tuple):
                os.symlink(entry[1], path)
            else:
                path.write_bytes(entry)
        except (OSError, ValueError):
            continue


_PROBLEM = re.compile(r"^(?P<path>.+):(?P<line>[0-9]+): (?P<message>.+)$", re.DOTALL)


@EXAMPLES
@given(tree=trees, deep=st.integers(0, 28))
def test_loader_never_raises_and_reports_problems_with_lines(tree, deep):
    with tempfile.TemporaryDirectory(prefix="reader-tree-") as folder:
        check_loaded_tree(Path(folder) / "root", tree, deep)


def check_loaded_tree(root: Path, tree: Tree, deep: int) -> None:
    root.mkdir()
    write_tree(root, tree)
    if deep:
        chain = root.joinpath(*[f"d{level}" for level in range(deep)])
        chain.mkdir(parents=True)
        (chain / "bottom.md").write_text("# Bottom\n", encoding="utf-8")
    content = load_content(root)
    walked = content.walk()
    assert len(walked) == len(set(walked))
    for topic_id in walked:
        assert topic_id in content.topics
    assert set(walked) == set(content.topics)
    for topic_id, topic in content.topics.items():
        assert topic.id == topic_id
        for child in topic.children:
            assert content.topics[child].parent_id == topic_id
    for problem in content.problems:
        assert isinstance(problem, Problem)
        assert problem.path
        assert problem.message.strip()
        assert isinstance(problem.line, int)
        assert problem.line >= 1
        match = _PROBLEM.match(str(problem))
        assert match is not None
        assert int(match.group("line")) == problem.line
