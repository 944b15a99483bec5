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


def test_the_warm_up_process_stores_pages_the_window_then_reads_without_rendering(
    make_content, tmp_path: Path, monkeypatch
):
    import threading

    from reader.core.render.warm import warm_up_in_child

    root = make_content({f"t{n}.md": topic(f"T{n}", f"Body {n}") for n in range(4)})
    cache = tmp_path / "cache"
    stopped = threading.Event()
    stopped.set()
    assert warm_up_in_child(root, False, ["t0"], stopped, cache) is False  # asked to stop: nothing runs
    assert warm_up_in_child(root, False, ["t0", "t1", "t2"], threading.Event(), cache) is True
    rendered = _record_renders(monkeypatch)
    renderer = CachedRenderer(load_content(root), cache_dir=cache)
    assert [renderer.render(f"t{n}").title for n in range(3)] == ["T0", "T1", "T2"]
    assert rendered == []  # all three were on disk
    assert "Body 3" in renderer.render("t3").html
    assert rendered == ["t3"]


def _record_renders(monkeypatch) -> list[str]:
    rendered: list[str] = []
    original = Renderer.render
    monkeypatch.setattr(
        Renderer, "render", lambda self, topic_id: rendered.append(topic_id) or original(self, topic_id)
    )
    return rendered


def test_section_page_is_rerendered_when_a_child_title_changes(make_content, tmp_path: Path):
    root = make_content(
        {"sec/index.md": "---\ntitle: Section\n---\n", "sec/child.md": topic("Old child title")}
    )
    cache = tmp_path / "cache"
    assert "Old child title" in CachedRenderer(load_content(root), cache_dir=cache).render("sec").html
    (root / "sec" / "child.md").write_text(topic("New child title"), encoding="utf-8")
    assert "New child title" in CachedRenderer(load_content(root), cache_dir=cache).render("sec").html


def test_themes_keep_separate_memory(make_content, tmp_path: Path):

    root = make_content({"a.md": topic("A", "```python\nx = 1\n```\n")})
    renderer = CachedRenderer(load_content(root), cache_dir=tmp_path / "cache")
    light = renderer.render("a").html
    renderer.set_dark(True)
    assert renderer.render("a").html != light


def _five_topics(make_content, link_to_e: str = "e.md") -> Path:
    """a … e in reading order; a links to e, which is no neighbour of a."""
    return make_content(
        {
            "a.md": topic("A", f"Read [the last one]({link_to_e}).", order=1),
            "b.md": topic("B", "Text.", order=2),
            "c.md": topic("C", "Text.", order=3),
            "d.md": topic("D", "Text.", order=4),
            "e.md": "---\ntitle: E\norder: 5\nslug: guide/models\n---\n\n## Usage\n",
        }
    )


def _render_all(root: Path, cache: Path) -> dict[str, str]:
    renderer = CachedRenderer(load_content(root), cache_dir=cache)
    return {topic_id: renderer.render(topic_id).html for topic_id in "abcde"}


def test_adding_a_topic_re_renders_only_its_neighbours(make_content, tmp_path: Path, monkeypatch):
    root = _five_topics(make_content)
    cache = tmp_path / "cache"
    _render_all(root, cache)
    (root / "f.md").write_text(topic("F", "New.", order=6), encoding="utf-8")
    rendered = _record_renders(monkeypatch)
    pages = _render_all(root, cache)
    assert rendered == ["e"]  # its pager now names F; a, b, c and d come from the cache
    assert "F</a>" in pages["e"]


def test_renaming_a_topic_re_renders_the_pages_that_link_to_it(make_content, tmp_path: Path, monkeypatch):
    root = _five_topics(make_content)
    cache = tmp_path / "cache"
    _render_all(root, cache)
    (root / "e.md").write_text("---\ntitle: E renamed\norder: 5\nslug: guide/models\n---\n\n## Usage\n")
    rendered = _record_renders(monkeypatch)
    _render_all(root, cache)
    assert rendered == ["a", "d", "e"]  # a links to e, d's pager names e; b and c are untouched


def test_a_page_whose_site_link_lost_its_slug_shows_the_link_broken(
    make_content, tmp_path: Path, monkeypatch
):
    root = _five_topics(make_content, link_to_e="/docs/guide/models")
    cache = tmp_path / "cache"
    before = _render_all(root, cache)["a"]
    assert 'href="topic:e"' in before
    (root / "e.md").write_text("---\ntitle: E\norder: 5\nslug: guide/renamed\n---\n\n## Usage\n")
    rendered = _record_renders(monkeypatch)
    after = _render_all(root, cache)["a"]
    assert "a" in rendered
    assert 'href="topic:e"' not in after
    assert 'class="broken"' in after
