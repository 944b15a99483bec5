"""Cache rendered pages in memory and on disk, so a start-up or revisit need not run Markdown.

Entries are keyed (:func:`~reader.core.storage.cache_key`) by the topic's text, the renderer
version, the theme and the set of topic ids (links are rewritten against it). A cache file that
cannot be read is dropped and the page is rendered again: the cache can always be deleted without
losing anything.
"""

from __future__ import annotations

import logging
import marshal
from typing import TYPE_CHECKING

from reader.core.render.page import RENDERER_VERSION, Heading, RenderedPage
from reader.core.storage import atomic_write_bytes, cache_key, set_aside, user_cache_dir

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from pathlib import Path

    from reader.core.content.model import ContentRoot
    from reader.core.render.markdown import Renderer

logger = logging.getLogger(__name__)

WARM_UP_LIMIT = 300  # topics rendered ahead of time; larger roots render the rest on first visit

# marshal is built in: the start-up path imports neither json nor Markdown.


class CachedRenderer:
    """Same interface as :class:`Renderer`; renders only on a cache miss."""

    def __init__(self, content: ContentRoot, dark: bool = False, cache_dir: Path | None = None) -> None:
        self.content = content
        self.dark = dark
        self.cache_dir = (cache_dir or user_cache_dir()) / "pages"
        self._renderers: dict[bool, Renderer] = {}
        self._memory: dict[bool, dict[str, RenderedPage]] = {False: {}, True: {}}  # per theme
        self.notices: list[str] = []  # for the UI to show once; never raised
        self._content_key = cache_key(*sorted(content.topics))

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
        parts.extend(  # the pager names the neighbours
            f"{neighbour}\t{self.content.topics[neighbour].title}"
            for neighbour in self.content.neighbours(topic_id)
            if neighbour is not None
        )
        for child_id in topic.children:  # a section page lists its children's titles and summaries
            child = self.content.topics[child_id]
            parts.append(f"{child_id}\t{child.title}\t{child.summary}")
        theme = self.dark if dark is None else dark
        return f"v{RENDERER_VERSION}-{int(theme)}-" + cache_key(self._content_key, *parts)

    def render(self, topic_id: str) -> RenderedPage:
        """The page of ``topic_id``, from memory, disk or the renderer; never raises."""
        memory = self._memory[self.dark]
        if topic_id in memory:
            return memory[topic_id]
        page = self._load_or_render(topic_id, self.dark, self._renderer)
        memory[topic_id] = page
        return page

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

    def warm_up(self, topic_ids: list[str], stop: threading.Event) -> int:
        """Render topics ahead of time (meant for a worker thread); returns how many were added.

        The worker uses its own Markdown instance, so it never shares one with the GUI thread,
        and gives up as soon as ``stop`` is set or the theme changes.
        """
        from reader.core.render.markdown import Renderer

        dark = self.dark
        renderer = Renderer(self.content, dark=dark)
        added = 0
        for topic_id in topic_ids[:WARM_UP_LIMIT]:
            if stop.is_set() or self.dark != dark:
                break
            if topic_id in self._memory[dark]:
                continue
            page = self._load_or_render(topic_id, dark, lambda: renderer)
            self._memory[dark].setdefault(topic_id, page)  # its own theme's store: no race with set_dark
            added += 1
        return added

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
            page = RenderedPage(
                topic_id=topic_id,
                title=str(data["title"]),
                html=str(data["html"]),
                headings=[
                    Heading(int(level), str(anchor), str(text)) for level, anchor, text in data["headings"]
                ],
                links=[str(link) for link in data["links"]],
                images=[str(image) for image in data["images"]],
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
            "action_token": page.action_token,
        }
        try:
            atomic_write_bytes(self._path(key), marshal.dumps(data))
        except OSError:  # a read-only or full cache folder only costs speed
            logger.info("could not write the cached page %s", self._path(key), exc_info=True)
