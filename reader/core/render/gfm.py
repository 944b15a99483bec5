"""Text-level fixes that make Markdown written for GitHub read the same under Python-Markdown.

Python-Markdown nests list content by four spaces; GitHub (CommonMark) nests it under the
item's text, two spaces after ``-`` and three after ``1.``. :func:`reindent_lists` rewrites the
indentation of list items and their content (fenced code included) to Python-Markdown's four,
so code inside numbered steps and lists nested by two spaces keep their place. No library does
this for both markers (``mdx_truly_sane_lists`` only knows one fixed indent).

:func:`strip_macros` removes the template macros of other site generators
(``{{ Macro(...) }}``, ``{{< shortcode >}}``, ``{% tag %}``) outside code.
"""

from __future__ import annotations

import bisect
import re

_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}[.)])(?P<space> +|$)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
_TOP_LEVEL_ITEM_MAX_INDENT = 3
_PM_INDENT = 4


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _shift(line: str, delta: int) -> str:
    if delta >= 0:
        return " " * delta + line if line.strip() else line
    return line[min(-delta, _indent_of(line)) :]


def reindent_lists(text: str) -> str:
    """Re-indent list items and their content from CommonMark's columns to multiples of four.

    Lines outside lists, top-level fenced code and indented code are left as they are.
    """
    lines = text.split("\n")
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # (content column in the source, content column written)
    fence: tuple[str, int, int] | None = None  # (fence characters, its source indent, shift)
    previous_blank = True
    previous_item = False
    for raw in lines:
        line = raw.expandtabs(_PM_INDENT) if raw.startswith((" ", "\t")) else raw
        if fence is not None:
            chars, _indent, delta = fence
            out.append(_shift(line, delta))
            stripped = line.strip()
            if stripped.startswith(chars) and not stripped[len(chars) :].strip(chars[0]).strip():
                fence = None
                if stack:
                    out.append("")  # what follows the fence starts a new block, as on GitHub
                    previous_blank = True
            continue
        if not line.strip():
            out.append(line)
            previous_blank = True
            continue
        indent = _indent_of(line)
        item = _ITEM.match(line)
        if item is not None and _RULE.match(line):
            item = None  # "- - -" is a thematic break
        if item is not None and not stack and not previous_blank and not previous_item:
            number = item.group("marker")[:-1]
            if number.isdigit() and int(number) != 1:
                item = None  # only "1." may interrupt a paragraph (CommonMark)
        was_blank, was_item = previous_blank, previous_item
        previous_item = item is not None
        lazy = not was_blank and item is None
        if not lazy:
            while stack and indent < stack[-1][0]:
                stack.pop()
        previous_blank = False
        if item is not None and (stack or indent <= _TOP_LEVEL_ITEM_MAX_INDENT):
            written = stack[-1][1] if stack else 0
            space = item.group("space")
            width = len(item.group("marker")) + (1 if not space or len(space) > 4 else len(space))
            stack.append((indent + width, written + _PM_INDENT))
            marker = item.group("marker")
            rest = line[indent + len(marker) :]
            if not was_blank and not was_item:
                out.append("")  # a list item interrupts a paragraph on GitHub; Python-Markdown needs a gap
            out.append(" " * written + marker.replace(")", ".") + rest)  # GitHub's "1)" is "1."
            continue
        delta = 0
        if stack and indent >= stack[-1][0]:
            source, written = stack[-1]
            delta = written - source
        elif stack and lazy:
            delta = 0
        opened = _FENCE.match(line)
        if opened is not None:
            fence = (opened.group("fence"), indent, delta)
            if stack and not was_blank:
                out.append("")  # a fence interrupts a paragraph on GitHub; Python-Markdown needs a gap
        out.append(_shift(line, delta))
    return "\n".join(out)


# Every part is bounded and excludes braces and line ends, so text full of "{{" stays linear.
_MACRO = re.compile(
    r"\{\{<(?P<short>[^{}\n]{0,400}?)>\}\}"  # Hugo shortcodes
    r"|\{\{%(?P<shortpct>[^{}\n]{0,400}?)%\}\}"
    r"|\{%(?P<tag>[^{}\n]{0,400}?)%\}"  # Jinja / Liquid tags
    r"|\{\{(?P<expr>[^{}\n]{0,400}?)\}\}"  # Jinja / KumaScript expressions
    r"|\{\*(?P<include>[^{}\n]{0,400}?)\*\}"  # mdx_include's {* file.py hl[3] *} (FastAPI)
    r"|\{!(?P<bang>[^{}\n]{0,400}?)!\}"  # markdown-include's {!file.py!}
)
_CALL = re.compile(r"^(?P<name>[A-Za-z_][\w.:-]*)\s*\(\s*(?P<args>.*)\)\s*$", re.DOTALL)
_FIRST_STRING = re.compile(r"""^\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""")
_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
_DROPPED_NAMES = re.compile(
    r"sidebar|next|prev|previous|embed|compat|specification|toc|include|seealso|"
    r"listsubpages|quicklinks|menu|banner|header|footer|badge|deprecated|experimental|"
    r"nonstandard|optional|securecontext|availableinworkers|inheritancediagram|interactive",
    re.IGNORECASE,
)
_BACKTICKS = re.compile(r"`+")
_RAW_OPEN = re.compile(r"\{%-?\s{0,20}raw\s{0,20}-?%\}")  # Jekyll / Jinja: the body is meant literally
_RAW_CLOSE = re.compile(r"\{%-?\s{0,20}endraw\s{0,20}-?%\}")


