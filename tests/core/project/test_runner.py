"""Running the probe in the project's own Python: the complete map, a followed request, no trace."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.core.project.runner import run_probe
from tests.core.project.probe_support import copy_mini, files_of, project_python

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def mini_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], dict]:
    root = copy_mini(tmp_path_factory.mktemp("probe"))
    before = files_of(root)
    result = run_probe(
        project_python(), root, "mini.settings", follow="/shop/7/", templates=("shop/index.html",)
    )
    assert result.failure is None, result
    return root, before, result.document


def test_the_run_sees_what_source_cannot(mini_run: tuple[Path, set[str], dict]) -> None:
    _, _, document = mini_run
    routes = {url["route"]: url for url in document["urls"]}
    assert "admin/login/" in routes  # admin.site.urls, invisible to the static reader
    assert {"page0/basket/", "page1/basket/", "page2/basket/"} <= set(routes)  # built in a loop
    assert routes["page1/basket/"]["name"] == "copy1:basket"
    detail = routes["shop/<int:pk>/"]
    assert detail["converters"] == ["int:pk (django.urls.converters.IntConverter)"]
    assert detail["view"] == "shop.views.ProductDetail"


def test_views_are_unwrapped_and_named_from_code(mini_run: tuple[Path, set[str], dict]) -> None:
    _, _, document = mini_run
    views = {view["id"]: view for view in document["views"]}
    basket = views["shop.views.basket"]
    assert basket["source"] == {"file": "shop/views.py", "line": 20, "origin": "project"}
    assert basket["decorators"]
    assert "decorators.py" in basket["decorators"][0]
    loud = next(view for view in views.values() if view["copied_name"] == "wrapper")
    assert loud["id"] == "shop.views.shout.<locals>.wrapper"  # no functools.wraps: running sees the wrapper
    assert views["shop.views.ProductDetail"]["kind"] == "class"
    assert views["shop.views.ProductDetail"]["source"]["line"] == 29


def test_templates_resolve_through_the_real_loaders(mini_run: tuple[Path, set[str], dict]) -> None:
    _, _, document = mini_run
    templates = {template["name"]: template for template in document["templates"]}
    assert templates["shop/index.html"]["source"]["file"] == "shop/templates/shop/index.html"
    assert templates["shop/index.html"]["extends"] == "base.html"
    assert templates["shop/index.html"]["includes"] == ["shop/row.html"]
    assert templates["base.html"]["source"]["file"] == "templates/base.html"


def test_middleware_in_order_with_hooks_and_no_secret_settings(mini_run: tuple[Path, set[str], dict]) -> None:
    _, _, document = mini_run
    middleware = document["middleware"]
    assert [entry["position"] for entry in middleware] == list(range(1, 7))
    assert middleware[-1]["id"] == "shop.middleware.TimingMiddleware"
    assert middleware[-1]["hooks"] == ["process_view"]
    assert middleware[-1]["source"] == {"file": "shop/middleware.py", "line": 1, "origin": "project"}
    assert "do-not-report-this-secret" not in repr(document)
    assert "SECRET_KEY" not in document["settings"]


def test_a_followed_request_lists_every_stage_in_order(mini_run: tuple[Path, set[str], dict]) -> None:
    _, _, document = mini_run
    stages = [step["stage"] for step in document["follow"]["steps"]]
    assert (
        stages
        == ["request"]
        + ["middleware-request"] * 6
        + ["match", "process-view", "view", "template"]
        + ["middleware-response"] * 6
    )
    match = document["follow"]["steps"][7]
    assert match["kwargs"] == {"pk": "7"}
    assert match["name"] == "shop:detail"


def test_a_run_leaves_no_trace_and_the_reader_never_imports_django(
    mini_run: tuple[Path, set[str], dict],
) -> None:
    root, before, _ = mini_run
    assert files_of(root) == before  # no __pycache__, no db.sqlite3
    assert "django" not in sys.modules or "reader" not in sys.modules["django"].__file__  # the tests may
    import subprocess

    probe = (
        "import sys\nfrom pathlib import Path\nfrom reader.core.project.runner import run_probe\n"
        f"r = run_probe(Path({str(project_python())!r}), Path({str(root)!r}), 'mini.settings',"
        " follow='/nope/')\n"
        "assert r.failure is None, r\nassert r.document['follow']['steps'][7]['stage'] == 'not-found'\n"
        "print('django' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "False"


def test_append_slash_turns_the_404_into_a_redirect_on_the_way_back(tmp_path: Path) -> None:
    root = copy_mini(tmp_path)
    result = run_probe(project_python(), root, "mini.settings", follow="/shop/basket")
    steps = result.document["follow"]["steps"]
    assert steps[7] == {
        "stage": "not-found",
        "status": 404,
        "tried": 8,
    }  # admin/, shop/ (its 4 patterns), page0-2/
    common = next(
        step
        for step in steps
        if step.get("middleware", "").endswith("CommonMiddleware") and step["stage"] == "middleware-response"
    )
    assert common["status"] == 301
    assert "/shop/basket/" in common["changes"]


def test_the_probe_runs_on_the_newest_django_and_python(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from tests.integration.guide_examples import envs

    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("guide-newest-django")) if cache is not None else tmp_path / "newest"
    python, reason = envs.newest_django_python(folder)
    if python is None:
        pytest.skip(f"newest Django not run: {reason}")
    root = copy_mini(tmp_path)
    before = files_of(root)
    result = run_probe(Path(python), root, "mini.settings", follow="/shop/7/")
    assert result.failure is None, result
    assert int(result.document["django"].split(".")[0]) >= 6
    assert result.document["follow"]["steps"][7]["kwargs"] == {"pk": "7"}
    assert files_of(root) == before


def test_a_localised_path_is_resolved_in_its_language(tmp_path: Path) -> None:
    from tests.core.project.probe_support import hostile_variant

    tail = (
        "LANGUAGES = [('en', 'English'), ('fr', 'French')]\n"
        "MIDDLEWARE.insert(2, 'django.middleware.locale.LocaleMiddleware')\n"
        "ROOT_URLCONF = 'mini.i18n_urls'\n"
    )
    urls = (
        "from django.conf.urls.i18n import i18n_patterns\nfrom django.urls import include, path\n"
        "urlpatterns = i18n_patterns(path('shop/', include('shop.urls')))\n"
    )
    root = hostile_variant(tmp_path, tail, {"mini/i18n_urls.py": urls})
    result = run_probe(project_python(), root, "mini.settings", follow="/fr/shop/basket/")
    assert result.failure is None, result
    follow = result.document["follow"]
    assert follow["language"] == "fr"
    match = next(step for step in follow["steps"] if step["stage"] == "match")
    assert match["name"] == "shop:basket"


def test_hosts_are_listed_and_a_request_follows_the_chosen_host(tmp_path: Path) -> None:
    from tests.core.project.probe_support import hostile_variant

    hosts = (
        "class Host:\n    def __init__(self, name, regex, urlconf):\n"
        "        self.name, self.regex, self.urlconf = name, regex, urlconf\n\n\n"
        "host_patterns = [Host('www', r'www', 'mini.urls'), Host('shop', r'shop', 'shop.urls')]\n"
    )
    root = hostile_variant(tmp_path, "ROOT_HOSTCONF = 'mini.hosts'", {"mini/hosts.py": hosts})
    result = run_probe(project_python(), root, "mini.settings", follow="/basket/", urlconf="shop.urls")
    assert result.failure is None, result
    assert [host["name"] for host in result.document["hosts"]] == ["www", "shop"]
    assert result.document["follow"]["urlconf"] == "shop.urls"
    match = next(step for step in result.document["follow"]["steps"] if step["stage"] == "match")
    assert match["view"] == "shop.views.basket"


def test_a_catch_all_page_view_is_stated_honestly(tmp_path: Path) -> None:
    from tests.core.project.probe_support import hostile_variant

    urls = (
        "from django.urls import include, path\nfrom shop import views\n"
        "urlpatterns = [path('shop/', include('shop.urls')), path('<path:path>', views.index)]\n"
    )
    root = hostile_variant(tmp_path, "ROOT_URLCONF = 'mini.cms_urls'", {"mini/cms_urls.py": urls})
    result = run_probe(project_python(), root, "mini.settings", follow="/about/team/")
    stages = [step["stage"] for step in result.document["follow"]["steps"]]
    assert "catch-all" in stages
    assert stages.index("catch-all") < stages.index("view")


def test_included_lists_are_named_by_their_app(mini_run: tuple[Path, set[str], dict]) -> None:
    _, _, document = mini_run
    admin = next(url for url in document["urls"] if url["route"] == "admin/login/")
    assert admin["includes"] == ["mini.urls", "admin (list)"]


def test_a_pattern_the_real_resolver_never_reaches_is_shadowed(tmp_path: Path) -> None:
    from reader.core.project.complete import run_project
    from reader.core.project.locate import locate_project
    from reader.core.project.scan import scan_project
    from tests.core.project.probe_support import hostile_variant

    urls = (
        "from django.urls import include, path\nfrom shop import views\n"
        "urlpatterns = [\n    path('shop/<str:slug>/', views.index),\n"
        "    path('shop/basket/', views.basket, name='basket'),\n"
        "    path('shop/', include('shop.urls')),\n]\n"
    )
    root = hostile_variant(tmp_path, "ROOT_URLCONF = 'mini.shadow_urls'", {"mini/shadow_urls.py": urls})
    location = locate_project(root)
    outcome = run_project(scan_project(location), project_python(), location.settings_module, use_cache=False)
    assert outcome.failure is None
    shadowed = [d for d in outcome.project.diagnostics if d.kind == "shadowed"]
    routes = {d.message.split("'")[1] for d in shadowed}
    assert "shop/basket/" in routes
    basket = next(d for d in shadowed if d.message.startswith("'shop/basket/'"))
    assert basket.source is not None
    assert basket.source.file == "mini/shadow_urls.py"
    assert basket.source.line == 5
    assert "shop/<str:slug>/" in basket.message


def test_the_probe_runs_on_django_4_2_lts(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    from tests.core.project.probe_support import python_with_django

    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("probe-django-4.2")) if cache is not None else tmp_path / "django42"
    python, reason = python_with_django(folder, "django>=4.2,<4.3")
    if python is None:
        pytest.skip(reason)
    root = copy_mini(tmp_path)
    before = files_of(root)
    result = run_probe(python, root, "mini.settings", follow="/shop/7/")
    assert result.failure is None, result
    assert result.document["django"].startswith("4.2.")
    assert result.document["follow"]["steps"][7]["kwargs"] == {"pk": "7"}
    assert any(url["route"] == "admin/login/" for url in result.document["urls"])
    assert files_of(root) == before
