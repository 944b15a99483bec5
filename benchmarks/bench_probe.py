"""Running a generated ~400-URL project with the probe: wall time, and the GUI's event-loop latency meanwhile.

Targets (issue "Run your project, with consent"): a ~400-URL project mapped in ≤ 3 s wall on two
cores; event-loop latency ≤ 50 ms while the probe runs (the probe runs on a worker thread, as in
the app, while a QTimer ticks every 5 ms on the main thread).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

APPS = 40
VIEWS_PER_APP = 10
ROUNDS = 3

SETTINGS = """
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench"
ROOT_URLCONF = "site_pkg.urls"
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages"] + [f"app{{n}}" for n in range({apps})]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware",
              "django.contrib.sessions.middleware.SessionMiddleware",
              "django.middleware.common.CommonMiddleware",
              "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.contrib.messages.middleware.MessageMiddleware"]
TEMPLATES = [{{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True,
              "OPTIONS": {{"context_processors": [
                  "django.contrib.auth.context_processors.auth",
                  "django.contrib.messages.context_processors.messages",
                  "django.template.context_processors.request"]}}}}]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}}}
"""


def generate(root: Path) -> Path:
    """A project with :data:`APPS` apps of :data:`VIEWS_PER_APP` views, a model and a template each."""
    (root / "site_pkg").mkdir(parents=True)
    (root / "manage.py").write_text(
        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_pkg.settings')\n"
    )
    (root / "site_pkg" / "__init__.py").write_text("")
    (root / "site_pkg" / "settings.py").write_text(SETTINGS.format(apps=APPS))
    includes = "".join(f"    path('app{n}/', include('app{n}.urls')),\n" for n in range(APPS))
    (root / "site_pkg" / "urls.py").write_text(
        "from django.contrib import admin\nfrom django.urls import include, path\n"
        f"urlpatterns = [\n    path('admin/', admin.site.urls),\n{includes}]\n"
    )
    for n in range(APPS):
        app = root / f"app{n}"
        (app / "templates" / f"app{n}").mkdir(parents=True)
        (app / "__init__.py").write_text("")
        (app / "models.py").write_text(
            "from django.db import models\n\n"
            f"class Thing{n}(models.Model):\n    name = models.CharField(max_length=10)\n"
        )
        views = "".join(
            f"def view{v}(request, pk=None):\n    return render(request, 'app{n}/page.html')\n\n"
            for v in range(VIEWS_PER_APP)
        )
        (app / "views.py").write_text(f"from django.shortcuts import render\n\n{views}")
        patterns = "".join(
            f"    path('v{v}/<int:pk>/', views.view{v}, name='v{v}'),\n" for v in range(VIEWS_PER_APP)
        )
        (app / "urls.py").write_text(
            "from django.urls import path\nfrom . import views\n"
            f"app_name = 'app{n}'\nurlpatterns = [\n{patterns}]\n"
        )
        (app / "templates" / f"app{n}" / "page.html").write_text("<p>{{ request.path }}</p>\n")
    return root


def main() -> None:
    from PySide6.QtCore import QCoreApplication, QTimer

    from reader.core.project.runner import run_probe

    app = QCoreApplication.instance() or QCoreApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder) / "project")
        walls: list[float] = []
        worst_latency = 0.0
        urls = 0
        for _ in range(ROUNDS):
            done = threading.Event()
            outcome: list[object] = []
            lateness: list[float] = []
            last = [time.perf_counter()]

            def tick(lateness: list[float] = lateness, last: list[float] = last) -> None:
                now = time.perf_counter()
                lateness.append(now - last[0] - 0.005)
                last[0] = now

            def work(outcome: list[object] = outcome, done: threading.Event = done) -> None:
                outcome.append(
                    run_probe(Path(sys.executable), root, "site_pkg.settings", follow="/app3/v4/9/")
                )
                done.set()

            timer = QTimer()
            timer.setInterval(5)
            timer.timeout.connect(tick)
            timer.start()
            started = time.perf_counter()
            threading.Thread(target=work, daemon=True).start()
            while not done.is_set():
                app.processEvents()
                time.sleep(0.001)
            walls.append(time.perf_counter() - started)
            timer.stop()
            result = outcome[0]
            if getattr(result, "failure", None) is not None:
                print(f"    probe failed: {result.failure}")  # type: ignore[attr-defined]
                return
            urls = len(result.document["urls"])  # type: ignore[attr-defined]
            worst_latency = max(worst_latency, max(lateness, default=0.0))
        wall = statistics.median(walls)
        print(f"    a project of {urls} URLs ({APPS} apps) with the probe, median of {ROUNDS}")
        verdict = "met" if wall <= 3.0 else "not met"
        print(f"    mapped by running       {wall * 1000:7.1f} ms   target ≤ 3000 ms: {verdict}")
        verdict = "met" if worst_latency <= 0.05 else "not met"
        print(f"    event-loop latency max  {worst_latency * 1000:7.1f} ms   target ≤ 50 ms: {verdict}")


if __name__ == "__main__":
    main()
