"""Practice questions from a project's own URLs: concrete paths the real resolver accepts."""

from __future__ import annotations

import random
import re

from django.urls.converters import get_converters
from hypothesis import given
from hypothesis import strategies as st

from reader.core.project.model import ProjectMap, SourceRef, UrlPattern
from reader.core.project.practice import SAMPLES, make_question, sample_path

DJANGO_CONVERTERS = {name: converter.regex for name, converter in get_converters().items()}  # the oracle
_SEGMENT = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    st.builds(
        lambda c, n: f"<{c}:{n}>",
        st.sampled_from(sorted(SAMPLES)),
        st.from_regex(r"[a-z_]{1,6}", fullmatch=True),
    ),
)


@given(st.lists(_SEGMENT, min_size=1, max_size=5))
def test_a_sampled_path_matches_the_route_as_django_would(segments: list[str]) -> None:
    route = "/".join(segments) + "/"
    path = sample_path(route)
    assert path is not None
    escaped = re.escape(route).replace(r"\<", "<").replace(r"\>", ">")
    regex = re.sub(r"<(\w+):\w+>", lambda m: f"(?:{DJANGO_CONVERTERS[m.group(1)]})", escaped)
    assert re.fullmatch(regex, path.lstrip("/")), (route, path)


def test_routes_that_cannot_be_sampled() -> None:
    assert sample_path("a/<year:y>/") is None  # a custom converter: its pattern is unknown here
    assert sample_path("{settings.ADMIN_URL}/x/") is None
    assert sample_path("a/<name>/") == "/a/example/"


def test_a_question_offers_the_expected_view_among_others() -> None:
    ref = SourceRef("u.py", 1)
    project = ProjectMap(
        root="/p",
        urls=tuple(UrlPattern(f"r{n}/<int:pk>/", ref, view=f"app.views.v{n}") for n in range(6)),
    )
    question = make_question(project, random.Random(3))
    assert question is not None
    assert question.expected in question.choices
    assert len(question.choices) == 4
    assert len(set(question.choices)) == 4
    assert question.path == "/" + question.route.replace("<int:pk>", "3")
    assert make_question(ProjectMap(root="/p", urls=project.urls[:1])) is None


def test_the_projects_own_views_come_first() -> None:
    from reader.core.project.model import Origin, View

    ref = SourceRef("u.py", 1)
    django = SourceRef("/site-packages/django/contrib/admin/sites.py", 9, Origin.DJANGO)
    urls = (
        *(UrlPattern(f"admin/r{n}/", ref, view=f"django.admin.v{n}") for n in range(5)),
        UrlPattern("shop/", ref, view="shop.views.index"),
        UrlPattern("shop/<int:pk>/", ref, view="shop.views.detail"),
    )
    views = (
        *(View(f"django.admin.v{n}", "function", django) for n in range(5)),
        View("shop.views.index", "function", SourceRef("shop/views.py", 3)),
        View("shop.views.detail", "function", SourceRef("shop/views.py", 9)),
    )
    for seed in range(20):
        question = make_question(ProjectMap(root="/p", urls=urls, views=views), random.Random(seed))
        assert question is not None
        assert set(question.choices) == {"shop.views.index", "shop.views.detail"}
