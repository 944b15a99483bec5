"""MyST Markdown (Sphinx's Markdown, as in Wagtail's ``docs/``) read as its site shows it.

GitHub shows MyST's directives as code blocks and its roles as ``{class}`` beside code. Here,
before Python-Markdown reads a topic, outside code:

- admonition directives (````` ```{note} `````, ``:::{warning}``, ``{admonition} Title``,
  ``{versionadded} 6.2``) become ``!!! kind "Title"`` admonitions, their body indented under them;
- ``{code-block} python`` becomes a fenced code block; ``{toctree}`` a list of links to its
  pages; ``{contents}``, ``{currentmodule}`` and ``{module}`` show nothing (the page's headings
  panel lists its contents);
- other directives (``{eval-rst}``, ``{include}``, ``{autoclass}``) stay as code, as on GitHub,
  and are named for ``--check``;
- a target line ``(label)=`` gives the heading after it the anchor ``label``;
- roles: ``{doc}`Title <path>``` links to the topic at ``path``, ``{ref}`Title <label>``` to
  the target ``(label)=`` (found by :meth:`~reader.core.content.model.ContentRoot.myst_target`,
  as are Markdown links to a label); the others (``{class}`~a.B```, ``{meth}``, ``{setting}``…)
  show their text as code.

Every step looks at each line a bounded number of times.
"""

from __future__ import annotations

import re
from typing import NamedTuple

ADMONITIONS = {
    "note": "note",
    "tip": "tip",
    "hint": "tip",
    "important": "important",
    "warning": "warning",
    "caution": "warning",
    "attention": "warning",
    "danger": "danger",
    "error": "danger",
    "seealso": "note",
    "admonition": "note",
    "versionadded": "tip",
    "versionchanged": "note",
    "deprecated": "warning",
}
_VERSION_TITLES = {
    "versionadded": "New in version",
    "versionchanged": "Changed in version",
    "deprecated": "Deprecated since version",
}
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode"})
_SILENT_DIRECTIVES = frozenset({"contents", "currentmodule", "module", "py:module", "py:currentmodule"})
_DIRECTIVE = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|:{3,})\{(?P<name>[A-Za-z][\w:.-]*)\}[ \t]*(?P<arg>.*)$"
)
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})")
_TARGET = re.compile(r"^ {0,3}\((?P<label>[A-Za-z0-9_][\w.:-]*)\)=[ \t]*$")
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]")
_OPTION = re.compile(r"^[ \t]*:[\w-]+:")
# A role, or a code span (consumed whole, so a role written inside code stays as written).
_ROLE_OR_CODE = re.compile(r"\{(?P<role>[A-Za-z][\w:.-]*)\}`(?P<text>[^`\n]+)`|`[^`\n]*`")
UNSUPPORTED_SUFFIX = " (a MyST directive, shown as code)"
MAX_DEPTH = 8  # directives inside directives, read as such; deeper ones stay as code


class MystResult(NamedTuple):
    """The topic as plain Markdown (``text``) and the directives left as code (``unsupported``)."""

    text: str
    unsupported: list[str]


def looks_like_myst(text: str) -> bool:
    """True if ``text`` may use MyST syntax: cheap, so ordinary topics skip :func:`myst_to_markdown`."""
    return "}`" in text or ")=" in text or "```{" in text or ":::{" in text


def myst_to_markdown(text: str, depth: int = 0) -> MystResult:
    """Rewrite the MyST directives, targets and roles of ``text`` (outside code) as Markdown;
    ``depth`` counts the admonitions ``text`` is inside."""
    lines = text.split("\n")
    out: list[str] = []
    unsupported: list[str] = []
    pending_label = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE.match(line) if depth < MAX_DEPTH else None
        if directive:
            end = _closing(lines, index + 1, directive.group("fence"))
            body = _drop_options(lines[index + 1 : end])
            out.extend(_directive(directive, body, unsupported, depth))
            index = end + 1
            continue
        fence = _FENCE.match(line)
        if fence:
            end = _closing(lines, index + 1, fence.group("fence"))
            out.extend(lines[index : end + 1])
            index = end + 1
            continue
        target = _TARGET.match(line)
        if target:
            pending_label = target.group("label")
            index += 1
            continue
        if pending_label and line.strip():
            if _ATX.match(line) and "{#" not in line:
                line = f"{line.rstrip()} {{#{pending_label}}}"
            pending_label = ""
        out.append(_roles(line))
        index += 1
    return MystResult("\n".join(out), unsupported)


