"""Turning what the user types into a safe FTS5 query (no Qt, no database for the plain parts).

User text never reaches FTS5 as syntax: :func:`fts_query` quotes every term; all must match, the
last one as a prefix. :func:`close_match` reads words the index lacks as index words one edit
away (typos). :func:`with_unstemmed_prefix` repairs that prefix where the index's porter
stemmer would change it: typed "query" is stemmed to "queri", which misses "queryset".
"""

from __future__ import annotations

import re
import sqlite3

from reader.core.search.typos import MAX_TYPO_LENGTH, MIN_TYPO_LENGTH, close_words

MAX_QUERY_TERMS = 12
MAX_KNOWN_CORRECTED = 2  # words in the index that a query with few results still reads as typos, at most
MAX_PREFIX_WORDS = 64  # index words a last word of 3+ letters is spelled out as, at most
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


_STEMMER_TABLES = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5(w, tokenize='{TOKENIZER}');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_words USING fts5vocab(temp, stemmer, 'row');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_instances USING fts5vocab(temp, stemmer, 'instance');"
)


def _empty_stemmer(connection: sqlite3.Connection) -> None:
    """Empty the temporary stemmer table, creating it on first use (once per connection: a
    script per keystroke cost more than the stemming)."""
    try:
        connection.execute("DELETE FROM temp.stemmer")
    except sqlite3.OperationalError:  # no such table yet
        connection.executescript(_STEMMER_TABLES)


def stem(connection: sqlite3.Connection, word: str) -> str:
    """``word`` as the index's stemmer stores it ("query" -> "queri"), using temporary tables
    on ``connection`` (which may be read-only); raises ``sqlite3.Error`` only if SQLite fails."""
    _empty_stemmer(connection)
    connection.execute("INSERT INTO temp.stemmer(w) VALUES (?)", (word,))
    row = connection.execute("SELECT term FROM temp.stemmer_words LIMIT 1").fetchone()
    return str(row[0]) if row else word


def stem_all(connection: sqlite3.Connection, words: list[str]) -> list[str]:
    """Each of ``words`` (single tokens, such as "template") as the index's stemmer stores it
    ("templat"), in one pass over temporary tables; a word that is no token stays as it is."""
    _empty_stemmer(connection)
    connection.execute("INSERT INTO temp.stemmer(w) VALUES (?)", (" ".join(words),))
    stems = list(words)
    for term, offset in connection.execute("SELECT term, offset FROM temp.stemmer_instances"):
        if 0 <= offset < len(stems):
            stems[offset] = str(term)
    return stems


def fill_words(connection: sqlite3.Connection) -> None:
    """Store the index's distinct words in a plain table ``words`` (looked up by prefix in
    microseconds; FTS5's own vocabulary table reads every word's list to count it), each with
    whether the stemmer leaves it as it is (``stable``): a quoted word is stemmed again in a
    query, and "databas" would become "databa"."""
    connection.executescript(
        "CREATE VIRTUAL TABLE temp.fill_words USING fts5vocab(main, fts, 'row');"
        f"CREATE VIRTUAL TABLE temp.restem USING fts5(w, tokenize='{TOKENIZER}');"
        "CREATE VIRTUAL TABLE temp.restemmed USING fts5vocab(temp, restem, 'instance');"
        "CREATE TABLE words(term TEXT PRIMARY KEY, stable INTEGER NOT NULL) WITHOUT ROWID;"
    )
    terms = [str(row[0]) for row in connection.execute("SELECT term FROM temp.fill_words")]
    connection.executemany("INSERT INTO temp.restem(rowid, w) VALUES (?, ?)", enumerate(terms))
    restemmed = dict(connection.execute("SELECT doc, term FROM temp.restemmed").fetchall())
    connection.executemany(
        "INSERT INTO words(term, stable) VALUES (?, ?)",
        ((term, restemmed.get(number) == term) for number, term in enumerate(terms)),
    )
    connection.executescript("DROP TABLE temp.restemmed; DROP TABLE temp.restem; DROP TABLE temp.fill_words;")


def _words_from(connection: sqlite3.Connection, start: str, limit: int) -> list[tuple[str, int]]:
    rows = connection.execute(
        "SELECT term, stable FROM words WHERE term >= ? AND term < ? LIMIT ?",
        (start, start + "\U0010ffff", limit),
    )
    return [(str(term), int(stable)) for term, stable in rows]


def _quoted(word: str, stable: int) -> str:
    return f'"{word}"' if stable else f'"{word}"*'  # a prefix still finds a word stemmed shorter


