"""Load a content root: a folder of Markdown topics with front matter, nested by sub-folders.

Only file names and front matter are read here; nothing is rendered, so building the tree
stays cheap even for very large content roots. Problems never raise: each becomes a
:class:`Problem`, and a topic that cannot be read keeps its place with an ``error``.
"""

from __future__ import annotations

import gc
import os
import posixpath
import re
from pathlib import Path
from typing import NamedTuple

MAX_TOPIC_BYTES = 2 * 1024 * 1024
MAX_FOLDER_DEPTH = 24
TRUSTED_CACHE_MIN_TOPICS = 500  # from here a start trusts the cache without a stat per file
DEFAULT_ORDER = 1000
ROOT_INDEX_ID = "index"

_META_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class Problem(NamedTuple):
    """One thing wrong with a content root, reported as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class FrontMatter:
    """The ``meta`` block of a topic file, parsed the way Python-Markdown's ``meta`` does."""

    __slots__ = ("body_start_line", "problems", "values")

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.body_start_line = 1
        self.problems: list[tuple[int, str]] = []

    def first(self, key: str) -> str:
        values = self.values.get(key)
        return values[0] if values else ""


def parse_front_matter(text: str) -> FrontMatter:
    """Parse front matter as Python-Markdown's ``meta`` extension does (keys lower-cased)."""
    meta = FrontMatter()
    lines = text.split("\n")
    index = 0
    if lines and _BEGIN.match(lines[0]):
        index = 1
    key: str | None = None
    while index < len(lines):
        line = lines[index]
        if line.strip() == "" or (_END.match(line) and index > 0):
            if line.strip() != "":
                index += 1
            break
        key_match = _META_KEY.match(line)
        more_match = _META_MORE.match(line)
        if key_match:
            key = key_match.group("key").lower()
            meta.values.setdefault(key, []).append(key_match.group("value").strip())
        elif more_match and key is not None:
            meta.values[key].append(more_match.group("value").strip())
        else:
            if meta.values:
                meta.problems.append((index + 1, f"front matter line is not 'key: value': {line[:60]!r}"))
            break
        index += 1
    meta.body_start_line = index + 1 if meta.values else 1
    return meta


class Topic:
    """One page of the guide: a Markdown file (or a folder without ``index.md``).

    The text is read on first use when the topic came from the metadata cache, so a large
    content root starts without reading every file.
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
        if isinstance(self._path, str):
            self._path = Path(self._path)
        return self._path

    @property
    def text(self) -> str:
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

    @property
    def is_folder(self) -> bool:
        return bool(self.children)

    def __repr__(self) -> str:
        return f"Topic({self.id!r}, title={self.title!r})"


class ContentRoot:
    """All topics of one content root, their tree and the problems met while loading."""

    def __init__(
        self,
        root: Path,
        topics: dict[str, Topic],
        top_level: list[str],
        problems: list[Problem],
        notices: list[str] | None = None,
        unverified_stamps: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.root = root
        self.topics = topics
        self.top_level = top_level
        self.problems = problems
        self.notices: list[str] = notices if notices is not None else []
        self.unverified_stamps = unverified_stamps

    def __repr__(self) -> str:
        return f"ContentRoot({str(self.root)!r}, {len(self.topics)} topics, {len(self.problems)} problems)"

    def topic(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    @property
    def start_topic_id(self) -> str | None:
        if ROOT_INDEX_ID in self.topics:
            return ROOT_INDEX_ID
        return self.top_level[0] if self.top_level else None

    def relative_path(self, topic: Topic) -> str:
        if topic.path is None:
            return topic.id + "/"
        return topic.path.relative_to(self.root).as_posix()

    def neighbours(self, topic_id: str) -> tuple[str | None, str | None]:
        """The topics before and after ``topic_id`` in reading (tree, depth-first) order.

        Worked out from the topic's own place in the tree, so it costs the tree's depth, not its size.
        """
        topic = self.topics.get(topic_id)
        if topic is None:
            return None, None
        siblings = self.topics[topic.parent_id].children if topic.parent_id in self.topics else self.top_level
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
            row = (
                self.topics[current.parent_id].children
                if current.parent_id in self.topics
                else self.top_level
            )
            position = row.index(current.id) if current.id in row else len(row)
            if position + 1 < len(row):
                after = row[position + 1]
            current = self.topics.get(current.parent_id or "")
        return before, after

    def folder_of(self, topic: Topic) -> str:
        """The root-relative folder that a topic's relative links and images start from."""
        return posixpath.dirname(self.relative_path(topic).rstrip("/"))

    def walk(self) -> list[str]:
        """Return every topic id in tree order (depth first)."""
        ordered: list[str] = []
        stack = list(reversed(self.top_level))
        while stack:
            topic_id = stack.pop()
            ordered.append(topic_id)
            stack.extend(reversed(self.topics[topic_id].children))
        return ordered

    def ancestors(self, topic_id: str) -> list[str]:
        chain: list[str] = []
        parent = self.topics[topic_id].parent_id if topic_id in self.topics else None
        while parent is not None:
            chain.append(parent)
            parent = self.topics[parent].parent_id
        return chain


