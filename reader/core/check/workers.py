"""Find the facts of many topics, in this process or spread over worker processes.

Topics are handed out in chunks of ``CHUNK`` to ``jobs`` processes (started with ``spawn``: safe
whatever threads the caller runs); each worker loads the content root once, from its topic
cache, and keeps one renderer. Results come back in the order the topics were given, so the
check's output does not depend on how many workers ran. Rendered pages never leave a worker:
only their facts do.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reader.core.check.facts import TopicFacts, topic_facts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reader.core.content.model import ContentRoot
    from reader.core.render.markdown import Renderer

logger = logging.getLogger(__name__)

CHUNK = 250
PARALLEL_FROM = 2 * CHUNK  # fewer topics than this are read in this process: starting workers costs more

# One worker process's content root and renderer, set by _start_worker (a worker-process global:
# ProcessPoolExecutor can hand a worker nothing else between tasks).
_WORKER: dict[str, object] = {}


def default_jobs() -> int:
    """One worker per processor this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _renderer(content: ContentRoot) -> Renderer:
    from reader.core.render.markdown import Renderer

    return Renderer(content, check_only=True)


def _start_worker(root: str, cache_dir: str | None) -> None:
    from reader.core.content.loader import ContentLoader

    # The caller's load has just saved the topic cache with its tree: take the tree without
    # listing the folders again (a topic the worker does not know comes back as None).
    loader = ContentLoader(Path(root), Path(cache_dir) if cache_dir else None)
    content = loader.load(verify=False, list_folders=False)
    _WORKER.update(content=content, renderer=_renderer(content))


def _facts_of_chunk(topic_ids: list[str], render: bool) -> list[TopicFacts | None]:
    content = cast("ContentRoot", _WORKER["content"])
    renderer = cast("Renderer", _WORKER["renderer"])
    return [_facts_or_none(content, topic_id, renderer, render) for topic_id in topic_ids]


def _facts_or_none(
    content: ContentRoot, topic_id: str, renderer: Renderer, render: bool
) -> TopicFacts | None:
    topic = content.topics.get(topic_id)
    if topic is None or topic.path is None or topic.error:
        return None  # changed on disk since the caller loaded it: the caller keeps its own view
    return topic_facts(content, topic, renderer, render)


def collect_facts(
    content: ContentRoot,
    topic_ids: list[str],
    render: bool = False,
    jobs: int = 1,
    cache_dir: Path | None = None,
) -> Iterator[tuple[str, TopicFacts]]:
    """Yield ``(topic_id, facts)`` for each of ``topic_ids`` (files without a load error), in order.

    With ``jobs`` > 1 and enough topics, worker processes load ``content.root`` again through the
    topic cache in ``cache_dir``; a topic they see differently (changed meanwhile) is read here.
    """
    if jobs <= 1 or len(topic_ids) < PARALLEL_FROM:
        here = _renderer(content)
        for topic_id in topic_ids:
            yield topic_id, topic_facts(content, content.topics[topic_id], here, render)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = [topic_ids[start : start + CHUNK] for start in range(0, len(topic_ids), CHUNK)]
    context = multiprocessing.get_context("spawn")
    arguments = (str(content.root), str(cache_dir) if cache_dir else None)
    renderer: Renderer | None = None
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=arguments) as pool:
        for chunk, results in zip(
            chunks, pool.map(_facts_of_chunk, chunks, [render] * len(chunks)), strict=True
        ):
            for topic_id, facts in zip(chunk, results, strict=True):
                if facts is None:
                    renderer = renderer or _renderer(content)
                    facts = topic_facts(content, content.topics[topic_id], renderer, render)
                yield topic_id, facts
