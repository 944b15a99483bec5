"""Shapes met on real open-source projects (QA pass): each in a small project written for the test."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from reader.core.project.complete import run_project
from reader.core.project.follow import followed_steps
from reader.core.project.model import Origin, ProjectMap, Provenance, SourceRef, Template, UrlPattern, View
from reader.core.project.runner import run_probe
from reader.core.project.running import merge_maps, running_map
from tests.core.project.probe_support import hostile_variant, project_python
from tests.helpers.django_project import SETTINGS, scan, urls_by_route, write_project


def test_patterns_added_in_a_try_else_or_finally_are_read(tmp_path):
    # A real project adds its debug URLs only when an optional package imports:
    # `try: import x / except ImportError: pass / else: urlpatterns += [...]`.
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.urls import path
                from app import views

                urlpatterns = [path("home/", views.index)]
                try:
                    import optional_package
                except ImportError:
                    urlpatterns += [path("fallback/", views.index)]
                else:
                    urlpatterns += [path("optional/", views.index)]
                finally:
                    urlpatterns.append(path("always/", views.index))
            """,
            "app/views.py": "def index(request):\n    pass\n",
        },
    )
    project = scan(tmp_path)
    routes = set(urls_by_route(project))
    assert {"home/", "optional/", "fallback/", "always/"} <= routes
    assert all(pattern.view == "app.views.index" for pattern in project.urls)


def test_a_django_hosts_project_names_its_other_hosts_urlconfs(tmp_path):
    # django-hosts: ROOT_URLCONF is only the default host; ROOT_HOSTCONF's host() calls name the others.
    write_project(
        tmp_path,
        {
            "proj/settings.py": SETTINGS + 'ROOT_HOSTCONF = "proj.hosts"\nDEFAULT_HOST = "www"\n',
            "proj/hosts.py": """
                from django.conf import settings
                from django_hosts import host

                host_patterns = [
                    host(r"www", settings.ROOT_URLCONF, name="www"),
                    host(r"docs", "proj.docs_urls", name="docs"),
                ]
            """,
            "proj/urls.py": """
                from django.urls import path
                from app import views
                urlpatterns = [path("home/", views.index)]
            """,
            "proj/docs_urls.py": """
                from django.urls import path
                from app import views
                urlpatterns = [path("docs/", views.index)]
            """,
            "app/views.py": "def index(request):\n    pass\n",
        },
    )
    project = scan(tmp_path)
    blind = [d for d in project.diagnostics if d.kind == "not-seen" and "ROOT_HOSTCONF" in d.message]
    assert len(blind) == 1, project.diagnostics
    assert "proj.hosts" in blind[0].message
    assert blind[0].source is not None
    assert blind[0].source.file == "proj/settings.py"


def test_a_view_named_through_a_package_re_export_is_not_a_disagreement():
    # Source follows `from django.views.generic import RedirectView` only as far as the package;
    # running sees the class where it is defined (django.views.generic.base). Same class: no
    # disagreement, one view, the URL confirmed and pointing at the defining module.
    static = ProjectMap(
        root="/p",
        urls=(UrlPattern("", SourceRef("proj/urls.py", 9), "", view="django.views.generic.RedirectView"),),
        views=(
            View(
                "django.views.generic.RedirectView",
                "class",
                SourceRef("django.views.generic", 1, Origin.DJANGO),
            ),
        ),
    )
    running = ProjectMap(
        root="/p",
        urls=(
            UrlPattern(
                "",
                SourceRef("django/views/generic/base.py", 232, Origin.DJANGO),
                "",
                view="django.views.generic.base.RedirectView",
                provenance=Provenance.RUNNING_ONLY,
            ),
        ),
        views=(
            View(
                "django.views.generic.base.RedirectView",
                "class",
                SourceRef("django/views/generic/base.py", 232, Origin.DJANGO),
                provenance=Provenance.RUNNING_ONLY,
            ),
        ),
    )
    merged = merge_maps(static, running)
    assert not [d for d in merged.diagnostics if d.kind == "disagreement"]
    (url,) = merged.urls
    assert url.provenance is Provenance.CONFIRMED
    assert url.source == SourceRef("proj/urls.py", 9)
    assert url.view == "django.views.generic.base.RedirectView"
    assert [view.id for view in merged.views] == ["django.views.generic.base.RedirectView"]
    assert merged.views[0].provenance is Provenance.CONFIRMED


