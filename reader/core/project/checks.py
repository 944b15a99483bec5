"""Diagnostics over the whole URL map: shadowed patterns, duplicate names, rejected arguments.

* **shadowed**: a URL that ``reverse()`` builds for a pattern is matched first by an earlier one
  (checked with a sample URL per pattern: ``1`` for ``int``, ``x`` for ``str``/``slug``...).
* **duplicate-name**: two patterns share a reversible name; ``reverse()`` tries the *last*
  defined first, so the message names that one.
* **signature**: a function view (or a class view's ``get``) that cannot accept an argument its
  URL captures, or requires one the URL never passes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from reader.core.project.model import Diagnostic, SourceRef, UrlPattern
from reader.core.project.url_syntax import LANGUAGE_PREFIX, PARAMETER, compile_project_regex
from reader.core.project.workspace import TOPIC_URLS, TOPIC_VIEWS

if TYPE_CHECKING:
    from reader.core.project.views import Signature

_CONVERTER_REGEX = {
    "int": "[0-9]+",
    "str": "[^/]+",
    "slug": "[-a-zA-Z0-9_]+",
    "uuid": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    "path": ".+",
}
_SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "12345678-1234-1234-1234-123456789012", "path": "x/y"}
MAX_REGEX_LENGTH = 2000
MAX_COMPARISONS = 300_000  # sample-against-earlier-pattern matches before the shadow check stops
_NON_LITERAL = re.compile(r"\{(?![0-9,]*\})")  # {expr}, but not a regex quantifier such as {4} or {2,3}
_LANGUAGE_REGEX = "[a-z]{2,3}(?:[-_][a-zA-Z0-9]+)?/"


def _sample(route: str) -> str | None:
    """A URL ``reverse()`` could build for the path() ``route``; None for custom converters."""
    parts: list[str] = []
    position = 0
    for match in PARAMETER.finditer(route):
        parts.append(route[position : match.start()])
        sample = _SAMPLE.get(match["converter"] or "str")
        if sample is None:
            return None
        parts.append(sample)
        position = match.end()
    parts.append(route[position:])
    text = "".join(parts)
    return None if "{" in text else text


def _matcher(pattern: UrlPattern) -> re.Pattern[str] | None:
    """What Django would match for ``pattern`` (``None`` when it cannot be known from source)."""
    route = pattern.route
    language = route.startswith(LANGUAGE_PREFIX)
    route = route.removeprefix(LANGUAGE_PREFIX)
    if _NON_LITERAL.search(route) or len(route) > MAX_REGEX_LENGTH:
        return None
    prefix = _LANGUAGE_REGEX if language else ""
    if pattern.regex:
        text = "^" + prefix + route.removeprefix("^") if language or route.startswith("^") else route
    else:
        pieces: list[str] = ["^", prefix]
        position = 0
        for match in PARAMETER.finditer(route):
            pieces.append(re.escape(route[position : match.start()]))
            converter = _CONVERTER_REGEX.get(match["converter"] or "str")
            if converter is None:
                return None
            pieces.append(f"(?:{converter})")
            position = match.end()
        pieces.append(re.escape(route[position:]) + r"\Z")
        text = "".join(pieces)
    return compile_project_regex(text)


def _bucket(pattern: UrlPattern) -> str:
    """The literal first path segment of ``pattern`` (``""``: may match any first segment)."""
    route = pattern.route
    if route.startswith(LANGUAGE_PREFIX) or (pattern.regex and not route.startswith("^")):
        return ""
    text = route.removeprefix("^")
    head = text.split("/", 1)[0]
    return head if head and not re.search(r"[<{(\[\\.*+?|$]", head) and "/" in text else ""


def shadowed(urls: list[UrlPattern]) -> list[Diagnostic]:
    """Patterns whose own URL an earlier pattern matches first (first shadower named)."""
    found: list[Diagnostic] = []
    earlier: dict[str, list[int]] = defaultdict(list)  # bucket -> indexes into urls
    matchers: dict[int, re.Pattern[str] | None] = {}  # compiled on first use: most never are
    budget = MAX_COMPARISONS
    for index, pattern in enumerate(urls):
        sample = None if pattern.regex else _sample(pattern.route.replace(LANGUAGE_PREFIX, "en/", 1))
        if sample is not None:
            head = sample.split("/", 1)[0]
            candidates = [*earlier.get(head, []), *earlier.get("", [])]
            budget -= len(candidates)
            if budget < 0:
                found.append(
                    Diagnostic(
                        "not-seen",
                        f"shadowed patterns were looked for up to '{pattern.route}' ({pattern.source}) "
                        f"only: {MAX_COMPARISONS} comparisons, the limit for one scan",
                        pattern.source,
                        TOPIC_URLS,
                    )
                )
                break
            for other_index in candidates:
                if other_index not in matchers:
                    matchers[other_index] = _matcher(urls[other_index])
                matcher, other = matchers[other_index], urls[other_index]
                if matcher is not None and matcher.search(sample) and other.source != pattern.source:
                    found.append(
                        Diagnostic(
                            "shadowed",
                            f"'{pattern.route}' ({pattern.source}) is never reached for /{sample}: "
                            f"the earlier '{other.route}' ({other.source}) matches it first",
                            pattern.source,
                            TOPIC_URLS,
                        )
                    )
                    break
        earlier[_bucket(pattern)].append(index)
    return found


def duplicate_names(urls: list[UrlPattern]) -> list[Diagnostic]:
    """Names given to more than one pattern, with the one ``reverse()`` returns."""
    by_name: dict[str, list[UrlPattern]] = defaultdict(list)
    for pattern in urls:
        if pattern.name:
            by_name[pattern.name].append(pattern)
    found = []
    for name, patterns in by_name.items():
        if len(patterns) < 2:
            continue
        last = patterns[-1]
        others = ", ".join(f"'{p.route}' ({p.source})" for p in patterns[:-1])
        same_arguments = len({tuple(sorted(c.split(":")[-1] for c in p.converters)) for p in patterns}) == 1
        rule = (
            "reverse() returns the last one defined"
            if same_arguments
            else "reverse() tries the last one defined first and picks by the arguments given"
        )
        found.append(
            Diagnostic(
                "duplicate-name",
                f"URL name '{name}' is given {len(patterns)} times: {rule}, '{last.route}' ({last.source}); "
                f"also {others}",
                last.source,
                TOPIC_URLS,
            )
        )
    return found


def signature_problem(
    pattern: UrlPattern,
    signature: Signature,
    captured: tuple[str, ...],
    given: tuple[str, ...],
    positional: int,
) -> str:
    """Why the view of ``pattern`` cannot be called with what its URL passes, or ``""``."""
    passed = set(captured) | set(given)
    if not signature.any_kwargs:
        rejected = [name for name in captured if name not in signature.names]
        if rejected:
            return (
                f"the URL '{pattern.route}' captures {', '.join(rejected)} but the view "
                f"{pattern.view} takes no such argument ({', '.join(signature.names) or 'none'}): TypeError"
            )
    if positional and 0 <= signature.positional_slots < positional:
        return (
            f"the URL '{pattern.route}' passes {positional} unnamed group(s) but the view "
            f"{pattern.view} accepts {signature.positional_slots}: TypeError"
        )
    missing = [name for name in signature.required[positional:] if name not in passed]
    if missing and not positional:
        return (
            f"the view {pattern.view} requires {', '.join(missing)} but the URL '{pattern.route}' "
            "does not capture it: TypeError"
        )
    return ""


def signature_diagnostic(message: str, source: SourceRef) -> Diagnostic:
    """A ``signature`` diagnostic at the URL pattern's line."""
    return Diagnostic("signature", message, source, TOPIC_VIEWS)
