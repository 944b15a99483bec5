"""Cache rendered pages in memory and on disk, so a start-up or revisit need not run Markdown.

Entries are keyed (:func:`~reader.core.storage.cache_key`) by what the page shows of its own
topic (text, title, summary, sources, problems), of its neighbours (the pager) and children, the
renderer version and the theme. Each entry also stores its dependency set: for every link the
decision of the link policy (target id, anchor, refusal) and the target's title, and for every
image where it was looked for and whether it was there. A page is used only while those still
hold, so adding or editing one topic re-renders that page and the pages that link to it (or
whose pager names it), nothing else. A cache file that cannot be read is dropped and the page is
rendered again: the cache can always be deleted without losing anything.

Both stores are bounded: at most ``MEMORY_PAGES`` pages per theme in memory (least recently used
dropped), and the folder on disk is pruned to ``CACHE_CAPS["pages"]`` by
:func:`reader.core.storage.prune_caches` (a page read from disk is marked as used).
"""

from __future__ import annotations

import logging
import marshal
from collections import OrderedDict
from typing import TYPE_CHECKING

from reader.core.links import classify, locate_image
from reader.core.render.page import RENDERER_VERSION, Heading, RenderedPage
from reader.core.storage import atomic_write_bytes, cache_key, set_aside, touch, user_cache_dir

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from reader.core.content.model import ContentRoot
    from reader.core.render.markdown import Renderer

logger = logging.getLogger(__name__)

CACHE_FORMAT = 2  # 2: each page stores its dependency set
MEMORY_PAGES = 600  # pages kept in memory per theme (about 20 KB each)

# marshal is built in: the start-up path imports neither json nor Markdown.


