"""Load a content root: a folder of Markdown topics with front matter, nested by sub-folders.

Only file names and front matter are read here; nothing is rendered, so building the tree
stays cheap even for very large content roots. Problems never raise: each becomes a
:class:`~reader.core.problems.Problem`, and a topic that cannot be read keeps its place with an
``error``. :class:`ContentLoader` owns the topic cache; nothing else in the app touches it.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable
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
from reader.core.content.quick import from_columns, from_listing, natural_key, pretty_name
from reader.core.content.scan import Found, Stamp, file_stamp, read_topic_text, scan
from reader.core.content.site_nav import nav_stamp, read_site_nav
from reader.core.content.topic_cache import CachedTree, CacheEntry, Fingerprint, TopicCache
from reader.core.content.verify import DiskCheck, changed_since
from reader.core.problems import Problem
from reader.core.safe_text import display_title

logger = logging.getLogger(__name__)

LARGE_ROOT_TOPICS = 500
"""From this many topics a root is large: a quick start trusts the topic cache without a ``stat``
per file, and search keeps its index on disk. Below it, doing the work again costs less. A first
start with at least this many files to read shows their names first (``titles_later``)."""

Progress = Callable[[int, int], None]
"""Called with (files read, files to read) while a load reads front matter."""
_PROGRESS_EVERY = 500


class ContentLoader:
    """Loads one content root through its topic cache, and says which files a quick load trusted.

    ``cache_dir`` is the user cache folder (default :func:`reader.core.storage.user_cache_dir`).
    Use one loader per root: :meth:`changed_files` answers for the last :meth:`load`.
    """

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = Path(root)
        self._cache_dir = cache_dir
        self._trusted: Callable[[], dict[str, Stamp]] | None = None  # stamps a quick load trusted
        self._listed: list[Problem] | None = None  # what listing the folders found, if not listed
        self._trusted_file: Fingerprint | None = None  # of the topic cache file holding those stamps
        self.titles_pending = False  # the last load titled topics by their names (see load)

    def load(
        self,
        verify: bool = True,
        list_folders: bool = True,
        titles_later: bool = False,
        progress: Progress | None = None,
    ) -> ContentRoot:
        """Load the content root; never raises for bad content or a damaged topic cache.

        With ``verify=False`` a root of ``LARGE_ROOT_TOPICS`` or more trusts its cached front
        matter without a ``stat`` per file (new and removed files are still seen); call
        :meth:`changed_files` later, off the start-up path, to learn what changed meanwhile.
        With ``list_folders=False`` as well, such a root takes the tree saved in its topic cache
        without listing its folders (each topic made on first use, see
        :mod:`reader.core.content.quick`): :meth:`changed_files` then finds new and removed files.
        With ``titles_later`` as well, a root with ``LARGE_ROOT_TOPICS`` or more files not in the
        topic cache is not read at all: its topics are titled by their file names, only the root's
        ``index.md`` is read, and :attr:`titles_pending` is set; load it again (in the background)
        for the real titles. ``progress`` is called now and then while front matter is read.
        A bug in the loader is logged with its traceback and raised.
        """
        root = self.root
        self._trusted, self._listed, self._trusted_file, self.titles_pending = None, None, None, False
        problems: list[Problem] = []
        if not root.is_dir():
            problems.append(Problem(str(root), 1, "content root is not a folder"))
            return ContentRoot(root, {}, [], problems)
        topic_cache = TopicCache(root, self._cache_dir)
        cached: dict[str, CacheEntry] = {}
        if not verify and not list_folders:
            columns = topic_cache.load_columns()
            tree = topic_cache.tree
            if tree is not None and tree.nav != nav_stamp(root):
                tree = None  # mkdocs.yml came, went or changed: the order must be worked out again
            if columns is not None and tree is not None and len(columns.rels) >= LARGE_ROOT_TOPICS:
                quick = from_columns(root, columns, tree)
                if quick is not None:  # a large root's saved tree: folders are listed after first paint
                    content, self._listed = quick
                    self._trusted, self._trusted_file = columns.stamps, topic_cache.fingerprint
                    content.notices.extend(topic_cache.notices)
                    logger.debug("loaded %s from its saved tree: %d topics", root, len(columns.rels))
                    return content
            cached = columns.entries() if columns is not None else {}
        listed: list[Problem] = []
        found = scan(root, listed, stamps=verify)
        unread = sum(rel not in cached for rel in found) if cached else len(found)
        if titles_later and not verify and not list_folders and unread >= LARGE_ROOT_TOPICS:
            content = self._names_only(found, listed)
            content.notices.extend(topic_cache.notices)
            return content
        problems.extend(listed)
        trust_cache = not verify and len(found) >= LARGE_ROOT_TOPICS
        if not verify and not trust_cache:  # a few hundred stats cost less than a reload after an edit
            found = {rel: (path, stamp or file_stamp(path)) for rel, (path, stamp) in found.items()}
        cache = topic_cache if found else None  # cheaper than parsing, even at 30 topics
        if cache is None:
            cached = {}
        elif verify or list_folders:
            cached = cache.load()
        stamp = nav_stamp(root)
        saved = cache.tree if cache is not None else None
        built = _from_tree(found, cached, saved if saved is not None and saved.nav == stamp else None)
        nav: dict[str, int] = {}
        try:
            if built is not None:
                topics, top_level, fresh, file_problems = built
            else:
                nav = read_site_nav(root).positions  # its problems are --check's to report
                use_cache = cache is not None
                topics, top_level, fresh, file_problems = _build(found, cached, use_cache, progress, nav)
        except (TypeError, ValueError):
            # A cache that passes its checksum but was edited by hand can hold entries of the wrong
            # types; anything else that gets here is a bug in the loader and must be seen as one.
            if cache is None or all(entry.is_well_formed() for entry in cached.values()):
                logger.exception("loading %s failed: a bug in the loader, not a damaged topic cache", root)
                raise
            logger.warning("the topic cache %s holds entries of the wrong types", cache.path, exc_info=True)
            cache.set_aside()
            cached = {}
            topics, top_level, fresh, file_problems = _build(found, cached, True, nav=nav)
        problems.extend(file_problems)
        notices: list[str] = []
        if cache is not None:
            notices.extend(cache.notices)
            tree = _tree_to_cache(found, topics, top_level, listed, stamp) if built is None else None
            if fresh != cached or tree is not None:
                cache.save(fresh, tree)
            if trust_cache:
                stamps = {rel: entry.stamp for rel, entry in fresh.items()}
                self._trusted, self._trusted_file = (lambda: stamps), cache.fingerprint  # None: not saved
        logger.debug("loaded %s: %d topics, topic cache trusted: %s", root, len(topics), trust_cache)
        return ContentRoot(root, topics, top_level, problems, notices)

    def _names_only(self, found: Found, listed: list[Problem]) -> ContentRoot:
        """The tree of file names (see :func:`reader.core.content.quick.from_listing`)."""
        readme_pages = folder_pages(found)
        ids = [readme_pages.get(rel) or topic_id_for(rel) for rel in found]
        index, index_problems = None, list[Problem]()
        start = next(
            (rel for rel, topic_id in zip(found, ids, strict=True) if topic_id == ROOT_INDEX_ID), None
        )
        if start is not None:  # the start page (index.md or README.md): read, its problems shown at once
            index = _topic_from_file(ROOT_INDEX_ID, Path(found[start][0]), start, index_problems)
        content = from_listing(self.root, found, ids, index)
        content.problems.extend(listed + index_problems)
        self.titles_pending = True
        logger.info("%s: %d topics titled by file name until their front matter is read", self.root, len(ids))
        return content

    @property
    def trusted_cache(self) -> bool:
        """True when the last :meth:`load` trusted the topic cache without a ``stat`` per file."""
        return self._trusted is not None

    def changed_files(self) -> list[str]:
        """Root-relative paths of the files that changed since the last :meth:`load` trusted the
        topic cache for them; ``[]`` at once if that load checked every file. Safe on any thread.

        If that load took the saved tree without listing the folders, they are listed now: new
        and removed files count as changed, and ``"./"`` stands for a change in what the listing
        reports (an unreadable folder, a symbolic link skipped). :attr:`disk_check` lets a child
        process do this work instead.
        """
        stamps = self._trusted
        return changed_since(self.root, stamps(), self._listed) if stamps is not None else []

    @property
    def disk_check(self) -> DiskCheck | None:
        """What :func:`~reader.core.content.verify.count_changed_in_child` needs to do the work
        of :meth:`changed_files` in a child process; ``None`` if the last load trusted nothing, or
        if the stamps it trusted are not in a topic cache file (it could not be written)."""
        if self._trusted is None or self._trusted_file is None:
            return None
        cache_dir = str(self._cache_dir) if self._cache_dir is not None else None
        return DiskCheck(str(self.root), cache_dir, self._trusted_file, self._listed is not None)


def load_content(root: Path, cache_dir: Path | None = None, verify: bool = True) -> ContentRoot:
    """Load the content root at ``root`` once (see :meth:`ContentLoader.load`)."""
    return ContentLoader(root, cache_dir).load(verify)


_Built = tuple[dict[str, Topic], list[str], dict[str, CacheEntry], list[Problem]]
"""What building a root gives: topics by id, top-level ids in order, entries to cache, problems."""


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
    found: Found,
    topics: dict[str, Topic],
    top_level: list[str],
    listed: list[Problem],
    nav: tuple[str, int, int] | None,
) -> CachedTree | None:
    """The tree to save beside the entries, or ``None`` when two files share a topic id (rare:
    the tree then cannot say which one was kept, so it is built again each time)."""
    ids = [topic.id for topic in topics.values() if topic.path_text is not None]
    if len(ids) != len(found):
        return None
    folders = {topic.id: topic.title for topic in topics.values() if topic.path_text is None}
    children = {topic.id: topic.children for topic in topics.values() if topic.children}
    listing = [(problem.path, problem.line, problem.message) for problem in listed]
    return CachedTree(ids, folders, children, top_level, listing, nav)


def _build(
    found: Found,
    cached: dict[str, CacheEntry],
    use_cache: bool,
    progress: Progress | None = None,
    nav: dict[str, int] | None = None,
) -> _Built:
    """Topics for the ``found`` files, from ``cached`` entries where their stamps match;
    ``progress`` is told every few hundred files how many of ``found`` are done; ``nav`` places
    root-relative paths in reading order (MkDocs' ``nav:``, :mod:`reader.core.content.site_nav`).

    Returns the topics by id, the top-level ids in reading order, the entries to cache and the
    problems met. Raises ``TypeError``/``ValueError`` only if a cached entry has the wrong types.
    """
    topics: dict[str, Topic] = {}
    fresh: dict[str, CacheEntry] = {}
    problems: list[Problem] = []
    readme_pages = folder_pages(found)
    for number, (rel, (path_text, stamp)) in enumerate(found.items()):
        if progress is not None and number % _PROGRESS_EVERY == 0:
            progress(number, len(found))
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

    _sort_siblings(topics, top_level, _nav_places(nav or {}, readme_pages))
    return topics, top_level, fresh, problems


def _nav_places(nav: dict[str, int], readme_pages: dict[str, str]) -> dict[str, int]:
    """Topic id → place in the site's navigation; a folder takes the first place inside it."""
    places: dict[str, int] = {}
    for rel, place in nav.items():
        topic_id: str | None = readme_pages.get(rel) or topic_id_for(rel)
        while topic_id and places.get(topic_id, place + 1) > place:
            places[topic_id] = place
            topic_id = topic_id.rpartition("/")[0] or None
    return places


_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")


def _toctree_links(text: str) -> str:
    """The entries of MyST ``{toctree}`` directives in ``text`` as Markdown link targets
    (``](entry.md)``), in order, so a Sphinx folder's page orders its children; one pass."""
    links: list[str] = []
    fence = ""
    for line in text.split("\n"):
        stripped = line.strip()
        if not fence:
            if stripped.endswith("{toctree}") and stripped[:1] in "`:":
                fence = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]
            continue
        if stripped.startswith(fence) and not stripped.strip(fence[0]):
            fence = ""
        elif stripped and not stripped.startswith(":"):
            target = stripped[stripped.rfind("<") + 1 : -1] if stripped.endswith(">") else stripped
            links.append(f"]({target.strip()}.md)")
    return "\n".join(links)


