"""Checks that the code shown in the bundled guide actually works.

* Every ```python block anywhere in the guide must parse.
* Every block with a ``data-file`` attribute, on any page, is copied into one temporary project
  (the "catalog" example app and its project) and run by Django's own machinery in a subprocess
  (settings can be configured only once per process): migrations checked and applied to
  in-memory SQLite, pages, forms, the admin, login and permissions, signals, a management
  command, an async view, static files, the 6.x tasks framework, and the guide's own test case.
* This runs twice when possible: with the Django that ``make test`` installs (5.2 LTS under
  Python 3.11) and with the newest Django under a Python >= 3.12 found on the machine.  The
  terminal summary says which Django versions ran.
* Every docs.djangoproject.com URL in the guide's ``sources`` names a page that exists in
  Django's own docs tree (from the sdist of the newest Django).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import types
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.paths import PROJECT_ROOT
from tests.integration.guide_examples import envs
from tests.integration.guide_examples.guide_text import (
    DOCS_URL_RE,
    GUIDE,
    SOURCE_PATH_RE,
    anchors,
    example_files,
    guide_pages,
    iter_blocks,
    source_urls,
)

pytest.importorskip("django")

EXAMPLE = GUIDE / "request-flow" / "example-app.md"
RUNNER = PROJECT_ROOT / "tests" / "integration" / "guide_examples" / "runner.py"

VERSIONS_RAN: dict[str, str] = {}


def test_guide_exists():
    assert EXAMPLE.is_file()
    assert len(guide_pages()) >= 50


@pytest.mark.parametrize("page", guide_pages(), ids=lambda p: p.relative_to(GUIDE).as_posix())
def test_python_blocks_parse(page: Path):
    text = page.read_text("utf-8")
    for lang, data_file, body, line in iter_blocks(text):
        if lang in ("python", "py", "python3"):
            try:
                ast.parse(body, filename=f"{page.name}:{line}")
            except SyntaxError as exc:  # pragma: no cover - failure path
                pytest.fail(f"{page.relative_to(GUIDE)} line {line} ({data_file or 'python block'}): {exc}")


def test_example_has_expected_files():
    files = example_files()
    expected = {
        "catalog/urls.py",
        "catalog/models.py",
        "catalog/views.py",
        "catalog/templates/catalog/book_list.html",
        "catalog/apps.py",
        "catalog/admin.py",
        "catalog/forms.py",
        "catalog/migrations/0001_initial.py",
        "catalog/tests.py",
        "catalog/signals.py",
        "catalog/tasks.py",
        "catalog/async_views.py",
        "catalog/management/commands/bookcount.py",
        "catalog/templates/registration/login.html",
        "catalog/static/catalog/site.css",
        "catalog/notifications.py",
        "library/models.py",
        "library/reports.py",
        "mysite/csp_settings.py",
    }
    assert expected <= set(files), sorted(expected - set(files))
    project_urls = [f for f in files if f.endswith("urls.py") and not f.startswith("catalog/")]
    assert len(project_urls) == 1, f"need exactly one project urls.py: {sorted(files)}"


def write_project(base: Path) -> str:
    """Write every data-file block under ``base``, add package markers; return the project package."""
    files = example_files()
    project_pkg = next(
        rel.split("/")[0]
        for rel in files
        if rel.endswith("urls.py") and rel.count("/") == 1 and not rel.startswith("catalog/")
    )
    for rel, body in files.items():
        dest = base / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(body, "utf-8")
    for rel in files:
        if rel.endswith(".py"):
            folder = (base / rel).parent
            while folder != base:
                (folder / "__init__.py").touch()
                folder = folder.parent
    (base / "run_example.py").write_text(RUNNER.read_text("utf-8"), "utf-8")
    return project_pkg


def run_mode(python: str, base: Path, project_pkg: str, mode: str) -> dict[str, Any]:
    proc = subprocess.run(
        [python, str(base / "run_example.py"), str(base), project_pkg, mode],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=base,
        check=False,
    )
    assert proc.returncode == 0, (
        f"{mode} failed under {python}:\nSTDOUT:\n{proc.stdout}\nSTDERR:\n{proc.stderr}"
    )
    lines = [x for x in proc.stdout.splitlines() if x.startswith("RESULT=")]
    assert lines, proc.stdout + proc.stderr
    return json.loads(lines[-1][len("RESULT=") :])


def _terminal_summary(terminalreporter) -> None:
    """List the Django versions the examples ran on, at the end of the pytest run."""
    terminalreporter.section("guide examples")
    for target, version in sorted(VERSIONS_RAN.items()):
        terminalreporter.write_line(f"guide examples ran on {version} ({target})")


def _report(config, target: str, version: str) -> None:
    VERSIONS_RAN[target] = version
    if not config.pluginmanager.has_plugin("guide-example-versions"):
        plugin = types.SimpleNamespace(pytest_terminal_summary=_terminal_summary)
        config.pluginmanager.register(plugin, "guide-example-versions")


def _cache_dir(request: pytest.FixtureRequest, name: str) -> Path:
    """pytest's cache folder ``name``; a temporary one when the cache plugin is off."""
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir(name))
    return Path(request.getfixturevalue("tmp_path_factory").mktemp(name))