def _closing(lines: list[str], start: int, fence: str) -> int:
    """The index of the line that closes ``fence`` (same character, at least as long), or
    ``len(lines)`` when the block runs to the end of the topic."""
    mark = fence[0]
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence) and not stripped.strip(mark):
            return index
    return len(lines)


def _drop_options(body: list[str]) -> list[str]:
    """The directive's content without its ``:key: value`` lines or ``---`` option block."""
    if body and body[0].strip() == "---":
        for index in range(1, len(body)):
            if body[index].strip() == "---":
                return body[index + 1 :]
        return []
    index = 0
    while index < len(body) and _OPTION.match(body[index]):
        index += 1
    return body[index:]


def _directive(match: re.Match[str], body: list[str], unsupported: list[str], depth: int) -> list[str]:
    name = match.group("name").lower()
    argument = match.group("arg").strip()
    indent = match.group("indent")
    if name in ADMONITIONS:
        title = argument if name == "admonition" else name.capitalize() if name != "seealso" else "See also"
        if name in _VERSION_TITLES:
            title = f"{_VERSION_TITLES[name]} {argument}".strip()
        inner = myst_to_markdown("\n".join(body), depth + 1)
        unsupported.extend(inner.unsupported)
        quoted = title.replace('"', "'")
        lines = [f'{indent}!!! {ADMONITIONS[name]} "{quoted}"', ""]
        lines.extend(f"{indent}    {line}" if line.strip() else "" for line in inner.text.split("\n"))
        return [*lines, ""]
    if name in _CODE_DIRECTIVES:
        return [f"{indent}```{argument.split()[0] if argument else ''}", *body, f"{indent}```"]
    if name in _SILENT_DIRECTIVES:
        return []
    if name == "toctree":
        pages = [line.strip() for line in body if line.strip() and not line.strip().startswith(":")]
        return ["", *(_toctree_item(page) for page in pages), ""]
    unsupported.append(f"{{{name}}}{UNSUPPORTED_SUFFIX}")
    return [f"{indent}```", *body, f"{indent}```"]


def _title_and_target(text: str) -> tuple[str, str]:
    """``("Title", "target")`` from ``Title <target>``, else ``("", text)``."""
    opening = text.rfind("<")
    if text.endswith(">") and opening >= 0:
        return text[:opening].strip(), text[opening + 1 : -1].strip()
    return "", text


def _toctree_item(entry: str) -> str:
    title, target = _title_and_target(entry)
    if ":" in target or target.startswith("http"):
        return f"- {title or target}"
    return f"- [{title}]({_doc_path(target)})"  # no title: the topic's own, filled in by the renderer


def _doc_path(target: str) -> str:
    """A Sphinx document name as a link to its ``.md`` file (``/`` starts at the docs' root)."""
    target = target.strip()
    return target if target.endswith(".md") else target.rstrip("/") + ".md"


def _roles(line: str) -> str:
    """The line with each MyST role as Markdown; a code span is left as it is."""
    if "}`" not in line:
        return line
    return _ROLE_OR_CODE.sub(lambda match: _role(match) if match.group("role") else match.group(0), line)


def _role(match: re.Match[str]) -> str:
    role = match.group("role").split(":")[-1].lower()
    title, target = _title_and_target(match.group("text").strip())
    if role == "doc":
        if ":" in target:  # another project's documentation (intersphinx)
            return title or target
        return f"[{title}]({_doc_path(target)})"
    if role == "ref" and ":" not in target:  # a target of this folder: a link to it
        return f"[{title}]({target})"
    if role in ("ref", "numref", "term", "abbr", "guilabel", "sub", "sup", "math"):
        return title or target
    shown = title or target
    if shown.startswith("~"):
        shown = shown[1:].rsplit(".", 1)[-1]
    return f"`{shown}`"
