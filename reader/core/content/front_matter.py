"""Front matter: the ``key: value`` block at the top of a topic file.

Parsed the way Python-Markdown's ``meta`` extension does (the tests hold the two together),
without importing Markdown, so building the topic tree never needs it. A block between ``---``
lines that is YAML rather than ``meta`` style (quoted strings, ``- item`` lists, blank lines,
comments) is read with PyYAML's ``safe_load``, imported only then.
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
    """Parse front matter (keys lower-cased): ``meta`` style, or YAML between ``---`` lines.

    Never raises; a YAML error is a problem with its 1-based line in the file, and the block
    is still kept off the page.
    """
    meta = _parse_meta(text)
    if not _BEGIN.match(text.split("\n", 1)[0]):
        return meta
    lines = text.split("\n")
    end = next((index for index in range(1, len(lines)) if _END.match(lines[index])), None)
    if end is None or not _needs_yaml(meta, lines[1:end], end):
        return meta
    return _parse_yaml(lines[1:end], end, meta)


_YAML_INDICATORS = ("'", '"', "[", "{", "|", ">", "&", "*", "!")
_YAML_LINE = re.compile(r"""^\s*(?:- |#|[\w-]+:\s*["'\[{|>])""")


def _needs_yaml(meta: FrontMatter, block: list[str], end: int) -> bool:
    """True if a ``---`` block is YAML rather than what the ``meta`` extension reads fully."""
    if meta.problems or meta.body_start_line < end + 2:
        return True
    for key_values in meta.values.values():
        if key_values[0].startswith(_YAML_INDICATORS):
            return True
        if len(key_values) > 1 and not key_values[0] and all(v.startswith("- ") for v in key_values[1:]):
            return True
    return any(line.lstrip().startswith("#") for line in block)


def _parse_yaml(block: list[str], end: int, meta_style: FrontMatter) -> FrontMatter:
    import yaml

    meta = FrontMatter()
    meta.body_start_line = end + 2
    try:
        data = yaml.safe_load("\n".join(block))
    except yaml.YAMLError as error:
        meta.values = meta_style.values  # what the meta style could read
        if meta_style.problems and not any(_YAML_LINE.match(line) for line in block):
            meta.problems = meta_style.problems  # not YAML at all: name the line that is not 'key: value'
            return meta
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
        meta.problems.append((line, f"front matter is not valid YAML: {problem}"))
        return meta
    if data is None:
        return meta
    if not isinstance(data, dict):
        meta.problems.append((2, "front matter is not a list of 'key: value' lines"))
        return meta
    for key, value in data.items():
        values = _yaml_values(value)
        if values:
            meta.values[str(key).lower()] = values
    return meta


def _yaml_values(value: object) -> list[str]:
    """A YAML value as the strings ``meta`` would give: one per list item; mappings give their URL."""
    if value is None:
        return []
    if isinstance(value, list):
        return [text for item in value for text in _yaml_values(item)[:1]]
    if isinstance(value, dict):
        for key in ("url", "href", "link", "title", "name"):
            if key in value and not isinstance(value[key], (dict, list)):
                return [str(value[key]).strip()]
        return []
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(value).strip()]


def _parse_meta(text: str) -> FrontMatter:
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


def markdown_body(text: str) -> str:
    """Return the Markdown of a topic without its front matter (``meta`` or YAML style)."""
    meta = parse_front_matter(text)
    if meta.body_start_line <= 1:
        return text
    lines = text.split("\n", meta.body_start_line - 1)
    return lines[-1] if len(lines) >= meta.body_start_line else ""
