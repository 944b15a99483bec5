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

CHECK_CACHE_VERSION = 1


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
        """What the last run left: empty if there was none, for another version, or damaged."""
        empty = CheckState({}, {}, "")
        try:
            data = self.path.read_bytes()
        except OSError:
            return empty
        touch(self.path)
        try:
            payload = marshal.loads(data)
            if payload["version"] != (CHECK_CACHE_VERSION, RENDERER_VERSION) or payload["root"] != self.root:
                return empty
            block = payload["entries"]
            if type(block) is not bytes or zlib.crc32(block) != payload["crc"]:
                raise ValueError("the check cache fails its checksum")
            facts, judged, signature = marshal.loads(block)
            return CheckState(
                {topic_id: TopicFacts(*entry) for topic_id, entry in facts.items()},
                {topic_id: Judgement(*entry) for topic_id, entry in judged.items()},
                str(signature),
            )
        except (EOFError, ValueError, TypeError, KeyError, IndexError):
            logger.info("the check cache %s is damaged; every topic is read again", self.path, exc_info=True)
            set_aside(self.path)
            return empty

    def save(self, state: CheckState) -> None:
        """Write ``state``; a cache that cannot be written only costs the next run time."""
        try:
            block = marshal.dumps(
                (
                    {topic_id: tuple(entry) for topic_id, entry in state.facts.items()},
                    {topic_id: tuple(entry) for topic_id, entry in state.judged.items()},
                    state.signature,
                )
            )
            payload = {
                "version": (CHECK_CACHE_VERSION, RENDERER_VERSION),
                "root": self.root,
                "crc": zlib.crc32(block),
                "entries": block,
            }
            atomic_write_bytes(self.path, marshal.dumps(payload))
        except (OSError, ValueError):
            logger.info("could not write the check cache %s", self.path, exc_info=True)