def _sort_siblings(topics: dict[str, Topic], top_level: list[str], nav: dict[str, int]) -> None:
    """Sort siblings by ``order``; those without it by their place in ``nav`` (topic id → place in
    MkDocs' navigation), then in the order their folder's ``SUMMARY.md`` (GitBook's table of
    contents), then its index page, link to them; then by natural name order."""

    def linked_order(parent_id: str | None, children: list[str]) -> dict[str, int]:
        if all(topics[child].order != DEFAULT_ORDER for child in children):
            return {}  # every sibling has its order: no need to read the index page
        folder = parent_id + "/" if parent_id else ""
        # GitBook's table of contents first, then the folder's own page
        pages = [topics.get(folder + "SUMMARY"), topics.get(parent_id or ROOT_INDEX_ID)]
        text = "\n".join(markdown_body(page.text) for page in pages if page and page.path and not page.error)
        if "{toctree}" in text:
            text = _toctree_links(text) + "\n" + text
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

    unplaced = len(nav) + 1

    def sort(parent_id: str | None, children: list[str]) -> None:
        linked = linked_order(parent_id, children)
        unlinked = len(linked)

        def key(topic_id: str) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
            name = topic_id.rsplit("/", 1)[-1]
            first = 0 if topic_id == ROOT_INDEX_ID else 1
            place = nav.get(topic_id, unplaced)
            return (first, topics[topic_id].order, place, linked.get(topic_id, unlinked), natural_key(name))

        children.sort(key=key)

    sort(None, top_level)
    for topic in topics.values():
        if topic.children:
            sort(topic.id, topic.children)


def _topic_from_file(topic_id: str, path: Path, rel: str, problems: list[Problem]) -> Topic:
    """Read one topic file; its problems are appended to ``problems``."""
    name = topic_id.rsplit("/", 1)[-1]
    text, error = read_topic_text(path)
    if text is None:
        problems.append(Problem(rel, 1, error or "unreadable"))
        return Topic(topic_id, path, pretty_name(name), error=error)
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
    title = display_title(title) or pretty_name(name)
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
        topics[parent_id] = Topic(parent_id, None, pretty_name(folder_name))
        _attach_to_parent(parent_id, topics)
    topics[topic_id].parent_id = parent_id
    topics[parent_id].children.append(topic_id)  # each topic is attached once: no membership test
