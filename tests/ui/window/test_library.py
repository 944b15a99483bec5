"""The library: loading and reloading content, the on-disk check of a cache-trusted root."""

from __future__ import annotations

import os
import threading

from reader.core.content.loader import ContentLoader
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from reader.ui.window.library import Library
from tests.helpers.content import topic
from tests.helpers.paths import SAMPLE


def test_an_empty_folder_changes_nothing_and_says_so(qtbot, tmp_path):
    library = Library(SAMPLE, dark=False)
    before = library.content
    empty = tmp_path / "empty"
    empty.mkdir()
    with qtbot.assertNotEmitted(library.content_changed), qtbot.waitSignal(library.status_message) as said:
        assert not library.load(empty)
    assert library.content is before
    assert "nothing changed" in said.args[0]


def test_reloading_the_same_root_says_so(qtbot):
    library = Library(SAMPLE, dark=False)
    with qtbot.waitSignal(library.content_changed, timeout=1000) as changed:
        assert library.load()
    assert changed.args == [True]
    library.stop_background_work()


def test_the_diagram_is_read_on_first_use_only(qtbot):
    from reader.resources import guide_root

    library = Library(guide_root(), dark=False)
    assert library.has_diagram
    diagram = library.diagram
    assert diagram is not None
    assert diagram.topic == "request-flow"
    assert library.diagram is diagram


def test_whether_there_is_a_diagram_is_decided_by_each_load(qtbot, make_content):
    """Asked on every topic shown, so answered from the last load, not from the disk each time."""
    root = make_content({"index.md": topic("Home"), "diagram.toml": ""})
    library = Library(root, dark=False)
    assert library.has_diagram
    (root / "diagram.toml").unlink()
    assert library.has_diagram
    with qtbot.waitSignal(library.content_changed, timeout=1000):
        assert library.load()
    assert not library.has_diagram
    library.stop_background_work()


def test_reload_reads_changed_topics_and_keeps_the_place(qtbot, opened_urls, make_content):
    root = make_content({"index.md": topic("Home", "Old body"), "b.md": topic("Bee", "Bee body")})
    win = MainWindow(root, settings=Settings())
    qtbot.addWidget(win)
    win.navigator.open_topic("b")
    (root / "b.md").write_text(topic("Bee renamed", "New bee body"), encoding="utf-8")
    (root / "c.md").write_text(topic("Sea"), encoding="utf-8")
    win.actions_.reload.trigger()
    assert win.navigator.current_topic_id == "b"
    assert "New bee body" in win.page.toPlainText()
    assert win.tree.index_of("b").data() == "Bee renamed"
    assert win.tree.index_of("c").isValid()
    assert "Loaded 3 topics" in win.statusBar().currentMessage()


def test_opening_another_content_folder_replaces_everything(qtbot, opened_urls, tmp_path):
    win = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(win)
    win.navigator.open_topic("flow/views")
    win.focus.focus_search()
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.md").write_text(topic("Other home", "Elsewhere"), encoding="utf-8")
    win.library.load(other)
    assert win.navigator.current_topic_id == "index"
    assert "Elsewhere" in win.page.toPlainText()
    assert win.tree.topic_ids() == ["index"]
    assert not win.actions_.back.isEnabled()
    assert not win.library.has_diagram
    assert not win.actions_.diagram.isChecked()
    with qtbot.waitSignal(win.search_panel.index_ready, timeout=5000):
        win.search_panel.focus_search()
    empty = tmp_path / "empty"
    empty.mkdir()
    win.library.load(empty)
    assert win.library.content.root == other
    assert "nothing changed" in win.statusBar().currentMessage()


def test_large_root_starts_from_cache_and_reloads_files_changed_since(
    qtbot, opened_urls, make_content, monkeypatch
):
    from reader.core.content import loader as content_module

    monkeypatch.setattr(content_module, "LARGE_ROOT_TOPICS", 2)
    root = make_content({"index.md": topic("Home"), "a.md": topic("Old title", "Body")})
    first = MainWindow(root, settings=Settings())
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.library.content_changed, timeout=20000):
        first.library.finish_startup()  # a first start: the titles are read after the first paint
    first.close()
    (root / "a.md").write_text(topic("New title", "Longer body now"), encoding="utf-8")
    second = MainWindow(root, settings=Settings())
    qtbot.addWidget(second)
    assert second.tree.index_of("a").data() == "Old title"  # trusted cache: no stat per file at start
    threads: list[threading.Thread] = []
    second.library.content_changed.connect(lambda _same: threads.append(threading.current_thread()))
    with qtbot.waitSignal(second.library.content_changed, timeout=3000):
        second.library.verify_in_background()
    assert second.tree.index_of("a").data() == "New title"
    assert "changed since the last start" in second.statusBar().currentMessage()
    assert threads == [threading.main_thread()]  # the reload ran on the GUI thread


