"""Front matter: the ``key: value`` block at the top of a topic file.

Parsed the way Python-Markdown's ``meta`` extension does (the tests hold the two together),
without importing Markdown, so building the topic tree never needs it.
"""

from __future__ import annotations

import re

_META_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


class FrontMatter:
    """The ``meta`` block of a topic file.

    ``values`` maps lower-cased keys to their lines (a key continued on indented lines has
    several); ``body_start_line`` is the 1-based line where the Markdown body starts;
    ``problems`` holds ``(line, message)`` pairs for lines that are not ``key: value``.
    """

    __slots__ = ("body_start_line", "problems", "values")

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.body_start_line = 1
        self.problems: list[tuple[int, str]] = []

    def first(self, key: str) -> str:
        """The first value of ``key``, or ``""`` if the key is absent."""
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
