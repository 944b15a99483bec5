"""The panel's rows: sections in order, URLs nested by include with their namespace, counts."""

from __future__ import annotations

import dataclasses

from reader.core.project.model import ProjectMap, SourceRef, UrlPattern
from reader.core.project.outline import Row, project_outline
from tests.helpers.project_map import MINIMAL, minimal_map


def _labels(rows: tuple[Row, ...]) -> list[str]:
    return [row.label for row in rows]


def test_sections_in_order_with_counts() -> None:
    rows = project_outline(minimal_map())
    assert _labels(rows) == [
        "URLs (3)", "Views (3)", "Models (2)", "Templates (2)",
        "Middleware (7)", "Apps (2)", "Diagnostics (1)",
    ]  # fmt: skip


def test_urls_nest_under_their_include_with_its_namespace() -> None:
    urls = project_outline(minimal_map())[0]
    (group,) = urls.children
    assert group.label == "polls.urls  (namespace polls)"
    assert group.kind == "include"
    assert not group.searchable
    first = group.children[0]
    assert first.label == "/polls/  →  polls.views.index  ·  polls:index"
    assert (first.where, first.url, first.guide_topic) == (
        "polls/urls.py:7",
        0,
        "request-flow/url-dispatcher",
    )


def test_middleware_is_numbered_and_django_code_says_so() -> None:
    middleware = project_outline(minimal_map())[4]
    assert middleware.children[0].label == "1. SecurityMiddleware"
    assert middleware.children[0].where == "django.middleware.security"
    assert middleware.children[0].tip == "django.middleware.security.SecurityMiddleware"


def test_an_empty_map_says_what_is_missing_instead_of_empty_sections() -> None:
    rows = project_outline(ProjectMap(root="/p"))
    assert rows[0].children[0].label == "No URL patterns found"
    assert rows[4].children[0].label == "MIDDLEWARE is empty"


def test_an_unresolved_view_is_badged() -> None:
    pattern = UrlPattern("api/", SourceRef("urls.py", 3), view_text="router.urls", includes=("urls",))
    project = dataclasses.replace(ProjectMap(root="/p", root_urlconf="urls"), urls=(pattern,))
    (row,) = project_outline(project)[0].children
    assert row.badge == "view not found"
    assert "router.urls" in row.label


def test_the_hand_built_map_agrees_with_the_scanner_on_the_fixture() -> None:
    from reader.core.project.locate import locate_project
    from reader.core.project.scan import scan_project

    real, hand = scan_project(locate_project(MINIMAL)), minimal_map()

    def urls(project: ProjectMap) -> list[tuple[str, str, str, str]]:
        return [(u.route, str(u.source), u.name, u.view) for u in project.urls]

    assert urls(real) == urls(hand)
    assert [(v.id, v.source, v.templates, v.models) for v in real.views] == [
        (v.id, v.source, v.templates, v.models) for v in hand.views
    ]
    assert [m.id for m in real.middleware] == [m.id for m in hand.middleware]
    assert [(m.id, m.source) for m in real.models] == [(m.id, m.source) for m in hand.models]
