"""Reading order from MkDocs' navigation: the ``nav:`` list of ``mkdocs.yml``.

A folder written for MkDocs (Django REST framework's ``docs/``, django-ninja's ``docs/docs/``)
orders its pages in ``mkdocs.yml`` rather than by file name. The file sits in the content root or,
more often, one folder up with ``docs_dir`` naming the root. It is read with PyYAML's safe loader;
tags it does not know (``!!python/name:...``, ``!ENV``) read as nothing, and nothing is run.
Only the order is taken: titles stay the pages' own.
"""

from __future__ import annotations

import logging
import os
import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from reader.core.safe_text import nfc
from reader.core.storage import read_regular_file

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

MAX_NAV_BYTES = 1024 * 1024
MAX_NAV_ENTRIES = 200_000  # nodes visited: anchors can repeat a list many times over
NAV_FILES = ("mkdocs.yml", "mkdocs.yaml")


class SiteNav:
    """The pages ``mkdocs.yml`` lists, in order: ``positions`` maps a root-relative ``.md`` path
    (POSIX, NFC) to its place (0, 1, ...); ``source`` is the file read (``None`` if none was);
    ``problem`` says why it could not be used, or is ``""``."""

    def __init__(self, positions: dict[str, int], source: Path | None = None, problem: str = "") -> None:
        self.positions = positions
        self.source = source
        self.problem = problem


def nav_stamp(root: Path) -> tuple[str, int, int] | None:
    """``(path, size, mtime_ns)`` of the first ``mkdocs.yml`` :func:`find_nav_file` would look at,
    or ``None``: a few ``stat`` calls and no parsing, so a saved tree can tell that its order may
    have changed."""
    for folder in (root, root.parent):
        for name in NAV_FILES:
            try:
                stat = os.stat(folder / name)
            except OSError:
                continue
            return os.fspath(folder / name), stat.st_size, stat.st_mtime_ns
    return None


def find_nav_file(root: Path) -> Path | None:
    """``mkdocs.yml`` of the content root ``root``: in it, or one folder up when that file's
    ``docs_dir`` (default ``docs``) is ``root``; ``None`` if there is none."""
    for name in NAV_FILES:
        if (root / name).is_file():
            return root / name
    for name in NAV_FILES:
        candidate = root.parent / name
        if candidate.is_file():
            config, _problem = _read_config(candidate)
            docs_dir = config.get("docs_dir", "docs") if isinstance(config, dict) else "docs"
            if isinstance(docs_dir, str) and _same_folder(root.parent / docs_dir, root):
                return candidate
    return None


def _same_folder(first: Path, second: Path) -> bool:
    return os.path.normpath(first) == os.path.normpath(second)


def read_site_nav(root: Path) -> SiteNav:
    """The reading order ``mkdocs.yml`` gives the content root ``root``; never raises."""
    source = find_nav_file(root)
    if source is None:
        return SiteNav({})
    config, problem = _read_config(source)
    if not isinstance(config, dict):
        why = problem or f"{source.name} holds no settings"
        return SiteNav({}, source, f"{why}; its nav is not used")
    nav = config.get("nav")
    if nav is None:
        return SiteNav({}, source)
    positions: dict[str, int] = {}
    budget = [MAX_NAV_ENTRIES]
    _walk(nav, positions, budget)
    if budget[0] < 0:
        return SiteNav({}, source, f"{source.name}'s nav has more than {MAX_NAV_ENTRIES:,} entries; not used")
    return SiteNav(positions, source)


def _walk(node: object, positions: dict[str, int], budget: list[int]) -> None:
    """Number the pages of ``node`` (a nav list, a ``{title: page or list}`` or a page) in order."""
    stack = [node]
    while stack:
        budget[0] -= 1
        if budget[0] < 0:
            return
        item = stack.pop()
        if isinstance(item, str):
            page = _page_path(item)
            if page and page not in positions:
                positions[page] = len(positions)
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))


def _page_path(entry: str) -> str:
    """The root-relative ``.md`` path a nav entry names, or ``""`` for a web address or other file."""
    entry = entry.strip()
    if not entry or ":" in entry.split("/", 1)[0] or entry.startswith("//"):
        return ""
    path = posixpath.normpath(unquote(entry.split("#", 1)[0]).lstrip("/"))
    if not path.endswith(".md") or path.startswith("../") or path == "..":
        return ""
    return nfc(path)


def _read_config(path: Path) -> tuple[object, str]:
    """The YAML document at ``path`` and ``""``, or ``None`` and why it could not be read."""
    import yaml

    class Loader(yaml.SafeLoader):
        """The safe loader, reading tags it does not know as ``None`` instead of failing."""

    Loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    try:
        text = read_regular_file(path, MAX_NAV_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        return None, f"{path.name} is not UTF-8 text"
    except OSError as error:  # UnreadableFileError too: a symbolic link, a FIFO, over the cap
        return None, f"{path.name} could not be read ({error.strerror or error})"
    try:
        return yaml.load(text, Loader=Loader), ""  # a subclass of the safe loader: no object is built
    except (yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        logger.info("could not read %s: %s", path, error)
        return None, f"{path.name} is not valid YAML{where}"
