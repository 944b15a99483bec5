"""The topic cache: each topic's front matter remembered between runs.

A content root then starts without reading every file: an entry is reused while its file's
size and modification time match. One file per content root, in ``<user cache>/content/``.
Only :mod:`reader.core.content.loader` uses it; the rest of the app sees topics, not the cache.
"""

from __future__ import annotations

import logging
import marshal
import zlib
from typing import TYPE_CHECKING, NamedTuple

from reader.core.content.model import Topic
from reader.core.storage import atomic_write_bytes, cache_key, set_aside, touch, user_cache_dir

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.scan import Stamp
    from reader.core.problems import Problem

logger = logging.getLogger(__name__)

# 3: YAML front matter, weight/description keys; 4: titles made safe to show; 5: tree;
# 6: titles from setext and <h1> headings, never from a code block; 7: README.md as a folder's page
CACHE_VERSION = 7


class CachedTree(NamedTuple):
    """The tree built from the cached entries, so a warm start need not build and sort it again.

    ``ids`` gives each cached entry's topic id, in the entries' order; ``folders`` gives each folder
    without an ``index.md`` its title; ``children`` lists each parent's children in reading order
    (parents without children left out); ``top_level`` the ids without a parent, in order;
    ``listing`` the problems listing the folders reported (path, line, message).
    Valid only with exactly the entries it was saved with, for exactly their files.
    """

    ids: list[str]
    folders: dict[str, str]
    children: dict[str, list[str]]
    top_level: list[str]
    listing: list[tuple[str, int, str]]


class CacheEntry(NamedTuple):
    """What loading one file found: its front matter, error and problems (a tuple: cheap to load)."""

    stamp: Stamp
    title: str
    order: int
    summary: str
    sources: tuple[str, ...]
    error: str | None
    problems: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, topic: Topic, stamp: Stamp, problems: list[Problem]) -> CacheEntry:
        """The entry for ``topic`` as just read from its file, with that file's problems."""
        found = tuple((problem.line, problem.message) for problem in problems)
        return cls(stamp, topic.title, topic.order, topic.summary, topic.sources, topic.error, found)

    def topic(self, topic_id: str, path: Path | str) -> Topic:
        """A topic from this entry; its text is read from ``path`` on first use."""
        return Topic(topic_id, path, self.title, self.order, self.summary, self.sources, error=self.error)

    def is_well_formed(self) -> bool:
        """True if every field has the type :meth:`of` gives it."""
        stamp, title, order, summary, sources, error, problems = self
        return (
            type(stamp) is tuple
            and len(stamp) == 2
            and type(stamp[0]) is int
            and type(stamp[1]) is int
            and type(title) is str
            and type(order) is int
            and type(summary) is str
            and type(sources) is tuple
            and all(type(url) is str for url in sources)
            and (error is None or type(error) is str)
            and type(problems) is tuple
            and all(
                type(problem) is tuple
                and len(problem) == 2
                and type(problem[0]) is int
                and type(problem[1]) is str
                for problem in problems
            )
        )


class TopicCache:
    """The topic cache file of one content root; a damaged file is set aside, never fatal."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = str(root.resolve())
        self.path = (cache_dir or user_cache_dir()) / "content" / f"{cache_key(self.root)}.meta"
        self.notices: list[str] = []  # for the user, once: the file was damaged and rebuilt
        self.tree: CachedTree | None = None  # set by load: the tree saved with these very entries

    def load(self) -> dict[str, CacheEntry]:
        """The cached entries by root-relative path; {} if there is no cache, or it is for another
        version or root.

        The entries are stored as one marshalled block with its CRC-32: a block that matches is
        exactly what :meth:`save` wrote, so the entries are not checked one by one here (at
        10,000 topics that check costs more than reading the block); see :meth:`set_aside` for
        the rare file that was edited by hand. A damaged file is set aside and rebuilt. The tree
        saved beside the entries is kept in :attr:`tree` only if it was built from this very block.
        """
        self.tree = None
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        touch(self.path)  # in use: the least recently used topic caches are pruned first
        try:
            payload = marshal.loads(data)
            if payload["version"] != CACHE_VERSION or payload["root"] != self.root:
                return {}
            block = payload["entries"]
            if type(block) is not bytes or zlib.crc32(block) != payload["crc"]:
                raise ValueError("the topic cache fails its checksum")
            entries = marshal.loads(block)
            loaded = {rel: CacheEntry(*entry) for rel, entry in entries.items()}
        except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            logger.info("the topic cache %s is damaged", self.path, exc_info=True)
            self.set_aside("read")
            return {}
        self.tree = _tree_of(payload, block)
        return loaded

    def set_aside(self, failed: str = "used") -> None:
        """Keep the damaged file under another name and tell the user the topic cache was rebuilt.

        For a file whose checksum matches but whose entries are not :meth:`CacheEntry.is_well_formed`.
        """
        aside = set_aside(self.path)
        kept = f"; the bad file was kept as {aside.name}" if aside else ""
        self.notices.append(f"The topic cache could not be {failed} and was rebuilt{kept}")

    def save(self, entries: dict[str, CacheEntry], tree: CachedTree | None = None) -> None:
        """Write ``entries`` and the ``tree`` built from them; a cache that cannot be written only
        costs the next start some time."""
        try:
            block = marshal.dumps({rel: tuple(entry) for rel, entry in entries.items()})
            crc = zlib.crc32(block)
            payload = {"version": CACHE_VERSION, "root": self.root, "crc": crc, "entries": block}
            if tree is not None:
                tree_block = marshal.dumps(tuple(tree))
                payload.update(tree=tree_block, tree_crc=zlib.crc32(tree_block), tree_for=crc)
            atomic_write_bytes(self.path, marshal.dumps(payload))
        except (OSError, ValueError):
            logger.info("could not write the topic cache %s", self.path, exc_info=True)


def _tree_of(payload: dict[str, object], block: bytes) -> CachedTree | None:
    """The tree in ``payload`` if it was saved with the entries ``block`` and is whole, else None."""
    tree_block = payload.get("tree")
    if type(tree_block) is not bytes or payload.get("tree_for") != zlib.crc32(block):
        return None
    if zlib.crc32(tree_block) != payload.get("tree_crc"):
        return None
    try:
        ids, folders, children, top_level, listing = marshal.loads(tree_block)
    except (EOFError, ValueError, TypeError):
        return None
    kinds = (type(ids), type(folders), type(children), type(top_level), type(listing))
    if kinds != (list, dict, dict, list, list):
        return None
    return CachedTree(ids, folders, children, top_level, listing)
