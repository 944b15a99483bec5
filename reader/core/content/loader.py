"""Load a content root: a folder of Markdown topics with front matter, nested by sub-folders.

Only file names and front matter are read here; nothing is rendered, so building the tree
stays cheap even for very large content roots. Problems never raise: each becomes a
:class:`~reader.core.problems.Problem`, and a topic that cannot be read keeps its place with an
``error``. :class:`ContentLoader` owns the topic cache; nothing else in the app touches it.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from reader.core.content.front_matter import markdown_body, parse_front_matter
from reader.core.content.lines import first_title_heading
from reader.core.content.model import (
    DEFAULT_ORDER,
    ROOT_INDEX_ID,
    ContentRoot,
    Topic,
    folder_pages,
    page_of_readme,
    topic_id_for,
)
from reader.core.content.scan import Found, Stamp, file_stamp, read_topic_text, scan
from reader.core.content.topic_cache import CachedTree, CacheEntry, TopicCache
from reader.core.problems import Problem
from reader.core.safe_text import display_title

logger = logging.getLogger(__name__)

LARGE_ROOT_TOPICS = 500
"""From this many topics a root is large: a quick start trusts the topic cache without a ``stat``
per file, and search keeps its index on disk. Below it, doing the work again costs less."""


class ContentLoader:
    """Loads one content root through its topic cache, and says which files a quick load trusted.

    ``cache_dir`` is the user cache folder (default :func:`reader.core.storage.user_cache_dir`).
    Use one loader per root: :meth:`changed_files` answers for the last :meth:`load`.
    """

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = Path(root)
        self._cache_dir = cache_dir
        self._trusted: dict[str, Stamp] = {}
        self._listed: list[Problem] | None = None  # what listing the folders found, if not listed

    def load(self, verify: bool = True, list_folders: bool = True) -> ContentRoot:
        """Load the content root; never raises for bad content or a damaged topic cache.

        With ``verify=False`` a root of ``LARGE_ROOT_TOPICS`` or more trusts its cached front
        matter without a ``stat`` per file (new and removed files are still seen); call
        :meth:`changed_files` later, off the start-up path, to learn what changed meanwhile.
        With ``list_folders=False`` as well, such a root takes the tree saved in its topic cache
        without listing its folders: :meth:`changed_files` then finds new and removed files too.
        A bug in the loader is logged with its traceback and raised.
        """
        root = self.root
        self._trusted, self._listed = {}, None
        problems: list[Problem] = []
        if not root.is_dir():
            problems.append(Problem(str(root), 1, "content root is not a folder"))
            return ContentRoot(root, {}, [], problems)
        topic_cache = TopicCache(root, self._cache_dir)
        cached = {} if verify or list_folders else topic_cache.load()
        listed = None if verify or list_folders else _saved_listing(topic_cache.tree, cached)
        unlisted = listed is not None
        if listed is not None:  # a large root's saved tree: its folders are listed after first paint
            found = _found_in(root, cached)
        else:
            listed = []
            found = scan(root, listed, stamps=verify)
        problems.extend(listed)
        trust_cache = not verify and len(found) >= LARGE_ROOT_TOPICS
        if not verify and not trust_cache:  # a few hundred stats cost less than a reload after an edit
            found = {rel: (path, stamp or file_stamp(path)) for rel, (path, stamp) in found.items()}
        cache = topic_cache if found else None  # cheaper than parsing, even at 30 topics
        if cache is None:
            cached = {}
        elif verify or list_folders:
            cached = cache.load()
        built = _from_tree(found, cached, cache.tree) if cache is not None else None
        try:
            if built is not None:
                topics, top_level, fresh, file_problems = built
            else:
                topics, top_level, fresh, file_problems = _build(found, cached, cache is not None)
        except (TypeError, ValueError):
            # A cache that passes its checksum but was edited by hand can hold entries of the wrong
            # types; anything else that gets here is a bug in the loader and must be seen as one.
            if cache is None or all(entry.is_well_formed() for entry in cached.values()):
                logger.exception("loading %s failed: a bug in the loader, not a damaged topic cache", root)
                raise
            logger.warning("the topic cache %s holds entries of the wrong types", cache.path, exc_info=True)
            cache.set_aside()
            cached = {}
            topics, top_level, fresh, file_problems = _build(found, cached, True)
        problems.extend(file_problems)
        notices: list[str] = []
        if cache is not None:
            notices.extend(cache.notices)
            tree = _tree_to_cache(found, topics, top_level, listed) if built is None else None
            if fresh != cached or tree is not None:
                cache.save(fresh, tree)
            if trust_cache:
                self._trusted = {rel: entry.stamp for rel, entry in fresh.items()}
                self._listed = listed if unlisted else None
        logger.debug("loaded %s: %d topics, topic cache trusted: %s", root, len(topics), trust_cache)
        return ContentRoot(root, topics, top_level, problems, notices)

    @property
    def trusted_cache(self) -> bool:
        """True when the last :meth:`load` trusted the topic cache without a ``stat`` per file."""
        return bool(self._trusted)

    def changed_files(self) -> list[str]:
        """Root-relative paths of the files that changed since the last :meth:`load` trusted the
        topic cache for them; ``[]`` at once if that load checked every file. Safe on any thread.

        If that load took the saved tree without listing the folders, they are listed now: new
        and removed files count as changed, and ``"./"`` stands for a change in what the listing
        reports (an unreadable folder, a symbolic link skipped).
        """
        trusted, listed = self._trusted, self._listed
        if listed is None:  # the load listed the folders: new and removed files were seen then
            return [rel for rel, stamp in trusted.items() if file_stamp(self.root / rel) != stamp]
        problems: list[Problem] = []
        found = scan(self.root, problems, stamps=True)
        changed = [rel for rel, (_path, stamp) in found.items() if trusted.get(rel) != stamp]
        changed.extend(rel for rel in trusted if rel not in found)
        if problems != listed:
            changed.append("./")  # a folder became unreadable, a symbolic link came or went
        return changed


def load_content(root: Path, cache_dir: Path | None = None, verify: bool = True) -> ContentRoot:
    """Load the content root at ``root`` once (see :meth:`ContentLoader.load`)."""
    return ContentLoader(root, cache_dir).load(verify)


_Built = tuple[dict[str, Topic], list[str], dict[str, CacheEntry], list[Problem]]
"""What building a root gives: topics by id, top-level ids in order, entries to cache, problems."""


def _saved_listing(tree: CachedTree | None, cached: dict[str, CacheEntry]) -> list[Problem] | None:
    """What listing the folders reported when ``tree`` was saved, if a large root may trust it."""
    if tree is None or len(cached) < LARGE_ROOT_TOPICS:
        return None
    try:
        return [Problem(path, line, message) for path, line, message in tree.listing]
    except (TypeError, ValueError):
        return None


def _found_in(root: Path, cached: dict[str, CacheEntry]) -> Found:
    """The files of the cached entries, as :func:`scan` without stamps would find them."""
    folder = os.fspath(root)
    if os.sep == "/":
        return {rel: (f"{folder}/{rel}", None) for rel in cached}
    return {rel: (os.path.join(folder, *rel.split("/")), None) for rel in cached}


def _from_tree(found: Found, cached: dict[str, CacheEntry], tree: CachedTree | None) -> _Built | None:
    """The topics of :func:`_build`, from the tree saved with ``cached``; ``None`` unless the files
    found are exactly the tree's and every entry can be reused (its stamp matches or is unknown).

    Nothing is sorted or attached: each topic's children come from the tree as they were saved.
    """
    if tree is None or len(tree.ids) != len(cached) or found.keys() != cached.keys():
        return None
    topics: dict[str, Topic] = {}
    problems: list[Problem] = []
    ids = tree.ids
    try:
        for (rel, entry), topic_id in zip(cached.items(), ids, strict=True):
            path_text, stamp = found[rel]
            if stamp is not None and entry.stamp != stamp:
                return None
            topics[topic_id] = entry.topic(topic_id, path_text)
            if entry.problems:
                problems.extend(Problem(rel, line, message) for line, message in entry.problems)
        for folder_id, title in tree.folders.items():
            topics[folder_id] = Topic(folder_id, None, title)
        for parent_id, children in tree.children.items():
            topics[parent_id].children = children
            for child in children:
                topics[child].parent_id = parent_id
        if len(topics) != len(ids) + len(tree.folders):
            return None  # two entries for one topic: the tree does not fit
    except (KeyError, TypeError, ValueError, AttributeError):
        logger.info("the saved topic tree does not fit its entries; building it again", exc_info=True)
        return None
    return topics, list(tree.top_level), cached, problems


def _tree_to_cache(
    found: Found, topics: dict[str, Topic], top_level: list[str], listed: list[Problem]
) -> CachedTree | None:
    """The tree to save beside the entries, or ``None`` when two files share a topic id (rare:
    the tree then cannot say which one was kept, so it is built again each time)."""
    ids = [topic.id for topic in topics.values() if topic.path_text is not None]
    if len(ids) != len(found):
        return None
    folders = {topic.id: topic.title for topic in topics.values() if topic.path_text is None}
    children = {topic.id: topic.children for topic in topics.values() if topic.children}
    listing = [(problem.path, problem.line, problem.message) for problem in listed]
    return CachedTree(ids, folders, children, top_level, listing)


def _build(found: Found, cached: dict[str, CacheEntry], use_cache: bool) -> _Built:
    """Topics for the ``found`` files, from ``cached`` entries where their stamps match.

    Returns the topics by id, the top-level ids in reading order, the entries to cache and the
    problems met. Raises ``TypeError``/``ValueError`` only if a cached entry has the wrong types.
    """
    topics: dict[str, Topic] = {}
    fresh: dict[str, CacheEntry] = {}
    problems: list[Problem] = []
    readme_pages = folder_pages(found)
    for rel, (path_text, stamp) in found.items():
        topic_id = readme_pages.get(rel) or topic_id_for(rel)
        if topic_id in topics:
            problems.append(Problem(rel, 1, f"duplicate topic id {topic_id!r}; this file is ignored"))
            continue
        if not use_cache:
            topics[topic_id] = _topic_from_file(topic_id, Path(path_text), rel, problems)
            continue
        entry = cached.get(rel)
        if entry is None or (stamp is not None and entry.stamp != stamp):
            file_problems: list[Problem] = []
            topic = _topic_from_file(topic_id, Path(path_text), rel, file_problems)
            entry = CacheEntry.of(topic, stamp or file_stamp(path_text), file_problems)
        topics[topic_id] = entry.topic(topic_id, path_text)
        if entry.problems:
            problems.extend(Problem(rel, line, message) for line, message in entry.problems)
        fresh[rel] = entry
    for topic_id in sorted(topics):
        _attach_to_parent(topic_id, topics)
    top_level = [topic.id for topic in topics.values() if topic.parent_id is None]

    _sort_siblings(topics, top_level)
    return topics, top_level, fresh, problems


_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
_NUMBER = re.compile(r"([0-9]+)")


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts ``part-2`` before ``part-10`` (case-insensitive)."""
    key = tuple(
        (1, int(part)) if part.isascii() and part.isdigit() else (0, part.casefold())
        for part in _NUMBER.split(name)
    )
    return (*key, (0, name))  # names equal but for case or leading zeros keep one order


