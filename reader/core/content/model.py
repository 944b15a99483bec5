"""The content model: a content root's topics and their tree, as the rest of the app reads them.

Plain objects with no loading logic and no caches; :mod:`reader.core.content.loader` builds them.
"""

from __future__ import annotations

import os
import posixpath
import re
import threading
from collections.abc import Callable, ItemsView, Iterator, MutableMapping, ValuesView
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.content.scan import read_topic_text
from reader.core.safe_text import nfc

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from reader.core.problems import Problem

DEFAULT_ORDER = 1000
ROOT_INDEX_ID = "index"
MAX_LABEL_TOPICS = 2_000
"""MyST targets are looked for in roots of at most this many topics: finding them reads every file."""
_MYST_TARGET = re.compile(r"^ {0,3}\(([A-Za-z0-9_][\w.:-]*)\)=[ \t]*$", re.MULTILINE)


class Topic:
    """One page of the guide: a Markdown file (or a folder without ``index.md`` or ``README.md``).

    ``id`` is the root-relative path without ``.md`` (``a/index.md`` is ``a``); ``path`` is
    ``None`` for a folder without a page of its own. The text is read on first use when the topic came
    from the topic cache, so a large content root starts without reading every file; a file that
    cannot be read leaves ``text`` empty and says why in ``error``.
    """

    __slots__ = (
        "_path",
        "_text",
        "children",
        "error",
        "id",
        "order",
        "parent_id",
        "sources",
        "summary",
        "title",
    )

    def __init__(
        self,
        id: str,
        path: Path | str | None,
        title: str,
        order: int = DEFAULT_ORDER,
        summary: str = "",
        sources: tuple[str, ...] = (),
        parent_id: str | None = None,
        children: list[str] | None = None,
        text: str | None = None,
        error: str | None = None,
    ) -> None:
        self.id = id
        self._path = path
        self.title = title
        self.order = order
        self.summary = summary
        self.sources = sources
        self.parent_id = parent_id
        self.children: list[str] = children if children is not None else []
        self.error = error
        self._text = text if text is not None or path is not None else ""

    @property
    def path(self) -> Path | None:
        """The topic's file, or ``None`` for a folder without a page of its own."""
        if isinstance(self._path, str):
            self._path = Path(self._path)
        return self._path

    @property
    def path_text(self) -> str | None:
        """The topic's file as a string (no ``Path`` made: cheap for a pass over every topic)."""
        return None if self._path is None else str(self._path)

    @property
    def text(self) -> str:
        """The whole file (front matter included), read on first use; ``""`` if it cannot be read."""
        if self._text is None:
            readable = self.path is not None and not self.error
            text, error = read_topic_text(self.path) if self.path is not None and readable else ("", None)
            self._text = text or ""
            if error:
                self.error = error
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value

    def release_text(self) -> None:
        """Forget the text read from the file (it is read again on next use): for a pass over
        every topic that must not keep them all in memory. A topic without a file keeps ``""``."""
        if self._path is not None:
            self._text = None

    def __repr__(self) -> str:
        return f"Topic({self.id!r}, title={self.title!r})"


class LazyTopics(MutableMapping[str, "Topic"]):
    """Topics by id, each made on first use: a large root starts without 100,000 objects.

    ``rows`` maps every topic id, in load order, to the row ``make(topic_id, row)`` builds its
    :class:`Topic` from (a row of the loader's columns). A topic,
    once made, is kept: later lookups return the same object. Asking for every topic
    (:meth:`values`, :meth:`items`) or changing the mapping makes all of them first, after which
    it behaves as a plain ``dict`` in the same order. Safe to use from several threads: a topic is
    made once, under a lock.
    """

    __slots__ = ("_lock", "_made", "_make", "_rows", "_whole")

    def __init__(self, rows: dict[str, int], make: Callable[[str, int], Topic]) -> None:
        self._rows = rows
        self._make = make
        self._made: dict[str, Topic] = {}
        self._whole = False
        self._lock = threading.Lock()

    def __getitem__(self, topic_id: str) -> Topic:
        try:
            return self._made[topic_id]
        except KeyError:
            if self._whole or topic_id not in self._rows:
                raise
        with self._lock:
            topic = self._made.get(topic_id)
            if topic is None:
                topic = self._made[topic_id] = self._make(topic_id, self._rows[topic_id])
            return topic

    def get(self, topic_id: str, default: Topic | None = None) -> Topic | None:  # type: ignore[override]
        """The topic with this id, made now if need be, or ``default``."""
        topic = self._made.get(topic_id)
        if topic is not None or self._whole or topic_id not in self._rows:
            return topic if topic is not None else default
        return self[topic_id]

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._made if self._whole else topic_id in self._rows

    def __len__(self) -> int:
        return len(self._made) if self._whole else len(self._rows)

    def __iter__(self) -> Iterator[str]:
        return iter(self._made if self._whole else self._rows)

    def values(self) -> ValuesView[Topic]:
        """Every topic (all are made first)."""
        return self.whole().values()

    def items(self) -> ItemsView[str, Topic]:
        """Every (id, topic) pair (all topics are made first)."""
        return self.whole().items()

    def __setitem__(self, topic_id: str, topic: Topic) -> None:
        self.whole()[topic_id] = topic

    def __delitem__(self, topic_id: str) -> None:
        del self.whole()[topic_id]

    def whole(self) -> dict[str, Topic]:
        """Make every topic not made yet; the plain ``dict`` of them all, in load order."""
        if not self._whole:
            with self._lock:
                if not self._whole:
                    made, make = self._made, self._make
                    self._made = {
                        topic_id: made[topic_id] if topic_id in made else make(topic_id, row)
                        for topic_id, row in self._rows.items()
                    }
                    self._whole = True
        return self._made

    @property
    def made(self) -> int:
        """How many topics have been made so far (for tests and logs)."""
        return len(self._made)


