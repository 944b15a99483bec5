"""A folder's README.md is its page, as GitHub shows a folder, and GitBook's SUMMARY.md orders it.

Shaped like the Django Girls tutorial (``en/``: ``README.md``, ``SUMMARY.md``, ``GLOSSARY.md`` and
one folder per chapter with its own ``README.md``), which used to show every chapter as a folder
holding one child of the same name, in alphabetical order.
"""

from __future__ import annotations

from reader.core.content.loader import load_content
from reader.core.links import LinkKind, classify
from tests.helpers.content import topic

GITBOOK = {
    "README.md": "# Django Girls Tutorial\n\nStart with [the internet](how_the_internet_works/README.md).\n",
    "SUMMARY.md": (
        "# Summary\n\n* [Introduction](README.md)\n"
        "* [How the Internet works](how_the_internet_works/README.md)\n"
        "* [Installation](installation/README.md)\n"
        "    * [Command line](intro_to_command_line/README.md)\n"
        "* [Django models](django_models/README.md)\n"
        "* [CSS](css/README.md)\n"
    ),
    "GLOSSARY.md": "# code editor\n\nSee the [Code editor chapter](./code_editor/README.md).\n",
    "how_the_internet_works/README.md": "# How the Internet works\n\n[Next](../installation/README.md#git)\n",
    "how_the_internet_works/images/notes.txt": "not a topic",
    "installation/README.md": "# Installation\n\n## Install Git {#git}\n",
    "intro_to_command_line/README.md": "# Introduction to the command-line interface\n",
    "intro_to_command_line/prompt.md": "# Prompt\n",
    "django_models/readme.md": "Django models\n=============\n\nText.\n",
    "css/README.md": "# CSS – make it pretty!\n",
    "code_editor/README.md": "# Code editor\n",
    # index.md wins over README.md, as in MkDocs; a sibling file that takes the id keeps it
    "both/index.md": topic("Both", "The index page."),
    "both/README.md": "# Both readme\n",
    "docs.md": "# Docs file\n",
    "docs/README.md": "# Docs readme\n",
}


def test_readme_is_the_folder_page_in_summary_order(make_content):
    content = load_content(make_content(GITBOOK))
    assert content.start_topic_id == "index"
    assert content.topics["index"].title == "Django Girls Tutorial"
    assert content.top_level[:6] == [
        "index",
        "how_the_internet_works",
        "installation",
        "intro_to_command_line",
        "django_models",
        "css",
    ]
    assert content.topics["django_models"].title == "Django models"
    assert content.topics["intro_to_command_line"].children == ["intro_to_command_line/prompt"]
    assert "css/README" not in content.topics
    assert content.topics["both"].title == "Both"
    assert content.topics["both"].children == ["both/README"]
    assert content.topics["docs"].title == "Docs file"
    assert content.topics["docs"].children == ["docs/README"]


def test_links_to_a_readme_open_its_folder_page(make_content):
    content = load_content(make_content(GITBOOK))
    cases = {
        ("css/README.md", "index"): "css",
        ("./code_editor/README.md", "GLOSSARY"): "code_editor",
        ("../installation/README.md#git", "how_the_internet_works"): "installation",
        ("README.md", "SUMMARY"): "index",
        ("django_models/readme.md", "index"): "django_models",
        ("../README.md", "css"): "index",
        ("docs/README.md", "index"): "docs/README",
    }
    for (href, current), expected in cases.items():
        target = classify(href, content, current)
        assert (target.kind, target.topic_id) == (LinkKind.TOPIC, expected), href
    assert classify("../installation/README.md#git", content, "how_the_internet_works").anchor == "git"


def test_the_cached_tree_keeps_readme_pages(make_content, tmp_path):
    root = make_content(GITBOOK)
    cache = tmp_path / "cache"
    first = load_content(root, cache_dir=cache)
    again = load_content(root, cache_dir=cache, verify=False)
    assert again.top_level == first.top_level
    assert again.topics["css"].path == root / "css" / "README.md"