def macro_text(macro: str) -> str:
    """What the page shows for one macro: the plain text of its string argument when the macro
    obviously names something (``{{ Glossary("HTTP") }}`` → ``HTTP``, a second argument is the
    text shown), else nothing."""
    match = _MACRO.fullmatch(macro)
    if match is None or match.group("expr") is None:
        return ""
    call = _CALL.match(match.group("expr").strip(" \t-"))
    if call is None or _DROPPED_NAMES.search(call.group("name")):
        return ""
    strings = [
        match.group(1) if match.group(1) is not None else match.group(2)
        for match in _STRING.finditer(call.group("args"))
    ]
    if not _FIRST_STRING.match(call.group("args")) or not strings:
        return ""
    # ("target", "shown text"): MDN's Glossary, domxref, … show their second argument when given
    return strings[1] if len(strings) > 1 and strings[1] else strings[0]


def _literal_spans(text: str) -> list[tuple[int, int, int, int]]:
    """``(start, end, body start, body end)`` of inline code spans and ``{% raw %}`` blocks, in
    order and without overlaps; found in one pass (pairs of backtick runs of equal length)."""
    spans: list[tuple[int, int, int, int]] = []
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)] if "`" in text else []
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        candidates = by_length[end - start]
        later = bisect.bisect_right(candidates, index)
        if later == len(candidates):
            index += 1
            continue
        closing = candidates[later]
        spans.append((start, runs[closing][1], start, runs[closing][1]))
        index = closing + 1
    if "raw" in text:
        position = 0
        while (opened := _RAW_OPEN.search(text, position)) is not None:
            closed = _RAW_CLOSE.search(text, opened.end())
            if closed is None:
                break
            spans.append((opened.start(), closed.end(), opened.end(), closed.start()))
            position = closed.end()
    spans.sort()
    kept: list[tuple[int, int, int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def find_macros(text: str) -> list[tuple[int, str]]:
    """``(offset, macro)`` of every macro in ``text`` outside inline code spans and outside
    ``{% raw %}…{% endraw %}`` (whose text is meant literally)."""
    if "{" not in text:
        return []
    found: list[tuple[int, str]] = []
    position = 0
    for start, end, _body_start, _body_end in [*_literal_spans(text), (len(text), len(text), 0, 0)]:
        found.extend((match.start(), match.group(0)) for match in _MACRO.finditer(text, position, start))
        position = end
    return found


def strip_macros(text: str) -> str:
    """``text`` with every macro outside inline code replaced by :func:`macro_text`; the body of a
    ``{% raw %}`` block is kept as written, without its tags."""
    if "{" not in text:
        return text
    replacements = [(offset, offset + len(macro), macro_text(macro)) for offset, macro in find_macros(text)]
    replacements.extend(
        piece
        for start, end, body_start, body_end in _literal_spans(text)
        if text[start] != "`"
        for piece in ((start, body_start, ""), (body_end, end, ""))
    )
    parts: list[str] = []
    position = 0
    for start, end, shown in sorted(replacements):
        parts.append(text[position:start])
        parts.append(shown)
        position = end
    parts.append(text[position:])
    return "".join(parts)


# Possessive quantifiers (``++``, ``*+``) never give characters back, and no part crosses a line:
# each line is read once whatever it holds.
_HIGHLIGHT = re.compile(
    r"^(?P<indent>[ ]*+)\{%-?[ \t]*+highlight[ \t]++(?P<lang>[\w+#.-]++)[^%\n]*+-?%\}[ \t]*+$", re.MULTILINE
)
_END_HIGHLIGHT = re.compile(r"^(?P<indent>[ ]*+)\{%-?[ \t]*+endhighlight[ \t]*+-?%\}[ \t]*+$", re.MULTILINE)


def highlight_tags_to_fences(text: str) -> str:
    """Jekyll's ``{% highlight python %}`` … ``{% endhighlight %}`` as a fenced code block."""
    if "highlight" not in text:
        return text
    text = _HIGHLIGHT.sub(lambda match: f"{match.group('indent')}```{match.group('lang')}", text)
    return _END_HIGHLIGHT.sub(lambda match: f"{match.group('indent')}```", text)
