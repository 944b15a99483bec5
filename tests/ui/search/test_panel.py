"""The search panel: lazy indexing off the GUI thread, keyboard and mouse choice, stale builds."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from reader.core.content.loader import ContentRoot, load_content
from reader.core.search.index import SearchIndex, build_index
from reader.ui.search import panel as panel_module
from reader.ui.search.panel import SearchPanel
from reader.ui.search.results import SNIPPET_ROLE

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

TOPICS = {
    "middleware.md": "---\ntitle: Middleware\n---\n\nLayers wrap the view.\n",
    "views.md": "---\ntitle: Views\n---\n\nMiddleware runs before the view. Middleware again.\n",
    "csrf.md": "---\ntitle: CSRF protection\n---\n\nThe middleware checks a token.\n",
}


@pytest.fixture
def content(tmp_path: Path) -> ContentRoot:
    root = tmp_path / "guide"
    root.mkdir()
    for name, text in TOPICS.items():
        (root / name).write_text(text, encoding="utf-8")
    return load_content(root)


@pytest.fixture
def panel(qtbot, content: ContentRoot, tmp_path: Path) -> SearchPanel:
    widget = SearchPanel(cache_dir=tmp_path / "cache")
    qtbot.addWidget(widget)
    widget.resize(360, 480)
    widget.set_content(content)
    widget.show()
    return widget


def ready(qtbot, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.index_ready, timeout=10_000):
        panel.focus_search()


class GatedBuilds:
    """Stands in for ``build_index``: each build waits for ``release`` and its index records ``close``."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.closed: list[int] = []  # topic counts of the indexes closed so far
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self, content: ContentRoot, **options: object) -> SearchIndex:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        self.started.set()
        try:
            assert self.release.wait(10)
            index = build_index(content)
        finally:
            with self._lock:
                self.running -= 1
        real_close: Callable[[], None] = index.close

        def close() -> None:
            self.closed.append(len(index))
            real_close()

        index.close = close  # type: ignore[method-assign]
        return index


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> GatedBuilds:
    builds = GatedBuilds()
    monkeypatch.setattr(panel_module, "build_index", builds)
    return builds


def test_indexing_happens_lazily_off_the_gui_thread(qtbot, panel: SearchPanel) -> None:
    assert not panel.is_ready()
    assert "Type to search 3 topics" in panel.status_label.text()
    with qtbot.waitSignal(panel.index_ready, timeout=10_000) as ready_signal:
        panel.focus_search()
        assert panel.status_label.text() == "Indexing…"  # the result arrives through the event loop
    assert ready_signal.args == [3]
    assert panel.is_ready()


def test_text_typed_while_indexing_is_searched_when_ready(qtbot, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.index_ready, timeout=10_000):
        qtbot.keyClicks(panel.edit, "csrf")
    assert [r.topic_id for r in panel.results()] == ["csrf"]
    assert panel.status_label.text() == "1 result"


def test_type_down_enter_opens_the_second_result(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "midd")
    assert panel.results()[0].topic_id == "middleware"
    assert panel.current_result().topic_id == "middleware"
    second = panel.results()[1].topic_id
    qtbot.keyClick(panel.edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.result_chosen, timeout=1000) as chosen:
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert chosen.args == [second, ["midd"], ""]
    assert panel.edit.hasFocus() or not panel.isActiveWindow()


def test_up_stops_at_the_first_result_and_enter_opens_it(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "middleware")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Up)
    with qtbot.waitSignal(panel.result_chosen, timeout=1000) as chosen:
        qtbot.keyClick(panel.edit, Qt.Key.Key_Enter)
    assert chosen.args == ["middleware", ["middleware"], ""]


def test_escape_emits_closed_and_enter_without_results_does_nothing(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "xylophone")
    assert panel.results() == []
    assert panel.status_label.text() == "No results for “xylophone”."
    with qtbot.assertNotEmitted(panel.result_chosen):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(panel.closed, timeout=1000):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Escape)


def test_clicking_a_result_chooses_it(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "token")
    rect = panel.view.visualRect(panel.model.index(0))
    with qtbot.waitSignal(panel.result_chosen, timeout=1000) as chosen:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == ["csrf", ["token"], ""]


