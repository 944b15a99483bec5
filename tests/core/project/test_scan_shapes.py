"""URLconf, view, template and settings shapes, each in a small project written for the test."""

from __future__ import annotations

from tests.helpers.django_project import kinds, scan, urls_by_route, write_project


def test_include_forms_join_prefixes_and_namespaces(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.urls import include, path
                import app.urls
                from app import urls as app_urls
                from app import views

                extra = [path("x/", views.index, name="x")]
                urlpatterns = [
                    path("a/", include("app.urls")),
                    path("b/", include(app.urls, namespace="bee")),
                    path("c/", include((app_urls, "sea"))),
                    path("d/", include(extra)),
                    path("e/", include([path("inline/", views.index, name="inline")])),
                    path("f/", include(("app.urls", "eff"), namespace="f2")),
                ]
            """,
            "app/urls.py": """
                from django.urls import path
                from . import views
                app_name = "app"
                urlpatterns = [path("<int:pk>/", views.index, name="one")]
            """,
            "app/views.py": "def index(request, pk=None):\n    pass\n",
        },
    )
    urls = urls_by_route(scan(tmp_path))
    assert {route: pattern.name for route, pattern in urls.items()} == {
        "a/<int:pk>/": "app:one",
        "b/<int:pk>/": "bee:one",
        "c/<int:pk>/": "sea:one",
        "d/x/": "x",
        "e/inline/": "inline",
        "f/<int:pk>/": "f2:one",
    }
    assert urls["a/<int:pk>/"].includes == ("proj.urls", "app.urls")
    assert urls["a/<int:pk>/"].view == "app.views.index"


def test_urlpatterns_built_by_every_operator(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.urls import path, re_path
                from django.conf.urls.i18n import i18n_patterns
                from app.views import v

                more = [path("plus/", v)]
                urlpatterns = [path("eq/", v)]
                urlpatterns += [path("aug/", v)]
                urlpatterns = urlpatterns + more
                urlpatterns.append(path("append/", v))
                urlpatterns.extend([path("extend/", v)])
                urlpatterns.insert(0, path("first/", v))
                urlpatterns += i18n_patterns(path("intl/", v), prefix_default_language=False)
                urlpatterns += [re_path(r"^re/(?P<year>[0-9]{4})/$", v)]
            """,
            "app/views.py": "def v(request, **kwargs):\n    pass\n",
        },
    )
    project = scan(tmp_path)
    assert [p.route for p in project.urls] == [
        "first/",
        "eq/",
        "aug/",
        "plus/",
        "append/",
        "extend/",
        "{language}/intl/",
        "^re/(?P<year>[0-9]{4})/$",
    ]
    assert project.urls[-1].regex
    assert project.urls[-1].converters == ("regex:year",)
    assert project.diagnostics == ()


