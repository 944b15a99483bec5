"""The library: the loaded content root and everything made from it, owned in one place.

:class:`Library` holds the :class:`ContentRoot`, its :class:`CachedRenderer`, the lazily loaded
:class:`Diagram` and :class:`BookmarkStore`, and the background work done for them (render warm-up,
the check of a cache-trusted root against the disk). Every call into ``reader.core`` the window makes
goes through here. Views follow a new content root through :attr:`Library.content_changed`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from reader.core.content.loader import ContentLoader
from reader.core.diagram import DIAGRAM_FILE
from reader.core.render.cache import CachedRenderer
from reader.core.wording import plural
from reader.ui.common.background import BackgroundTask, run_in_background
from reader.ui.common.status import Duration

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from pathlib import Path

    from reader.core.bookmarks import BookmarkStore
    from reader.core.content.model import ContentRoot
    from reader.core.diagram.model import Diagram
    from reader.core.reading import ReadingMarks
    from reader.core.render.page import RenderedPage

logger = logging.getLogger(__name__)


class Library(QObject):
    """The content root being read, its renderer, diagram and bookmarks, and their background work."""

    about_to_change = Signal()  # a load is starting: stop work on the old content
    content_changed = Signal(bool)  # the content was replaced; True when the same root was re-read
    status_message = Signal(str, object)  # message, Duration
    notice = Signal(str)  # a once-per-session notice (a corrupt cache set aside, files changed on disk)

    def __init__(self, root: Path, dark: bool, parent: QObject | None = None) -> None:
        """Read ``root`` trusting the topic cache (checked later by :meth:`finish_startup`); a
        large root without one shows its file names until :meth:`finish_startup` reads the titles."""
        super().__init__(parent)
        self._loader = ContentLoader(root)
        self._content = self._loader.load(verify=False, list_folders=False, titles_later=True)
        self._renderer = CachedRenderer(self._content, dark=dark)
        self._has_diagram = _has_diagram_file(self._content)
        self._diagram: Diagram | None = None
        self._diagram_loaded = False
        self._bookmarks: BookmarkStore | None = None
        self._reading: ReadingMarks | None = None
        self._warm_up: BackgroundTask | None = None
        self._titles: BackgroundTask | None = None
        self._background_allowed = True
        self._tasks: list[BackgroundTask] = []

    # --- what is loaded -----------------------------------------------------------------------
    @property
    def content(self) -> ContentRoot:
        return self._content

    @property
    def has_diagram(self) -> bool:
        """Whether the content root had a ``diagram.toml`` when it was loaded (seen, not read)."""
        return self._has_diagram

    @property
    def diagram(self) -> Diagram | None:
        """The content's diagram, read on first use (imports tomllib); None without one.

        Its problems are left to ``django-reader --check``.
        """
        if not self._diagram_loaded and self.has_diagram:
            from reader.core.diagram.toml_reader import load_diagram

            self._diagram, _problems = load_diagram(self._content.root)
            self._diagram_loaded = True
        return self._diagram

    @property
    def bookmarks_loaded(self) -> bool:
        return self._bookmarks is not None

    @property
    def bookmarks(self) -> BookmarkStore:
        """The user's bookmarks, read on first use (a corrupt file is set aside with a notice)."""
        if self._bookmarks is None:
            from reader.core.bookmarks import BookmarkStore

            self._bookmarks = BookmarkStore()
            notice = self._bookmarks.load()
            if notice:
                self.notice.emit(notice)
        return self._bookmarks

    @property
    def reading(self) -> ReadingMarks:
        """The topics of this content root the user has read, read from the user data folder on
        first use (a corrupt file is set aside with a notice)."""
        if self._reading is None:
            from reader.core.reading import ReadingMarks

            self._reading = ReadingMarks(self._content.root)
            notice = self._reading.load()
            if notice:
                self.notice.emit(notice)
        return self._reading

    @property
    def titles_pending(self) -> bool:
        """True while the topics are titled by their file names (a first start of a large root)."""
        return self._loader.titles_pending

    def title(self, topic_id: str) -> str:
        return self._content.topics[topic_id].title

    # --- rendering ----------------------------------------------------------------------------
    def render(self, topic_id: str) -> RenderedPage:
        """The page of ``topic_id`` in the current theme (cached; errors are in ``page.error``)."""
        return self._renderer.render(topic_id)

    def render_light(self, topic_id: str) -> RenderedPage:
        """The page of ``topic_id`` in light colours, for printing whatever the theme."""
        return CachedRenderer(self._content, dark=False).render(topic_id)

    @property
    def dark(self) -> bool:
        return self._renderer.dark

    def set_dark(self, dark: bool) -> None:
        self._renderer.set_dark(dark)

    def report_notices(self) -> None:
        """Pass on what the renderer set aside since the last call (call after showing a page)."""
        while self._renderer.notices:
            self.notice.emit(self._renderer.notices.pop(0))

    # --- loading ------------------------------------------------------------------------------
    def load(self, root: Path | None = None) -> bool:
        """Read ``root`` (the current root again when None) and make it the content; False if empty.

        An empty or unreadable folder leaves everything as it was and says so in the status bar.
        """
        reloading = root is None or root.resolve() == self._content.root.resolve()
        self.about_to_change.emit()
        self.stop_background_work()
        loader = self._loader if reloading else ContentLoader(root or self._content.root)
        content = loader.load()
        if not content.topics:
            logger.info("no readable topics in %s; the content stays %s", root, self._content.root)
            self.status_message.emit(
                f"No readable Markdown topics in {root}; nothing changed", Duration.PROBLEM
            )
            return False
        self._adopt(loader, content, reloading)
        logger.info("loaded %d topics from %s", len(content.topics), content.root)
        self.status_message.emit(f"Loaded {len(content.topics)} topics from {content.root}", Duration.NORMAL)
        self.check_in_background()
        return True

    def _adopt(self, loader: ContentLoader, content: ContentRoot, reloading: bool) -> None:
        """Make ``content`` (loaded by ``loader``) the content, tell the views, warm the renderer."""
        self._loader, self._content = loader, content
        self._renderer = CachedRenderer(content, dark=self._renderer.dark)
        self._has_diagram = _has_diagram_file(content)
        self._diagram, self._diagram_loaded = None, False
        if not reloading:
            self._reading = None  # another root: its own marks
        self._background_allowed = True
        self.content_changed.emit(reloading)
        self.start_warm_up()

    # --- background work ----------------------------------------------------------------------
    def finish_startup(self) -> None:
        """After the first frame: warm the render cache, check a cache-trusted root on disk and
        count the root's problems as ``--check`` does; first, if the topics are titled by their
        file names, read their titles (the rest follows once they are in)."""
        if self._loader.titles_pending:
            if self._background_allowed:
                self.read_titles_in_background()
            return
        if self._background_allowed:
            self.start_warm_up()
            self.check_in_background()
        if self._loader.trusted_cache:
            self.verify_in_background()

    def read_titles_in_background(self) -> None:
        """Read every topic's front matter in a child process, saying how far it got in the status
        bar, then show the real tree in place of the file names, keeping the reader's place.

        The render warm-up, the problem count and the check of the disk start once the titles
        are in: they need them, and they would read the same files at the same time.
        """
        from reader.core.content.read_all import load_with_titles

        if self._titles is not None and not self._titles.cancelled:
            return  # already under way
        root, count = self._content.root, len(self._content.topics)
        reading = f"Reading {count:,} topics' titles\N{HORIZONTAL ELLIPSIS}"
        self.status_message.emit(reading, Duration.NOTICE)
        said = [0]

        def progress(done: int, total: int) -> None:  # on the worker thread: the signal is queued
            percent = done * 100 // max(total, 1)
            if percent >= said[0] + 10:
                said[0] = percent - percent % 10
                self.status_message.emit(f"{reading} {said[0]}%", Duration.NOTICE)

        self._titles = self._run(
            lambda stop: load_with_titles(root, stop, progress), "topic-titles", self._titles_read
        )

    def _titles_read(self, loaded: tuple[ContentLoader, ContentRoot] | None) -> None:
        if loaded is None or not loaded[1].topics:
            return
        loader, content = loaded
        self._titles = None
        self.about_to_change.emit()
        self.stop_background_work()
        self._adopt(loader, content, reloading=True)
        logger.info("read the titles of %d topics in %s", len(content.topics), content.root)
        self.status_message.emit(f"Read the titles of {len(content.topics):,} topics", Duration.NORMAL)
        self.check_in_background()
        if loader.trusted_cache:
            self.verify_in_background()  # files changed while they were read

    def check_in_background(self) -> None:
        """Count the problems ``django-reader --check ROOT`` finds, in a child process, and say in
        the status bar how many there are and the exact command that lists them.

        The bundled guide is not checked here: its own tests keep it free of problems.
        """
        from reader.resources import guide_root
        from reader.ui.window.content_check import check_command, count_problems

        root = self._content.root
        if root.resolve() == guide_root().resolve():
            return

        def report(count: int | None) -> None:
            if count:
                self.status_message.emit(
                    f"{plural(count, 'problem')} in this folder; list them with: {check_command(root)}",
                    Duration.NOTICE,
                )

        self._run(lambda stop: count_problems(root, stop), "content-check", report)

    def start_warm_up(self) -> None:
        """Render the first topics ahead of time into the render cache, in a lowest-priority child
        process that then prunes the user cache folders to their caps (see
        :mod:`reader.core.render.warm`); stops at the next load or close."""
        from reader.core.render.warm import WARM_UP_LIMIT, warm_up_in_child

        if self._warm_up is not None:
            self._warm_up.cancel()
        root, dark = self._content.root, self._renderer.dark
        topic_ids = self._content.walk(WARM_UP_LIMIT)  # not every topic of a large root
        self._warm_up = self._run(
            lambda stop: warm_up_in_child(root, dark, topic_ids, stop), "render-warm-up"
        )

    def verify_in_background(self) -> None:
        """Compare a cache-trusted content root with the disk, in a lowest-priority child process
        (:mod:`reader.core.content.verify`); reload if files changed.

        Done here on a worker thread only if the child cannot answer (the topic cache was replaced
        meanwhile, or could not be written). A root loaded with a ``stat`` per file trusted
        nothing, so the check returns at once.
        """
        from reader.core.content.verify import count_changed_in_child

        loader = self._loader
        check = loader.disk_check

        def work(stop: threading.Event) -> int | None:
            count = count_changed_in_child(check, stop) if check is not None else None
            if count is None and not stop.is_set():
                count = len(loader.changed_files())
            return count

        self._run(work, "content-verification", self._reload_if_changed)

    def _run(
        self,
        work: Callable[[threading.Event], object],
        name: str,
        on_done: Callable[[Any], None] | None = None,
    ) -> BackgroundTask:
        task = run_in_background(work, self, on_done=on_done, name=name)
        self._tasks.append(task)  # until stop_background_work: the warm-up and check of this content
        return task

    def _reload_if_changed(self, count: int | None) -> None:
        if count is None:  # stopped
            return
        logger.info("%d topic file(s) changed since the topic cache was written", count)
        if count and self.load():
            changed = plural(count, "topic file")
            self.notice.emit(f"{changed} changed since the last start; the guide was reloaded")

    def stop_background_work(self) -> None:
        """Cancel the warm-up and the disk check; :meth:`finish_startup` then starts no warm-up."""
        self._background_allowed = False
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()  # a cancelled task stays cancelled; a long session of reloads keeps none


def _has_diagram_file(content: ContentRoot) -> bool:
    """One ``stat`` per load: the diagram rule asks on every topic shown, which must not touch the disk."""
    return (content.root / DIAGRAM_FILE).is_file()
