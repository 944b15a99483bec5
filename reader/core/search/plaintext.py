"""Turn a topic's Markdown into plain text for the search index, cheaply and without rendering.

The result only has to be good for tokenising and for showing short snippets, so a handful of
regular expressions is enough: front matter, Markdown punctuation, HTML tags and link targets
are dropped; the words people read (link text, image alt text, code, table cells) are kept.

:func:`topic_index_text` keeps prose apart from code blocks and tables (both searchable, only prose
is shown in snippets) and notes where each section (a heading) starts in the prose, so a search
result can name the section it is found in.
Content is untrusted, so every pattern here is linear: each unbounded repetition excludes the
character that starts the pattern (``[^\\[\\]\n]*`` inside ``\\[…\\]``), so no two attempts scan
the same characters, and line shapes (headings, rules) are recognised with string operations.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reader.core.content.front_matter import markdown_body
from reader.core.content.lines import atx_heading, is_rule_line
from reader.core.render.gfm import strip_macros

PLAINTEXT_VERSION = 4  # both 2026-12-01 branches changed the text; one rebuild

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


_ATX_LINE = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_SETEXT_LINE = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$")
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|^[ \t]*\|[ \t]*:?-+:?[ \t]*\|[ \t]*$"
)


@dataclass(frozen=True)
class IndexText:
    """A topic as the search index stores it.

    ``prose`` is the plain text of everything but code and tables, one space between words, each
    section starting with its heading and a full stop; ``code`` is the text of code blocks and
    tables (searchable, never a snippet); ``sections`` is ``(offset in prose, heading)`` for each
    heading, in page order (text before the first heading belongs to the topic itself).
    """

    prose: str
    code: str
    sections: tuple[tuple[int, str], ...]


def topic_index_text(text: str) -> IndexText:
    """Split a whole topic file into :class:`IndexText` (front matter removed). Linear in the
    length of the text; never raises for odd Markdown."""
    body = markdown_body(text)
    if "{{" in body or "{%" in body:
        body = _strip_macros_outside_fences(body)
    headings: list[str] = []  # heading of each prose chunk after the first
    prose_chunks: list[list[str]] = [[]]
    code_lines: list[str] = []
    fence = ""
    in_table = False
    for line in body.split("\n"):
        stripped = line.lstrip(" \t")
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]).strip():
                fence = ""
            else:
                code_lines.append(line)
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            in_table = False
            continue
        chunk = prose_chunks[-1]
        if _TABLE_RULE.match(line) and "|" in line:
            if chunk and "|" in chunk[-1]:
                code_lines.append(chunk.pop())  # the header row
            in_table = True
            continue
        if in_table and "|" in line:
            code_lines.append(line)
            continue
        in_table = False
        if _ATX_LINE.match(line):
            headings.append(line)
            prose_chunks.append([])
        elif _SETEXT_LINE.match(line) and chunk and chunk[-1].strip() and not _BLOCK_PREFIX.match(chunk[-1]):
            headings.append("# " + chunk.pop())
            prose_chunks.append([])
        else:
            chunk.append(line)
    plain_chunks = _plain_pieces(["\n".join(chunk) for chunk in prose_chunks])
    plain_headings = _plain_pieces(headings)
    parts: list[str] = []
    sections: list[tuple[int, str]] = []
    offset = 0
    for number, part in enumerate(plain_chunks):
        if number:
            heading = plain_headings[number - 1].rstrip(".")
            sections.append((offset, heading))
            part = f"{heading}. {part}" if part else f"{heading}."
        if part:
            parts.append(part)
            offset += len(part) + 1
    tables = markdown_to_plain("\n".join(line for line in code_lines if "|" in line))
    code = " ".join([*(line for line in code_lines if "|" not in line), tables])
    return IndexText(" ".join(parts), " ".join(code.translate(_CONTROL_TO_SPACE).split()), tuple(sections))


# Joins pieces converted in one pass: plain ASCII, so str.translate keeps its fast path, and a
# word no regex above changes (a topic that holds it is converted piece by piece instead).
_PIECE = "zqxjpiecezqxj"


def _plain_pieces(pieces: list[str]) -> list[str]:
    """:func:`markdown_to_plain` of each piece, in one pass over them all (most of the cost of a
    call is per call); piece by piece if the pass merged or split pieces (an HTML comment across
    two, or the joining word in the text)."""
    if not pieces:
        return []
    joined = markdown_to_plain(f"\n{_PIECE}\n".join(pieces)).split(_PIECE)
    if len(joined) == len(pieces):
        return [piece.strip() for piece in joined]
    return [markdown_to_plain(piece) for piece in pieces]
