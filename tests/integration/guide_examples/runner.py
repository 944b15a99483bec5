"""Run the guide's example project under one Django installation and print the results as JSON.

This file is copied into a temporary project and executed by whichever Python (and Django) is
being tested, so it imports nothing from this repository.  Usage::

    python runner.py BASE PROJECT_PACKAGE app    # exercise the app, print RESULT=<json>
    python runner.py BASE PROJECT_PACKAGE tests  # run catalog/tests.py with Django's test runner

Exit status is non-zero when anything fails; the JSON holds what the pytest side asserts on.
"""

import io
import json
import sys
from pathlib import Path


def configure(base, project_pkg):
    """Configure settings like the guide's pages describe them; then django.setup()."""
    import django
    from django.conf import settings

    sys.path.insert(0, str(base))
    settings.configure(
        DEBUG=False,
        SECRET_KEY="guide-example-test",
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF=project_pkg + ".urls",
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "catalog",
            "library",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
        LOGIN_REDIRECT_URL="catalog:book-list",
        STATIC_URL="static/",
        STATIC_ROOT=str(Path(base) / "collected-static"),
    )
    django.setup()


def check_project(out):
    """System checks pass and the guide's migration file matches the model exactly."""
    from django.core.checks import run_checks
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    errors = [m for m in run_checks() if m.is_serious()]
    assert not errors, errors
    try:
        call_command("makemigrations", "catalog", check=True, dry_run=True, verbosity=0)
        out["migration_matches_model"] = True
    except SystemExit:
        out["migration_matches_model"] = False
    call_command("migrate", run_syncdb=True, verbosity=0)  # run_syncdb: "library" has no migrations
    applied = MigrationRecorder(connection).applied_migrations()
    out["catalog_migrations"] = sorted(name for app, name in applied if app == "catalog")


def check_pages(out):
    """The request-flow example: URLs, list and detail pages, 404s."""
    from catalog import views
    from catalog.models import Book
    from django.test import Client
    from django.urls import resolve, reverse

    out["list_url"] = reverse("catalog:book-list")
    out["detail_url"] = reverse("catalog:book-detail", kwargs={"pk": 7})
    match = resolve("/catalog/books/7/")
    out["detail_match"] = [match.view_name, match.kwargs]
    out["list_func_ok"] = resolve("/catalog/").func is views.book_list
    client = Client()
    response = client.get("/catalog/")
    out["empty"] = [response.status_code, response.content.decode()]
    b1 = Book.objects.create(title="Zebra <Tales>", genre=Book.Genre.FICTION)
    b2 = Book.objects.create(title="A History of Kansas", genre=Book.Genre.HISTORY)
    response = client.get("/catalog/")
    out["list"] = [response.status_code, response.content.decode(), [t.name for t in response.templates]]
    out["ids"] = [b1.pk, b2.pk]
    response = client.get(f"/catalog/books/{b2.pk}/")
    out["detail"] = [response.status_code, response.content.decode(), [t.name for t in response.templates]]
    out["missing"] = client.get("/catalog/books/999/").status_code
    out["bad_path"] = client.get("/catalog/books/abc/").status_code


def check_queryset_claims(out):
    """models.md: plain slices stay lazy; count() and exists() do not fill the result cache."""
    from catalog.models import Book
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        first_ten = Book.objects.all()[:10]
    out["plain_slice_queries"] = len(ctx.captured_queries)
    qs = Book.objects.all()
    qs.count()
    qs.exists()
    out["count_fills_cache"] = qs._result_cache is not None  # noqa: SLF001 - the cache is the claim
    with CaptureQueriesContext(connection) as ctx:
        list(first_ten)
    out["slice_evaluated_queries"] = len(ctx.captured_queries)


def check_forms_signals_command(out):
    """forms.md, signals.md and management-commands.md."""
    from catalog.forms import BookForm
    from catalog.models import Book
    from django.core.cache import cache
    from django.core.management import call_command

    good = BookForm({"title": " Dune ", "genre": "FIC"})
    out["good_form"] = [good.is_valid(), good.cleaned_data if good.is_valid() else None]
    bad = BookForm({"title": "untitled", "genre": "XXX"})
    out["bad_form"] = [bad.is_valid(), sorted(bad.errors), bad.errors.get("title", [])]
    cache.set("book-count", 99)
    Book.objects.create(title="Signals", genre=Book.Genre.HISTORY)
    out["cache_after_save"] = cache.get("book-count")
    buffer = io.StringIO()
    call_command("bookcount", stdout=buffer)
    out["bookcount"] = buffer.getvalue().strip()
    buffer = io.StringIO()
    call_command("bookcount", "--genre", "HIS", stdout=buffer)
    out["bookcount_history"] = buffer.getvalue().strip()
    out["book_total"] = Book.objects.count()


