"""The topic cache: each topic's front matter remembered between runs.

A content root then starts without reading every file: an entry is reused while its file's
size and modification time match. One file per content root, in ``<user cache>/content/``.
Only :mod:`reader.core.content.loader` uses it; the rest of the app sees topics, not the cache.

The entries are stored as columns (one flat list per field, in one marshalled block): at 100,000
topics that loads in a few hundredths of a second, where a tuple per entry took several tenths.
The file is a header and checksummed blocks (entries, stamps, tree), read without copying them.
"""

from __future__ import annotations

import logging
import marshal
import zlib
from typing import TYPE_CHECKING, NamedTuple, cast

from reader.core.content.model import Topic
from reader.core.storage import atomic_write_bytes, cache_key, set_aside, touch, user_cache_dir

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.content.scan import Stamp
    from reader.core.problems import Problem

logger = logging.getLogger(__name__)

# 3: YAML front matter, weight/description keys; 4: titles made safe to show; 5: tree;
# 6: titles from setext and <h1> headings, never from a code block; 7: README.md as a folder's page;
# 8: columns in checksummed blocks (a header, then entries, stamps and tree); 9: mkdocs.yml's stamp
CACHE_VERSION = 9


Fingerprint = tuple[tuple[str, int, int], ...]
"""A topic cache file's blocks as (name, size, CRC-32): equal fingerprints, equal entries and tree."""


class CachedTree(NamedTuple):
    """The tree built from the cached entries, so a warm start need not build and sort it again.

    ``ids`` gives each cached entry's topic id, in the entries' order; ``folders`` gives each folder
    without an ``index.md`` its title; ``children`` lists each parent's children in reading order
    (parents without children left out); ``top_level`` the ids without a parent, in order;
    ``listing`` the problems listing the folders reported (path, line, message); ``nav`` the
    :func:`~reader.core.content.site_nav.nav_stamp` of the ``mkdocs.yml`` that ordered it.
    Valid only with exactly the entries it was saved with, for exactly their files.
    """

    ids: list[str]
    folders: dict[str, str]
    children: dict[str, list[str]]
    top_level: list[str]
    listing: list[tuple[str, int, str]]
    nav: tuple[str, int, int] | None = None


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


class CachedColumns(NamedTuple):
    """The cached entries as columns: item ``i`` of every list belongs to the file ``rels[i]``.

    ``rels`` are root-relative POSIX paths; the other lists are :class:`CacheEntry`'s fields but
    the stamp. The stamps (what only the check of the disk after the first paint needs) stay
    marshalled in ``stamp_block`` until :meth:`stamps` is asked.
    """

    rels: list[str]
    titles: list[str]
    orders: list[int]
    summaries: list[str]
    sources: list[tuple[str, ...]]
    errors: list[str | None]
    problems: list[tuple[tuple[int, str], ...]]
    stamp_block: bytes

    @classmethod
    def of(cls, entries: dict[str, CacheEntry]) -> CachedColumns:
        """The columns of ``entries`` (in their order)."""
        values = list(entries.values())
        sizes = [entry.stamp[0] for entry in values]
        mtimes = [entry.stamp[1] for entry in values]
        return cls(
            list(entries),
            [entry.title for entry in values],
            [entry.order for entry in values],
            [entry.summary for entry in values],
            [entry.sources for entry in values],
            [entry.error for entry in values],
            [entry.problems for entry in values],
            marshal.dumps((sizes, mtimes)),
        )

    def entries(self) -> dict[str, CacheEntry]:
        """The entries by root-relative path (one tuple each: for a load that checks every file)."""
        stamps = self.stamps()
        rows = zip(*self[1:7], strict=True)
        pairs = zip(self.rels, rows, strict=True)
        return {rel: CacheEntry(stamps.get(rel, _UNKNOWN), *row) for rel, row in pairs}

    def stamps(self) -> dict[str, Stamp]:
        """Each file's stamp by root-relative path; ``{}`` if the stamps cannot be read back (every
        file then counts as changed)."""
        try:
            sizes, mtimes = marshal.loads(self.stamp_block)
            whole = {int}
            if len(sizes) != len(self.rels) or not set(map(type, sizes)) | set(map(type, mtimes)) <= whole:
                return {}
            return dict(zip(self.rels, zip(sizes, mtimes, strict=True), strict=True))
        except (EOFError, ValueError, TypeError):
            logger.info("the stamps of the topic cache cannot be read", exc_info=True)
            return {}

    def is_well_formed(self) -> bool:
        """True if every column is a list as long as ``rels`` holding what :meth:`of` puts there.

        Costs a pass over each column (a few milliseconds at 100,000 topics): loaded columns are
        used without a check per topic afterwards, so a hand-edited file must be caught here.
        """
        if type(self.stamp_block) is not bytes:
            return False
        if any(type(column) is not list or len(column) != len(self.rels) for column in self[:7]):
            return False
        strings, whole = {str}, {int}
        return (
            set(map(type, self.rels)) <= strings
            and set(map(type, self.titles)) <= strings
            and set(map(type, self.orders)) <= whole
            and set(map(type, self.summaries)) <= strings
            and set(map(type, self.errors)) <= {str, type(None)}
            and set(map(type, self.sources)) <= {tuple}
            and all(type(url) is str for urls in self.sources if urls for url in urls)
            and set(map(type, self.problems)) <= {tuple}
            and all(
                type(problem) is tuple
                and len(problem) == 2
                and type(problem[0]) is int
                and type(problem[1]) is str
                for found in self.problems
                if found
                for problem in found
            )
        )