def test_re_path_prefixes_join_into_one_regex_and_non_literals_stay_visible(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.conf import settings
                from django.urls import include, re_path, path
                PREFIX = "api"
                urlpatterns = [
                    re_path(r"^blog/", include("app.urls")),
                    path(f"{settings.API}/v1/", include("app.urls")),
                    path(PREFIX + "/", include("app.urls")),
                ]
            """,
            "app/urls.py": """
                from django.urls import re_path
                from . import views
                urlpatterns = [re_path(r"^(?P<slug>[-\\w]+)/$", views.post)]
            """,
            "app/views.py": "def post(request, slug):\n    pass\n",
        },
    )
    routes = [p.route for p in scan(tmp_path).urls]
    assert routes == [
        "^blog/(?P<slug>[-\\w]+)/$",
        "{settings.API}/v1/(?P<slug>[-\\w]+)/$",
        "api/(?P<slug>[-\\w]+)/$",
    ]


def test_views_resolve_through_aliases_wrappers_and_class_views(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                import functools
                from functools import partial
                from django.contrib.auth.decorators import login_required
                from django.urls import path
                import app.views as av
                from app import views
                from app.views import Page as P
                from app.shortcuts import wrapped_index

                urlpatterns = [
                    path("alias/", av.index),
                    path("class/", P.as_view(), name="page"),
                    path("partial/<int:n>/", partial(views.paged, size=10)),
                    path("ftpartial/", functools.partial(views.paged, n=1, size=2)),
                    path("wrapped/", login_required(views.index)),
                    path("nested/", login_required(functools.partial(views.paged, n=1, size=1))),
                    path("assigned/", wrapped_index),
                    path("lambda/", lambda request: None),
                    path("pkg/", views.sub.deep),
                ]
            """,
            "app/views/__init__.py": "from .main import *\nfrom . import sub\n",
            "app/views/main.py": """
                from django.views.generic import TemplateView

                def index(request):
                    pass

                def paged(request, n, size):
                    pass

                class Page(TemplateView):
                    template_name = "page.html"
            """,
            "app/views/sub.py": "def deep(request):\n    pass\n",
            "app/shortcuts.py": "from django.contrib.auth.decorators import login_required\n"
            "from app.views import index\nwrapped_index = login_required(index)\n",
        },
    )
    project = scan(tmp_path)
    urls = urls_by_route(project)
    assert urls["alias/"].view == "app.views.main.index"
    assert urls["class/"].view == "app.views.main.Page"
    assert project.view("app.views.main.Page").templates == ("page.html",)
    assert urls["partial/<int:n>/"].view == "app.views.main.paged"
    assert urls["wrapped/"].decorators == ("login_required",)
    assert urls["nested/"].view == "app.views.main.paged"
    assert urls["assigned/"].view == "app.views.main.index"
    assert urls["assigned/"].decorators == ("login_required",)
    assert urls["pkg/"].view == "app.views.sub.deep"
    assert urls["lambda/"].view == ""
    assert urls["lambda/"].view_text == "lambda request: None"
    lambda_notes = [d for d in project.diagnostics if str(d.source) == str(urls["lambda/"].source)]
    assert [d.kind for d in lambda_notes] == ["not-seen"]
    assert "signature" not in kinds(project)  # partial binds size; n is captured or bound