def check_admin(out):
    """admin.md: the changelist, its search and its filter, rendered by the test client."""
    from django.contrib.auth.models import User
    from django.test import Client

    admin_user = User.objects.create_superuser("boss", "boss@example.com", "boss-pass-123")
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/catalog/book/")
    out["admin_list"] = [response.status_code, response.content.decode()]
    out["admin_search"] = client.get("/admin/catalog/book/", {"q": "Kansas"}).content.decode()
    out["admin_filter"] = client.get("/admin/catalog/book/", {"genre__exact": "FIC"}).content.decode()
    out["admin_anonymous"] = Client().get("/admin/catalog/book/").status_code


def check_auth_and_form_view(out):
    """authentication.md, permissions.md and form-lifecycle.md, through the whole stack."""
    from catalog.models import Book
    from django.contrib.auth.models import Permission, User
    from django.test import Client, override_settings

    User.objects.create_user("reader", password="reader-pass-123")
    anonymous = Client()
    response = anonymous.get("/catalog/books/new/")
    out["anonymous_create"] = [response.status_code, response.get("Location")]
    out["login_page"] = anonymous.get("/accounts/login/").status_code
    client = Client()
    response = client.post(
        "/accounts/login/?next=/catalog/books/new/",
        {"username": "reader", "password": "reader-pass-123", "next": "/catalog/books/new/"},
    )
    out["login_post"] = [response.status_code, response.get("Location")]
    out["no_permission"] = client.get("/catalog/books/new/").status_code
    reader = User.objects.get(username="reader")
    reader.user_permissions.add(
        Permission.objects.get(content_type__app_label="catalog", codename="add_book")
    )
    response = client.get("/catalog/books/new/")
    html = response.content.decode()
    out["create_get"] = [response.status_code, "csrfmiddlewaretoken" in html, 'name="title"' in html]
    response = client.post("/catalog/books/new/", {"title": "untitled", "genre": "FIC"})
    out["create_invalid"] = [
        response.status_code,
        "Please give the book a real title." in response.content.decode(),
    ]
    response = client.post("/catalog/books/new/", {"title": "Emma", "genre": "FIC"})
    emma = Book.objects.filter(title="Emma").first()
    out["create_valid"] = [response.status_code, response.get("Location"), emma.pk if emma else None]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)
    out["csrf_missing"] = strict.post("/catalog/books/new/", {"title": "X", "genre": "FIC"}).status_code
    out["logout_get"] = client.get("/accounts/logout/").status_code
    out["logout_post"] = client.post("/accounts/logout/").status_code
    out["after_logout"] = client.get("/catalog/books/new/").status_code
    try:
        from django.contrib.auth.middleware import LoginRequiredMiddleware  # noqa: F401
    except ImportError:
        out["login_required_middleware"] = None
    else:
        from django.conf import settings

        middleware = [*settings.MIDDLEWARE, "django.contrib.auth.middleware.LoginRequiredMiddleware"]
        with override_settings(MIDDLEWARE=middleware):
            guarded = Client()
            response = guarded.get("/catalog/")
            out["login_required_middleware"] = [
                response.status_code,
                response.get("Location"),
                guarded.get("/accounts/login/").status_code,
            ]


def check_async_static_tasks(out):
    """async.md, static-files.md and (on Django 6.0+) background-tasks.md."""
    import django
    from catalog.models import Book
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.cache import cache
    from django.core.management import call_command
    from django.template import Context, Template
    from django.test import Client

    response = Client().get("/catalog/count/")
    out["async_count"] = [response.status_code, response.json()]
    out["book_total_now"] = Book.objects.count()
    out["static_found"] = bool(finders.find("catalog/site.css"))
    out["static_url"] = Template("{% load static %}{% static 'catalog/site.css' %}").render(Context())
    call_command("collectstatic", interactive=False, verbosity=0)
    out["collected"] = (Path(settings.STATIC_ROOT) / "catalog" / "site.css").is_file()
    check_email(out)
    if django.VERSION >= (6, 0):
        from catalog.tasks import refresh_book_count

        cache.delete("book-count")
        result = refresh_book_count.enqueue()
        out["task"] = [str(result.status), result.return_value, cache.get("book-count"), Book.objects.count()]
    else:
        out["task"] = None


