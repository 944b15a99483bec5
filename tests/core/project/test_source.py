"""Reading a project file for the source view: highlighted lines, limits, undecodable bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.project import source
from reader.core.project.source import read_source

if TYPE_CHECKING:
    from pathlib import Path


def test_python_is_highlighted_line_for_line(tmp_path: Path) -> None:
    path = tmp_path / "views.py"
    path.write_text("def index(request):\n    return 1\n", encoding="utf-8")
    text = read_source(path, dark=False)
    assert text.lines == 2
    assert text.html.startswith("<pre>")
    assert "<span" in text.html
    assert text.html.count("\n") == 2
    assert text.notice == ""


def test_templates_use_the_django_lexer_and_dark_has_a_dark_background(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text("{% if x %}<p>{{ x }}</p>{% endif %}\n", encoding="utf-8")
    light, dark = read_source(path, dark=False), read_source(path, dark=True)
    assert "<span" in light.html
    assert dark.background.lower() == "#0d1117"


def test_bad_bytes_and_huge_files_are_shown_with_a_notice(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "odd.py"
    path.write_bytes(b"x = '\xff'\n" * 50)
    assert "UTF-8" in read_source(path, dark=False).notice
    monkeypatch.setattr(source, "MAX_BYTES", 100)
    monkeypatch.setattr(source, "HIGHLIGHT_LIMIT", 10)
    cut = read_source(path, dark=False)
    assert "first" in cut.notice
    assert "plain" in cut.notice
