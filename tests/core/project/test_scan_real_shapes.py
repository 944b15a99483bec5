"""Shapes met on real open-source projects (QA pass): each in a small project written for the test."""

from __future__ import annotations

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