class ContentRoot:
    """All topics of one content root, their tree and the problems met while loading.

    ``topics`` maps every topic id to its :class:`Topic` (a ``dict``, or for a large root a
    :class:`LazyTopics` that makes each topic on first use); ``top_level`` lists the ids without a
    parent in reading order; ``notices`` are one-off messages for the user (a cache rebuilt).
    ``titles_from_names`` is True while the topics are titled by their file names and have no
    front matter yet (a first start of a large root): what needs real titles and summaries (the
    search index) must wait for the content read in full.
    """

    def __init__(
        self,
        root: Path,
        topics: MutableMapping[str, Topic],
        top_level: list[str],
        problems: list[Problem],
        notices: list[str] | None = None,
    ) -> None:
        self.root = root
        self.topics = topics
        self.top_level = top_level
        self.problems = problems
        self.notices: list[str] = notices if notices is not None else []
        self.titles_from_names = False
        self._site_paths: dict[str, str] | None = None
        self._labels: dict[str, tuple[str, str, str]] | None = None
        self._prefix: str | None = None

    def __repr__(self) -> str:
        return f"ContentRoot({str(self.root)!r}, {len(self.topics)} topics, {len(self.problems)} problems)"

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id (any Unicode normal form), or ``None``."""
        return self.topics.get(topic_id) or self.topics.get(nfc(topic_id))

    @property
    def start_topic_id(self) -> str | None:
        """Where reading starts: ``index`` if the root has one, else the first top-level topic."""
        if ROOT_INDEX_ID in self.topics:
            return ROOT_INDEX_ID
        return self.top_level[0] if self.top_level else None

    def site_paths(self) -> dict[str, str]:
        """Case-folded site paths → topic id: every topic's id and its front matter ``slug``.

        Built on first use (it reads every topic's text) for site-absolute links.
        """
        if self._site_paths is None:
            from reader.core.content.front_matter import parse_front_matter

            paths = {topic_id.casefold(): topic_id for topic_id in self.topics}
            for topic_id, topic in self.topics.items():
                if topic.path is None:
                    continue
                meta = parse_front_matter(topic.text)
                for key in ("slug", "permalink", "url"):  # MDN and Docusaurus, Jekyll, Hugo
                    slug = meta.first(key).strip().strip("/")
                    for suffix in (".html", ".htm"):
                        slug = slug.removesuffix(suffix)
                    if slug:
                        paths.setdefault(slug.casefold(), topic_id)
            self._site_paths = paths
        return self._site_paths

    def myst_target(self, label: str) -> tuple[str, str, str] | None:
        """``(topic id, anchor, title)`` of the MyST target ``(label)=``, in any letter case, as
        Sphinx finds it: the anchor is ``label`` when a heading below the page's title follows the
        target (else ``""``), the title that heading's text (else the topic's title). ``None`` if
        there is none. Built on first use, by reading every topic, in roots of at most
        :data:`MAX_LABEL_TOPICS` topics."""
        if self._labels is None:
            labels: dict[str, tuple[str, str, str]] = {}
            if len(self.topics) <= MAX_LABEL_TOPICS:
                for topic in self.topics.values():
                    text = topic.text if topic.path is not None else ""
                    if ")=" in text:
                        for match in _MYST_TARGET.finditer(text):
                            labels.setdefault(match.group(1).casefold(), _target(topic, match, text))
            self._labels = labels
        return self._labels.get(label.casefold())

    def relative_path(self, topic: Topic) -> str:
        """The topic's file relative to the root (POSIX), or ``"id/"`` for a folder without a file."""
        path = topic.path_text
        if path is None:
            return topic.id + "/"
        if self._prefix is None:
            self._prefix = str(self.root) + os.sep
        if path.startswith(self._prefix):  # as Path.relative_to answers, without making Paths
            relative = path[len(self._prefix) :]
            return relative if os.sep == "/" else relative.replace(os.sep, "/")
        return Path(path).relative_to(self.root).as_posix()

    def neighbours(self, topic_id: str) -> tuple[str | None, str | None]:
        """The topics before and after ``topic_id`` in reading (tree, depth-first) order.

        Worked out from the topic's own place in the tree, so it costs the tree's depth, not its size.
        """
        topic = self.topics.get(topic_id)
        if topic is None:
            return None, None
        parent = self.topics.get(topic.parent_id) if topic.parent_id is not None else None
        siblings = parent.children if parent is not None else self.top_level
        if topic_id not in siblings:  # a topic added by hand outside the tree
            return None, None
        index = siblings.index(topic_id)
        if index > 0:
            before: str | None = siblings[index - 1]
            while before is not None and self.topics[before].children:
                before = self.topics[before].children[-1]
        else:
            before = topic.parent_id
        after: str | None = topic.children[0] if topic.children else None
        current: Topic | None = topic
        while after is None and current is not None:
            above = self.topics.get(current.parent_id) if current.parent_id is not None else None
            row = above.children if above is not None else self.top_level
            position = row.index(current.id) if current.id in row else len(row)
            if position + 1 < len(row):
                after = row[position + 1]
            current = self.topics.get(current.parent_id or "")
        return before, after

    def folder_of(self, topic: Topic) -> str:
        """The root-relative folder that a topic's relative links and images start from."""
        return posixpath.dirname(self.relative_path(topic).rstrip("/"))

    def walk(self, limit: int | None = None) -> list[str]:
        """Return every topic id in tree order (depth first), or the first ``limit`` of them
        (which asks only for those topics: cheap at the start of a large root)."""
        ordered: list[str] = []
        stack = list(reversed(self.top_level))
        while stack and (limit is None or len(ordered) < limit):
            topic_id = stack.pop()
            ordered.append(topic_id)
            stack.extend(reversed(self.topics[topic_id].children))
        return ordered

    def ancestors(self, topic_id: str) -> list[str]:
        """The ids of the topic's parent, grandparent and so on up to the top level."""
        chain: list[str] = []
        parent = self.topics[topic_id].parent_id if topic_id in self.topics else None
        while parent is not None:
            chain.append(parent)
            parent = self.topics[parent].parent_id
        return chain