_UNKNOWN: Stamp = (-2, -2)  # a stamp no file has: the entry is read again
MAGIC = b"DRtc"


def split_file(data: bytes) -> tuple[dict[str, object], dict[str, memoryview]]:
    """The header and the blocks (by name, not copied) of a topic cache file; a block failing its
    CRC-32 is left out. Raises ``ValueError`` (or ``EOFError``/``TypeError``) for a bad header."""
    view = memoryview(data)
    if view[:4] != MAGIC:
        raise ValueError("not a topic cache file")
    length = int.from_bytes(view[4:8], "little")
    header = marshal.loads(view[8 : 8 + length])
    if type(header) is not dict or type(header.get("blocks")) is not dict:
        raise ValueError("the topic cache's header is damaged")
    blocks: dict[str, memoryview] = {}
    start = 8 + length
    for name, (size, crc) in header["blocks"].items():
        block = view[start : start + size]
        if len(block) == size and zlib.crc32(block) == crc:
            blocks[name] = block
        start += size
    return header, blocks


def block_table(blocks: dict[str, bytes]) -> dict[str, tuple[int, int]]:
    """Each block's (size in bytes, CRC-32) by name, as a topic cache file's header lists them."""
    return {name: (len(block), zlib.crc32(block)) for name, block in blocks.items()}


def join_file(
    header: dict[str, object], blocks: dict[str, bytes], table: dict[str, tuple[int, int]] | None = None
) -> bytes:
    """A topic cache file: ``header`` (with each block's size and CRC-32 added: ``table``, or
    :func:`block_table` of ``blocks``), then the blocks."""
    header = {**header, "blocks": table if table is not None else block_table(blocks)}
    head = marshal.dumps(header)
    return b"".join([MAGIC, len(head).to_bytes(4, "little"), head, *blocks.values()])