def _sort_siblings(topics: dict[str, Topic], top_level: list[str]) -> None:
    """Sort siblings by ``order``; those without it in the order their folder's ``SUMMARY.md``
    (GitBook's table of contents), then its index page, link to them; then by natural name order."""

    def linked_order(parent_id: str | None, children: list[str]) -> dict[str, int]:
        if all(topics[child].order != DEFAULT_ORDER for child in children):
            return {}  # every sibling has its order: no need to read the index page
        folder = parent_id + "/" if parent_id else ""
        # GitBook's table of contents first, then the folder's own page
        pages = [topics.get(folder + "SUMMARY"), topics.get(parent_id or ROOT_INDEX_ID)]
        text = "\n".join(markdown_body(page.text) for page in pages if page and page.path and not page.error)
        position: dict[str, int] = {}
        for match in _LINK_TARGET.finditer(text):
            target = unquote(match.group(1).split("#", 1)[0].split("?", 1)[0])
            if not target or ":" in target.split("/", 1)[0]:
                continue
            for suffix in (".html", ".htm"):
                target = target.removesuffix(suffix)
            if target.startswith("/"):
                found = site_topic(target)
                candidates = [found] if found else []
            else:
                joined = posixpath.normpath(posixpath.join(folder, target))
                candidates = [page_of_readme(topic_id_for(joined), topics), topic_id_for(joined + ".md")]
            for candidate in candidates:
                if candidate in topics and candidate not in position:
                    position[candidate] = len(position)
        return position

    site: dict[str, str] = {}

    def site_topic(path: str) -> str | None:
        """The topic a site-absolute link names, by slug or path (as links.classify finds it)."""
        if not site:
            site.update({topic_id.casefold(): topic_id for topic_id in topics})
            for topic_id, topic in topics.items():
                slug = parse_front_matter(topic.text).first("slug").strip("/") if topic.path else ""
                if slug:
                    site.setdefault(slug.casefold(), topic_id)
        parts = [part for part in path.removesuffix(".md").split("/") if part]
        if parts and parts[-1].lower() == "index":
            parts.pop()
        return next(
            (site[key] for start in range(len(parts)) if (key := "/".join(parts[start:]).casefold()) in site),
            None,
        )

    def sort(parent_id: str | None, children: list[str]) -> None:
        linked = linked_order(parent_id, children)
        unlinked = len(linked)

        def key(topic_id: str) -> tuple[int, int, int, tuple[tuple[int, int | str], ...]]:
            name = topic_id.rsplit("/", 1)[-1]
            first = 0 if topic_id == ROOT_INDEX_ID else 1
            return (first, topics[topic_id].order, linked.get(topic_id, unlinked), _natural(name))

        children.sort(key=key)

    sort(None, top_level)
    for topic in topics.values():
        if topic.children:
            sort(topic.id, topic.children)