def topic_id_for(relative_md: str) -> str:
    """Map a root-relative ``.md`` path to its topic id (``a/index.md`` → ``a``)."""
    stem = relative_md[:-3] if relative_md.endswith(".md") else relative_md
    if stem == ROOT_INDEX_ID:
        return ROOT_INDEX_ID
    if stem.endswith("/" + ROOT_INDEX_ID):
        return stem[: -len(ROOT_INDEX_ID) - 1]
    return stem


def _pretty_name(name: str) -> str:
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else name


def read_topic_text(path: Path) -> tuple[str | None, str | None]:
    """Read a topic file, returning ``(text, None)`` or ``(None, error message)``."""
    try:
        size = path.stat().st_size
        if size > MAX_TOPIC_BYTES:
            return None, f"file is too large to show ({size // 1024} KiB; the limit is 2 MiB)"
        data = path.read_bytes()
    except OSError as error:
        return None, f"cannot read file: {error.strerror or error}"
    if b"\x00" in data:
        return None, "file looks binary (contains NUL bytes), not Markdown"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"file is not valid UTF-8 (byte {error.start})"
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _topic_from_file(topic_id: str, path: Path, rel: str, problems: list[Problem]) -> Topic:
    """Read one topic file; its problems are appended to ``problems``."""
    name = topic_id.rsplit("/", 1)[-1]
    text, error = read_topic_text(path)
    if text is None:
        problems.append(Problem(rel, 1, error or "unreadable"))
        return Topic(topic_id, path, _pretty_name(name), error=error)
    if not text.strip():
        problems.append(Problem(rel, 1, "file is empty"))
    meta = parse_front_matter(text)
    for line, message in meta.problems:
        problems.append(Problem(rel, line, message))
    order = DEFAULT_ORDER
    if meta.first("order"):
        try:
            order = int(meta.first("order"))
        except ValueError:
            problems.append(Problem(rel, 1, f"order is not a whole number: {meta.first('order')!r}"))
    title = meta.first("title")
    if not title:
        heading = _FIRST_HEADING.search(text)
        title = heading.group(1) if heading else _pretty_name(name)
    sources = tuple(url for url in meta.values.get("sources", []) if url)
    return Topic(topic_id, path, title, order, meta.first("summary"), sources, text=text)


def _scan(
    root: Path, problems: list[Problem], stamps: bool = True
) -> dict[str, tuple[str, tuple[int, int] | None]]:
    """Find every ``.md`` file under ``root`` without leaving it or looping; with ``stamps``, also
    each file's (size, mtime) — one ``stat`` per file, the dearest part of scanning a large root."""
    found: dict[str, tuple[str, tuple[int, int] | None]] = {}
    real_root = os.path.realpath(root)

    def visit(folder: str, rel_folder: str, depth: int) -> None:
        if depth >= MAX_FOLDER_DEPTH:
            problems.append(Problem(rel_folder, 1, f"folder nested deeper than {MAX_FOLDER_DEPTH}; skipped"))
            return
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(rel_folder or "./", 1, f"cannot read folder: {error.strerror or error}"))
            return
        for entry in entries:
            name, rel = entry.name, rel_folder + entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, rel + "/", depth + 1)
                    continue
                if entry.is_symlink():
                    if os.path.isdir(entry.path):
                        problems.append(
                            Problem(rel + "/", 1, "symbolic link to a folder skipped (links could loop)")
                        )
                        continue
                    if not name.endswith(".md"):
                        continue
                    target = os.path.realpath(entry.path)
                    if os.path.commonpath([real_root, target]) != real_root:
                        problems.append(Problem(rel, 1, "symbolic link leaves the content root; skipped"))
                        continue
                    status = os.stat(entry.path)
                elif name.endswith(".md"):
                    if not stamps:
                        found[rel] = (entry.path, None)
                        continue
                    status = entry.stat(follow_symlinks=False)
                else:
                    continue
            except (OSError, ValueError):
                problems.append(
                    Problem(rel, 1, "broken or looping symbolic link, or unreadable entry; skipped")
                )
                continue
            found[rel] = (entry.path, (status.st_size, status.st_mtime_ns))

    visit(os.fspath(root), "", 0)
    return found