def with_unstemmed_prefix(connection: sqlite3.Connection, query: str, match: str) -> str:
    """``match`` (from :func:`fts_query`) with its last word, while typed, spelled out as the
    index words that start with it as typed or as stemmed ("query" is stemmed to "queri" and
    would miss "queryset"): ``"query"*`` becomes ``("queri" OR "queryset")``. Exact words are
    also fast, where FTS5 copies every list a prefix matches. Words of 1–2 letters, connected
    terms and prefixes of more than :data:`MAX_PREFIX_WORDS` words keep the prefix query."""
    terms = query_terms(query)
    last = terms[-1].lower() if terms else ""
    if not match.endswith("*") or len(last) < 3 or not _TOKEN.fullmatch(last):
        return match
    stemmed = stem(connection, last)
    words = sorted(
        {
            *_words_from(connection, last, MAX_PREFIX_WORDS + 1),
            *_words_from(connection, stemmed, MAX_PREFIX_WORDS + 1),
        }
    )
    if len(words) > MAX_PREFIX_WORDS:
        return match
    head, _, tail = match.rpartition(" ")
    column = ""
    if tail.startswith("title : "):
        column = "title : "
    if not words:  # typed past a stem ("authenti" of "authentication", stored as "authent")?
        shorter = [last[:end] for end in range(len(last) - 1, 3, -1)]
        marks = ",".join("?" * len(shorter))
        sql = f"SELECT term, stable FROM words WHERE term IN ({marks}) ORDER BY length(term) DESC LIMIT 1"
        words = (
            [(str(term), int(stable)) for term, stable in connection.execute(sql, shorter)] if shorter else []
        )
    if not words:  # nothing in the index starts so: the query finds nothing, as it should
        words = [(last, 1)]
    either = " OR ".join(_quoted(word, stable) for word, stable in words)
    return f"{head} AND {column}({either})" if head else f"{column}({either})"


def _is_known(connection: sqlite3.Connection, word: str, stemmed: str, as_prefix: bool) -> bool:
    if as_prefix:
        return bool(_words_from(connection, word, 1) or _words_from(connection, stemmed, 1))
    return connection.execute("SELECT 1 FROM words WHERE term = ?", (stemmed,)).fetchone() is not None


def _close_term(connection: sqlite3.Connection, word: str, stable: bool, prefix: bool) -> str:
    """A close word as FTS5 query text; a prefix is spelled out as the index words it starts
    (as :func:`with_unstemmed_prefix` does: FTS5 would copy every list the prefix matches)."""
    if not prefix:
        return _quoted(word, int(stable))
    words = _words_from(connection, word, MAX_PREFIX_WORDS + 1)
    if not words or len(words) > MAX_PREFIX_WORDS:
        return f'"{word}"*'
    return " OR ".join(_quoted(found, found_stable) for found, found_stable in words)


def close_match(connection: sqlite3.Connection, query: str) -> tuple[str, tuple[str, ...]] | None:
    """An FTS5 query for ``query`` that also accepts index words one edit away from its words (of
    :data:`~reader.core.search.typos.MIN_TYPO_LENGTH` to :data:`~reader.core.search.typos.MAX_TYPO_LENGTH`
    letters), and those words (to highlight); ``None`` when no word has such neighbours.

    Words the index does not hold are replaced by their neighbours; when every word is in the index
    (a rare word, or a typo that is itself in some page), the last :data:`MAX_KNOWN_CORRECTED` of
    them accept their neighbours too. Raises ``sqlite3.Error`` only if SQLite fails."""
    terms = query_terms(query)
    typing = not query[-1:].isspace()
    parts: list[str] = []
    words: list[tuple[str, bool, bool] | None] = []  # per term: (lower-case word, as prefix, known)
    stems = [""] * len(terms)
    for number, term in enumerate(terms):
        as_prefix = typing and number == len(terms) - 1
        parts.append('"' + term.replace('"', '""') + '"' + ("*" if as_prefix else ""))
        word = term.lower()
        if MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH and _TOKEN.fullmatch(word):
            stems[number] = stem(connection, word)
            words.append((word, as_prefix, _is_known(connection, word, stems[number], as_prefix)))
        else:
            words.append(None)
    unknown = [number for number, entry in enumerate(words) if entry is not None and not entry[2]]
    chosen = (
        unknown or [number for number, entry in enumerate(words) if entry is not None][-MAX_KNOWN_CORRECTED:]
    )
    close_terms: list[str] = []
    for number in chosen:
        entry = words[number]
        assert entry is not None
        word, as_prefix, known = entry
        found = close_words(
            connection, word, stems[number], lambda batch: stem_all(connection, batch), as_prefix
        )
        if not found:
            continue
        either = [_close_term(connection, close, stable, prefix) for close, stable, prefix in found]
        either = list(dict.fromkeys(either))
        parts[number] = "(" + " OR ".join(([parts[number]] if known else []) + either) + ")"
        close_terms.extend(close for close, _stable, _prefix in found)
    if not close_terms:
        return None
    return " AND ".join(parts), tuple(dict.fromkeys(close_terms))
