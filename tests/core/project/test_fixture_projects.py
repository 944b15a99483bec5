"""The two fixture projects: real Django projects (``manage.py check`` passes), mapped as expected.

``polls_tutorial`` is the official tutorial's project as its seventh part leaves it;
``edge_cases`` has every URLconf shape the scanner must follow. Their ``--dump-map`` output is
kept as golden JSON (``UPDATE_GOLDEN=1`` to accept a deliberate change).
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys

import pytest

from reader.cli import main
from tests.helpers.django_project import PROJECTS, kinds, scan, urls_by_route
from tests.helpers.paths import GOLDEN


@pytest.mark.parametrize("name", ["polls_tutorial", "edge_cases"])
def test_fixture_is_a_real_django_project(name, tmp_path):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(PROJECTS / name / "manage.py"), "check"],
        cwd=PROJECTS / name,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", ["polls_tutorial", "edge_cases"])
def test_dump_map_matches_the_golden_json(name, capsys):
    assert main(["--project", str(PROJECTS / name), "--dump-map"]) == 0
    printed = capsys.readouterr().out
    data = json.loads(printed)
    assert data["root"] == str((PROJECTS / name).resolve())
    data["root"] = "<root>"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    golden = GOLDEN / "projects" / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), n=2))
        pytest.fail(f"--dump-map differs from {golden.name} (UPDATE_GOLDEN=1 to accept):\n{diff}")
    assert printed.startswith("{\n  ")
    assert '"app_dirs"' in printed.splitlines()[1]


def test_the_tutorial_map_answers_which_view_template_and_model():
    project = scan(PROJECTS / "polls_tutorial")
    assert (project.settings_module, project.root_urlconf) == ("mysite.settings", "mysite.urls")
    urls = urls_by_route(project)
    assert list(urls) == [
        "polls/",
        "polls/<int:pk>/",
        "polls/<int:pk>/results/",
        "polls/<int:question_id>/vote/",
    ]
    vote = urls["polls/<int:question_id>/vote/"]
    assert (vote.name, vote.view, str(vote.source)) == ("polls:vote", "polls.views.vote", "polls/urls.py:10")
    assert vote.includes == ("mysite.urls", "polls.urls")
    assert vote.converters == ("int:question_id",)
    view = project.view("polls.views.vote")
    assert view is not None
    assert (str(view.source), view.parameters, view.templates) == (
        "polls/views.py:39",
        ("question_id",),
        ("polls/detail.html",),
    )
    assert set(view.models) == {"polls.Question", "polls.Choice"}
    detail = project.view("polls.views.DetailView")
    assert detail is not None
    assert (detail.kind, detail.bases, detail.templates) == (
        "class",
        ("generic.DetailView",),
        ("polls/detail.html",),
    )
    template = project.template("polls/detail.html")
    assert template is not None
    assert template.source is not None
    assert template.source.file == "polls/templates/polls/detail.html"
    assert [m.id for m in project.models] == ["polls.Question", "polls.Choice"]
    assert project.model("polls.Choice").fields == ("question", "choice_text", "votes")
    assert [m.position for m in project.middleware] == list(range(1, 8))
    assert project.middleware[0].source.origin == "django"
    assert project.template_dirs == ("templates",)
    assert [a.label for a in project.apps][:2] == ["polls", "admin"]
    assert project.apps[0].path == "polls"
    # The admin is the one blind spot, named at its line.
    assert [(d.kind, str(d.source), d.topic) for d in project.diagnostics] == [
        ("not-seen", "mysite/urls.py:13", "data/admin")
    ]


def test_edge_cases_settings_split_in_base_and_local_are_both_read():
    project = scan(PROJECTS / "edge_cases")
    assert project.settings_files == (
        "edgesite/settings/__init__.py",
        "edgesite/settings/base.py",
        "edgesite/settings/local.py",
    )
    assert project.apps[-1].id == "blog"  # INSTALLED_APPS += ["blog"] in local.py
    assert [m.id for m in project.middleware][:1] == ["edgesite.middleware.request_id_middleware"]
    timing = project.middleware[-1]
    assert (timing.id, str(timing.source), timing.hooks) == (
        "edgesite.middleware.TimingMiddleware",
        "edgesite/middleware.py:7",
        ("__call__", "process_view"),
    )
    assert project.template_dirs == ("templates", "extra_templates")  # os.path.join, then BASE_DIR / ...
    assert project.template("partials/nav.html").source.file == "extra_templates/partials/nav.html"


def test_edge_cases_every_urlconf_shape_is_followed():
    project = scan(PROJECTS / "edge_cases")
    urls = urls_by_route(project)
    assert urls["blog/posts/<int:pk>/"].name == "blog:detail"  # include(module) with app_name
    assert urls["shop/"].name == "store:list"  # include("dotted", namespace=...)
    assert urls["archive/<yyyy:year>/"].converters == ("yyyy:year",)  # tuple include, custom converter
    month = urls["archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$"]
    assert (month.regex, month.name, month.view) == (True, "archive:month", "shop.views.month_archive")
    assert urls["shop/item/(?P<pk>\\d+)/$"].decorators == ("login_required",)
    assert urls["help/faq/"].view == "shop.views.faq"  # inline list include
    assert urls["help/"].templates == ("help/index.html",)  # as_view(template_name=...)
    assert urls["{language}/about/"].name == "about"  # i18n_patterns, +=
    assert urls["about/"].view == "shop.views.faq"  # urlpatterns = urlpatterns + [...]
    assert "blog/latest/" in urls  # urlpatterns.extend([...])
    assert urls["blog/feed.<str:format>"].view == "blog.views.feed"  # functools.partial
    assert urls["blog/posts/<int:post_id>/comments/"].decorators == ("cache_page(60)",)
    assert urls["blog/posts/<int:post_id>/comments/"].view == "blog.views.comments"
    assert urls["login/"].view == "django.contrib.auth.views.LoginView"
    wrapped, hidden = project.view("blog.views.post_list"), project.view("blog.views.post_by_slug")
    assert (wrapped.decorators, wrapped.unwrapped_decorators) == (("audited",), ())
    assert (hidden.decorators, hidden.unwrapped_decorators) == (("counted",), ("counted",))
    assert project.view("blog.views.comments").decorators == ("login_required", "audited")
    generic = {
        view_id: project.view(view_id).templates
        for view_id in (
            "blog.views.PostDetail",
            "blog.views.PostList",
            "blog.views.PostCreate",
            "blog.views.PostDelete",
            "shop.views.ProductDetail",
        )
    }
    assert generic == {
        "blog.views.PostDetail": ("blog/post_detail.html",),
        "blog.views.PostList": ("blog/post_list.html",),  # from queryset = Post.objects...
        "blog.views.PostCreate": ("blog/post_form.html",),
        "blog.views.PostDelete": ("blog/post_confirm_delete.html",),
        "shop.views.ProductDetail": ("store/product_detail.html",),  # the app's label, not its folder
    }
    models = {model.id: model for model in project.models}
    assert models["common.TimeStamped"].abstract
    assert set(models) >= {"blog.Post", "blog.Comment", "blog.FeaturedPost", "store.Product"}


def test_edge_cases_diagnostics_name_every_blind_spot_and_problem():
    project = scan(PROJECTS / "edge_cases")
    found = {(d.kind, str(d.source)) for d in project.diagnostics}
    assert {
        ("not-seen", "edgesite/urls.py:27"),  # admin.site.urls
        ("not-seen", "edgesite/urls.py:41"),  # include("django.contrib.auth.urls")
        ("not-seen", "edgesite/urls.py:42"),  # router.urls
        ("not-seen", "edgesite/urls.py:51"),  # a for loop appending patterns
        ("not-seen", "shop/urls.py:13"),  # include of a computed list
        ("missing-template", "blog/views.py:30"),
        ("missing-template", "edgesite/urls.py:40"),  # a bare LoginView: registration/login.html
        ("missing-template", "templates/help/faq.html:1"),  # an {% include %} of a missing file
        ("shadowed", "blog/urls.py:17"),
        ("duplicate-name", "blog/urls.py:23"),
        ("duplicate-name", "edgesite/urls.py:49"),
        ("signature", "blog/urls.py:16"),
        ("signature", "blog/urls.py:21"),
    } == found
    duplicate = next(d for d in project.diagnostics if d.kind == "duplicate-name")
    assert "reverse() returns the last one defined, 'blog/latest/'" in duplicate.message
    assert kinds(project).count("signature") == 2