@pytest.fixture(scope="module")
def newest_python(request) -> str:
    python, reason = envs.newest_django_python(_cache_dir(request, "guide-newest-django"))
    if python is None:
        pytest.skip(f"newest Django not run: {reason}")
    return python


@pytest.fixture(scope="module", params=["default", "newest"])
def example_project(request, tmp_path_factory) -> tuple[str, Path, str]:
    """(python, project folder, project package) for one Django installation."""
    python = envs.default_python() if request.param == "default" else request.getfixturevalue("newest_python")
    base = tmp_path_factory.mktemp(f"guide_example_{request.param}")
    project_pkg = write_project(base)
    version = run_mode(python, base, project_pkg, "version")
    _report(request.config, request.param, f"Django {version['django']} on Python {version['python']}")
    return python, base, project_pkg


@pytest.fixture(scope="module")
def example_run(example_project) -> dict[str, Any]:
    python, base, project_pkg = example_project
    return run_mode(python, base, project_pkg, "app")


def test_example_urls_resolve(example_run):
    assert example_run["list_url"] == "/catalog/"
    assert example_run["detail_url"] == "/catalog/books/7/"
    assert example_run["detail_match"] == ["catalog:book-detail", {"pk": 7}]
    assert example_run["list_func_ok"] is True


def test_example_empty_list(example_run):
    status, html = example_run["empty"]
    assert status == 200
    assert "No books yet." in html


def test_example_list_page(example_run):
    status, html, templates = example_run["list"]
    assert status == 200
    assert "catalog/book_list.html" in templates
    # Titles are listed, autoescaped, and ordered.
    assert "Zebra &lt;Tales&gt;" in html
    assert "Zebra <Tales>" not in html
    assert "A History of Kansas" in html
    assert html.index("A History of Kansas") < html.index("Zebra &lt;Tales&gt;")
    assert "No books yet." not in html
    for pk in example_run["ids"]:
        assert f'href="/catalog/books/{pk}/"' in html


def test_example_detail_page(example_run):
    status, html, templates = example_run["detail"]
    assert status == 200
    assert "catalog/book_detail.html" in templates
    assert "A History of Kansas" in html
    assert "History" in html
    assert 'href="/catalog/"' in html


def test_example_not_found(example_run):
    assert example_run["missing"] == 404
    assert example_run["bad_path"] == 404


def test_migration_file_matches_model_and_applies(example_run):
    assert example_run["migration_matches_model"] is True
    assert example_run["catalog_migrations"] == ["0001_initial"]


def test_queryset_claims_of_models_page(example_run):
    assert example_run["plain_slice_queries"] == 0
    assert example_run["slice_evaluated_queries"] == 1
    assert example_run["count_fills_cache"] is False


def test_form_validates_good_and_bad_data(example_run):
    assert example_run["good_form"] == [True, {"title": "Dune", "genre": "FIC"}]
    valid, fields, title_errors = example_run["bad_form"]
    assert valid is False
    assert fields == ["genre", "title"]
    assert title_errors == ["Please give the book a real title."]


def test_signal_receiver_and_management_command(example_run):
    assert example_run["cache_after_save"] is None
    assert example_run["bookcount"] == f"{example_run['book_total']} book(s)"
    assert example_run["bookcount_history"] == "2 book(s)"


def test_admin_changelist_search_and_filter(example_run):
    status, html = example_run["admin_list"]
    assert status == 200
    assert "A History of Kansas" in html
    assert "Zebra &lt;Tales&gt;" in html
    assert "A History of Kansas" in example_run["admin_search"]
    assert "Zebra &lt;Tales&gt;" not in example_run["admin_search"]
    assert "Zebra &lt;Tales&gt;" in example_run["admin_filter"]
    assert "A History of Kansas" not in example_run["admin_filter"]
    assert example_run["admin_anonymous"] == 302


def test_protected_view_login_and_permissions(example_run):
    assert example_run["anonymous_create"] == [302, "/accounts/login/?next=/catalog/books/new/"]
    assert example_run["login_page"] == 200
    assert example_run["login_post"] == [302, "/catalog/books/new/"]
    assert example_run["no_permission"] == 403
    assert example_run["logout_get"] == 405
    # Without LOGOUT_REDIRECT_URL, LogoutView renders registration/logged_out.html.
    assert example_run["logout_post"] == 200
    assert example_run["after_logout"] == 302


