"""Full-text search over a content root with SQLite FTS5 (no Qt).

The index has three weighted columns, ``title``, ``body`` (summary plus the prose of the Markdown)
and ``code`` (code blocks and tables: found, never shown in a snippet), tokenised with ``porter
unicode61`` so "queries" finds "query". User text never reaches FTS5 as syntax: :func:`fts_query`
turns it into quoted terms that must all match, the last one as a prefix, so typing "query la"
already finds "lazy". The stemmer also stems that prefix ("query" becomes "queri"), which would
miss "queryset": when it changes the last word, the words of the index that start with the word as
typed are searched too.

Results name the section they are found in: a snippet is cut from the section with the most
matched words (:mod:`reader.core.search.sections`). When a query finds fewer than
:data:`FEW_RESULTS` topics, its words that the index does not hold are replaced by index words one
edit away (:mod:`reader.core.search.typos`), and the close matches follow the exact ones.

Large match sets are not ranked whole (bm25 over every match is what made a keystroke slow at
100,000 topics): past :data:`RANK_CANDIDATES` matching topics, the title hits come first, ranked
by bm25 when there are no more than that many, then other matches in index order. Such a query is
a word still being typed; the next letters bring it under the limit. The index keeps prefix
indexes of 1–3 letters, so short prefixes need not merge every word's list.

Small roots are indexed in memory on demand. Large roots (``cache_threshold`` topics or more, by
default :data:`~reader.core.content.loader.LARGE_ROOT_TOPICS`) are kept in a SQLite file in
``<user cache>/search/`` keyed by the root path, queried in place (not copied into memory), and
reused while the files keep the same (path, size, mtime_ns) signature. A corrupt cache file is
moved aside and rebuilt. :func:`build_index` may run on a worker thread; the index it returns can
then be used from one other thread (the connection is opened with ``check_same_thread=False``,
never shared at once).
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.content.loader import LARGE_ROOT_TOPICS, load_content
from reader.core.search.plaintext import PLAINTEXT_VERSION, topic_index_text
from reader.core.search.query import TOKENIZER, close_match, fill_words, fts_query, with_unstemmed_prefix
from reader.core.search.sections import best_section, encode_sections, same_words
from reader.core.storage import atomic_replace, cache_key, set_aside, touch, user_cache_dir

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reader.core.content.model import ContentRoot

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 5
DEFAULT_LIMIT = 50
SHORT_PREFIX_TITLES_FROM = 2000  # topics; see fts_query()
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
CODE_WEIGHT = 0.5
FEW_RESULTS = 3  # exact results below which close spellings are looked for too
RANK_CANDIDATES = 2000  # matching topics past which ranking looks at a subset (see module doc)
TITLE_CANDIDATES = 300  # title hits ordered by length when there are more than RANK_CANDIDATES

_RANKING = f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT}, {CODE_WEIGHT})"
_MARK_START, _MARK_END = "\x02", "\x03"
_SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE VIRTUAL TABLE fts USING fts5("
    f"title, body, code, topic_id UNINDEXED, sections UNINDEXED, tokenize='{TOKENIZER}', prefix='1 2 3');"
    # the titles again, alone: a word's list here holds only the topics with it in their title
    "CREATE VIRTUAL TABLE titles USING fts5("
    f"title, topic_id UNINDEXED, tokenize='{TOKENIZER}', prefix='1 2 3');"
)


@dataclass(frozen=True)
class SearchResult:
    """One hit: ``snippet_html`` is escaped HTML with the matched words in ``<b>``; ``section``
    is the heading the snippet is under ("" for the top of the topic, or before the snippet is
    made); ``close_terms`` are the index words a typo was read as (empty for an exact match)."""

    topic_id: str
    title: str
    snippet_html: str
    plain_snippet: str
    score: float
    rowid: int = 0  # where the topic is in the index (for a snippet made later)
    section: str = ""
    close_terms: tuple[str, ...] = ()


def content_signature(content: ContentRoot) -> str:
    """A :func:`~reader.core.storage.cache_key` of (relative path, size, mtime_ns, title) of every
    topic file, plus the index format: the index cache is reused only while it is the same."""
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
        # the title too: how the loader titles a file can change while the file does not
        lines.append(f"{content.relative_path(topic)}\t{stamp}\t{topic.title}")
    return cache_key(*lines)


def cache_path_for(root: Path, cache_dir: Path) -> Path:
    """Return the index file kept for the content root at ``root`` under the user cache ``cache_dir``."""
    try:
        key_source = str(Path(root).resolve())
    except OSError:
        key_source = str(root)
    return cache_dir / "search" / f"{cache_key(key_source)}.sqlite3"


def _rows(content: ContentRoot) -> Iterator[tuple[str, str, str, str, str]]:
    for topic in content.topics.values():
        text = topic_index_text(topic.text) if topic.text and not topic.error else None
        body, code, sections = (text.prose, text.code, text.sections) if text else ("", "", ())
        # the page shows a heading that repeats the title as the title: not a section of its own
        sections = tuple(section for section in sections if not same_words(section[1], topic.title))
        if topic.summary:  # the summary opens the prose: every section starts further on
            body = f"{topic.summary} {body}" if body else topic.summary
            shift = len(topic.summary) + 1
            sections = tuple((offset + shift, heading) for offset, heading in sections)
        yield topic.title, body, code, topic.id, encode_sections(sections)


def _fill(connection: sqlite3.Connection, content: ContentRoot, signature: str) -> None:
    connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    with connection:
        connection.executemany(
            "INSERT INTO fts(title, body, code, topic_id, sections) VALUES (?, ?, ?, ?, ?)", _rows(content)
        )
        connection.execute(
            "INSERT INTO titles(rowid, title, topic_id) SELECT rowid, title, topic_id FROM fts"
        )
        connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        connection.execute("INSERT INTO titles(titles) VALUES ('optimize')")
        fill_words(connection)
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
        pages = (
            source.execute("PRAGMA page_count").fetchone()[0]
            * source.execute("PRAGMA page_size").fetchone()[0]
        )
        if pages > path.stat().st_size:  # cut short: checked here, as reading it all would be slow
            raise sqlite3.DatabaseError(f"{path.name} is shorter than its header says")
    except BaseException:
        source.close()
        raise
    touch(path)  # in use: the least recently used indexes are pruned first
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
        self._last_match: tuple[str, str | None] = ("", None)
        self._last_close: tuple[str, tuple[str, tuple[str, ...]] | None] = ("", None)

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

    def search(self, query: str, limit: int = DEFAULT_LIMIT, snippets: bool = True) -> list[SearchResult]:
        """Return up to ``limit`` results, best first; never raises for odd user text. Fewer than
        :data:`FEW_RESULTS` exact results are followed by close matches (typos). Without
        ``snippets`` the results' snippets are "" (fill them in with :meth:`with_snippet`)."""
        match = self._match(query)
        if match is None or limit <= 0:
            return []
        try:
            results = self._search(match, limit)
            if len(results) < FEW_RESULTS:
                close = self._close_match(query)
                if close is not None:
                    seen = {result.topic_id for result in results}
                    more = [
                        replace(result, close_terms=close[1])
                        for result in self._search(close[0], limit)
                        if result.topic_id not in seen
                    ]
                    results += more[: limit - len(results)]
        except sqlite3.Error:
            logger.exception("searching for %r failed", query)
            return []
        return [self.with_snippet(result, query) for result in results] if snippets else results

    def _search(self, match: str, limit: int) -> list[SearchResult]:
        if self._more_than_candidates(match):  # too many to rank per keystroke: titles first
            # shorter titles first: the word is more of what they are about (bm25 would read
            # every topic holding the word to weigh it, the cost this path avoids)
            rows = self._rows(match, TITLE_CANDIDATES, ranked=False, table="titles")
            rows = sorted(rows, key=lambda row: len(row[2]))[:limit]
            if not match.startswith("title : "):  # then body hits, in index order
                seen = {row[0] for row in rows}
                more = self._rows(match, limit + len(rows), ranked=False)
                rows += [row for row in more if row[0] not in seen][: limit - len(rows)]
        else:  # title hits first (bm25 order among them), then the other matches by bm25
            ranked = self._rows(match, limit, ranked=True)
            titled = {
                row[0]: row for row in self._rows(match, TITLE_CANDIDATES, ranked=False, table="titles")
            }
            first = [row for row in ranked if row[0] in titled]
            shown = {row[0] for row in first}
            first += sorted(
                (row for key, row in titled.items() if key not in shown), key=lambda row: len(row[2])
            )
            shown = {row[0] for row in first}
            rows = (first + [row for row in ranked if row[0] not in shown])[:limit]
        return [SearchResult(topic_id, title, "", "", -rank, rowid) for rowid, topic_id, title, rank in rows]

    def with_snippet(self, result: SearchResult, query: str) -> SearchResult:
        """``result`` (from :meth:`search` for ``query``) with its section and a snippet of that
        section's prose; unchanged on failure."""
        match = self._match(query)
        if result.close_terms:
            close = self._close_match(query)
            match = close[0] if close is not None else None
        if match is None:
            return result
        try:
            row = self._connection.execute(
                "SELECT highlight(fts, 1, ?, ?), sections, highlight(fts, 0, ?, '') "
                "FROM fts WHERE fts MATCH ? AND rowid = ?",
                (_MARK_START, _MARK_END, _MARK_START, match, result.rowid),
            ).fetchone()
        except sqlite3.Error:
            logger.exception("the snippet of %r for %r failed", result.topic_id, query)
            return result
        if row is None:
            return result
        top = _MARK_START in str(row[2] or "")  # the title matches: the topic itself is the hit
        hit = best_section(str(row[0] or ""), str(row[1] or ""), _MARK_START, _MARK_END, top)
        return replace(
            result,
            snippet_html=_snippet_html(hit.snippet),
            plain_snippet=_plain(hit.snippet),
            section=hit.heading,
        )

    def _match(self, query: str) -> str | None:
        """The FTS5 query for ``query`` (the last one is remembered: every snippet asks again)."""
        if self._last_match[0] == query:
            return self._last_match[1]
        match = fts_query(query, short_prefix_in_titles=self.topic_count >= SHORT_PREFIX_TITLES_FROM)
        if match is not None:
            try:
                match = with_unstemmed_prefix(self._connection, query, match)
            except sqlite3.Error:
                logger.exception("looking up the words that start with %r failed", query)
        self._last_match = (query, match)
        return match

    def _close_match(self, query: str) -> tuple[str, tuple[str, ...]] | None:
        """The typo-tolerant query for ``query`` and the words it reads typos as (remembered)."""
        if self._last_close[0] == query:
            return self._last_close[1]
        close = close_match(self._connection, query)
        self._last_close = (query, close)
        return close

    def _more_than_candidates(self, match: str) -> bool:
        """True if more than ``RANK_CANDIDATES`` topics match; unranked, so FTS5 stops there.
        A title-only query asks the titles table, whose lists are short."""
        table = "titles" if match.startswith("title : ") else "fts"
        sql = f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1 OFFSET ?"
        return self._connection.execute(sql, (match, RANK_CANDIDATES)).fetchone() is not None

    def _rows(
        self, match: str, limit: int, ranked: bool, table: str = "fts"
    ) -> list[tuple[int, str, str, float]]:
        """Up to ``limit`` (rowid, topic id, title, rank: lower is better) rows of ``table``
        ("fts" or "titles", which both have a ``title`` column), best first when ``ranked``,
        else in index order with rank 0."""
        if not ranked:
            sql = f"SELECT rowid, topic_id, title, 0.0 FROM {table} WHERE {table} MATCH ? LIMIT ?"
            return self._connection.execute(sql, (match, limit)).fetchall()
        # "rank MATCH" + "ORDER BY rank" lets FTS5 sort internally; about twice as fast as
        # ORDER BY bm25(...).
        sql = (
            "SELECT rowid, topic_id, title, rank FROM fts "
            "WHERE fts MATCH ? AND rank MATCH ? ORDER BY rank LIMIT ?"
        )
        return self._connection.execute(sql, (match, _RANKING, limit)).fetchall()


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
