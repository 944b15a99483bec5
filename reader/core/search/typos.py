"""Typo tolerance for search: words of the index one edit away from a word typed (no Qt).

When what the user typed finds nothing or little, :func:`close_words` looks for index words one
Damerau–Levenshtein edit away (a letter dropped, added, changed, or two neighbours swapped:
"midleware" → "middleware", "templte" → "template"). The candidates are generated in Python
(:func:`edit_candidates`, about 70 per letter) and looked up in the index's plain ``words`` table
in one SQL statement, as they are and as the stemmer stores them ("templte" is one edit from
"template", stored as "templat"; see :func:`close_words`). A last word still being typed may also be one
edit from the start of an index word ("midlew" → "middlew…").
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

MIN_TYPO_LENGTH = 4  # shorter words are not corrected: one edit makes them too many other words
MAX_TYPO_LENGTH = 32  # longer "words" are not corrected (their candidates would cost milliseconds)
MAX_CLOSE_WORDS = 8  # index words a typo is spelled out as, at most
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def edit_candidates(word: str, alphabet: str = ALPHABET) -> set[str]:
    """Every string one edit from ``word``: one character deleted, two neighbours swapped, one
    replaced or one inserted, the new characters taken from ``alphabet`` and ``word`` itself.

    ``word`` is not among them. For a word of n characters over an alphabet of a letters the set
    holds at most n + (n - 1) + a·n + a·(n + 1) strings.
    """
    letters = "".join(dict.fromkeys(alphabet + word))
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    found: set[str] = set()
    for head, tail in splits:
        if tail:
            found.add(head + tail[1:])
            if len(tail) > 1:
                found.add(head + tail[1] + tail[0] + tail[2:])
            found.update(head + letter + tail[1:] for letter in letters)
        found.update(head + letter + tail for letter in letters)
    found.discard(word)
    return found


def close_words(
    connection: sqlite3.Connection,
    typed: str,
    stemmed: str,
    stem_all: Callable[[list[str]], list[str]],
    as_prefix: bool,
) -> list[tuple[str, bool, bool]]:
    """Index words that a word one edit from ``typed`` is stored as, at most
    :data:`MAX_CLOSE_WORDS`, as ``(word, stable, prefix)``: ``stable`` as in the ``words`` table;
    ``prefix`` for a candidate that only starts index words, looked for with ``as_prefix`` (a word
    still being typed) when no candidate is a whole word as it is.

    The index stores stems ("template" as "templat"), so the candidates are looked up first as
    they are, next to the candidates of ``stemmed`` (the typed word's stem: "midleware" is
    "midlewar", one edit from "middlewar") and without a final "e"; only when that (and, while
    typing, the starts of words) finds nothing are all candidates stemmed with ``stem_all`` (one
    result per word; a few milliseconds).

    Returns ``[]`` for words shorter than :data:`MIN_TYPO_LENGTH` or longer than
    :data:`MAX_TYPO_LENGTH`; raises ``sqlite3.Error`` only if SQLite fails (the ``words`` table
    is made by :func:`reader.core.search.query.fill_words`).
    """
    typed, stemmed = typed.lower(), stemmed.lower()
    if not MIN_TYPO_LENGTH <= len(typed) <= MAX_TYPO_LENGTH:
        return []
    candidates = sorted(word for word in edit_candidates(typed) if len(word) >= MIN_TYPO_LENGTH - 1)
    direct = [*sorted(edit_candidates(stemmed)), *candidates]
    direct += [word[:-1] for word in direct if word.endswith("e")]
    found = _whole_words(connection, list(dict.fromkeys(direct)))
    if as_prefix and not found:  # still typing: the start of a word is the likelier
        rows = connection.execute(
            "SELECT value FROM json_each(?) WHERE length(value) >= ? AND EXISTS "
            "(SELECT 1 FROM words WHERE term > value AND term < value || char(1114111)) ORDER BY key LIMIT ?",
            (json.dumps(candidates), MIN_TYPO_LENGTH, MAX_CLOSE_WORDS),
        ).fetchall()
        found = [(str(row[0]), False, True) for row in rows]
    if not found:
        found = _whole_words(connection, list(dict.fromkeys(stem_all(candidates))))
    return found


def _whole_words(connection: sqlite3.Connection, words: list[str]) -> list[tuple[str, bool, bool]]:
    """Those of ``words`` the index holds, in order, at most :data:`MAX_CLOSE_WORDS`."""
    rows = connection.execute(
        "SELECT c.value, w.stable FROM json_each(?) AS c JOIN words AS w ON w.term = c.value "
        "ORDER BY c.key LIMIT ?",
        (json.dumps(words), MAX_CLOSE_WORDS),
    ).fetchall()
    return [(str(word), bool(stable), False) for word, stable in rows]