def _second_start_after_an_edit(qtbot, make_content, monkeypatch):  # type: ignore[no-untyped-def]
    """A large root (the threshold lowered) read once, then ``a.md`` edited, then a window that
    trusts the topic cache: it shows the old title until the disk is checked."""
    from reader.core.content import loader as content_module

    monkeypatch.setattr(content_module, "LARGE_ROOT_TOPICS", 2)
    root = make_content({"index.md": topic("Home"), "a.md": topic("Old title", "Body")})
    ContentLoader(root).load()  # an earlier session read every title
    (root / "a.md").write_text(topic("New title", "Longer body now"), encoding="utf-8")
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    assert window.tree.index_of("a").data() == "Old title"
    return root, window


def test_the_disk_is_checked_by_another_process_and_what_it_finds_is_shown(qtbot, make_content, monkeypatch):
    """The check of the disk (half a second of Python at 50,000 topics) leaves the window's
    process alone: the loader's own check is never called there, and the edit still shows."""
    calls: list[str] = []
    original = ContentLoader.changed_files
    monkeypatch.setattr(ContentLoader, "changed_files", lambda self: calls.append("here") or original(self))
    _root, window = _second_start_after_an_edit(qtbot, make_content, monkeypatch)
    with qtbot.waitSignal(window.library.content_changed, timeout=20000):
        window.library.verify_in_background()
    assert window.tree.index_of("a").data() == "New title"
    assert "changed since the last start" in window.statusBar().currentMessage()
    assert calls == []


def test_the_disk_is_checked_here_when_the_topic_cache_was_written_again_meanwhile(
    qtbot, make_content, monkeypatch
):
    """The problem count's ``--check`` rewrites the topic cache with the edited file's stamp: the
    child cannot tell what the window trusted, so the window's process checks, and still reloads."""
    root, window = _second_start_after_an_edit(qtbot, make_content, monkeypatch)
    ContentLoader(root).load()  # what --check does: the cache now holds the new stamp
    with qtbot.waitSignal(window.library.content_changed, timeout=20000):
        window.library.verify_in_background()
    assert window.tree.index_of("a").data() == "New title"


def test_start_up_warms_the_render_cache_unless_background_work_was_stopped(qtbot, monkeypatch):
    from reader.ui.window import library as library_module

    started: list[str] = []
    run = library_module.run_in_background

    def record(work, receiver, on_done=None, on_error=None, name="reader-background"):
        started.append(name)
        return run(work, receiver, on_done, on_error, name)

    monkeypatch.setattr(library_module, "run_in_background", record)
    library = Library(SAMPLE, dark=False)
    library.finish_startup()
    assert started == ["render-warm-up", "content-check"]
    library.stop_background_work()
    library.finish_startup()
    assert started == ["render-warm-up", "content-check"]


def test_f5_keeps_open_folders_history_and_place(qtbot, window):
    """#13 point 12: Reload keeps the tree's open folders and Back/Forward."""
    tree, navigator = window.tree, window.navigator
    navigator.open_topic("index")
    navigator.open_topic("flow")
    tree.collapse(tree.index_of("flow"))  # not the folder of the topic shown, which always opens
    opened = tree.open_topic_ids()
    assert "flow" not in opened
    with qtbot.waitSignal(window.library.content_changed, timeout=3000):
        window.actions_.reload.trigger()
    assert tree.open_topic_ids() == opened
    assert navigator.current_topic_id == "flow"
    window.actions_.back.trigger()
    assert navigator.current_topic_id == "index"


def test_a_large_root_shows_new_and_removed_files_once_its_folders_are_listed_after_start(
    qtbot, opened_urls, make_content, monkeypatch
):
    from reader.core.content import loader as content_module

    monkeypatch.setattr(content_module, "LARGE_ROOT_TOPICS", 2)
    root = make_content({"index.md": topic("Home"), "a.md": topic("A"), "b.md": topic("Gone soon")})
    first = MainWindow(root, settings=Settings())
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.library.content_changed, timeout=20000):
        first.library.finish_startup()  # a first start: the titles are read after the first paint
    first.close()
    (root / "b.md").unlink()
    (root / "new").mkdir()
    (root / "new" / "c.md").write_text(topic("Brand new"), encoding="utf-8")
    second = MainWindow(root, settings=Settings())
    qtbot.addWidget(second)
    assert second.tree.topic_ids() == ["index", "a", "b"]  # the saved tree, folders not listed yet
    with qtbot.waitSignal(second.library.content_changed, timeout=3000):
        second.library.verify_in_background()
    assert second.tree.topic_ids() == ["index", "a", "new", "new/c"]
    assert second.tree.index_of("new/c").data() == "Brand new"
    assert "changed since the last start" in second.statusBar().currentMessage()


def _big_root(make_content, monkeypatch):  # type: ignore[no-untyped-def]
    """A root the loader counts as large (the threshold lowered to 3 files), never loaded before;
    ``guide/broken.md`` has front matter that does not parse."""
    from reader.core.content import loader as content_module

    monkeypatch.setattr(content_module, "LARGE_ROOT_TOPICS", 3)
    return make_content(
        {
            "index.md": topic("Welcome home"),
            "zeta-notes.md": topic("Alpha first", order=1),
            "part-10.md": topic("Part ten"),
            "part-2.md": topic("Part two"),
            "guide/index.md": topic("The guide"),
            "guide/b_step.md": topic("Bee", order=2),
            "guide/a-step.md": topic("Ay", order=3),
            "guide/broken.md": "---\ntitle: [unclosed\n---\nBody\n",
        }
    )