def test_form_view_life_cycle(example_run):
    assert example_run["create_get"] == [200, True, True]
    assert example_run["create_invalid"] == [200, True]
    status, location, pk = example_run["create_valid"]
    assert status == 302
    assert pk is not None
    assert location == f"/catalog/books/{pk}/"
    assert example_run["csrf_missing"] == 403


def test_login_required_middleware(example_run):
    # LoginRequiredMiddleware exists since Django 5.1; every version the guide runs has it.
    status, location, login_page = example_run["login_required_middleware"]
    assert (status, location, login_page) == (302, "/accounts/login/?next=/catalog/", 200)


def test_async_view_and_static_files(example_run):
    status, payload = example_run["async_count"]
    assert status == 200
    assert payload["count"] == example_run["book_total_now"]
    assert payload["first_titles"] == sorted(payload["first_titles"])
    assert example_run["static_found"] is True
    assert example_run["static_url"] == "/static/catalog/site.css"
    assert example_run["collected"] is True


def test_email_example_and_mailers(example_run):
    sent, outbox, subject, to = example_run["email"]
    assert (sent, outbox, to) == (1, 1, ["editor@example.com"])
    assert subject.startswith("New book: ")
    if tuple(int(x) for x in example_run["django"].split(".")[:2]) >= (6, 1):
        assert example_run["email_using"] == "Weekly list"
    else:
        assert example_run["email_using"] is None


def test_fetch_peers_example_runs_on_61(example_run):
    if example_run["fetch_peers"] is None:
        pytest.skip(f"fetch modes are new in Django 6.1; this run is Django {example_run['django']}")
    queries, authors, books = example_run["fetch_peers"]
    assert (queries, authors, books) == (2, ["Ada", "Bo"], 6)


def test_csp_policy_example_runs_on_6x(example_run):
    if example_run["csp"] is None:
        pytest.skip(f"built-in CSP is new in Django 6.0; this run is Django {example_run['django']}")
    # A page that never reads {{ csp_nonce }} gets the policy without a nonce (nonces are lazy) ...
    assert example_run["csp"]["unused"] == "default-src 'self'; script-src 'self'; object-src 'none'"
    # ... and one that does gets a fresh nonce per response, the same in the header and the page.
    nonces = []
    for header, html in example_run["csp"]["used"]:
        match = re.fullmatch(
            r"default-src 'self'; script-src 'self' 'nonce-([^']+)'; object-src 'none'", header
        )
        assert match, header
        assert f'nonce="{match.group(1)}"' in html
        nonces.append(match.group(1))
    assert nonces[0] != nonces[1]


def test_background_task_runs_on_6x(example_run):
    major = int(example_run["django"].split(".")[0])
    if major < 6:
        assert example_run["task"] is None
        pytest.skip(f"the tasks framework is new in Django 6.0; this run is Django {example_run['django']}")
    status, value, cached, total = example_run["task"]
    assert status.endswith("SUCCESSFUL")
    assert value == cached == total


def test_guide_test_case_passes(example_project):
    python, base, project_pkg = example_project
    result = run_mode(python, base, project_pkg, "tests")
    assert result["failures"] == 0
    assert result["tests"] == 5


def test_docs_source_urls_exist_in_djangos_docs_tree(newest_python, request):
    docs, reason = envs.django_docs_tree(newest_python, _cache_dir(request, "guide-django-sdist"))
    if docs is None:
        pytest.skip(reason)
    missing = []
    for page, url in source_urls():
        m = DOCS_URL_RE.match(url)
        assert m, url
        path = m.group("path")
        candidates = [docs / "index.txt"] if not path else [docs / f"{path}.txt", docs / path / "index.txt"]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            missing.append(f"{page}: {url}")
        elif m.group("anchor") and m.group("anchor") not in anchors(found.read_text("utf-8")):
            missing.append(f"{page}: {url} (no such anchor in {found.relative_to(docs)})")
    assert not missing, "\n".join(missing)


def test_source_paths_named_in_the_guide_exist(newest_python):
    """Every `django/...py` or `django/.../` path the guide names exists in 5.2 LTS or the newest Django."""
    import django

    roots = [Path(django.__file__).parent.parent]
    proc = subprocess.run(
        [newest_python, "-c", "import django, os; print(os.path.dirname(os.path.dirname(django.__file__)))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    roots.append(Path(proc.stdout.strip()))
    missing = set()
    count = 0
    for page in guide_pages():
        for m in SOURCE_PATH_RE.finditer(page.read_text("utf-8")):
            count += 1
            if not any((root / m.group(1)).exists() for root in roots):
                missing.add(f"{page.relative_to(GUIDE)}: {m.group(1)}")
    assert count > 100
    assert not missing, sorted(missing)
