"""The navigator: which topic the page shows, and every way of moving to another one.

:class:`Navigator` is the one place for navigation: opening a topic (from the tree, a link, a
search result, a bookmark, the diagram), back and forward through :class:`History`, home, the
previous and next topic in reading order, and the first topic after start-up or a reload.
Clicked links go through the :class:`LinkRouter` it builds on the first click.

A topic switch draws the page first: what changes the page's size (the diagram shown or hidden)
follows :attr:`Navigator.showing_topic` before the paint, the rest (topic tree, headings, read
marks, bookmarks, window title) follows :attr:`Navigator.page_shown` and
:attr:`Navigator.topic_shown`, sent once the new page has been drawn (at once while the page is
not on screen, and after at most ``ANNOUNCE_LATEST_MS`` if no paint comes).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.history import History, Place
from reader.core.wording import plural
from reader.ui.common.status import Duration

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.core.content.model import ContentRoot
    from reader.core.render.page import RenderedPage
    from reader.ui.page.link_router import LinkRouter
    from reader.ui.page.view import PageView
    from reader.ui.window.library import Library

NO_TOPICS_HTML = "<h1>No topics</h1><p>This content root has no readable Markdown topics.</p>"
ANNOUNCE_LATEST_MS = 100  # a shown page is announced by then even if it is not painted (hidden, minimised)


class Navigator(QObject):
    """Shows topics of ``library`` in ``page`` and keeps the history of what was read."""

    showing_topic = Signal(str)  # a topic is in the page, not yet drawn: what resizes the page follows here
    page_shown = Signal(object)  # the RenderedPage now in the page view, once it has been drawn
    topic_shown = Signal(str)  # its topic id, after page_shown
    can_go_back_changed = Signal(bool)
    can_go_forward_changed = Signal(bool)
    status_message = Signal(str, object)  # message, Duration
    walkthrough_requested = Signal()  # a page link asked for the diagram's walk-through

    def __init__(self, library: Library, page: PageView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._page = page
        self._history = History()
        self._current: str | None = None
        self._router: LinkRouter | None = None
        self._unannounced: tuple[RenderedPage, str] | None = None  # shown, not yet drawn
        self._announce_timer = QTimer(self)
        self._announce_timer.setSingleShot(True)
        self._announce_timer.setInterval(ANNOUNCE_LATEST_MS)
        self._announce_timer.timeout.connect(self._announce)
        page.page_painted.connect(self._announce)
        self._problems: tuple[ContentRoot, Counter[str]] | None = None  # problems per file, per content

    @property
    def current_topic_id(self) -> str | None:
        return self._current

    @property
    def scroll(self) -> int:
        """The page's vertical scroll position, in pixels."""
        return self._page.verticalScrollBar().value()

    @property
    def router(self) -> LinkRouter:
        """The link policy for clicks in the page, built on first use."""
        if self._router is None:
            from reader.ui.page.link_router import LinkRouter

            self._router = router = LinkRouter(self._library.content, self, self._page.window())
            router.topic_requested.connect(self.open_topic)
            router.anchor_requested.connect(self.scroll_to_anchor)
            router.walkthrough_requested.connect(self.walkthrough_requested)
            router.web_opened.connect(
                lambda url: self.status_message.emit(f"Opened in your browser: {url}", Duration.NORMAL)
            )
            router.refused.connect(lambda message: self.status_message.emit(message, Duration.PROBLEM))
            router.copy_code_requested.connect(self._page.copy_code_requested)
        return self._router

    def follow_link(self, href: str) -> None:
        """Do what a clicked link asks: copy code, open a topic, scroll, open the browser, or refuse."""
        self.router.route(href, self._current, self._page.page)

    # --- opening topics -----------------------------------------------------------------------
    def open_topic(self, topic_id: str, anchor: str = "") -> bool:
        """Show a topic (at ``anchor``) and record it in history; False, with a message, if unknown."""
        if topic_id not in self._library.content.topics:
            self.status_message.emit(f"No topic '{topic_id}' in this guide", Duration.PROBLEM)
            return False
        if topic_id == self._current:
            if anchor:
                self.scroll_to_anchor(anchor)
            return True
        self._history.remember_scroll(self.scroll)
        self._show(topic_id, anchor)
        self._history.visit(topic_id)
        self._history_changed()
        return True

    def scroll_to_anchor(self, anchor: str) -> None:
        """Scroll the page to ``anchor``; a section the page does not have is named in the status bar."""
        if self._page.has_anchor(anchor):
            self._page.scrollToAnchor(anchor)
        else:
            self.status_message.emit(f"No section '#{anchor}' on this page", Duration.PROBLEM)

    def open_with_highlights(self, topic_id: str, terms: list[str], section: str = "") -> None:
        """Open a search result, highlight the searched ``terms`` in it, and scroll to the heading
        named ``section`` if the page has one (else to the first highlight)."""
        if self.open_topic(topic_id):
            from reader.ui.page.highlight import clear_highlights, highlight_terms

            clear_highlights(self._page)
            count = highlight_terms(self._page, terms)
            self.status_message.emit(f"{plural(count, 'match')} highlighted" if count else "", Duration.BRIEF)
            shown = self._page.page
            if section and shown is not None:
                from reader.core.search.sections import section_anchor

                anchor = section_anchor(
                    [(heading.anchor, heading.text) for heading in shown.headings], section
                )
                if anchor:
                    self._page.scrollToAnchor(anchor)
            self._page.setFocus()

    def open_home(self) -> None:
        start = self._library.content.start_topic_id
        if start:
            self.open_topic(start)

    def open_previous(self) -> None:
        self._open_neighbour(0)

    def open_next(self) -> None:
        self._open_neighbour(1)

    def _open_neighbour(self, which: int) -> None:
        if self._current:
            neighbour = self._library.content.neighbours(self._current)[which]
            if neighbour is not None:
                self.open_topic(neighbour)

    def go_back(self) -> None:
        self._go(self._history.back)

    def go_forward(self) -> None:
        self._go(self._history.forward)

    def _go(self, step: Callable[[], Place | None]) -> None:
        self._history.remember_scroll(self.scroll)
        place = step()
        if place is not None:
            self._show(place.topic_id, scroll=place.scroll)
        self._history_changed()

    # --- start-up and reload ------------------------------------------------------------------
    def open_first(self, asked: str | None, remembered: str, remembered_scroll: int) -> None:
        """Open the topic asked for, else the one read last (at its scroll), else the start topic."""
        topics = self._library.content.topics
        if asked and asked not in topics:
            remembered = ""  # the message promises the start page, not the last session's topic
        for candidate in (asked, remembered, self._library.content.start_topic_id):
            if candidate and candidate in topics:
                self.open_topic(candidate)
                if candidate == remembered and not asked:
                    QTimer.singleShot(
                        0, self, lambda: self._page.verticalScrollBar().setValue(remembered_scroll)
                    )
                break
        if asked and asked not in topics:
            self.status_message.emit(
                f"No topic '{asked}' in this guide; showing the start page", Duration.PROBLEM
            )
        if self._current is None:
            self._page.setHtml(NO_TOPICS_HTML)
        self._history_changed()

    def restart(self, keep_place: bool) -> None:
        """After the library's content changed: reopen the start topic with a fresh history, or
        (``keep_place``: the same root re-read) the same topic at the same scroll, keeping Back and
        Forward over the topics that still exist."""
        keep, scroll = (self._current, self.scroll) if keep_place else (None, 0)
        if self._router is not None:
            self._router.set_content(self._library.content)
        content = self._library.content
        if keep_place:
            self._history.remember_scroll(scroll)
            self._history.retain(content.topics)
        else:
            self._history = History()
        self._current = None
        if keep and keep in content.topics:
            self.open_topic(keep)
            self._page.verticalScrollBar().setValue(scroll)
        elif content.start_topic_id:
            self.open_topic(content.start_topic_id)
        self._history_changed()

    # --- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Render the current topic again (after a theme change), keeping the scroll position."""
        if self._current:
            self._page.show_page(self._library.render(self._current), keep_scroll=True)

    def _show(self, topic_id: str, anchor: str = "", scroll: int | None = None) -> None:
        page = self._library.render(topic_id)
        self._current = topic_id
        if self._page.extraSelections():
            from reader.ui.page.highlight import clear_highlights

            clear_highlights(self._page)
        self._page.show_page(page, anchor)
        if scroll is not None:
            self._page.verticalScrollBar().setValue(scroll)
        self.showing_topic.emit(topic_id)
        if page.error:
            self.status_message.emit(page.error, Duration.PROBLEM)
        elif anchor and not self._page.has_anchor(anchor):
            self.status_message.emit(f"No section '#{anchor}' in “{page.title}”", Duration.PROBLEM)
        elif problems := self._problem_count(topic_id):  # said too, not only shown in the banner
            plural = "problem" if problems == 1 else "problems"
            self.status_message.emit(
                f"This topic has {problems} {plural}, listed at the top of the page", Duration.PROBLEM
            )
        self._unannounced = (page, topic_id)
        if self._page.isVisible():  # the page first: the rest follows once it is drawn
            self._announce_timer.start()
        else:
            self._announce()

    def _announce(self) -> None:
        """Tell the views that follow the shown page (sent once per page, after it is drawn)."""
        self._announce_timer.stop()
        if self._unannounced is not None:
            page, topic_id = self._unannounced
            self._unannounced = None
            self.page_shown.emit(page)
            self.topic_shown.emit(topic_id)

    def _problem_count(self, topic_id: str) -> int:
        """How many problems the page's problem banner lists for ``topic_id``."""
        content = self._library.content
        topic = content.topics.get(topic_id)
        if topic is None or not content.problems:
            return 0
        if self._problems is None or self._problems[0] is not content:  # counted once per content
            self._problems = (content, Counter(problem.path for problem in content.problems))
        return self._problems[1][content.relative_path(topic)]

    def _history_changed(self) -> None:
        self.can_go_back_changed.emit(self._history.can_go_back())
        self.can_go_forward_changed.emit(self._history.can_go_forward())