def load_content(root: Path, cache_dir: Path | None = None, verify: bool = True) -> ContentRoot:
    """Load the content root at ``root``; never raises for bad content (see :func:`_load_content`)."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of small objects and no cycles: the collector would only slow this
    try:
        try:
            return _load_content(root, cache_dir, verify)
        except (TypeError, ValueError, AttributeError):
            # Only a topic cache that passes its checksum yet holds entries of the wrong types
            # (edited by hand, say) gets here: set it aside and load again, which rebuilds it.
            from reader.core.content.topic_cache import MetadataCache
            from reader.core.storage import set_aside

            aside = set_aside(MetadataCache(Path(root), cache_dir).path)
            content = _load_content(root, cache_dir, verify)
            kept = f"; the bad file was kept as {aside.name}" if aside else ""
            content.notices.append(f"The topic cache could not be used and was rebuilt{kept}")
            return content
    finally:
        if collecting:
            gc.enable()


def _load_content(root: Path, cache_dir: Path | None, verify: bool) -> ContentRoot:
    """Load the content root at ``root``; never raises for bad content.

    With ``verify=False`` a root of ``TRUSTED_CACHE_MIN_TOPICS`` or more trusts its cached front
    matter without a ``stat`` per file (new and removed files are still seen);
    ``content.unverified_stamps`` then says to run :func:`reader.core.content.topic_cache.stale_files`
    later, off the start-up path.
    """
    root = Path(root)
    problems: list[Problem] = []
    notices: list[str] = []
    if not root.is_dir():
        problems.append(Problem(str(root), 1, "content root is not a folder"))
        return ContentRoot(root, {}, [], problems)
    topics: dict[str, Topic] = {}
    from reader.core.content.topic_cache import CacheEntry, MetadataCache

    found = _scan(root, problems, stamps=verify)
    trust_cache = not verify and len(found) >= TRUSTED_CACHE_MIN_TOPICS
    if not verify and not trust_cache:  # a few hundred stats cost less than a reload after an edit
        found = {rel: (path, stamp or file_stamp(path)) for rel, (path, stamp) in found.items()}
    cache = MetadataCache(root, cache_dir) if found else None  # cheaper than parsing, even at 30 topics
    cached = cache.load() if cache is not None else {}
    fresh: dict[str, CacheEntry] = {}
    changed = len(found) != len(cached)
    for rel, (path_text, stamp) in found.items():
        topic_id = topic_id_for(rel)
        if topic_id in topics:
            problems.append(Problem(rel, 1, f"duplicate topic id {topic_id!r}; this file is ignored"))
            continue
        if cache is None:
            topics[topic_id] = _topic_from_file(topic_id, Path(path_text), rel, problems)
            continue
        entry = cached.get(rel)
        if entry is None or (stamp is not None and entry.stamp != stamp):
            file_problems: list[Problem] = []
            topic = _topic_from_file(topic_id, Path(path_text), rel, file_problems)
            entry = CacheEntry.of(topic, stamp or file_stamp(path_text), file_problems)
            changed = True
        topics[topic_id] = entry.topic(topic_id, path_text)
        if entry.problems:
            problems.extend(Problem(rel, line, message) for line, message in entry.problems)
        fresh[rel] = entry
    if cache is not None:
        notices.extend(cache.notices)
        if changed or fresh.keys() != cached.keys():
            cache.save(fresh)
    for topic_id in sorted(topics):
        _attach_to_parent(topic_id, topics, root)
    top_level: list[str] = []
    for topic in topics.values():
        if topic.parent_id is None:
            top_level.append(topic.id)

    def sort_key(topic_id: str) -> tuple[int, int, str]:
        topic = topics[topic_id]
        return (0 if topic_id == ROOT_INDEX_ID else 1, topic.order, topic_id.rsplit("/", 1)[-1])

    top_level.sort(key=sort_key)
    for topic in topics.values():
        topic.children.sort(key=sort_key)
    content = ContentRoot(root, topics, top_level, problems, notices)
    if cache is not None and trust_cache:
        content.unverified_stamps = {rel: entry.stamp for rel, entry in fresh.items()}
    return content


def file_stamp(path: str | Path) -> tuple[int, int]:
    """A file's (size, mtime_ns), or (-1, -1) if it cannot be read: what the topic cache compares."""
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


def _attach_to_parent(topic_id: str, topics: dict[str, Topic], root: Path) -> None:
    """Link a topic to its folder's topic, creating folder topics that have no ``index.md``."""
    if topic_id == ROOT_INDEX_ID or "/" not in topic_id:
        return
    parent_id = topic_id.rsplit("/", 1)[0]
    if parent_id not in topics:
        folder_name = parent_id.rsplit("/", 1)[-1]
        topics[parent_id] = Topic(parent_id, None, _pretty_name(folder_name))
        _attach_to_parent(parent_id, topics, root)
    topics[topic_id].parent_id = parent_id
    topics[parent_id].children.append(topic_id)  # each topic is attached once: no membership test