def _pretty_name(name: str) -> str:
    words = display_title(re.sub(r"[-_]+", " ", name)).strip()
    return words[:1].upper() + words[1:] if words else display_title(name)


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
    else:  # what other generators call it: Hugo, Docusaurus, Jekyll's just-the-docs
        for key in ("weight", "sidebar_position", "nav_order"):
            try:
                order = round(float(meta.first(key)))
                break
            except (ValueError, OverflowError):
                continue
    title = meta.first("title") or first_title_heading(markdown_body(text))
    title = display_title(title) or _pretty_name(name)
    sources = tuple(url for url in meta.values.get("sources", []) if url)
    summary = meta.first("summary") or meta.first("description")  # most generators say description
    return Topic(topic_id, path, title, order, summary, sources, text=text)


def _attach_to_parent(topic_id: str, topics: dict[str, Topic]) -> None:
    """Link a topic to its folder's topic, creating folder topics that have no ``index.md``."""
    if topic_id == ROOT_INDEX_ID or "/" not in topic_id:
        return
    parent_id = topic_id.rsplit("/", 1)[0]
    if parent_id not in topics:
        folder_name = parent_id.rsplit("/", 1)[-1]
        topics[parent_id] = Topic(parent_id, None, _pretty_name(folder_name))
        _attach_to_parent(parent_id, topics)
    topics[topic_id].parent_id = parent_id
    topics[parent_id].children.append(topic_id)  # each topic is attached once: no membership test
