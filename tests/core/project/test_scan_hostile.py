"""Bad projects never crash the scan: each problem is a specific diagnostic, the rest is mapped."""

from __future__ import annotations

import builtins
import importlib
import os
import subprocess

import pytest

from reader.cli import main
from reader.core.project.scan import scan_project
from tests.helpers.django_project import PROJECTS, kinds, scan, urls_by_route, write_project

TWO_APPS = {
    "proj/urls.py": """
        from django.urls import include, path
        urlpatterns = [path("good/", include("good.urls")), path("bad/", include("app.urls"))]
    """,
    "good/__init__.py": "",
    "good/urls.py": "from django.urls import path\nfrom . import views\nurlpatterns = [path('', views.v)]\n",
    "good/views.py": "def v(request):\n    pass\n",
}


def messages(project, kind):
    return [d.message for d in project.diagnostics if d.kind == kind]


def test_a_syntax_error_is_named_with_its_line_and_the_other_app_is_still_mapped(tmp_path):
    write_project(tmp_path, {**TWO_APPS, "app/urls.py": "urlpatterns = [\n    path('x/', views.x\n"})
    project = scan(tmp_path)
    assert [p.route for p in project.urls] == ["good/"]
    (message,) = messages(project, "unreadable")
    assert message.startswith("app/urls.py:2: syntax error")
    assert project.diagnostics[0].topic


def test_non_utf8_and_huge_files_are_named_not_read(tmp_path):
    write_project(
        tmp_path,
        {
            **TWO_APPS,
            "app/urls.py": b"# caf\xe9\nurlpatterns = []\n",
            "good/views.py": "x = 1\n" * 200_000,
        },
    )
    project = scan(tmp_path)
    found = messages(project, "unreadable")
    assert any("app/urls.py: not UTF-8" in m for m in found)
    assert any("good/views.py: larger than 1024 KiB" in m for m in found)
    assert urls_by_route(project)["good/"].view == ""  # the view's module was not read: said so
    assert "not-seen" in kinds(project)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loops_are_not_followed_forever(tmp_path):
    write_project(tmp_path, TWO_APPS)
    (tmp_path / "app" / "urls.py").symlink_to(tmp_path / "app" / "urls.py")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "loop").symlink_to(tmp_path / "templates")
    (tmp_path / "deeper").symlink_to(tmp_path)
    project = scan(tmp_path)
    assert [p.route for p in project.urls] == ["good/"]
    assert any("bad/" in m or "app.urls" in m for m in messages(project, "not-seen"))


@pytest.mark.timeout(30)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_a_module_is_never_opened(tmp_path):
    write_project(tmp_path, TWO_APPS)
    os.mkfifo(tmp_path / "app" / "urls.py")
    project = scan(tmp_path)  # opening the FIFO would block until the timeout
    assert any("app/urls.py: not a regular readable file" in m for m in messages(project, "unreadable"))


def test_missing_settings_module_is_a_settings_diagnostic(tmp_path):
    write_project(
        tmp_path,
        {"manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "gone.settings")\n'},
        defaults=False,
    )
    project = scan(tmp_path)
    assert project.urls == ()
    (message,) = messages(project, "settings")
    assert "gone.settings" in message
    assert project.manage_py == "manage.py"


def test_no_settings_module_named_anywhere(tmp_path):
    write_project(tmp_path, {"manage.py": "print('hi')\n"}, defaults=False)
    (message,) = messages(scan(tmp_path), "settings")
    assert "No settings module found" in message


def test_circular_includes_are_cut_and_named(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": "from django.urls import include, path\n"
            "urlpatterns = [path('a/', include('app.urls'))]\n",
            "app/urls.py": "from django.urls import include, path\n"
            "urlpatterns = [path('b/', include('proj.urls')), path('self/', include('app.urls'))]\n",
        },
    )
    project = scan(tmp_path)
    circular = [m for m in messages(project, "not-seen") if m.startswith("circular include")]
    tail = "; Django would recurse forever, the reader stops here"
    assert circular == [
        f"circular include: proj.urls → app.urls → proj.urls{tail}",
        f"circular include: proj.urls → app.urls → app.urls{tail}",
    ]