def _shown_titles(tree) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What each row of the real tree view says, by topic id (its DisplayRole)."""
    return {topic_id: tree.index_of(topic_id).data() for topic_id in tree.visible_topic_ids()}


def test_a_large_root_without_a_topic_cache_shows_file_names_then_the_real_titles_keeping_the_place(
    qtbot, opened_urls, make_content, monkeypatch
):
    root = _big_root(make_content, monkeypatch)
    win = MainWindow(root, settings=Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    library, tree, navigator = win.library, win.tree, win.navigator
    assert library.titles_pending
    before = _shown_titles(tree)
    assert before["index"] == "Welcome home"  # the start page is read
    assert before["zeta-notes"] == "Zeta notes"  # the others are titled by their names
    assert tree.topic_ids()[:4] == ["index", "guide", "guide/a-step", "guide/b_step"]
    assert tree.topic_ids()[-3:] == ["part-2", "part-10", "zeta-notes"]  # natural name order
    tree.expand(tree.index_of("guide"))
    navigator.open_topic("guide/b_step")
    qtbot.waitUntil(lambda: tree.currentIndex().data() == "B step")  # the tree follows the drawn page
    said: list[str] = []
    library.status_message.connect(lambda message, _duration: said.append(message))
    with qtbot.waitSignal(library.content_changed, timeout=20000) as changed:
        library.finish_startup()
        assert "Reading 8 topics' titles" in win.statusBar().currentMessage()
    assert changed.args == [True]
    after = _shown_titles(tree)
    assert after["zeta-notes"] == "Alpha first"
    assert after["guide/b_step"] == "Bee"
    assert tree.topic_ids()[:2] == ["index", "zeta-notes"]  # in front matter order now
    assert library.content.topics["guide"].children[:2] == ["guide/b_step", "guide/a-step"]
    assert navigator.current_topic_id == "guide/b_step"
    assert tree.currentIndex().data() == "Bee"  # still selected, under its real title
    assert "guide" in tree.open_topic_ids()
    assert not library.titles_pending
    assert any(problem.path == "guide/broken.md" for problem in library.content.problems)
    assert said[0].startswith("Reading 8 topics' titles")
    assert said[-1] == "Read the titles of 8 topics"
    library.stop_background_work()


def test_a_root_that_changes_while_its_titles_are_read_ends_as_it_is_on_disk(
    qtbot, opened_urls, make_content, monkeypatch
):
    from reader.core.content import read_all

    root = _big_root(make_content, monkeypatch)
    read = read_all.load_with_titles

    def read_then_change(*args, **kwargs):  # type: ignore[no-untyped-def]
        loaded = read(*args, **kwargs)  # the topic cache now holds what was read...
        (root / "guide" / "a-step.md").write_text(topic("Ay edited", order=3), encoding="utf-8")
        os.utime(root / "guide" / "a-step.md", ns=(1, 10**18))
        (root / "late.md").write_text(topic("Came late"), encoding="utf-8")  # ...and the disk moved on
        (root / "part-2.md").unlink()
        return loaded

    monkeypatch.setattr(read_all, "load_with_titles", read_then_change)
    win = MainWindow(root, settings=Settings())
    qtbot.addWidget(win)
    library = win.library
    with qtbot.waitSignal(library.content_changed, timeout=20000):
        library.finish_startup()
    with qtbot.waitSignal(library.content_changed, timeout=20000):
        pass  # the check of the disk that follows finds the changes and reloads
    shown = _shown_titles(win.tree) | {"guide/a-step": win.tree.index_of("guide/a-step").data()}
    assert shown["late"] == "Came late"
    assert "part-2" not in win.tree.topic_ids()
    assert shown["guide/a-step"] == "Ay edited"
    assert library.content.walk() == ContentLoader(root).load().walk()
    library.stop_background_work()


def test_a_small_root_reads_its_titles_up_front(qtbot, make_content):
    root = make_content({"index.md": topic("Home"), "a-page.md": topic("Real title")})
    library = Library(root, dark=False)
    assert not library.titles_pending
    assert type(library.content.topics) is dict  # nothing made lazily either
    assert library.content.topics["a-page"].title == "Real title"


def test_search_waits_for_the_real_titles_of_a_large_root(qtbot, opened_urls, make_content, monkeypatch):
    root = _big_root(make_content, monkeypatch)
    win = MainWindow(root, settings=Settings())
    qtbot.addWidget(win)
    win.show()
    panel = win.search_panel
    qtbot.keyClicks(panel.edit, "Bee")
    assert not panel.is_ready()  # no index of file names, which would be cached as the real one
    assert "once every topic's title is read" in panel.status_label.text()
    with qtbot.waitSignal(win.library.content_changed, timeout=20000):
        win.library.finish_startup()
    qtbot.waitUntil(lambda: bool(panel.results()), timeout=10000)
    assert panel.results()[0].title == "Bee"
    win.library.stop_background_work()
