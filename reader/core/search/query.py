"""Turning what the user types into a safe FTS5 query (no Qt, no database for the plain parts).

User text never reaches FTS5 as syntax: :func:`fts_query` quotes every term; all must match, the
last one as a prefix. :func:`with_unstemmed_prefix` repairs that prefix where the index's porter
stemmer would change it: typed "query" is stemmed to "queri", which misses "queryset".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

MAX_QUERY_TERMS = 12
MAX_PREFIX_WORDS = 24  # index words added for a last word the stemmer changes
TOKENIZER = "porter unicode61 remove_diacritics 2"
# A term is a run of letters/digits, optionally joined to more by connectors ("get_response",
# "request.user", "don't"); FTS5 reads such a quoted term as a phrase of its tokens.
_TERM = re.compile(r"[^\W_]+(?:[_.'’\-/:][^\W_]+)*")
_TOKEN = re.compile(r"[^\W_]+")


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


def stem(connection: sqlite3.Connection, word: str) -> str:
    """``word`` as the index's stemmer stores it ("query" -> "queri"), using temporary tables
    on ``connection`` (which may be read-only); raises ``sqlite3.Error`` only if SQLite fails."""
    connection.executescript(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5(w, tokenize='{TOKENIZER}');"
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_words USING fts5vocab(temp, stemmer, 'row');"
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_words USING fts5vocab(main, fts, 'row');"
        "DELETE FROM temp.stemmer;"
    )
    connection.execute("INSERT INTO temp.stemmer(w) VALUES (?)", (word,))
    row = connection.execute("SELECT term FROM temp.stemmer_words LIMIT 1").fetchone()
    return str(row[0]) if row else word


def with_unstemmed_prefix(connection: sqlite3.Connection, query: str, match: str) -> str:
    """``match`` (from :func:`fts_query`) with the index words that start with the last word as
    typed ORed in, when the stemmer changes that word; otherwise ``match`` unchanged."""
    terms = query_terms(query)
    last = terms[-1].lower() if terms else ""
    if (
        not match.endswith("*")
        or len(last) < 3
        or not _TOKEN.fullmatch(last)
        or stem(connection, last) == last
    ):
        return match
    words = [
        str(row[0])
        for row in connection.execute(
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
