"""Practice: "Which view answers this URL?" — a question made from the learner's own project.

:func:`make_question` picks a URL pattern of the map, turns its route into a concrete path a
browser could ask for (:func:`sample_path`: each converter replaced by a value it accepts), and
offers the view that the source says answers it among up to three others. The answer is then
checked by the project's real resolver (a followed request): the map read from source can be
wrong, the resolver cannot.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.project.model import Origin

if TYPE_CHECKING:
    from reader.core.project.model import ProjectMap, UrlPattern

CHOICES = 4
SAMPLES = {  # Django's built-in path converters and a value each accepts
    "int": "3",
    "str": "example",
    "slug": "an-example",
    "uuid": "0b7f2a52-6a0e-4c55-9a55-3f5c0b1e2d4a",
    "path": "docs/intro",
}


@dataclass(frozen=True)
class Question:
    """A path to resolve, the views offered (``choices``, shuffled) and the one the source names."""

    path: str
    choices: tuple[str, ...]
    expected: str
    route: str


def sample_path(route: str) -> str | None:
    """``route`` (a ``path()`` route, joined) with each ``<converter:name>`` filled in, as ``/a/3/``.

    ``None`` when a converter is not one of Django's own (its pattern is unknown here) or a part
    is not a literal (``{expr}``).
    """
    if "{" in route:
        return None
    parts: list[str] = []
    rest = route
    while "<" in rest:
        before, _, after = rest.partition("<")
        spec, closed, rest = after.partition(">")
        if not closed:
            return None
        converter = spec.split(":", 1)[0] if ":" in spec else "str"
        if converter not in SAMPLES:
            return None
        parts += [before, SAMPLES[converter]]
    parts.append(rest)
    return "/" + "".join(parts).lstrip("/")


def _askable(pattern: UrlPattern) -> bool:
    return bool(pattern.view) and not pattern.regex and pattern.route.strip("/") != ""


def _own_views(project: ProjectMap) -> set[str]:
    """Views whose code lies in the project (not Django's or a third party's)."""
    return {
        view.id for view in project.views if view.source is not None and view.source.origin is Origin.PROJECT
    }


def make_question(project: ProjectMap, rng: random.Random | None = None) -> Question | None:
    """A question about one of ``project``'s URLs, or ``None`` when fewer than two views can be offered.

    The project's own views are asked about (and offered) first; Django's and third-party views
    only when the project has fewer than two of its own.
    """
    rng = rng or random.Random()
    views = sorted({pattern.view for pattern in project.urls if pattern.view})
    own = sorted(_own_views(project).intersection(views))
    if len(own) >= 2:
        views = own
    candidates = [
        pattern
        for pattern in project.urls
        if _askable(pattern) and pattern.view in views and sample_path(pattern.route)
    ]
    if len(views) < 2 or not candidates:
        return None
    pattern = rng.choice(candidates)
    path = sample_path(pattern.route)
    if path is None:
        return None
    others = [view for view in views if view != pattern.view]
    choices = [pattern.view, *rng.sample(others, min(CHOICES - 1, len(others)))]
    rng.shuffle(choices)
    return Question(path, tuple(choices), pattern.view, pattern.route)