def test_templates_from_every_call_and_generic_defaults(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.urls import path
                from app import views
                urlpatterns = [
                    path("r/", views.r), path("t/", views.t), path("g/", views.g), path("s/", views.s),
                    path("l/", views.Listing.as_view()), path("d/<int:pk>/", views.Detail.as_view()),
                    path("u/<int:pk>/", views.Edit.as_view()), path("m/<int:pk>/", views.Mine.as_view()),
                    path("k/", views.Base.as_view(model=views.Thing)),
                ]
            """,
            "app/models.py": """
                from django.db import models
                class Thing(models.Model):
                    name = models.CharField(max_length=9)
            """,
            "app/views.py": """
                from django.shortcuts import render
                from django.template import loader
                from django.template.response import TemplateResponse
                from django.views import generic
                from .models import Thing
                NAME = "app/const.html"

                def r(request):
                    return render(request, NAME)

                def t(request):
                    return TemplateResponse(request, ["app/first.html", "app/second.html"])

                def g(request):
                    return loader.get_template("app/loaded.html")

                def s(request):
                    return loader.select_template(["app/a.html", "app/b.html"])

                class Listing(generic.ListView):
                    queryset = Thing.objects.filter(name="x").order_by("name")

                class Detail(generic.DetailView):
                    model = Thing

                class Edit(generic.UpdateView):
                    model = Thing
                    template_name_suffix = "_edit"

                class Mine(Detail):
                    pass

                class Base(generic.DetailView):
                    pass
            """,
            "app/templates/app/second.html": "{% extends 'base.html' %}",
            "templates/base.html": '<html>{% include "part.html" %}</html>',
            "templates/part.html": "",
            "app/templates/app/thing_detail.html": "",
        },
    )
    project = scan(tmp_path)
    views = {view.id: view.templates for view in project.views}
    assert views == {
        "app.views.r": ("app/const.html",),
        "app.views.t": ("app/first.html", "app/second.html"),
        "app.views.g": ("app/loaded.html",),
        "app.views.s": ("app/a.html", "app/b.html"),
        "app.views.Listing": ("app/thing_list.html",),
        "app.views.Detail": ("app/thing_detail.html",),
        "app.views.Edit": ("app/thing_edit.html",),
        "app.views.Mine": ("app/thing_detail.html",),  # inherited from a project base class
        "app.views.Base": (),
    }
    assert urls_by_route(project)["k/"].templates == ("app/thing_detail.html",)  # as_view(model=...)
    assert project.view("app.views.Listing").models == ("app.Thing",)
    second = project.template("app/second.html")
    assert second.extends == "base.html"
    assert second.source.file == "app/templates/app/second.html"
    assert project.template("base.html").includes == ("part.html",)
    assert project.template("part.html").source.file == "templates/part.html"
    missing = sorted(d.message.split("'")[1] for d in project.diagnostics if d.kind == "missing-template")
    # The list candidates (first.html or second.html) are satisfied by second.html.
    assert missing == [
        "app/a.html",
        "app/const.html",
        "app/loaded.html",
        "app/thing_edit.html",
        "app/thing_list.html",
    ]


def test_signature_diagnostics_for_rejected_and_missing_arguments(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.urls import path, re_path
                from app import views
                urlpatterns = [
                    path("ok/<int:pk>/", views.takes_pk),
                    path("rejects/<slug:slug>/", views.takes_pk),
                    path("missing/", views.takes_pk),
                    path("extra/", views.takes_pk, {"pk": 1}),
                    path("kw/<int:anything>/", views.takes_kwargs),
                    re_path(r"^pos/(\\d+)/$", views.takes_pk),
                    re_path(r"^toomany/(\\d+)/(\\d+)/$", views.takes_pk),
                    path("cls/<int:pk>/", views.Handler.as_view()),
                ]
            """,
            "app/views.py": """
                from django.views import View

                def takes_pk(request, pk):
                    pass

                def takes_kwargs(request, **kwargs):
                    pass

                class Handler(View):
                    def get(self, request):
                        pass
            """,
        },
    )
    project = scan(tmp_path)
    flagged = [str(d.source).rpartition(":")[2] for d in project.diagnostics if d.kind == "signature"]
    assert flagged == ["6", "7", "11", "12"]
    assert all(d.topic == "request-flow/views" for d in project.diagnostics if d.kind == "signature")


def test_urlpatterns_passed_through_a_helper_keep_what_was_read(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.urls import path
                from proj.debug import add_toolbar
                from app.views import v
                urlpatterns = [path("a/", v)]
                urlpatterns = add_toolbar(urlpatterns)
                urlpatterns += [path("b/", v)]
            """,
            "proj/debug.py": "def add_toolbar(patterns):\n    return patterns\n",
            "app/views.py": "def v(request):\n    pass\n",
        },
    )
    project = scan(tmp_path)
    assert [p.route for p in project.urls] == ["a/", "b/"]
    (note,) = [d for d in project.diagnostics if d.kind == "not-seen"]
    assert str(note.source) == "proj/urls.py:6"
    assert "may add or change patterns" in note.message


def test_old_style_urlconfs_with_patterns_url_and_string_views(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.conf.urls import include, patterns, url

                urlpatterns = patterns(
                    "app.views",
                    url(r"^$", "index", name="home"),
                    url(r"^items/(?P<pk>\\d+)/$", "app.views.detail"),
                    url(r"^blog/", include("app.urls")),
                )
            """,
            "app/urls.py": """
                from django.conf.urls import url
                urlpatterns = [url(r"^(?P<slug>[-\\w]+)/$", "app.views.detail", name="post")]
            """,
            "app/views.py": """
                def index(request):
                    pass

                def detail(request, pk=None, slug=None):
                    pass
            """,
        },
    )
    urls = urls_by_route(scan(tmp_path))
    assert {route: pattern.view for route, pattern in urls.items()} == {
        "^$": "app.views.index",
        "^items/(?P<pk>\\d+)/$": "",  # the prefix is prepended: app.views.app.views.detail
        "^blog/(?P<slug>[-\\w]+)/$": "app.views.detail",
    }