@pytest.mark.timeout(120)
def test_ten_thousand_patterns_are_all_listed(tmp_path):
    lines = [f"    path('page{i}/<int:pk>/', views.v, name='p{i}')," for i in range(10_000)]
    lines += [f"    path('same/{i}/', views.v, name='same')," for i in range(200)]
    write_project(
        tmp_path,
        {
            "proj/urls.py": "from django.urls import path\nfrom app import views\nurlpatterns = [\n"
            + "\n".join(lines)
            + "\n]\n",
            "app/views.py": "def v(request, pk=0):\n    pass\n",
        },
    )
    project = scan(tmp_path)
    assert len(project.urls) == 10_200
    assert project.urls[9_999].route == "page9999/<int:pk>/"
    assert kinds(project) == ["duplicate-name"]


@pytest.mark.timeout(120)
def test_runaway_pattern_counts_are_cut_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr("reader.core.project.urlconf.MAX_PATTERNS", 50)
    items = ", ".join(f"path('p{i}/', v)" for i in range(80))
    write_project(
        tmp_path, {"proj/urls.py": f"from django.urls import path\nv = None\nurlpatterns = [{items}]\n"}
    )
    project = scan(tmp_path)
    assert len(project.urls) == 50
    assert any("30 more were not listed" in m for m in messages(project, "not-seen"))


def test_blind_spots_each_at_their_line(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/urls.py": """
                from django.conf import settings
                from django.conf.urls.static import static
                from django.contrib import admin
                from django.urls import include, path
                from rest_framework import routers
                from app import views
                router = routers.DefaultRouter()
                urlpatterns = [
                    path("admin/", admin.site.urls),
                    path("api/", include(router.urls)),
                    path("ext/", include("allauth.urls")),
                    *[path(f"{n}/", views.v) for n in "ab"],
                    views.make_pattern(),
                    path("dyn/", include(views.pick())),
                ]
                urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
                urlpatterns += router.urls
                for n in range(3):
                    urlpatterns.append(path(f"{n}/", views.v))
            """,
            "app/views.py": "def v(request):\n    pass\n",
        },
    )
    project = scan(tmp_path)
    lines = sorted(d.source.line for d in project.diagnostics if d.kind == "not-seen")
    assert lines == [10, 11, 12, 13, 14, 15, 17, 18, 19]
    topics = {d.source.line: d.topic for d in project.diagnostics}
    assert topics[10] == "data/admin"
    assert project.urls == ()


def test_no_project_code_is_imported_or_executed(tmp_path, monkeypatch):
    """Patch every way to run code; the locate → scan → --dump-map flow still works."""
    project_names = {"mysite", "polls", "edgesite", "blog", "shop", "common"}

    def refuse(*_args, **_kwargs):
        raise AssertionError("the scanner tried to run something")

    real_import = builtins.__import__
    real_compile = builtins.compile

    def guarded_import(name, *args, **kwargs):
        if name.split(".")[0] in project_names:
            raise AssertionError(f"the scanner tried to import {name}")
        return real_import(name, *args, **kwargs)

    def ast_only_compile(source, filename, mode, flags=0, *args, **kwargs):
        import ast

        if not flags & ast.PyCF_ONLY_AST:
            raise AssertionError("the scanner tried to compile code to run")
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    for name in ("Popen", "run", "call", "check_call", "check_output"):
        monkeypatch.setattr(subprocess, name, refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(importlib, "import_module", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "compile", ast_only_compile)
    monkeypatch.setattr(builtins, "__import__", guarded_import)
    for name in ("polls_tutorial", "edge_cases"):
        from reader.core.project.locate import locate_project

        project = scan_project(locate_project(PROJECTS / name))
        assert len(project.urls) >= 4
        assert main(["--project", str(PROJECTS / name), "--dump-map"]) == 0


def test_dump_map_refuses_a_folder_that_is_not_a_project(tmp_path, capsys):
    assert main(["--project", str(tmp_path), "--dump-map"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "is not a Django project: no manage.py" in captured.err


def test_dump_map_needs_project(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--dump-map"])
    assert exit_.value.code == 2
    assert "--dump-map needs --project" in capsys.readouterr().err


@pytest.mark.timeout(120)
def test_the_shadow_check_stops_at_its_budget_and_says_where(tmp_path, monkeypatch):
    monkeypatch.setattr("reader.core.project.checks.MAX_COMPARISONS", 1000)
    items = ", ".join(f"path('items/{i}/<int:pk>/', v)" for i in range(100))
    write_project(
        tmp_path, {"proj/urls.py": f"from django.urls import path\nv = None\nurlpatterns = [{items}]\n"}
    )
    project = scan(tmp_path)
    assert len(project.urls) == 100
    (message,) = [
        d.message for d in project.diagnostics if d.kind == "not-seen" and "comparisons" in d.message
    ]
    assert message.startswith("shadowed patterns were looked for up to 'items/45/<int:pk>/'")
