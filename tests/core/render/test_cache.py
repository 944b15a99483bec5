"""The render cache: hits skip Markdown, changes miss, corrupt entries are re-rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.content.loader import load_content
from reader.core.render.cache import CachedRenderer
from reader.core.render.markdown import Renderer
from tests.helpers.content import topic

if TYPE_CHECKING:
    from pathlib import Path


def test_second_instance_reads_from_disk(make_content, tmp_path: Path, monkeypatch):
    root = make_content({"index.md": topic("Home", "## Part\n\nText [self](index.md#part).")})
    cache = tmp_path / "cache"
    first = CachedRenderer(load_content(root), cache_dir=cache).render("index")
    monkeypatch.setattr(
        Renderer, "render", lambda *_: (_ for _ in ()).throw(AssertionError("rendered again"))
    )
    second = CachedRenderer(load_content(root), cache_dir=cache).render("index")
    assert second.html == first.html
    assert second.headings == first.headings
    assert second.links == first.links


def test_changed_text_or_theme_misses(make_content, tmp_path: Path):
    code = "\n\n```python\nx = 1\n```\n"
    root = make_content({"index.md": topic("Home", "old words" + code)})
    cache = tmp_path / "cache"
    assert "old words" in CachedRenderer(load_content(root), cache_dir=cache).render("index").html
    (root / "index.md").write_text(topic("Home", "new words" + code), encoding="utf-8")
    renderer = CachedRenderer(load_content(root), cache_dir=cache)
    light = renderer.render("index").html
    renderer.set_dark(True)
    assert "new words" in light
    assert renderer.render("index").html != light
    assert len(list(cache.rglob("*.page"))) == 3


def test_corrupt_entry_is_dropped_and_rerendered(make_content, tmp_path: Path):
    root = make_content({"index.md": topic("Home", "words")})
    cache = tmp_path / "cache"
    CachedRenderer(load_content(root), cache_dir=cache).render("index")
    for entry in cache.rglob("*.page"):
        entry.write_bytes(b"\xff{not json")
    renderer = CachedRenderer(load_content(root), cache_dir=cache)
    page = renderer.render("index")
    assert "words" in page.html
    assert page.error is None
    assert renderer.notices
    assert "kept as" in renderer.notices[0]
    assert list(cache.rglob("*.corrupt-*"))


def test_unwritable_cache_only_costs_speed(make_content, tmp_path: Path):
    root = make_content({"index.md": topic("Home", "words")})
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert "words" in CachedRenderer(load_content(root), cache_dir=blocker).render("index").html


def test_warm_up_renders_ahead_and_stops_when_asked(make_content, tmp_path: Path, monkeypatch):
    import threading

    root = make_content({f"t{n}.md": topic(f"T{n}", f"Body {n}") for n in range(6)})
    renderer = CachedRenderer(load_content(root), cache_dir=tmp_path / "cache")
    stop = threading.Event()
    assert renderer.warm_up(["t0", "t1", "t2"], stop) == 3
    rendered: list[str] = []
    original = Renderer.render
    monkeypatch.setattr(
        Renderer, "render", lambda self, topic_id: rendered.append(topic_id) or original(self, topic_id)
    )
    assert [renderer.render(f"t{n}").title for n in range(3)] == ["T0", "T1", "T2"]
    assert rendered == []  # all three were ready
    stop.set()
    assert renderer.warm_up(["t3", "t4"], stop) == 0
    assert rendered == []
    assert "Body 3" in renderer.render("t3").html
    assert rendered == ["t3"]


def test_section_page_is_rerendered_when_a_child_title_changes(make_content, tmp_path: Path):
    root = make_content(
        {"sec/index.md": "---\ntitle: Section\n---\n", "sec/child.md": topic("Old child title")}
    )
    cache = tmp_path / "cache"
    assert "Old child title" in CachedRenderer(load_content(root), cache_dir=cache).render("sec").html
    (root / "sec" / "child.md").write_text(topic("New child title"), encoding="utf-8")
    assert "New child title" in CachedRenderer(load_content(root), cache_dir=cache).render("sec").html


def test_themes_keep_separate_memory(make_content, tmp_path: Path):
    import threading

    root = make_content({"a.md": topic("A", "```python\nx = 1\n```\n")})
    renderer = CachedRenderer(load_content(root), cache_dir=tmp_path / "cache")
    renderer.warm_up(["a"], threading.Event())
    light = renderer.render("a").html
    renderer.set_dark(True)
    assert renderer.render("a").html != light