def test_a_different_view_with_the_same_name_is_still_a_disagreement():
    static = ProjectMap(
        root="/p", urls=(UrlPattern("a/", SourceRef("proj/urls.py", 3), "a", view="shop.views.index"),)
    )
    running = ProjectMap(
        root="/p",
        urls=(UrlPattern("a/", SourceRef("blog/views.py", 3), "a", view="blog.views.index"),),
    )
    merged = merge_maps(static, running)
    assert [d.kind for d in merged.diagnostics] == ["disagreement"]


def test_a_regex_inside_a_path_include_is_one_url_after_running(tmp_path):
    # `path("download/", include(...))` over `re_path(r"^(\w+)/$", ...)` without a name: source
    # and running must join the route the same way, or the merged map lists the URL twice.
    write_project(
        tmp_path,
        {
            "proj/settings.py": 'ROOT_URLCONF = "proj.urls"\nINSTALLED_APPS = ["app"]\nSECRET_KEY = "x"\n',
            "proj/urls.py": """
                from django.urls import include, path
                urlpatterns = [path("download/", include("app.urls"))]
            """,
            "app/urls.py": """
                from django.urls import re_path
                from app import views
                urlpatterns = [re_path(r"^(\\w+)/(tarball|wheel)/$", views.get)]
            """,
            "app/views.py": "def get(request, *args):\n    pass\n",
        },
    )
    static = scan(tmp_path)
    result = run_probe(project_python(), tmp_path, "proj.settings")
    assert result.failure is None, result.failure
    merged = merge_maps(static, running_map(result.document, str(tmp_path)), result.document)
    routes = [url.route for url in merged.urls]
    assert routes == [r"download/(\w+)/(tarball|wheel)/$"]
    assert merged.urls[0].provenance is Provenance.CONFIRMED


def _follow(view: str, name: str = "", templates: tuple[str, ...] = ()) -> dict:
    steps = [
        {"stage": "request", "path": "/books/"},
        {"stage": "match", "route": "books/", "name": name, "args": [], "kwargs": {}, "view": view},
        {"stage": "view", "view": view, "source": None},
        *({"stage": "template", "template": t} for t in templates),
    ]
    return {"path": "/books/", "language": "", "steps": steps}


def test_a_followed_generic_view_renders_its_default_template_known_from_source():
    # A ListView with only `model = Book`: Django picks `app/book_list.html` when it renders; the
    # probe does not render, so the template comes from the map (source found the default name).
    project = ProjectMap(
        root="/p",
        views=(
            View(
                "app.views.BookList", "class", SourceRef("app/views.py", 5), templates=("app/book_list.html",)
            ),
        ),
        templates=(Template("app/book_list.html", SourceRef("app/templates/app/book_list.html", 1)),),
    )
    steps = followed_steps(_follow("app.views.BookList"), project)
    assert [(s.stage, s.label) for s in steps][-2:] == [("view", "BookList"), ("template", "book_list.html")]
    assert steps[-1].source == SourceRef("app/templates/app/book_list.html", 1)


def test_templates_the_probe_names_are_not_repeated_from_the_map():
    project = ProjectMap(
        root="/p",
        views=(View("app.views.page", "function", SourceRef("app/views.py", 5), templates=("a.html",)),),
    )
    steps = followed_steps(_follow("app.views.page", templates=("a.html",)), project)
    assert [s.label for s in steps if s.stage == "template"] == ["a.html"]


