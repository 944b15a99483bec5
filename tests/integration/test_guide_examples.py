"""Checks that the code shown in the bundled guide actually works.

* Every ```python block anywhere in the guide must parse.
* The "catalog" example app in request-flow/example-app.md is copied into a
  temporary project and run against a real Django in a subprocess (Django
  settings can only be configured once per process).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from tests.helpers.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("django")

GUIDE = PROJECT_ROOT / "resources" / "guide"
EXAMPLE = GUIDE / "request-flow" / "example-app.md"

# A fenced block: opening fence with optional info string, body, closing fence.
FENCE_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)\n"
    r"(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
DATA_FILE_RE = re.compile(r'data-file="([^"]+)"')
CLASS_RE = re.compile(r"(?:^|[\s{])\.([\w+#-]+)")


def iter_blocks(text: str):
    """Yield (language, data_file, body, line_number) for each fenced block."""
    for m in FENCE_RE.finditer(text):
        info = m.group("info").strip()
        if info.startswith("{"):
            cls = CLASS_RE.search(info)
            lang = cls.group(1) if cls else ""
        else:
            lang = info.split()[0] if info else ""
        df = DATA_FILE_RE.search(info)
        line = text.count("\n", 0, m.start()) + 1
        yield lang, (df.group(1) if df else None), m.group("body"), line


def example_files() -> dict[str, str]:
    files = {}
    for _lang, data_file, body, _line in iter_blocks(EXAMPLE.read_text("utf-8")):
        if data_file:
            assert data_file not in files, f"duplicate data-file {data_file}"
            files[data_file] = body
    return files


def guide_pages():
    return sorted(GUIDE.rglob("*.md"))


def test_guide_exists():
    assert EXAMPLE.is_file()
    assert len(guide_pages()) >= 30


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
    }
    assert expected <= set(files), sorted(files)
    project_urls = [f for f in files if f.endswith("urls.py") and "/" in f and not f.startswith("catalog/")]
    assert len(project_urls) == 1, f"need exactly one project urls.py: {files}"


RUNNER = textwrap.dedent(
    r"""
    import json, os, sys
    from pathlib import Path

    base = Path(sys.argv[1])
    project_pkg = sys.argv[2]
    sys.path.insert(0, str(base))

    import django
    from django.conf import settings

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
            "catalog",
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
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3",
                               "NAME": ":memory:"}},
        TEMPLATES=[{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [],
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]},
        }],
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
    )
    django.setup()

    from django.core.checks import run_checks
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import resolve, reverse

    setup_test_environment()
    errors = [m for m in run_checks() if m.is_serious()]
    assert not errors, errors

    call_command("migrate", run_syncdb=True, verbosity=0)

    from catalog import views
    from catalog.models import Book

    out = {}
    out["list_url"] = reverse("catalog:book-list")
    out["detail_url"] = reverse("catalog:book-detail", kwargs={"pk": 7})
    m = resolve("/catalog/books/7/")
    out["detail_match"] = [m.view_name, m.kwargs]
    out["list_func_ok"] = resolve("/catalog/").func is views.book_list

    c = Client()
    r = c.get("/catalog/")
    out["empty"] = [r.status_code, r.content.decode()]

    b1 = Book.objects.create(title="Zebra <Tales>", genre=Book.Genre.FICTION)
    b2 = Book.objects.create(title="A History of Kansas",
                             genre=Book.Genre.HISTORY)
    r = c.get("/catalog/")
    out["list"] = [r.status_code, r.content.decode(),
                   [t.name for t in r.templates]]
    out["ids"] = [b1.pk, b2.pk]
    r = c.get(f"/catalog/books/{b2.pk}/")
    out["detail"] = [r.status_code, r.content.decode(),
                     [t.name for t in r.templates]]
    r = c.get("/catalog/books/999/")
    out["missing"] = r.status_code
    r = c.get("/catalog/books/abc/")
    out["bad_path"] = r.status_code
    print("RESULT=" + json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("guide_example")
    files = example_files()
    project_pkg = None
    for rel, body in files.items():
        dest = base / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(body, "utf-8")
        if rel.endswith("urls.py") and not rel.startswith("catalog/"):
            project_pkg = rel.split("/")[0]
    assert project_pkg, "no project urls.py in the example"
    for pkg in ("catalog", project_pkg):
        init = base / pkg / "__init__.py"
        if not init.exists():
            init.write_text("", "utf-8")
    runner = base / "run_example.py"
    runner.write_text(RUNNER, "utf-8")
    proc = subprocess.run(
        [sys.executable, str(runner), str(base), project_pkg],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=base,
    )
    assert proc.returncode == 0, (
        f"example app failed under Django:\nSTDOUT:\n{proc.stdout}\nSTDERR:\n{proc.stderr}"
    )
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT=")]
    assert line, proc.stdout + proc.stderr
    return json.loads(line[-1][len("RESULT=") :])


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
    # Links to detail pages.
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
