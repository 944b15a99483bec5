"""Remember each topic's front matter between runs, so a content root starts without reading
every file: an entry is reused while the file's size and modification time match.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import NamedTuple

from reader.core.content.loader import ContentRoot, Problem, Topic, file_stamp
from reader.core.storage import atomic_write_bytes, set_aside, user_cache_dir

CACHE_VERSION = 2
Stamp = tuple[int, int]


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
        found = tuple((problem.line, problem.message) for problem in problems)
        return cls(stamp, topic.title, topic.order, topic.summary, topic.sources, topic.error, found)

    def topic(self, topic_id: str, path: Path | str) -> Topic:
        return Topic(topic_id, path, self.title, self.order, self.summary, self.sources, error=self.error)



def stale_files(content: ContentRoot) -> list[str]:
    """Files whose size or mtime differ from the cache a ``verify=False`` load trusted (any thread)."""
    if content.unverified_stamps is None:
        return []
    stale = []
    for rel, stamp in content.unverified_stamps.items():
        if file_stamp(content.root / rel) != stamp:
            stale.append(rel)
    return stale


class MetadataCache:
    """One cache file per content root in the user cache folder; corrupt files are set aside."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = str(root.resolve())
        key = f"{zlib.crc32(self.root.encode('utf-8', 'surrogatepass')):08x}"
        self.path = (cache_dir or user_cache_dir()) / "content" / f"{key}.meta"
        self.notices: list[str] = []

    def load(self) -> dict[str, CacheEntry]:
        """The cached entries; {} if there is no cache or it is for another version or root.

        The entries are stored as one marshalled block with its CRC-32: a block that matches is
        exactly what :meth:`save` wrote, so the entries need no check one by one (at 10,000 topics
        that check cost more than reading the block). A damaged file is set aside and rebuilt.
        """
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        try:
            payload = marshal.loads(data)
            if payload["version"] != CACHE_VERSION or payload["root"] != self.root:
                return {}
            block = payload["entries"]
            if type(block) is not bytes or zlib.crc32(block) != payload["crc"]:
                raise ValueError("the topic cache fails its checksum")
            entries = marshal.loads(block)
            return {rel: CacheEntry(*entry) for rel, entry in entries.items()}
        except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            aside = set_aside(self.path)
            kept = f"; the bad file was kept as {aside.name}" if aside else ""
            self.notices.append(f"The topic cache could not be read and was rebuilt{kept}")
            return {}

    def save(self, entries: dict[str, CacheEntry]) -> None:
        try:
            block = marshal.dumps({rel: tuple(entry) for rel, entry in entries.items()})
            crc = zlib.crc32(block)
            payload = {"version": CACHE_VERSION, "root": self.root, "crc": crc, "entries": block}
            atomic_write_bytes(self.path, marshal.dumps(payload))
        except (OSError, ValueError):
            pass  # an unwritable cache only costs start-up time