def _target(topic: Topic, match: re.Match[str], text: str) -> tuple[str, str, str]:
    """The topic, anchor and title a MyST target found by ``match`` in ``text`` leads to."""
    following = text[match.end() : match.end() + 500].lstrip("\n \t").split("\n", 1)[0]
    level = len(following) - len(following.lstrip("#"))
    if not 1 < level <= 6:  # no heading, or the page's title: the link opens the page's top
        return topic.id, "", topic.title
    heading = following[level:].strip()
    if heading.endswith("}") and "{" in heading:  # an attribute list is not part of the title
        heading = heading[: heading.rfind("{")].strip()
    return topic.id, match.group(1), heading or topic.title


def folder_pages(relative_paths: Iterable[str]) -> dict[str, str]:
    """The ``README.md`` files that are their folder's page, as GitHub shows a folder: root-relative
    path → the folder's topic id (``docs/README.md`` → ``docs``, ``README.md`` → ``index``).

    Only where the folder has no ``index.md`` (it wins, as in MkDocs) and no sibling file already
    takes the folder's id (``docs.md`` beside ``docs/``). Any letter case (``readme.md``).
    """
    paths = set(relative_paths)
    taken = {topic_id_for(path) for path in paths}
    pages: dict[str, str] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        if name.casefold() != "readme.md":
            continue
        folder_id = topic_id_for(folder + "/index.md") if folder else ROOT_INDEX_ID
        if folder_id not in taken:
            pages[path] = folder_id
    return pages


def page_of_readme(topic_id: str, topics: Mapping[str, Topic]) -> str:
    """``topic_id`` as written in a link, or its folder's id when it names a ``README.md`` that
    :func:`folder_pages` made the folder's page (``css/README`` → ``css``)."""
    folder, _, name = topic_id.rpartition("/")
    if topic_id in topics or name.casefold() != "readme":
        return topic_id
    folder_id = topic_id_for(folder + "/index.md") if folder else ROOT_INDEX_ID
    page = topics.get(folder_id)
    path = page.path_text if page is not None else None
    if path is not None and os.path.basename(path).casefold() == "readme.md":
        return folder_id
    return topic_id


def topic_id_for(relative_md: str) -> str:
    """Map a root-relative ``.md`` path to its topic id (``a/index.md`` → ``a``), in Unicode NFC,
    so a file name written decomposed (as macOS stores it) and a link written composed meet."""
    relative_md = nfc(relative_md)
    stem = relative_md[:-3] if relative_md.endswith(".md") else relative_md
    if stem == ROOT_INDEX_ID:
        return ROOT_INDEX_ID
    if stem.endswith("/" + ROOT_INDEX_ID):
        return stem[: -len(ROOT_INDEX_ID) - 1]
    return stem