def check_email(out):
    """email.md: the notification goes to the locmem outbox; on 6.1 also through a named mailer."""
    import django
    from catalog.models import Book
    from catalog.notifications import notify_new_book
    from django.core import mail
    from django.test import override_settings

    mail.outbox = []
    book = Book.objects.first()
    sent = notify_new_book(book, "editor@example.com")
    out["email"] = [sent, len(mail.outbox), mail.outbox[0].subject, mail.outbox[0].to]
    if django.VERSION >= (6, 1):
        locmem = {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
        with override_settings(MAILERS={"default": locmem, "bulk": locmem}):
            mail.send_mail(
                subject="Weekly list",
                message="…",
                from_email="catalogue@example.com",
                recipient_list=["editor@example.com"],
                using="bulk",
            )
        out["email_using"] = mail.outbox[-1].subject
    else:
        out["email_using"] = None


def check_6x_examples(out, project_pkg):
    """models.md fetch modes (6.1) and xss.md's CSP policy (6.0), executed only where they exist."""
    import importlib

    import django
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    out["fetch_peers"] = out["csp"] = None
    if django.VERSION >= (6, 1):
        from library.models import Author, Book
        from library.reports import author_names

        ada, bo = Author.objects.create(name="Ada"), Author.objects.create(name="Bo")
        for i in range(6):
            Book.objects.create(title=f"Book {i}", author=ada if i % 2 else bo)
        with CaptureQueriesContext(connection) as ctx:
            names = author_names()
        out["fetch_peers"] = [len(ctx.captured_queries), sorted(set(names)), len(names)]
    if django.VERSION >= (6, 0):
        from django.http import HttpResponse
        from django.middleware.csp import ContentSecurityPolicyMiddleware
        from django.template import RequestContext, Template
        from django.template.context_processors import csp
        from django.test import RequestFactory

        def inline_script_view(request):
            page = Template('<script nonce="{{ csp_nonce }}">go()</script>')
            return HttpResponse(page.render(RequestContext(request, processors=[csp])))

        policy = importlib.import_module(project_pkg + ".csp_settings").SECURE_CSP
        middleware = [*settings.MIDDLEWARE, "django.middleware.csp.ContentSecurityPolicyMiddleware"]
        with override_settings(SECURE_CSP=policy, MIDDLEWARE=middleware):
            unused = Client().get("/catalog/").headers.get("Content-Security-Policy")
            used = []
            for _ in range(2):
                response = ContentSecurityPolicyMiddleware(inline_script_view)(RequestFactory().get("/"))
                used.append([response.headers.get("Content-Security-Policy"), response.content.decode()])
        out["csp"] = {"unused": unused, "used": used}


def run_app(base, project_pkg):
    """Exercise every example; print RESULT=<json>."""
    import platform

    import django

    configure(base, project_pkg)
    from django.test.utils import setup_test_environment

    setup_test_environment()
    out = {"django": django.get_version(), "python": platform.python_version()}
    for step in (
        check_project,
        check_pages,
        check_queryset_claims,
        check_forms_signals_command,
        check_admin,
        check_auth_and_form_view,
        check_async_static_tasks,
    ):
        step(out)
    check_6x_examples(out, project_pkg)
    print("RESULT=" + json.dumps(out))


def run_tests(base, project_pkg):
    """Run the guide's catalog/tests.py with Django's own test runner; print RESULT=<json>."""
    configure(base, project_pkg)
    from django.test.runner import DiscoverRunner

    runner = DiscoverRunner(verbosity=1, interactive=False)
    count = runner.build_suite(["catalog.tests"]).countTestCases()
    failures = runner.run_tests(["catalog.tests"])
    print("RESULT=" + json.dumps({"tests": count, "failures": failures}))


def run_version(_base, _project_pkg):
    """Print RESULT=<json> with the Django and Python versions, without setting anything up."""
    import platform

    import django

    print("RESULT=" + json.dumps({"django": django.get_version(), "python": platform.python_version()}))


if __name__ == "__main__":
    {"app": run_app, "tests": run_tests, "version": run_version}[sys.argv[3]](sys.argv[1], sys.argv[2])