def test_an_unnamed_pattern_is_not_described_by_its_view_path(tmp_path):
    # Django's ResolverMatch.view_name falls back to the view's dotted path when the pattern has
    # no name; the followed step must not call that a name.
    root = write_project(
        tmp_path,
        {
            "proj/settings.py": 'ROOT_URLCONF = "proj.urls"\nINSTALLED_APPS = ["app"]\nSECRET_KEY = "x"\n',
            "proj/urls.py": """
                from django.urls import path
                from app import views
                urlpatterns = [path("", views.home)]
            """,
            "app/views.py": "def home(request):\n    pass\n",
        },
    )
    result = run_probe(project_python(), root, "proj.settings", follow="/")
    assert result.failure is None, result.failure
    steps = followed_steps(result.document["follow"], scan(root))
    (match,) = [s for s in steps if s.stage == "match"]
    assert "named" not in match.sentence, match.sentence


def _missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


@pytest.mark.timeout(120)
@pytest.mark.skipif(
    not (_missing("psycopg") and _missing("psycopg2")), reason="needs a Python without psycopg"
)
def test_a_database_driver_that_is_not_installed_does_not_stop_the_map(tmp_path):
    # The most common real environment: DATABASES names PostgreSQL, its driver (psycopg2 needs
    # pg_config to build) is not installed. The probe never queries, so the map needs no driver.
    tail = 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}'
    root = hostile_variant(tmp_path, tail)
    result = run_probe(project_python(), root, "mini.settings")
    assert result.failure is None, result.failure
    project = running_map(result.document, str(root))
    assert project.urls
    (note,) = [d for d in project.diagnostics if "stand-in" in d.message]
    assert "postgresql" in note.message
    assert "psycopg" in note.message


@pytest.mark.timeout(120)
def test_a_missing_module_wrapped_in_another_error_is_named(tmp_path):
    # Libraries wrap the ImportError (`raise ImproperlyConfigured("Error loading X")` in an
    # `except ImportError`): the card names the module, and its frame is a real file.
    tail = (
        "from django.core.exceptions import ImproperlyConfigured\n"
        "try:\n    import not_installed_driver_xyz\n"
        "except ImportError:\n    raise ImproperlyConfigured('Error loading the driver')"
    )
    result = run_probe(project_python(), hostile_variant(tmp_path, tail), "mini.settings")
    assert result.failure is not None
    assert result.failure.kind == "missing-package"
    assert "not_installed_driver_xyz" in result.failure.message
    assert "Error loading the driver" in result.failure.message
    assert not result.failure.frame.startswith("<")
    assert not result.failure.project_frame.startswith("<")  # importlib's frozen frames are no project's


@pytest.mark.timeout(120)
def test_the_cached_map_is_not_reused_when_the_environment_changes(tmp_path, monkeypatch):
    # Real settings branch on environment variables (a storage backend, DEBUG, feature flags);
    # setting one and running again must run again, not answer from the cache.
    root = hostile_variant(tmp_path, "import os\nif os.environ.get('DR_QA_STOP'):\n    raise SystemExit(2)")
    static = scan(root)
    monkeypatch.delenv("DR_QA_STOP", raising=False)
    first = run_project(static, project_python(), "mini.settings")
    assert first.failure is None
    assert run_project(static, project_python(), "mini.settings").cached
    monkeypatch.setenv("DR_QA_STOP", "1")
    second = run_project(static, project_python(), "mini.settings")
    assert second.failure is not None
    assert second.failure.kind == "sys-exit"


@pytest.mark.xfail(
    sys.version_info < (3, 12),
    strict=True,
    reason="the scanner parses with the reader's own Python: PEP 701 f-strings (3.12+) are a syntax "
    "error before 3.12, so a 3.12+ project's file is listed as unreadable and its models are lost",
)
def test_a_file_using_python_3_12_f_strings_is_read(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": (
                "from django.urls import path\nfrom app import views\nurlpatterns = [path('a/', views.a)]\n"
            ),
            "app/views.py": "def a(request):\n    pass\n",
            "app/models.py": (
                "from django.db import models\n\n\nclass Item(models.Model):\n"
                "    name = models.CharField(max_length=9)\n\n"
                "    def lines(self):\n        return f\"{'\\n'.join(['a', 'b'])}\"\n"
            ),
        },
    )
    project = scan(tmp_path)
    assert not [d for d in project.diagnostics if d.kind == "unreadable"]
    assert [model.id for model in project.models] == ["app.Item"]
