"""Remember each topic's front matter between runs, so a large content root starts without
reading every file: an entry is reused while the file's size and modification time match.
"""

from __future__ import annotations

import marshal
import zlib
from dataclasses import dataclass
from pathlib import Path

from reader.core.content import Problem, Topic
from reader.core.storage import atomic_write_bytes, set_aside, user_cache_dir

CACHE_VERSION = 1
Stamp = tuple[int, int]


@dataclass(frozen=True)
class CacheEntry:
    """What loading one file found: its front matter, error and problems."""

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

    def as_tuple(self) -> tuple[object, ...]:
        return (self.stamp, self.title, self.order, self.summary, self.sources, self.error, self.problems)

    @classmethod
    def from_tuple(cls, data: tuple) -> CacheEntry:  # type: ignore[type-arg]
        stamp, title, order, summary, sources, error, problems = data
        return cls(
            (int(stamp[0]), int(stamp[1])),
            str(title),
            int(order),
            str(summary),
            tuple(str(url) for url in sources),
            None if error is None else str(error),
            tuple((int(line), str(message)) for line, message in problems),
        )


class MetadataCache:
    """One cache file per content root in the user cache folder; corrupt files are set aside."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = str(root.resolve())
        key = f"{zlib.crc32(self.root.encode('utf-8', 'surrogatepass')):08x}"
        self.path = (cache_dir or user_cache_dir()) / "content" / f"{key}.meta"
        self.notices: list[str] = []

    def load(self) -> dict[str, CacheEntry]:
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        try:
            payload = marshal.loads(data)
            if payload["version"] != CACHE_VERSION or payload["root"] != self.root:
                return {}
            return {str(rel): CacheEntry.from_tuple(entry) for rel, entry in payload["entries"].items()}
        except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            aside = set_aside(self.path)
            kept = f"; the bad file was kept as {aside.name}" if aside else ""
            self.notices.append(f"The topic cache could not be read and was rebuilt{kept}")
            return {}

    def save(self, entries: dict[str, CacheEntry]) -> None:
        payload = {
            "version": CACHE_VERSION,
            "root": self.root,
            "entries": {rel: entry.as_tuple() for rel, entry in entries.items()},
        }
        try:
            atomic_write_bytes(self.path, marshal.dumps(payload))
        except (OSError, ValueError):
            pass  # an unwritable cache only costs start-up time
