"""The probe's document as a map, and its merge with the map read from source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.project.model import (
    Diagnostic,
    ProjectMap,
    Provenance,
    SourceRef,
    Template,
    UrlPattern,
    View,
)
from reader.core.project.runner import run_probe
from reader.core.project.running import merge_maps, running_map
from tests.core.project.probe_support import copy_mini, project_python


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = copy_mini(tmp_path_factory.mktemp("merge"))
    result = run_probe(
        project_python(), root, "mini.settings", templates=("shop/index.html", "shop/basket.html")
    )
    assert result.failure is None
    return result.document


def _static() -> ProjectMap:
    """What reading the mini project's source gives (the shape the static scanner produces)."""
    ref = SourceRef("shop/urls.py", 7)
    return ProjectMap(
        root="/p",
        root_urlconf="mini.urls",
        urls=(
            UrlPattern(
                "shop/", ref, "shop:index", includes=("mini.urls", "shop.urls"), view="shop.views.index"
            ),
            UrlPattern("shop/loud/", SourceRef("shop/urls.py", 9), "shop:loud", view="shop.views.loud"),
            UrlPattern("legacy/", SourceRef("mini/urls.py", 30), "legacy", view="shop.views.index"),
        ),
        views=(
            View(
                "shop.views.index", "function", SourceRef("shop/views.py", 15), templates=("shop/index.html",)
            ),
        ),
        templates=(Template("shop/basket.html"),),
        diagnostics=(
            Diagnostic("not-seen", "admin.site.urls at mini/urls.py:5 — run the project to expand"),
            Diagnostic("missing-template", "template 'shop/basket.html' is not in any template folder"),
        ),
    )


def test_running_facts_are_badged_and_merged(document: dict) -> None:
    merged = merge_maps(_static(), running_map(document, "/p"))
    urls = {url.route: url for url in merged.urls}
    assert urls["shop/"].provenance is Provenance.CONFIRMED
    assert urls["shop/"].source == SourceRef("shop/urls.py", 7)  # the path() line, from source
    assert urls["legacy/"].provenance is Provenance.SOURCE  # the real resolver has no such pattern
    assert urls["admin/login/"].provenance is Provenance.RUNNING_ONLY
    assert not any(d.kind == "not-seen" for d in merged.diagnostics)  # running expanded them
    view = merged.view("shop.views.index")
    assert view is not None
    assert view.provenance is Provenance.CONFIRMED


def test_a_decorator_without_wraps_is_a_disagreement_explained(document: dict) -> None:
    merged = merge_maps(_static(), running_map(document, "/p"))
    disagreement = [d for d in merged.diagnostics if d.kind == "disagreement"]
    assert len(disagreement) == 1
    assert "shop.views.loud" in disagreement[0].message
    assert "functools.wraps" in disagreement[0].message
    assert disagreement[0].topic == "request-flow/views"


def test_templates_found_by_the_real_loaders_clear_the_static_warning(document: dict) -> None:
    merged = merge_maps(_static(), running_map(document, "/p"))
    template = merged.template("shop/basket.html")
    assert template is not None  # absent on disk in the fixture: still missing, still reported
    assert template.source is None
    assert any(d.kind == "missing-template" for d in merged.diagnostics)
    index = merged.template("shop/index.html")
    assert index is not None
    assert index.source == SourceRef("shop/templates/shop/index.html", 1)


def test_duplicate_names_say_which_one_reverse_returns(document: dict) -> None:
    urls = (
        UrlPattern("first/", SourceRef("a.py", 1), "x", view="v.a"),
        UrlPattern("second/", SourceRef("a.py", 2), "x", view="v.b"),
    )
    merged = merge_maps(ProjectMap(root="/p"), ProjectMap(root="/p", urls=urls))
    (duplicate,) = [d for d in merged.diagnostics if d.kind == "duplicate-name"]
    assert (
        "reverse() returns the last one defined, 'second/'" in duplicate.message
    )  # Django builds its lookup from the end


_KEYS = (
    "id",
    "kind",
    "source",
    "file",
    "line",
    "origin",
    "route",
    "name",
    "view",
    "includes",
    "namespaces",
    "converters",
    "position",
    "hooks",
    "templates",
    "extends",
    "error",
    "settings",
    "ROOT_URLCONF",
    "INSTALLED_APPS",
    "phases",
    "urls",
    "views",
    "middleware",
    "decorators",
    "regex",
    "message",
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=6),
    max_leaves=40,
)


@given(st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=8))
def test_any_json_from_the_child_never_raises(document: dict) -> None:
    merge_maps(ProjectMap(root="/p"), running_map(document, "/p"))


def test_malformed_entries_are_tolerated() -> None:
    document = {
        "middleware": [{"position": "abc", "id": "m"}, {"position": True}],
        "views": [{"id": "v", "source": {"file": "f", "line": -3}}],
    }
    found = running_map(document, "/p")
    assert [entry.position for entry in found.middleware] == [1, 2]
    assert found.views[0].source == SourceRef("f", 1)
