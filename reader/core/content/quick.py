"""Quick starts for large content roots: topics made on first use, from the topic cache or the listing.

Two ways to have a large root's tree in front of the user without 100,000 objects or file reads:

- :func:`from_columns`: the topic cache's columns and the tree saved with them (a warm start). Each
  :class:`Topic` is made when something asks for it; its children come as saved.
- :func:`from_listing`: file names only (a first start, no topic cache). Titles come from the
  names, the way folders without ``index.md`` are titled; siblings are in natural name order,
  sorted a folder at a time when the folder's topic is made; only the root's ``index.md`` is read.
  The loader reads the front matter later and the window swaps the real tree in.

Both return ``None`` when what they are given does not hold together (the caller then builds the
tree the slow way); neither raises for bad input.
"""

from __future__ import annotations

import logging
import os
import re
from itertools import compress
from typing import TYPE_CHECKING

from reader.core.content.model import DEFAULT_ORDER, ROOT_INDEX_ID, ContentRoot, LazyTopics, Topic
from reader.core.problems import Problem
from reader.core.safe_text import display_title

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.scan import Found
    from reader.core.content.topic_cache import CachedColumns, CachedTree

logger = logging.getLogger(__name__)

_NUMBER = re.compile(r"([0-9]+)")
_FOLDER = -1  # the row of a folder without index.md


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts ``part-2`` before ``part-10`` (case-insensitive)."""
    key = tuple(
        (1, int(part)) if part.isascii() and part.isdigit() else (0, part.casefold())
        for part in _NUMBER.split(name)
    )
    return (*key, (0, name))  # names equal but for case or leading zeros keep one order


def name_order(topic_id: str) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    """Where a topic goes among its siblings by name alone: the root's index first, then natural order."""
    return (0 if topic_id == ROOT_INDEX_ID else 1, natural_key(topic_id.rsplit("/", 1)[-1]))


def pretty_name(name: str) -> str:
    """A title made from a file or folder name: ``getting-started`` → ``Getting started``."""
    words = display_title(re.sub(r"[-_]+", " ", name)).strip()
    return words[:1].upper() + words[1:] if words else display_title(name)


def parent_of(topic_id: str) -> str | None:
    """The id of a topic's folder topic (``a/b`` → ``a``), ``None`` at the top level."""
    parent = topic_id.rpartition("/")[0]
    return parent or None


def _prefix(root: Path) -> str:
    return os.fspath(root) + os.sep


def _path(prefix: str, rel: str) -> str:
    return prefix + rel if os.sep == "/" else prefix + rel.replace("/", os.sep)


def from_columns(
    root: Path, columns: CachedColumns, tree: CachedTree
) -> tuple[ContentRoot, list[Problem]] | None:
    """The content saved in the topic cache, each topic made on first use, and what listing the
    folders reported when it was saved; ``None`` if the tree does not fit the columns.

    The tree fits when it names one topic per entry, its folders are new ids, every parent it
    lists exists, and every topic but the top level is listed once as a child (counted, not
    compared one by one: the tree and the columns passed the cache's checksums together).
    """
    try:
        ids, folders, children, top_level = tree.ids, tree.folders, tree.children, tree.top_level
        listing = [Problem(path, line, message) for path, line, message in tree.listing]
        if len(ids) != len(columns.rels):
            return None
        rows: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))
        rows.update(dict.fromkeys(folders, _FOLDER))
        listed_children = sum(map(len, children.values()))
        if (
            len(rows) != len(ids) + len(folders)
            or any(parent not in rows for parent in children)
            or listed_children + len(top_level) != len(rows)
            or any(type(title) is not str for title in folders.values())
        ):
            return None
    except (TypeError, ValueError, AttributeError):
        logger.info("the saved topic tree does not fit its entries; building it again", exc_info=True)
        return None
    prefix = _prefix(root)
    rels, titles, orders, summaries = columns.rels, columns.titles, columns.orders, columns.summaries
    sources, errors = columns.sources, columns.errors

    def make(topic_id: str, row: int) -> Topic:
        kids = children.get(topic_id)
        if row == _FOLDER:
            return Topic(topic_id, None, folders[topic_id], parent_id=parent_of(topic_id), children=kids)
        return Topic(
            topic_id,
            _path(prefix, rels[row]),
            titles[row],
            orders[row],
            summaries[row],
            sources[row],
            parent_of(topic_id),
            kids,
            error=errors[row],
        )

    problems = list(listing)
    for rel, found in compress(zip(rels, columns.problems, strict=True), columns.problems):
        problems.extend(Problem(rel, line, message) for line, message in found)
    return ContentRoot(root, LazyTopics(rows, make), list(top_level), problems), listing


def from_listing(root: Path, found: Found, ids: list[str], index: Topic | None) -> ContentRoot:
    """The tree the file names give, each topic made on first use; ``ids`` are the topic ids of
    ``found``'s files in the same order (the first file wins a shared id, as the loader rules).

    ``index`` is the root's ``index.md`` already read (the start page), if there is one. Topics
    have titles made from their names and no order, summary or sources; their text is read on
    first use. The listing's problems are the caller's to add.
    """
    rows: dict[str, int] = {}
    for row, topic_id in enumerate(ids):
        rows.setdefault(topic_id, row)
    files = list(rows)
    kids: dict[str, list[str]] = {}
    top_level: list[str] = []
    for topic_id in files:
        child = topic_id
        while True:
            parent = None if child == ROOT_INDEX_ID else parent_of(child)
            if parent is None:
                top_level.append(child)
                break
            siblings = kids.get(parent)
            if siblings is not None:
                siblings.append(child)
                break
            kids[parent] = [child]
            if parent in rows:
                break
            rows[parent] = _FOLDER  # a folder without index.md: attach it in turn
            child = parent
    top_level.sort(key=name_order)
    paths = list(found.values())
    sorted_kids: set[str] = set()

    def make(topic_id: str, row: int) -> Topic:
        children = kids.get(topic_id)
        if children is not None and topic_id not in sorted_kids:
            children.sort(key=name_order)  # once, when the folder is first shown
            sorted_kids.add(topic_id)
        parent = None if topic_id == ROOT_INDEX_ID else parent_of(topic_id)
        name = topic_id.rsplit("/", 1)[-1]
        if topic_id == ROOT_INDEX_ID and index is not None:
            index.children = children or []
            return index
        path = None if row == _FOLDER else paths[row][0]
        return Topic(topic_id, path, pretty_name(name), DEFAULT_ORDER, parent_id=parent, children=children)

    content = ContentRoot(root, LazyTopics(rows, make), top_level, [])
    content.titles_from_names = True
    return content
