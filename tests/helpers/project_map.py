"""A hand-built project map of tests/fixtures/projects/minimal: a unit input for the UI and the flow.

The lines below are those of the fixture's files (a test checks them against the files), so the
source view can be tested on real files without depending on the scanner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.project.model import (
    App,
    Diagnostic,
    Middleware,
    Model,
    Origin,
    ProjectMap,
    SourceRef,
    Template,
    UrlPattern,
    View,
)
from tests.helpers.paths import FIXTURES

if TYPE_CHECKING:
    from pathlib import Path

MINIMAL = FIXTURES / "projects" / "minimal"
DJANGO_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


def _at(file: str, line: int) -> SourceRef:
    return SourceRef(file, line)


def minimal_map(root: Path = MINIMAL) -> ProjectMap:
    """The map of the minimal polls project, by hand (``root`` may be a copy of the fixture)."""
    chain = ("mysite.urls", "polls.urls")
    return ProjectMap(
        root=str(root),
        manage_py="manage.py",
        settings_module="mysite.settings",
        root_urlconf="mysite.urls",
        urls=(
            UrlPattern(
                "polls/",
                _at("polls/urls.py", 7),
                "polls:index",
                includes=chain,
                namespaces=("polls",),
                view="polls.views.index",
                view_text="views.index",
            ),
            UrlPattern(
                "polls/<int:pk>/",
                _at("polls/urls.py", 8),
                "polls:detail",
                includes=chain,
                namespaces=("polls",),
                view="polls.views.DetailView",
                view_text="views.DetailView.as_view()",
                converters=("int",),
            ),
            UrlPattern(
                "polls/<int:question_id>/vote/",
                _at("polls/urls.py", 9),
                "polls:vote",
                includes=chain,
                namespaces=("polls",),
                view="polls.views.vote",
                view_text="views.vote",
                converters=("int",),
            ),
        ),
        views=(
            View(
                "polls.views.index",
                "function",
                _at("polls/views.py", 7),
                templates=("polls/index.html",),
                models=("polls.Question",),
            ),
            View(
                "polls.views.DetailView",
                "class",
                _at("polls/views.py", 13),
                bases=("generic.DetailView",),
                templates=("polls/detail.html",),
                models=("polls.Question",),
            ),
            View(
                "polls.views.vote",
                "function",
                _at("polls/views.py", 18),
                templates=("polls/detail.html",),
                models=("polls.Question", "polls.Choice"),
                parameters=("question_id",),
            ),
        ),
        templates=(
            Template("polls/index.html", _at("polls/templates/polls/index.html", 1)),
            Template("polls/detail.html", _at("polls/templates/polls/detail.html", 1)),
        ),
        models=(
            Model("polls.Question", _at("polls/models.py", 4), ("question_text", "pub_date")),
            Model("polls.Choice", _at("polls/models.py", 12), ("question", "choice_text", "votes")),
        ),
        middleware=tuple(
            Middleware(position, dotted, SourceRef(dotted, 1, Origin.DJANGO))
            for position, dotted in enumerate(DJANGO_MIDDLEWARE, start=1)
        ),
        apps=(App("polls.apps.PollsConfig", "polls", "polls"), App("django.contrib.admin", "admin")),
        diagnostics=(
            Diagnostic(
                "not-seen",
                "admin.site.urls at mysite/urls.py:8 — run the project to expand",
                _at("mysite/urls.py", 8),
                "data/admin",
            ),
        ),
    )
