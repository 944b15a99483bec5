"""Start-up rules (reader.ui.startup): what the first frame imports, the import hook, gc, Fusion, icons."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from reader.core.storage import user_cache_dir
from reader.ui.common import icons

if TYPE_CHECKING:
    from pathlib import Path


def run_python(script: str) -> list[str]:
    """Run ``script`` in a fresh interpreter (start-up state is per process); return its words."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_feature_import_hook_is_switched_off_and_imports_still_work() -> None:
    script = (
        "import builtins, PySide6.QtWidgets\n"
        "from reader.ui.startup import skip_pyside_feature_import_hook as skip\n"
        "hooked = builtins.__import__ is builtins.__feature_import__\n"
        "first, second = skip(), skip()\n"
        "import json, reader.ui.main_window\n"
        "print(hooked, first, second, builtins.__import__ is builtins.__orig_import__)\n"
    )
    assert run_python(script) == ["True", "True", "False", "True"]


def _cached_icons() -> list[Path]:
    return sorted((user_cache_dir() / "icons").glob("*.png"))


def test_tinted_icon_is_rendered_once_then_read_from_the_cache(qtbot, monkeypatch) -> None:
    first = icons.tinted_icon("toolbar/home", "#123456")
    assert not first.isNull()
    [cached] = _cached_icons()
    assert "home-123456" in cached.name
    image = QImage(str(cached))
    assert image.width() == icons.ICON_PIXELS
    drawn = {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }
    assert drawn == {"#123456"}  # currentColor became the palette colour

    def no_rendering(svg: str) -> None:
        raise AssertionError("the cached PNG should have been used")

    monkeypatch.setattr(icons, "render_svg", no_rendering)
    second = icons.tinted_icon("toolbar/home", "#123456")
    assert second.pixmap(24, 24).toImage() == first.pixmap(24, 24).toImage()


def test_corrupt_cached_icon_is_redrawn(qtbot) -> None:
    icons.tinted_icon("toolbar/back", "#000000")
    [cached] = _cached_icons()
    cached.write_bytes(b"not a png")
    icon = icons.tinted_icon("toolbar/back", "#000000")
    assert not icon.isNull()
    assert QImage(str(cached)).width() == icons.ICON_PIXELS


def test_icon_colour_is_part_of_the_cache_key(qtbot) -> None:
    icons.tinted_icon("toolbar/forward", "#000000")
    icons.tinted_icon("toolbar/forward", "#ffffff")
    assert len(_cached_icons()) == 2


def test_unwritable_cache_still_gives_an_icon(qtbot, monkeypatch) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError("read-only cache")

    monkeypatch.setattr(icons, "atomic_write_bytes", refuse)
    assert not icons.tinted_icon("toolbar/diagram", "#336699").isNull()
    assert _cached_icons() == []


def test_page_view_announces_its_first_paint_once(qtbot) -> None:
    from reader.ui.page.view import PageView

    view = PageView()
    qtbot.addWidget(view)
    view.setHtml("<p>Hello</p>")
    with qtbot.waitSignal(view.first_painted, timeout=2000):
        view.show()
    with qtbot.assertNotEmitted(view.first_painted):
        view.viewport().repaint()


def test_the_application_runs_fusion_without_asking_for_a_style() -> None:
    script = (
        "from reader.ui.app import create_application\n"
        "app = create_application(['django-reader'])\n"
        "print(app.style().name(), app.arguments())\n"
    )
    words = run_python(script)
    assert words[0] == "fusion"
    assert "-style" not in " ".join(words)  # Qt took the option and left the arguments clean


def test_start_up_runs_without_the_cyclic_collector_until_the_first_frame() -> None:
    script = (
        "import gc\n"
        "from reader.resources import guide_root\n"
        "from reader.ui import app, startup\n"
        "seen = []\n"
        "resume = startup.resume_garbage_collection\n"
        "def probe():\n"
        "    seen.append(gc.isenabled())\n"
        "    resume()\n"
        "    seen.extend([gc.isenabled(), gc.get_freeze_count() > 1000])\n"
        "startup.resume_garbage_collection = probe\n"
        "code = app.run_gui(guide_root(), exit_after_paint=True)\n"
        "print(code, *seen)\n"
    )
    assert run_python(script) == ["0", "False", "True", "True"]


def test_the_first_frame_imports_no_markdown_pygments_sqlite_toml_or_project_runner() -> None:
    script = (
        "import sys\n"
        "from reader.resources import guide_root\n"
        "from reader.ui import app\n"
        "from reader.ui import main_window\n"
        "late = ('markdown', 'pygments', 'sqlite3', 'tomllib', 'yaml', 'nh3', 'multiprocessing',\n"
        "        'reader.core.project.model',\n"
        "        'reader.core.render.markdown', 'reader.ui.window.project_run',\n"
        "        'reader.core.project.runner', 'reader.ui.window.practice_commands')\n"
        "seen = []\n"
        "class Probe(main_window.MainWindow):\n"
        "    def __init__(self, *args, **kwargs):\n"
        "        super().__init__(*args, **kwargs)\n"
        "        self.first_paint_done.connect(\n"
        "            lambda: seen.append([name for name in late if name in sys.modules]))\n"
        "main_window.MainWindow = Probe\n"
        "code = app.run_gui(guide_root(), start_topic='request-flow', exit_after_paint=True)\n"
        "print(code, len(seen), *seen[0])\n"
    )
    run_python(script)  # the first start fills the render and icon caches
    assert run_python(script) == ["0", "1"]  # painted once, none of them imported by then


def test_the_window_is_shown_before_its_panes_and_their_modules_exist() -> None:
    script = (
        "import sys\n"
        "import PySide6.QtCore\n"
        "from reader.resources import guide_root\n"
        "from reader.ui import app, main_window\n"
        "heavy = ('reader.ui.page.view', 'reader.ui.topics.pane', 'reader.ui.window.library',\n"
        "         'reader.ui.window.actions', 'reader.ui.window.navigator', 'reader.core.content')\n"
        "seen = []\n"
        "class Probe(main_window.MainWindow):\n"
        "    def show(self):\n"
        "        seen.append(self.built)\n"
        "        seen.append('Qt' in vars(PySide6.QtCore))\n"
        "        seen.extend(name for name in heavy if name in sys.modules)\n"
        "        super().show()\n"
        "    def _build(self):\n"
        "        super()._build()\n"
        "        seen.append(self.isVisible())\n"
        "main_window.MainWindow = Probe\n"
        "code = app.run_gui(guide_root(), start_topic='request-flow', exit_after_paint=True)\n"
        "print(code, *seen)\n"
    )
    # Shown before it is built, before PySide makes its Qt namespace (~20 ms) and before any pane's
    # module is imported; built while it is on screen.
    assert run_python(script) == ["0", "False", "False", "True"]
