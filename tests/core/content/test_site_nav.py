"""MkDocs' ``nav:`` gives the reading order of a folder written for MkDocs, read safely."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.content.loader import load_content
from reader.core.content.site_nav import MAX_NAV_ENTRIES, nav_stamp, read_site_nav

DRF_LIKE = """site_name: Django REST framework
docs_dir: docs
theme:
  name: mkdocs
markdown_extensions:
  - toc:
      anchorlink: True
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  analytics: !ENV [GOOGLE_ANALYTICS_KEY, '']
nav:
  - Home: 'index.md'
  - Tutorial:
    - 'Quickstart': 'tutorial/quickstart.md'
    - '1 - Serialization': 'tutorial/1-serialization.md'
  - API Guide:
    - 'Requests': 'api-guide/requests.md'
    - api-guide/responses.md
  - 'Issues': 'https://github.com/encode/django-rest-framework/issues'
  - Community: community/index.md#top
"""


def test_nav_one_folder_up_orders_the_docs_folder(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(DRF_LIKE, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    nav = read_site_nav(tmp_path / "docs")
    assert nav.problem == ""
    assert list(nav.positions) == [
        "index.md",
        "tutorial/quickstart.md",
        "tutorial/1-serialization.md",
        "api-guide/requests.md",
        "api-guide/responses.md",
        "community/index.md",
    ]
    assert nav_stamp(tmp_path / "docs") == (
        str(tmp_path / "mkdocs.yml"),
        len(DRF_LIKE),
        (tmp_path / "mkdocs.yml").stat().st_mtime_ns,
    )


def test_a_parent_mkdocs_for_another_folder_is_not_used(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(DRF_LIKE, encoding="utf-8")
    (tmp_path / "other").mkdir()
    assert read_site_nav(tmp_path / "other").source is None


@pytest.mark.timeout(60)
def test_anchors_repeating_lists_are_cut_off(tmp_path):
    layers = ["a: &a0 [x.md, y.md]"]
    layers += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 25)]
    (tmp_path / "mkdocs.yml").write_text("\n".join(layers) + "\nnav: *a24\n", encoding="utf-8")
    nav = read_site_nav(tmp_path)
    assert nav.positions == {}
    assert f"more than {MAX_NAV_ENTRIES:,} entries" in nav.problem


ODD = ["nav: [", "\xff\xfe", "nav: 7", "- just a list", "nav:\n  - {a: {b: [c.md]}}"]


@pytest.mark.parametrize("text", ODD)
def test_broken_or_odd_files_never_raise(tmp_path, text):
    (tmp_path / "mkdocs.yml").write_bytes(text.encode("latin-1"))
    nav = read_site_nav(tmp_path)
    assert set(nav.positions) <= {"c.md"}


entries = st.recursive(
    st.one_of(
        st.text(max_size=12), st.text(max_size=8).map(lambda stem: f"{stem}.md"), st.none(), st.integers()
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=30,
)


@given(entries)
def test_any_nav_yields_md_paths_inside_the_root(tmp_path_factory, nav):
    import yaml

    root = tmp_path_factory.mktemp("nav")
    (root / "mkdocs.yml").write_text(yaml.safe_dump({"nav": nav}), encoding="utf-8")
    positions = read_site_nav(root).positions
    assert sorted(positions.values()) == list(range(len(positions)))
    assert all(path.endswith(".md") and not path.startswith(("../", "/")) for path in positions)


def _mkdocs_root(tmp_path, order):
    docs = tmp_path / "docs"
    for rel in ("index.md", "tutorial/quickstart.md", "tutorial/1-serialization.md", "api-guide/requests.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"# {rel}\n", encoding="utf-8")
    nav = "\n".join(f"  - {rel}" for rel in order)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: X\nnav:\n{nav}\n", encoding="utf-8")
    return docs


def test_the_tree_follows_the_nav_and_a_changed_nav_reorders_a_saved_tree(tmp_path):
    cache = tmp_path / "cache"
    order = ["index.md", "tutorial/quickstart.md", "tutorial/1-serialization.md", "api-guide/requests.md"]
    docs = _mkdocs_root(tmp_path, order)
    first = load_content(docs, cache_dir=cache)
    assert first.top_level == ["index", "tutorial", "api-guide"]  # by name, api-guide would come first
    assert first.topics["tutorial"].children == ["tutorial/quickstart", "tutorial/1-serialization"]
    assert load_content(docs, cache_dir=cache, verify=False).top_level == first.top_level  # the saved tree
    (tmp_path / "mkdocs.yml").write_text(
        "nav:\n  - api-guide/requests.md\n  - tutorial/1-serialization.md\n  - tutorial/quickstart.md\n",
        encoding="utf-8",
    )
    again = load_content(docs, cache_dir=cache, verify=False)
    assert again.top_level == ["index", "api-guide", "tutorial"]
    assert again.topics["tutorial"].children == ["tutorial/1-serialization", "tutorial/quickstart"]
    (tmp_path / "mkdocs.yml").unlink()
    assert load_content(docs, cache_dir=cache, verify=False).top_level == ["index", "api-guide", "tutorial"]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"nav: [\n", "mkdocs.yml is not valid YAML (line 2); its nav is not used"),
        (b"\xff\xfe\x00junk", "mkdocs.yml is not UTF-8 text; its nav is not used"),
        (b"a" * (1024 * 1024 + 10), "mkdocs.yml could not be read (file is too large"),
    ],
)
def test_check_says_why_a_broken_mkdocs_yml_is_not_used(tmp_path, data, said):
    from reader.core.check import check_content

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_bytes(data)
    load_content(docs)  # the tree is saved; the check must still say it
    problems = check_content(load_content(docs, verify=False))
    assert [(problem.path, problem.line) for problem in problems] == [("../mkdocs.yml", 1)]
    assert problems[0].message.startswith(said)