class TopicCache:
    """The topic cache file of one content root; a damaged file is set aside, never fatal."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = str(root.resolve())
        self.path = (cache_dir or user_cache_dir()) / "content" / f"{cache_key(self.root)}.meta"
        self.notices: list[str] = []  # for the user, once: the file was damaged and rebuilt
        self.tree: CachedTree | None = None  # set by load: the tree saved with these very entries
        self.fingerprint: Fingerprint | None = None  # of the file last read or written whole

    def load(self) -> dict[str, CacheEntry]:
        """The cached entries by root-relative path; {} if there is none (see :meth:`load_columns`)."""
        columns = self.load_columns()
        return columns.entries() if columns is not None else {}

    def load_columns(self) -> CachedColumns | None:
        """The cached entries as columns; None if there is no cache, or it is for another version
        or root.

        The file is a small header and blocks, each with its CRC-32: blocks that match are what
        :meth:`save` wrote, and the columns are checked once more for shape and types (a file
        edited by hand). A damaged file is set aside and rebuilt. The tree saved beside the
        entries is kept in :attr:`tree` only if it was built from these very entries.
        """
        self.tree, self.fingerprint = None, None
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        touch(self.path)  # in use: the least recently used topic caches are pruned first
        try:
            header, blocks = split_file(data)
            if header.get("version") != CACHE_VERSION or header.get("root") != self.root:
                return None
            loaded = marshal.loads(blocks["entries"])
            if type(loaded) is not tuple or len(loaded) != len(CachedColumns._fields) - 1:
                raise ValueError("the topic cache's entries have the wrong shape")
            columns = CachedColumns._make((*loaded, bytes(blocks["stamps"])))
            if not columns.is_well_formed():
                raise ValueError("the topic cache's entries have the wrong types")
        except (
            EOFError,
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            AttributeError,
        ):  # KeyError: a block failed
            logger.info("the topic cache %s is damaged", self.path, exc_info=True)
            self.set_aside("read")
            return None
        table = cast("dict[str, tuple[int, int]]", header["blocks"])  # split_file read it as that
        if "tree" in blocks and header.get("tree_for") == table["entries"][1]:
            self.tree = _tree_of(blocks["tree"])
        self.fingerprint = _fingerprint(table)
        return columns

    def set_aside(self, failed: str = "used") -> None:
        """Keep the damaged file under another name and tell the user the topic cache was rebuilt."""
        aside = set_aside(self.path)
        kept = f"; the bad file was kept as {aside.name}" if aside else ""
        self.notices.append(f"The topic cache could not be {failed} and was rebuilt{kept}")

    def save(self, entries: dict[str, CacheEntry], tree: CachedTree | None = None) -> None:
        """Write ``entries`` and the ``tree`` built from them; a cache that cannot be written only
        costs the next start some time."""
        self.fingerprint = None
        try:
            columns = CachedColumns.of(entries)
            block = marshal.dumps(tuple(columns[:7]))
            blocks = {"entries": block, "stamps": columns.stamp_block}
            header: dict[str, object] = {"version": CACHE_VERSION, "root": self.root}
            if tree is not None:
                blocks["tree"] = marshal.dumps(tuple(tree))
                header["tree_for"] = zlib.crc32(block)
            table = block_table(blocks)
            atomic_write_bytes(self.path, join_file(header, blocks, table))
            self.fingerprint = _fingerprint(table)
        except (OSError, ValueError):
            logger.info("could not write the topic cache %s", self.path, exc_info=True)


def _fingerprint(table: dict[str, tuple[int, int]]) -> Fingerprint:
    return tuple(sorted((name, size, crc) for name, (size, crc) in table.items()))


def _tree_of(block: memoryview) -> CachedTree | None:
    """The tree in ``block`` (its checksum already checked) if it has the right shape, else None."""
    try:
        ids, folders, children, top_level, listing, nav = marshal.loads(block)
    except (EOFError, ValueError, TypeError):
        return None
    kinds = (type(ids), type(folders), type(children), type(top_level), type(listing))
    if kinds != (list, dict, dict, list, list) or not (nav is None or _is_stamp(nav)):
        return None
    return CachedTree(ids, folders, children, top_level, listing, nav)


def _is_stamp(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], str)
        and isinstance(value[1], int)
        and isinstance(value[2], int)
    )