def test_hostile_text_in_the_field_is_harmless(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    for text in ['"', "NEAR(", "*", "AND OR", "<b>x</b>", "\\"]:
        panel.edit.setText(text)
        assert isinstance(panel.results(), list)


def test_new_content_replaces_the_index(qtbot, panel: SearchPanel, tmp_path: Path) -> None:
    ready(qtbot, panel)
    other = tmp_path / "other"
    other.mkdir()
    (other / "pangolin.md").write_text("# Pangolins\n\nScaly.\n", encoding="utf-8")
    panel.edit.setText("pangolin")
    with qtbot.waitSignal(panel.index_ready, timeout=10_000):
        panel.set_content(load_content(other))
    assert [r.topic_id for r in panel.results()] == ["pangolin"]


def test_panel_destroyed_while_indexing_closes_the_index(
    qtbot, content: ContentRoot, tmp_path: Path, gated: GatedBuilds
) -> None:
    widget = SearchPanel(cache_dir=tmp_path / "cache")
    widget.set_content(content)
    widget.focus_search()
    assert gated.started.wait(10)
    with qtbot.waitSignal(widget.destroyed, timeout=10_000):
        widget.deleteLater()
    gated.release.set()  # the late result must find no receiver, and is closed instead
    qtbot.waitUntil(lambda: gated.closed == [3], timeout=10_000)


def test_content_replaced_while_indexing_builds_once_at_a_time_and_closes_the_stale_index(
    qtbot, panel: SearchPanel, tmp_path: Path, gated: GatedBuilds
) -> None:
    panel.focus_search()
    assert gated.started.wait(10)
    other = tmp_path / "other"
    other.mkdir()
    (other / "pangolin.md").write_text("# Pangolins\n\nScaly.\n", encoding="utf-8")
    panel.set_content(load_content(other))
    with qtbot.waitSignal(panel.index_ready, timeout=10_000) as ready_signal:
        panel.focus_search()  # queued behind the stale build
        gated.release.set()
    assert ready_signal.args == [1]
    qtbot.waitUntil(lambda: gated.closed == [3], timeout=10_000)
    assert gated.most_at_once == 1
    panel.edit.setText("pangolin")
    assert [r.topic_id for r in panel.results()] == ["pangolin"]


def test_stop_indexing_discards_the_running_build(qtbot, panel: SearchPanel, gated: GatedBuilds) -> None:
    panel.focus_search()
    assert gated.started.wait(10)
    panel.stop_indexing()
    with qtbot.assertNotEmitted(panel.index_ready):
        gated.release.set()
        qtbot.waitUntil(lambda: gated.closed == [3], timeout=10_000)
    assert not panel.is_ready()


def test_a_failed_build_is_reported_in_the_panel(
    qtbot, panel: SearchPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(content: ContentRoot, **options: object) -> SearchIndex:
        raise OSError("disk on fire")

    monkeypatch.setattr(panel_module, "build_index", broken)
    panel.focus_search()
    qtbot.waitUntil(lambda: panel.status_label.text() == "Search is unavailable: OSError: disk on fire")
    assert not panel.is_ready()


def test_results_model_passes_the_model_tester(qtbot, qtlog, panel: SearchPanel) -> None:
    # Kept in a variable: a tester without a parent is deleted at once and would check nothing.
    tester = QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Warning)
    ready(qtbot, panel)
    for text in ("m", "mi", "middleware", "", "csrf"):
        panel.edit.setText(text)
    assert panel.results()[0].topic_id == "csrf"
    assert [record.message for record in qtlog.records if record.context.category == "qt.modeltest"] == []
    del tester


def test_a_ready_index_can_be_handed_over(qtbot, panel: SearchPanel, content: ContentRoot) -> None:
    with qtbot.waitSignal(panel.index_ready, timeout=1000):
        panel.set_index(build_index(content))
    panel.edit.setText("views")
    assert panel.results()[0].topic_id == "views"


def test_each_row_shows_its_snippet_with_the_match_marked_fetched_only_when_shown(
    qtbot, panel: SearchPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready(qtbot, panel)
    asked: list[str] = []
    with_snippet = SearchIndex.with_snippet

    def counting(index: SearchIndex, result, query: str):  # type: ignore[no-untyped-def]
        asked.append(result.topic_id)
        return with_snippet(index, result, query)

    monkeypatch.setattr(SearchIndex, "with_snippet", counting)
    panel.edit.setText("token")
    assert asked == []  # nothing made before a row is painted or read
    panel.view.viewport().repaint()
    assert asked == ["csrf"]
    index = panel.model.index(0)
    assert "<b>token</b>" in index.data(SNIPPET_ROLE)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "CSRF protection: The middleware checks a token."
    assert asked == ["csrf"]  # made once, then kept


def test_a_typo_finds_the_word_meant_and_the_status_says_so(qtbot, panel: SearchPanel) -> None:
    ready(qtbot, panel)
    qtbot.keyClicks(panel.edit, "midleware")
    assert panel.results()[0].topic_id == "middleware"
    assert panel.status_label.text() == "3 results for words close to “midleware”"
    with qtbot.waitSignal(panel.result_chosen, timeout=1000) as chosen:
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert chosen.args[0] == "middleware"
    assert chosen.args[1] == ["middlewar"]  # the index word highlights "middleware" in the page


def test_a_result_row_names_its_section_in_words_and_pixels(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor

    root = tmp_path / "sections"
    root.mkdir()
    (root / "a.md").write_text("# Alpha\n\nintro\n\n## Storage engines\n\nrows in memory\n", encoding="utf-8")
    (root / "b.md").write_text("# Beta\n\nmemory without a heading\n", encoding="utf-8")
    widget = SearchPanel(cache_dir=tmp_path / "cache")
    qtbot.addWidget(widget)
    widget.resize(360, 480)
    widget.set_content(load_content(root))
    widget.show()
    ready(qtbot, widget)
    qtbot.keyClicks(widget.edit, "memory")
    rows = {result.topic_id: row for row, result in enumerate(widget.results())}
    assert widget.results()[rows["a"]].section == "Storage engines"
    index = widget.model.index(rows["a"])
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Alpha, section Storage engines:")
    widget.view.selectionModel().clear()  # both rows unselected, on the same background
    image = widget.view.viewport().grab().toImage()

    line = widget.view.fontMetrics().lineSpacing()
    small = int(line * 0.92)

    def ink_on_third_line(row: int) -> int:  # pixels unlike the background on a row's third text line
        rect = widget.view.visualRect(widget.model.index(row))
        base = QColor(image.pixelColor(rect.right() - 2, rect.bottom() - 2))
        top = rect.top() + 8 + line + 3 + small + 2
        return sum(
            image.pixelColor(x, y) != base
            for x in range(rect.left() + 8, rect.right() - 8)
            for y in range(top, top + small - 4)
        )

    # "› Storage engines" takes the second line, so a's one-line snippet is on the third; b has none
    assert ink_on_third_line(rows["a"]) > 20
    assert ink_on_third_line(rows["b"]) == 0
