"""Turn a topic's Markdown into plain text for the search index, cheaply and without rendering.

The result only has to be good for tokenising and for showing short snippets, so a handful of
regular expressions is enough: front matter, Markdown punctuation, HTML tags and link targets
are dropped; the words people read (link text, image alt text, code, table cells) are kept.

Content is untrusted, so every pattern here is linear: each unbounded repetition excludes the
character that starts the pattern (``[^\\[\\]\n]*`` inside ``\\[…\\]``), so no two attempts scan
the same characters, and line shapes (headings, rules) are recognised with string operations.
"""

from __future__ import annotations

import html
import re

from reader.core.content.front_matter import parse_front_matter
from reader.core.content.lines import atx_heading, is_rule_line
from reader.core.render.gfm import strip_macros

PLAINTEXT_VERSION = 3

_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}).*$", re.MULTILINE)
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\[\]\n]+\]:[ \t]*\S.*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]*)\](?:\([^()\n]*\)|\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_ADMONITION = re.compile(r'^[ \t]*!!![ \t]*[\w-]+(?:[ \t]+"([^"\n]*)")?[ \t]*$', re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#][^{}\n]*\}")
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+|^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+", re.MULTILINE)
# Control characters (the index uses \x02/\x03 to mark snippet matches) become spaces;
# one-to-one ASCII tables take str.translate's fast path.
_CONTROL_TO_SPACE = {code: " " for code in [*range(0, 9), *range(11, 32), 127]}


def markdown_body(text: str) -> str:
    """Return the Markdown of a topic without its front matter."""
    meta = parse_front_matter(text)
    if meta.body_start_line <= 1:
        return text
    lines = text.split("\n", meta.body_start_line - 1)
    return lines[-1] if len(lines) >= meta.body_start_line else ""


def markdown_to_plain(markdown: str) -> str:
    """Strip Markdown syntax from ``markdown`` (no front matter) and collapse whitespace.

    Each pattern only runs when a cheap substring test says it could match: this is the
    hot loop of building an index of thousands of topics.
    """
    text = markdown
    if "{{" in text or "{%" in text:  # other generators' macros never reach a snippet; code keeps them
        text = _strip_macros_outside_fences(text)
    if "```" in text or "~~~" in text:
        text = _FENCE.sub("", text)
    if "]" in text:
        if "]:" in text:
            text = _REF_DEFINITION.sub("", text)
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        if "<!--" in text:
            text = _drop_comments(text)
        text = _HTML_TAG.sub(" ", text)
    if "!!!" in text:
        text = _ADMONITION.sub(r"\1", text)
    if "{" in text:
        text = _ATTR_LIST.sub("", text)
    if "#" in text or "--" in text or "==" in text or "**" in text or "__" in text:
        text = "\n".join(_plain_line(line) for line in text.split("\n"))
    text = _BLOCK_PREFIX.sub("", text)
    text = text.replace("*", "").replace("`", "").replace("|", " ")
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.translate(_CONTROL_TO_SPACE).split())


def _plain_line(line: str) -> str:
    """A heading line as its text and a full stop; a rule or table alignment line as nothing."""
    if is_rule_line(line):
        return ""
    heading = atx_heading(line) if "#" in line else None
    return f"{heading[1]}." if heading is not None else line


def _drop_comments(text: str) -> str:
    """``text`` with every ``<!-- … -->`` replaced by a space (one pass; an unclosed comment is
    kept as text)."""
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[position:start])
        parts.append(" ")
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _strip_macros_outside_fences(text: str) -> str:
    """Drop other generators' macros from prose; fenced code keeps them (one pass over the lines)."""
    parts: list[str] = []
    prose: list[str] = []
    fence = ""
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        marker = stripped[:3] if stripped.startswith(("```", "~~~")) else ""
        if fence:
            parts.append(line)
            if marker == fence and not stripped.strip(fence[0]).strip():
                fence = ""
            continue
        if marker:
            parts.append(strip_macros("\n".join(prose)))
            prose = []
            parts.append(line)
            fence = marker
            continue
        prose.append(line)
    parts.append(strip_macros("\n".join(prose)))
    return "\n".join(part for part in parts if part)


def topic_plain_text(text: str) -> str:
    """Return the searchable plain text of a whole topic file (front matter removed)."""
    return markdown_to_plain(markdown_body(text))
