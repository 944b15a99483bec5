"""Property tests: the scanner never raises, and never fails inside, on arbitrary Python-ish URLconfs."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.project.locate import locate_project
from reader.core.project.model import DIAGNOSTIC_KINDS
from reader.core.project.scan import scan_project
from tests.helpers.django_project import write_project

EXAMPLES = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
HEADER = (
    "from django.urls import include, path, re_path\n"
    "from django.conf.urls.i18n import i18n_patterns\n"
    "from functools import partial\n"
    "from django.contrib import admin\n"
    "from app import views\n"
    "from . import urls as me\n"
)
ATOMS = [
    "views.a",
    "views.A.as_view()",
    "views.A.as_view(template_name='t.html')",
    "'x/'",
    "f'{p}/x/'",
    "p",
    "extra",
    "urlpatterns",
    "me.urlpatterns",
    "include('app.urls')",
    "include('proj.urls')",
    "include(extra)",
    "include(me)",
    "admin.site.urls",
    "router.urls",
    "None",
    "1",
    "lambda r: r",
    "partial(views.a, k=1)",
    "views.deco(views.a)",
    "'<int:pk>/'",
    "'<slug:s>/<path:rest>'",
    "r'^(?P<y>\\d+)/(\\d+)$'",
    "r'^(unclosed'",
    "[]",
    "()",
    "'app'",
    "views",
    "views.missing",
]
expressions = st.recursive(
    st.sampled_from(ATOMS),
    lambda inner: st.one_of(
        st.builds(
            lambda call, a, b: f"{call}({a}, {b})",
            st.sampled_from(
                [
                    "path",
                    "re_path",
                    "url",
                    "include",
                    "i18n_patterns",
                    "patterns",
                    "list",
                    "static",
                    "views.a",
                ]
            ),
            inner,
            inner,
        ),
        st.builds(lambda a, b, n: f"path({a}, {b}, name={n})", inner, inner, inner),
        st.builds(lambda a, b, n: f"include(({a}, {b}), namespace={n})", inner, inner, inner),
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(f"*{i}" for i in items) + "]"),
        st.builds(lambda a, b: f"({a}, {b})", inner, inner),
        st.builds(lambda a, b: f"{a} + {b}", inner, inner),
        inner.map(lambda a: f"[{a} for n in range(2)]"),
    ),
    max_leaves=10,
)
statements = st.one_of(
    *(
        expressions.map(template.format)
        for template in (
            "urlpatterns = {}",
            "urlpatterns += {}",
            "urlpatterns.append({})",
            "urlpatterns.extend({})",
            "urlpatterns.insert(0, {})",
            "extra = {}",
            "app_name = {}",
            "p = {}",
            "for n in range(2):\n    urlpatterns.append({})",
            "if DEBUG:\n    urlpatterns += {}",
            "try:\n    urlpatterns += {}\nexcept Exception:\n    pass",
        )
    )
)
programs = st.lists(statements, max_size=6).map(lambda lines: HEADER + "\n".join(lines) + "\n")
TOKENS = [
    "path(",
    "include(",
    "re_path(",
    "urlpatterns",
    " = ",
    " += ",
    "[",
    "]",
    "(",
    ")",
    ",",
    "'x/'",
    "views.a",
    ".append(",
    ".as_view()",
    "\n",
    "    ",
    "i18n_patterns(",
    "f'{",
    "}'",
    "*",
    ":",
    "lambda",
    "from . import ",
    "import ",
    "app_name",
    "\\",
    "'''",
    "#",
    "\x00",
    "é",
    "\t",
    "if x:",
    "for x in y:",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
VIEWS = """
def a(request, pk=None, **kwargs):
    pass

def deco(view):
    return view

class A:
    template_name = "a.html"

    @classmethod
    def as_view(cls, **kwargs):
        return cls
"""


def _check(root):
    project = scan_project(locate_project(root))
    internal = [d.message for d in project.diagnostics if "could not finish reading" in d.message]
    assert internal == []
    assert {d.kind for d in project.diagnostics} <= set(DIAGNOSTIC_KINDS)
    json.dumps(project.to_json())
    for pattern in project.urls:
        assert pattern.source.file in {"proj/urls.py", "app/urls.py"}


@pytest.mark.timeout(600)
@EXAMPLES
@given(root_urls=programs, app_urls=programs)
def test_scanner_never_fails_on_generated_urlconfs(tmp_path, root_urls, app_urls):
    write_project(tmp_path, {"proj/urls.py": root_urls, "app/urls.py": app_urls, "app/views.py": VIEWS})
    _check(tmp_path)


@pytest.mark.timeout(600)
@EXAMPLES
@given(text=token_soup)
def test_scanner_never_fails_on_token_soup(tmp_path, text):
    write_project(tmp_path, {"proj/urls.py": text, "app/views.py": VIEWS})
    _check(tmp_path)


def test_a_regex_route_python_warns_about_is_read_like_any_other(tmp_path):
    # Found by Hypothesis in CI: a route like "[['a', 'a'], ...]" makes re.compile warn "Possible
    # nested set", which the check turned into "could not finish reading the URLconfs".
    line = "urlpatterns.append(re_path([[views.a for n in range(2)] for n in range(2)], views.a))"
    nested = 'urlpatterns.append(re_path(r"[[a]x]", views.a))'
    write_project(tmp_path, {"proj/urls.py": HEADER + line + "\n" + nested + "\n", "app/views.py": VIEWS})
    _check(tmp_path)