class CachedRenderer:
    """Same interface as :class:`Renderer`; renders only on a cache miss."""

    def __init__(self, content: ContentRoot, dark: bool = False, cache_dir: Path | None = None) -> None:
        self.content = content
        self.dark = dark
        self.cache_dir = (cache_dir or user_cache_dir()) / "pages"
        self._renderers: dict[bool, Renderer] = {}
        self._memory: dict[bool, OrderedDict[str, RenderedPage]] = {False: OrderedDict(), True: OrderedDict()}
        self.notices: list[str] = []  # for the UI to show once; never raised
        self._problems: dict[str, list[str]] | None = None  # by root-relative path

    def set_dark(self, dark: bool) -> None:
        """Render with the dark (``True``) or light code colours from now on."""
        self.dark = dark

    def _renderer(self) -> Renderer:
        if self.dark not in self._renderers:
            from reader.core.render.markdown import Renderer

            self._renderers[self.dark] = Renderer(self.content, dark=self.dark)
        return self._renderers[self.dark]

    def _key(self, topic_id: str, dark: bool | None = None) -> str | None:
        topic = self.content.topic(topic_id)
        if topic is None or topic.error or topic.path is None:
            return None
        parts = [topic_id, topic.title, topic.summary, "\n".join(topic.sources), topic.text]
        parts.extend(self._problems_of(topic_id))  # the page's problem banner
        parts.extend(  # the pager names the neighbours
            f"{neighbour}\t{self.content.topics[neighbour].title}"
            for neighbour in self.content.neighbours(topic_id)
            if neighbour is not None
        )
        for child_id in topic.children:  # a section page lists its children's titles and summaries
            child = self.content.topics[child_id]
            parts.append(f"{child_id}\t{child.title}\t{child.summary}")
        theme = self.dark if dark is None else dark
        return f"v{RENDERER_VERSION}.{CACHE_FORMAT}-{int(theme)}-" + cache_key(*parts)

    def _problems_of(self, topic_id: str) -> list[str]:
        """The load problems the page's banner lists (grouped by file once, not per page)."""
        if self._problems is None:
            self._problems = {}
            for problem in self.content.problems:
                self._problems.setdefault(problem.path, []).append(f"{problem.line}\t{problem.message}")
        if not self._problems:
            return []
        return self._problems.get(self.content.relative_path(self.content.topics[topic_id]), [])

    def dependencies(self, topic_id: str, links: list[str], images: list[str]) -> list[str]:
        """What the page made of its ``links`` and ``images`` (one line each), as the link policy
        decides now: for a link its kind, target, anchor and refusal and the target's title; for
        an image where it is looked for and whether it is there."""
        content = self.content
        found = []
        for href in links:
            target = classify(href, content, topic_id)
            linked = content.topics.get(target.topic_id) if target.topic_id else None
            title = linked.title if linked is not None else ""
            found.append(
                f"{target.kind.value}\t{target.topic_id}\t{target.anchor}\t{title}\t{target.message}"
            )
        if images:
            topic = content.topics[topic_id]
            folder = content.folder_of(topic)
            for src in images:
                path, refusal = locate_image(src, folder, content)
                there = refusal is None and _is_file(content.root, path)
                found.append(f"image\t{path}\t{refusal.name if refusal else ''}\t{there}")
        return found

    def render(self, topic_id: str) -> RenderedPage:
        """The page of ``topic_id``, from memory, disk or the renderer; never raises."""
        memory = self._memory[self.dark]
        page = memory.get(topic_id)
        if page is not None:
            memory.move_to_end(topic_id)
            return page
        page = self._load_or_render(topic_id, self.dark, self._renderer)
        self._remember(self.dark, topic_id, page)
        return page

    def _remember(self, dark: bool, topic_id: str, page: RenderedPage) -> None:
        memory = self._memory[dark]
        memory[topic_id] = page
        memory.move_to_end(topic_id)
        while len(memory) > MEMORY_PAGES:
            memory.popitem(last=False)

    def _load_or_render(self, topic_id: str, dark: bool, renderer: Callable[[], Renderer]) -> RenderedPage:
        """The page from the disk cache, else rendered by ``renderer()`` and stored for next time.

        ``renderer`` is only called on a miss: a start from the cache never imports Markdown.
        """
        key = self._key(topic_id, dark)
        page = self._load(key, topic_id) if key else None
        if page is None:
            page = renderer().render(topic_id)
            if key and page.error is None:
                self._store(key, page)
        return page

    def store_ahead(self, topic_id: str) -> None:
        """Make sure the render cache on disk holds the current page of ``topic_id`` (rendering it
        if not), without keeping it in memory: what :mod:`reader.core.render.warm` does."""
        self._load_or_render(topic_id, self.dark, self._renderer)

    def error_page(self, topic_id: str, title: str, message: str) -> RenderedPage:
        """A page that shows ``message`` instead of the topic."""
        return self._renderer().error_page(topic_id, title, message)

    def _path(self, key: str) -> Path:
        return self.cache_dir / f"{key}.page"

    def _load(self, key: str, topic_id: str) -> RenderedPage | None:
        path = self._path(key)
        try:
            data = marshal.loads(path.read_bytes())
            if data["topic_id"] != topic_id:
                return None
            links = [str(link) for link in data["links"]]
            images = [str(image) for image in data["images"]]
            if data["dependencies"] != self.dependencies(topic_id, links, images):
                logger.debug("the cached page of %s is out of date: a link or image changed", topic_id)
                return None
            page = RenderedPage(
                topic_id=topic_id,
                title=str(data["title"]),
                html=str(data["html"]),
                headings=[
                    Heading(int(level), str(anchor), str(text)) for level, anchor, text in data["headings"]
                ],
                links=links,
                images=images,
                code_blocks=[str(code) for code in data["code_blocks"]],
                extra_anchors=[str(anchor) for anchor in data["extra_anchors"]],
                unsupported=[str(item) for item in data["unsupported"]],
                action_token=str(data["action_token"]),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, EOFError, OverflowError):
            logger.info("the cached page %s is damaged", path, exc_info=True)
            aside = set_aside(path)
            if aside is not None and not self.notices:
                self.notices.append(
                    f"A cached page could not be read and was rendered again; kept as {aside.name}"
                )
            return None
        touch(path)  # least recently used pages are pruned first
        return page

    def _store(self, key: str, page: RenderedPage) -> None:
        data = {
            "topic_id": page.topic_id,
            "title": page.title,
            "html": page.html,
            "headings": [[heading.level, heading.anchor, heading.text] for heading in page.headings],
            "links": page.links,
            "images": page.images,
            "code_blocks": page.code_blocks,
            "extra_anchors": page.extra_anchors,
            "unsupported": page.unsupported,
            "dependencies": self.dependencies(page.topic_id, page.links, page.images),
            "action_token": page.action_token,
        }
        try:
            atomic_write_bytes(self._path(key), marshal.dumps(data))
        except OSError:  # a read-only or full cache folder only costs speed
            logger.info("could not write the cached page %s", self._path(key), exc_info=True)


def _is_file(root: Path, relative: str) -> bool:
    try:
        return (root / relative).is_file()
    except (OSError, ValueError):  # names too long for the file system, NUL bytes
        return False
