"""Settings read from source (split, env-driven, django-environ), and the guide topics named."""

from __future__ import annotations

from reader.core.project.model import DIAGNOSTIC_KINDS
from tests.helpers.django_project import kinds, scan, write_project


def test_settings_forms_split_packages_and_fallbacks(tmp_path):
    write_project(
        tmp_path,
        {
            "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings.dev")\n',
            "proj/settings/__init__.py": "",
            "proj/settings/base.py": """
                import os
                BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
                ROOT_URLCONF = os.environ.get("URLCONF", "proj.urls")
                INSTALLED_APPS = ("app",)
                MIDDLEWARE = ["proj.mw.First"]
                TEMPLATES = [{"DIRS": [os.path.join(BASE_DIR, "tpl"), "/abs/elsewhere", os.environ["X"]]}]
            """,
            "proj/settings/dev.py": """
                from .base import *
                try:
                    from .local import *
                except ImportError:
                    MIDDLEWARE += ["proj.mw.fallback"]
                if DEBUG_TOOLBAR:
                    INSTALLED_APPS += ("debug_toolbar",)
            """,
            "proj/mw.py": """
                class First:
                    def __init__(self, get_response):
                        self.get_response = get_response
                    def process_exception(self, request, exception):
                        pass

                def fallback(get_response):
                    return get_response
            """,
            "proj/urls.py": "urlpatterns = []\n",
        },
    )
    project = scan(tmp_path)
    assert project.settings_files == ("proj/settings/dev.py", "proj/settings/base.py")
    assert project.root_urlconf == "proj.urls"
    assert [m.id for m in project.middleware] == ["proj.mw.First", "proj.mw.fallback"]
    assert project.middleware[0].hooks == ("process_exception",)
    assert str(project.middleware[1].source) == "proj/mw.py:8"
    assert [a.id for a in project.apps] == ["app", "debug_toolbar"]
    assert project.template_dirs == ("tpl", "/abs/elsewhere", "{os.environ['X']}")
    assert "not-seen" in kinds(project)


def test_every_diagnostic_kind_is_documented_and_its_topic_exists(tmp_path):
    from reader.core.content.loader import load_content
    from reader.resources import guide_root
    from tests.helpers.django_project import PROJECTS

    topics = load_content(guide_root()).topics
    for project in (scan(PROJECTS / "edge_cases"), scan(PROJECTS / "polls_tutorial")):
        for diagnostic in project.diagnostics:
            assert diagnostic.kind in DIAGNOSTIC_KINDS
            assert diagnostic.topic in topics, diagnostic


def test_every_topic_the_scanner_can_name_exists_in_the_guide():
    from reader.core.content.loader import load_content
    from reader.core.project import workspace
    from reader.resources import guide_root

    topics = load_content(guide_root()).topics
    named = {value for name, value in vars(workspace).items() if name.startswith("TOPIC_")}
    assert len(named) >= 7
    assert named <= set(topics)


def test_django_environ_paths_in_settings(tmp_path):
    write_project(
        tmp_path,
        {
            "proj/settings.py": """
                import environ
                ROOT = environ.Path(__file__) - 2
                APPS_DIR = ROOT.path("app")
                ROOT_URLCONF = "proj.urls"
                INSTALLED_APPS = ["app"]
                TEMPLATES = [{"DIRS": [APPS_DIR.path("templates"), ROOT("shared")], "APP_DIRS": False}]
            """,
            "proj/urls.py": "urlpatterns = []\n",
        },
    )
    assert scan(tmp_path).template_dirs == ("app/templates", "shared")
