"""Full-text search over a content root with SQLite FTS5 (no Qt).

The index has two weighted columns, ``title`` and ``body`` (summary plus plain text of the
Markdown), tokenised with ``porter unicode61`` so "queries" finds "query". User text never
reaches FTS5 as syntax: :func:`fts_query` turns it into quoted terms that must all match, the
last one as a prefix, so typing "query la" already finds "lazy". The stemmer also stems that
prefix ("query" becomes "queri"), which would miss "queryset": when it changes the last word,
the words of the index that start with the word as typed are searched too.

Large match sets are ranked in part: past :data:`RANK_CANDIDATES` matching topics, bm25 orders
only the first that many matches in index order plus the first that many title matches (the
title weighs most), so a keystroke costs about the same at 100,000 topics as at 10,000.

Small roots are indexed in memory on demand. Large roots (``cache_threshold`` topics or more,
by default :data:`~reader.core.content.loader.LARGE_ROOT_TOPICS`) are kept in a SQLite file in
``<user cache>/search/`` keyed by the root path, queried in place (not copied into memory),
and reused while the files keep the same (path, size, mtime_ns) signature. A corrupt cache file
is moved aside and rebuilt.
:func:`build_index` may run on a worker thread; the index it returns can then be used from one
other thread (the connection is opened with ``check_same_thread=False``, never shared at once).
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.content.loader import LARGE_ROOT_TOPICS, load_content
from reader.core.search.plaintext import PLAINTEXT_VERSION, topic_plain_text
from reader.core.storage import atomic_replace, cache_key, set_aside, user_cache_dir

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reader.core.content.model import ContentRoot

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
DEFAULT_LIMIT = 50
SHORT_PREFIX_TITLES_FROM = 2000  # topics; see fts_query()
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
SNIPPET_TOKENS = 20
MAX_QUERY_TERMS = 12
RANK_CANDIDATES = 2000  # matching topics past which ranking looks at a subset (see module doc)
MAX_PREFIX_WORDS = 24  # index words added for a last word the stemmer changes

_RANKING = f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})"
_MARK_START, _MARK_END, _ELLIPSIS = "\x02", "\x03", "…"
# A term is a run of letters/digits, optionally joined to more by connectors ("get_response",
# "request.user", "don't"); FTS5 reads such a quoted term as a phrase of its tokens.
_TERM = re.compile(r"[^\W_]+(?:[_.'’\-/:][^\W_]+)*")
_TOKEN = re.compile(r"[^\W_]+")
_SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE fts USING fts5("
    "title, body, topic_id UNINDEXED, tokenize='porter unicode61 remove_diacritics 2');"
)


@dataclass(frozen=True)
class SearchResult:
    """One hit: ``snippet_html`` is escaped HTML with the matched words in ``<b>``."""

    topic_id: str
    title: str
    snippet_html: str
    plain_snippet: str
    score: float


def query_terms(query: str) -> list[str]:
    """Split user text into search terms (connected words such as ``get_response`` stay one term)."""
    return _TERM.findall(query)[:MAX_QUERY_TERMS]


def fts_query(query: str, short_prefix_in_titles: bool = False) -> str | None:
    """Return a safe FTS5 query for user text: every term quoted, the last one a prefix.

    Returns ``None`` when the text holds no searchable word. FTS5 operators typed by the
    user (``AND``, ``NEAR``, ``*``, quotes, parentheses, column filters) are just words here.
    With ``short_prefix_in_titles`` a one-letter word still being typed only matches titles,
    which keeps the first keystroke fast on very large roots (it would match nearly every page).
    """
    terms = query_terms(query)
    if not terms:
        return None
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    if not query[-1:].isspace():
        quoted[-1] += "*"
        if short_prefix_in_titles and len(terms[-1]) == 1:
            quoted[-1] = "title : " + quoted[-1]
    return " ".join(quoted)


def terms_for_highlight(query: str) -> list[str]:
    """Return the distinct words of ``query`` to highlight in a page, longest first, lower case."""
    seen: dict[str, None] = {}
    for term in query_terms(query):
        for token in _TOKEN.findall(term):
            seen.setdefault(token.lower(), None)
    return sorted(seen, key=lambda word: (-len(word), word))


def content_signature(content: ContentRoot) -> str:
    """A :func:`~reader.core.storage.cache_key` of (relative path, size, mtime_ns) of every topic
    file, plus the index format: the index cache is reused only while it is the same."""
    lines = [f"schema={SCHEMA_VERSION};plain={PLAINTEXT_VERSION}"]
    for topic in sorted(content.topics.values(), key=lambda topic: topic.id):
        if topic.path is None:
            lines.append(f"folder\t{topic.id}")
            continue
        try:
            stat = topic.path.stat()
            stamp = f"{stat.st_size}\t{stat.st_mtime_ns}"
        except OSError:
            stamp = "missing"
        lines.append(f"{content.relative_path(topic)}\t{stamp}")
    return cache_key(*lines)


def cache_path_for(root: Path, cache_dir: Path) -> Path:
    """Return the index file kept for the content root at ``root`` under the user cache ``cache_dir``."""
    try:
        key_source = str(Path(root).resolve())
    except OSError:
        key_source = str(root)
    return cache_dir / "search" / f"{cache_key(key_source)}.sqlite3"


def _rows(content: ContentRoot) -> Iterator[tuple[str, str, str]]:
    for topic in content.topics.values():
        body = topic_plain_text(topic.text) if topic.text and not topic.error else ""
        if topic.summary:
            body = f"{topic.summary} {body}" if body else topic.summary
        yield topic.title, body, topic.id


def _fill(connection: sqlite3.Connection, content: ContentRoot, signature: str) -> None:
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    with connection:
        connection.executemany("INSERT INTO fts(title, body, topic_id) VALUES (?, ?, ?)", _rows(content))
        connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        connection.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            [("signature", signature), ("topics", str(len(content.topics)))],
        )


def _memory_connection() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", check_same_thread=False)


def _open_cache(path: Path, signature: str) -> sqlite3.Connection | None:
    """Open a valid cache file read-only, to be queried in place; ``None`` if missing or stale;
    raises ``sqlite3.Error`` if corrupt."""
    if not path.is_file():
        return None
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        row = source.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        if row is None or row[0] != signature:
            source.close()
            return None
        source.execute("SELECT count(*) FROM fts WHERE fts MATCH '\"a\"*'").fetchone()
        source.execute("PRAGMA integrity_check(1)").fetchone()
    except BaseException:
        source.close()
        raise
    return source


def _write_cache(memory: sqlite3.Connection, path: Path) -> bool:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(temporary)
        try:
            memory.backup(target)
        finally:
            target.close()
        atomic_replace(temporary, path)
        return True
    except (OSError, sqlite3.Error):
        logger.info("could not write the search index cache %s", path, exc_info=True)
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False


class SearchIndex:
    """A ready FTS5 index of one content root. Use it from one thread at a time."""

    def __init__(self, connection: sqlite3.Connection, topic_count: int, from_cache: bool = False) -> None:
        self._connection = connection
        self.topic_count = topic_count
        self.from_cache = from_cache
        self.notices: list[str] = []

    @classmethod
    def build(
        cls,
        content: ContentRoot,
        cache_dir: Path | None = None,
        cache_threshold: int = LARGE_ROOT_TOPICS,
    ) -> SearchIndex:
        """Index ``content``; large roots are loaded from or saved to the cache (never raises for it)."""
        use_cache = len(content.topics) >= cache_threshold
        signature = content_signature(content) if use_cache else ""
        path = cache_path_for(content.root, cache_dir or user_cache_dir()) if use_cache else None
        notices: list[str] = []
        if path is not None:
            try:
                cached = _open_cache(path, signature)
            except sqlite3.Error:
                logger.info("the search index cache %s is damaged", path, exc_info=True)
                aside = set_aside(path)
                kept = f"; kept as {aside.name}" if aside else ""
                notices.append(f"The search index cache could not be read and was rebuilt{kept}")
                cached = None
            if cached is not None:
                return cls(cached, len(content.topics), from_cache=True)
        memory = _memory_connection()
        _fill(memory, content, signature)
        connection = memory
        if path is not None and _write_cache(memory, path):
            with contextlib.suppress(sqlite3.Error):  # query the file in place; memory is freed
                connection = _open_cache(path, signature) or memory
            if connection is not memory:
                memory.close()
        index = cls(connection, len(content.topics))
        index.notices.extend(notices)
        return index

    def __len__(self) -> int:
        return self.topic_count

    def close(self) -> None:
        """Close the database; the index cannot search afterwards."""
        self._connection.close()

    def __del__(self) -> None:  # an index dropped without close() must not leak its connection
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[SearchResult]:
        """Return up to ``limit`` results, best first; never raises for odd user text."""
        match = fts_query(query, short_prefix_in_titles=self.topic_count >= SHORT_PREFIX_TITLES_FROM)
        if match is None or limit <= 0:
            return []
        try:
            match = self._with_unstemmed_prefix(query, match)
            cutoff = self._cutoff(match)
            if cutoff is None:
                rows = self._ranked(match, limit, None)
            else:  # too many matches to rank them all per keystroke: rank title hits and a subset
                title_match = f"title : ({match})"
                title_cutoff = self._cutoff(title_match)
                found = {row[0]: row for row in self._ranked(title_match, limit, title_cutoff)}
                for row in self._ranked(match, limit, cutoff):
                    found.setdefault(row[0], row)
                rows = sorted(found.values(), key=lambda row: row[3])[:limit]
        except sqlite3.Error:
            logger.exception("searching for %r failed", query)
            return []
        return [
            SearchResult(topic_id, title, _snippet_html(snippet), _plain(snippet), -score)
            for topic_id, title, snippet, score in rows
        ]

    def _cutoff(self, match: str) -> int | None:
        """The rowid of the match just past the first ``RANK_CANDIDATES``, or ``None`` when there
        are no more than that. Unranked, so cheap: FTS5 stops there."""
        row = self._connection.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 1 OFFSET ?", (match, RANK_CANDIDATES)
        ).fetchone()
        return None if row is None else int(row[0])

    def _ranked(self, match: str, limit: int, cutoff: int | None) -> list[tuple[str, str, str, float]]:
        """The best ``limit`` rows (topic id, title, snippet, rank: lower is better) among the
        matches before rowid ``cutoff`` (all matches for ``None``)."""
        # "rank MATCH" + "ORDER BY rank" lets FTS5 sort internally and compute snippets for
        # the returned rows only; this is about twice as fast as ORDER BY bm25(...).
        where = "fts MATCH ? AND rank MATCH ?" + (" AND rowid < ?" if cutoff is not None else "")
        sql = (
            "SELECT topic_id, title, snippet(fts, 1, ?, ?, ?, ?), rank FROM fts "
            f"WHERE {where} ORDER BY rank LIMIT ?"
        )
        params: tuple[object, ...] = (_MARK_START, _MARK_END, _ELLIPSIS, SNIPPET_TOKENS, match, _RANKING)
        if cutoff is not None:
            params += (cutoff,)
        return self._connection.execute(sql, (*params, limit)).fetchall()

    def _stem(self, word: str) -> str:
        """The word as the index's stemmer stores it ("query" -> "queri")."""
        connection = self._connection
        if not getattr(self, "_stemmer_ready", False):
            connection.executescript(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5("
                "w, tokenize='porter unicode61 remove_diacritics 2');"
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_words USING fts5vocab(temp, stemmer, 'row');"
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_words USING fts5vocab(main, fts, 'row');"
            )
            self._stemmer_ready = True
        connection.execute("DELETE FROM temp.stemmer")
        connection.execute("INSERT INTO temp.stemmer(w) VALUES (?)", (word,))
        row = connection.execute("SELECT term FROM temp.stemmer_words LIMIT 1").fetchone()
        return str(row[0]) if row else word

    def _with_unstemmed_prefix(self, query: str, match: str) -> str:
        """Add the index words that start with the last word as typed, when stemming changes it."""
        terms = query_terms(query)
        if not match.endswith("*"):
            return match
        last = terms[-1].lower() if terms else ""
        if len(last) < 3 or not _TOKEN.fullmatch(last) or self._stem(last) == last:
            return match
        words = [
            str(row[0])
            for row in self._connection.execute(
                "SELECT term FROM temp.index_words WHERE term >= ? AND term < ? LIMIT ?",
                (last, last + "\U0010ffff", MAX_PREFIX_WORDS),
            )
        ]
        if not words:
            return match
        head, _, tail = match.rpartition(" ")
        column = ""
        if tail.startswith("title : "):
            column, tail = "title : ", tail.removeprefix("title : ")
        either = " OR ".join([tail, *(f'"{word}"*' for word in words)])
        return f"{head} AND {column}({either})" if head else f"{column}({either})"


def _plain(snippet: str) -> str:
    return snippet.replace(_MARK_START, "").replace(_MARK_END, "")


def _snippet_html(snippet: str) -> str:
    escaped = html.escape(snippet, quote=False)
    return escaped.replace(_MARK_START, "<b>").replace(_MARK_END, "</b>")


def build_index(
    content: ContentRoot, cache_dir: Path | None = None, cache_threshold: int = LARGE_ROOT_TOPICS
) -> SearchIndex:
    """Build (or load from the cache) the index of ``content``; safe to call on a worker thread."""
    return SearchIndex.build(content, cache_dir=cache_dir, cache_threshold=cache_threshold)


def search_content(
    root: Path, query: str, limit: int = DEFAULT_LIMIT, cache_dir: Path | None = None
) -> list[SearchResult]:
    """Load the content root at ``root`` and search it once (used by ``--search``)."""
    index = build_index(load_content(Path(root)), cache_dir=cache_dir)
    try:
        return index.search(query, limit)
    finally:
        index.close()
