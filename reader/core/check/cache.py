"""The check cache: each topic's :class:`~reader.core.check.facts.TopicFacts` kept between runs.

One file per content root in ``<user cache>/check/``. A topic whose file (and the images it
shows) still has the stamp its facts were found with is not read again; its links are still
checked against every topic's facts on every run, so editing a page another page links to
re-checks the linker (a judgement is reused only while the topic, the topics whose anchors it
used and the set of topic ids are all unchanged). The file is written whole after each run; a
damaged one is set aside and the check simply reads every topic again.
"""

from __future__ import annotations

import logging
import marshal
import zlib
from typing import TYPE_CHECKING, NamedTuple

from reader.core.check.facts import TopicFacts
from reader.core.check.targets import Judgement
from reader.core.render.page import RENDERER_VERSION
from reader.core.storage import atomic_write_bytes, cache_key, set_aside, touch, user_cache_dir

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

CHECK_CACHE_VERSION = 2  # 2: links to README pages and MyST targets resolve


class CheckState(NamedTuple):
    """One run's facts and link judgements by topic id, and the signature of its set of topic ids."""

    facts: dict[str, TopicFacts]
    judged: dict[str, Judgement]
    signature: str


class CheckCache:
    """The check cache file of one content root (``cache_dir``: the user cache folder)."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = str(root.resolve())
        self.folder = (cache_dir or user_cache_dir()) / "check"
        self.path = self.folder / f"{cache_key(self.root)}.check"

    def load(self) -> CheckState:
        """What the last run left: empty if there was none, for another version, or damaged.

        The file is a marshalled header ``(version, root, crc, length)`` followed by the
        marshalled block of entries it describes (so the block is never copied into a payload).
        """
        empty = CheckState({}, {}, "")
        try:
            data = self.path.read_bytes()
        except OSError:
            return empty
        touch(self.path)
        try:
            version, root, crc, length = marshal.loads(data)  # the block after it is ignored here
            if version != (CHECK_CACHE_VERSION, RENDERER_VERSION) or root != self.root:
                return empty
            block = memoryview(data)[len(data) - length :] if 0 < length <= len(data) else b""
            if zlib.crc32(block) != crc:
                raise ValueError("the check cache fails its checksum")
            facts, judged, signature = marshal.loads(block)
            del block, data
            for topic_id, entry in facts.items():  # in place: the plain tuples go as they are replaced
                facts[topic_id] = TopicFacts(*entry)
            for topic_id, entry in judged.items():
                judged[topic_id] = Judgement(*entry)
            return CheckState(facts, judged, str(signature))
        except (EOFError, ValueError, TypeError, KeyError, IndexError):
            logger.info("the check cache %s is damaged; every topic is read again", self.path, exc_info=True)
            set_aside(self.path)
            return empty

    def save(self, state: CheckState) -> None:
        """Write ``state`` and empty it (its entries become plain tuples in place, to be marshalled
        without a second copy); a cache that cannot be written only costs the next run time."""
        facts: dict[str, tuple[object, ...]] = state.facts  # type: ignore[assignment]
        judged: dict[str, tuple[object, ...]] = state.judged  # type: ignore[assignment]
        for topic_id, entry in facts.items():
            facts[topic_id] = tuple(entry)
        for topic_id, judgement in judged.items():
            judged[topic_id] = tuple(judgement)
        try:
            block = marshal.dumps((facts, judged, state.signature))
            facts.clear()
            judged.clear()
            header = marshal.dumps(
                ((CHECK_CACHE_VERSION, RENDERER_VERSION), self.root, zlib.crc32(block), len(block))
            )
            atomic_write_bytes(self.path, header + block)
        except (OSError, ValueError):
            logger.info("could not write the check cache %s", self.path, exc_info=True)
