"""The window: tree clicks, links through the router, history, title and session restore."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QMouseEvent
from PySide6.QtWidgets import QApplication

from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.paths import SAMPLE


@pytest.fixture
def opened_urls(monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    return opened


@pytest.fixture
def window(qtbot, opened_urls):
    win = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_tree_topic(qtbot, window, topic_id):
    index = window.tree.index_of(topic_id)
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_starts_at_the_start_topic(window):
    assert window.current_topic_id == "index"
    assert window.windowTitle() == "Sample home — Django Reader"
    assert "Sample home" in window.page.toPlainText()


def test_clicking_a_tree_item_shows_the_topic(qtbot, window):
    window.tree.expandAll()
    with qtbot.waitSignal(window.topic_shown, timeout=2000) as shown:
        click_tree_topic(qtbot, window, "flow/views")
    assert shown.args == ["flow/views"]
    assert "A view is a callable" in window.page.toPlainText()
    assert window.windowTitle().startswith("Views")


def test_internal_link_opens_topic_and_tree_follows(qtbot, window, opened_urls):
    with qtbot.waitSignal(window.topic_shown, timeout=2000):
        window.page.anchorClicked.emit(QUrl("topic:flow/views#writing-a-view"))
    assert window.current_topic_id == "flow/views"
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow/views"
    assert opened_urls == []


def test_external_link_goes_to_system_browser(window, opened_urls):
    window.page.anchorClicked.emit(QUrl("https://www.djangoproject.com/"))
    assert opened_urls == ["https://www.djangoproject.com/"]
    assert window.current_topic_id == "index"


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "vbscript:x", "myapp://x"]
)
def test_unsafe_links_are_refused_with_a_message(qtbot, window, opened_urls, href):
    with qtbot.waitSignal(window.router.refused, timeout=1000):
        window.page.anchorClicked.emit(QUrl(href))
    assert opened_urls == []
    assert "Refused" in window.statusBar().currentMessage()


def test_missing_topic_link_says_so(qtbot, window, opened_urls):
    window.page.anchorClicked.emit(QUrl("nowhere.md"))
    assert "No topic 'nowhere'" in window.statusBar().currentMessage()
    assert window.current_topic_id == "index" and opened_urls == []


def test_history_with_keys_buttons_and_mouse(qtbot, window):
    window.open_topic("flow")
    window.open_topic("flow/views")
    qtbot.keyClick(window.page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_topic_id == "flow"
    window.actions_.back.trigger()
    assert window.current_topic_id == "index" and not window.actions_.back.isEnabled()
    qtbot.keyClick(window.page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_topic_id == "flow"
    press = QMouseEvent(
        QMouseEvent.Type.MouseButtonRelease,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.ForwardButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.page.viewport(), press)
    assert window.current_topic_id == "flow/views"
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow/views"


def test_anchor_link_scrolls_within_page(qtbot, window):
    window.resize(600, 300)
    window.open_topic("index")
    window.page.anchorClicked.emit(QUrl("#links"))
    assert window.page.verticalScrollBar().value() > 0
    assert window.current_topic_id == "index"


def test_session_is_restored(qtbot, opened_urls):
    first = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(first)
    first.open_topic("flow/views")
    first.splitter.setSizes([250, 750])
    first.close()
    second = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(second)
    assert second.current_topic_id == "flow/views"
    assert second.settings.numbers("window/splitter") == first.splitter.sizes()


def test_corrupt_settings_fall_back_to_defaults(qtbot, opened_urls):
    path = Settings().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[session]\ntopic=flow\n\xff\xfe[[[\nscroll=lots\n")
    win = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(win)
    assert win.current_topic_id == "index"
    assert "Settings could not be read" in win.statusBar().currentMessage()
    assert list(path.parent.glob(f"{path.name}.corrupt-*"))


def test_start_topic_argument_wins(qtbot, opened_urls):
    win = MainWindow(SAMPLE, start_topic="flow", settings=Settings())
    qtbot.addWidget(win)
    assert win.current_topic_id == "flow"


def test_percent_encoded_control_characters_are_refused(qtbot, window, opened_urls):
    window.page.anchorClicked.emit(QUrl("https://example.com/%0Aevil%1B"))
    assert opened_urls == []
    assert "control characters" in window.statusBar().currentMessage()


def test_find_in_page_keys_work_from_page_and_bar(qtbot, window):
    window.open_topic("index")
    window.activateWindow()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, "views")
    total = window.find_bar.match_count()
    assert total >= 2 and window.find_bar.current_match() == 1
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3)
    assert window.find_bar.current_match() == 2
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.current_match() == 1
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden() and window.page.hasFocus()


def test_find_bar_sits_between_the_page_and_the_headings_in_tab_order(qtbot, window):
    window.open_topic("index")
    window.activateWindow()
    window.find_bar.open_bar()
    bar = window.find_bar
    qtbot.waitUntil(bar.edit.hasFocus, timeout=1000)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.page.hasFocus()
    bar.close_button.setFocus()
    qtbot.keyClick(bar.close_button, Qt.Key.Key_Tab)
    assert window.headings_panel.list.hasFocus()


def test_search_flow_opens_result_and_highlights(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window.page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.edit.hasFocus() and window.left_tabs.currentWidget() is window.search_pane
    with qtbot.waitSignal(window.search_panel.index_ready, timeout=5000, raising=False):
        pass
    qtbot.keyClicks(window.search_panel.edit, "callable")
    qtbot.waitUntil(lambda: bool(window.search_panel.results()), timeout=5000)
    with qtbot.waitSignal(window.topic_shown, timeout=2000) as shown:
        qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_Return)
    assert shown.args == ["flow/views"]
    assert window.page.extraSelections() and window.page.hasFocus()


def test_slash_on_page_focuses_search_and_escape_returns(qtbot, window):
    window.activateWindow()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Slash)
    assert window.search_panel.edit.hasFocus()
    qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_Escape)
    assert window.page.hasFocus() and window.left_tabs.currentIndex() == 0


def test_f6_cycles_panes(qtbot, window):
    window.activateWindow()
    window.tree.setFocus()
    panes = window.panes.focus_panes()
    for expected in [*panes[1:], panes[0]]:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)
        assert window.focusWidget() is expected


def test_zoom_scales_page_text_and_is_remembered(qtbot, window):
    before = window.page.document().defaultStyleSheet()
    qtbot.keyClick(window.page, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_level == 1 and window.page.document().defaultStyleSheet() != before
    for _ in range(20):
        window.actions_.zoom_in.trigger()
    assert window.zoom_level == 8
    window.close()
    assert Settings().number("view/zoom") == 8


def test_tree_tooltips_show_summaries(qtbot, window):
    index = window.tree.index_of("flow/views")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Views turn requests into responses."


def test_typing_a_filter_never_changes_the_page(qtbot, window):
    window.open_topic("flow/views")
    for text in ("v", "", "home", "", "zzz", "fl", ""):
        window.tree_filter.setText(text)
        assert window.current_topic_id == "flow/views"
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow/views"


def test_tree_marks_nothing_while_the_shown_topic_is_filtered_out(qtbot, window):
    window.tree_filter.setText("home")
    window.page.anchorClicked.emit(QUrl("topic:flow"))
    assert window.current_topic_id == "flow"
    assert not window.tree.currentIndex().isValid()
    window.tree_filter.setText("")
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow"


def test_pager_links_and_keys_follow_reading_order(qtbot, window):
    window.open_topic("flow")
    html = window.page.page.html
    assert 'href="topic:index"' in html and 'href="topic:flow/views"' in html and "Next →" in html
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_topic_id == "flow/views"
    qtbot.keyClick(window.page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_topic_id == "flow/views"  # the last topic has no next
    qtbot.keyClick(window.page, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.page, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current_topic_id == "index"


def test_reload_reads_changed_topics_and_keeps_the_place(qtbot, opened_urls, make_content):
    from tests.helpers.content import topic

    root = make_content({"index.md": topic("Home", "Old body"), "b.md": topic("Bee", "Bee body")})
    win = MainWindow(root, settings=Settings())
    qtbot.addWidget(win)
    win.open_topic("b")
    (root / "b.md").write_text(topic("Bee renamed", "New bee body"), encoding="utf-8")
    (root / "c.md").write_text(topic("Sea"), encoding="utf-8")
    win.actions_.reload.trigger()
    assert win.current_topic_id == "b" and "New bee body" in win.page.toPlainText()
    assert win.tree.index_of("b").data() == "Bee renamed" and win.tree.index_of("c").isValid()
    assert "Loaded 3 topics" in win.statusBar().currentMessage()


def test_opening_another_content_folder_replaces_everything(qtbot, opened_urls, make_content, tmp_path):
    from tests.helpers.content import topic

    win = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(win)
    win.open_topic("flow/views")
    win.panes.focus_search()
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.md").write_text(topic("Other home", "Elsewhere"), encoding="utf-8")
    win.commands.load_content(other)
    assert win.current_topic_id == "index" and "Elsewhere" in win.page.toPlainText()
    assert win.tree.topic_ids() == ["index"] and not win.actions_.back.isEnabled()
    assert not win.has_diagram and not win.actions_.diagram.isChecked()
    with qtbot.waitSignal(win.search_panel.index_ready, timeout=5000):
        win.search_panel.focus_search()
    empty = tmp_path / "empty"
    empty.mkdir()
    win.commands.load_content(empty)
    assert win.content.root == other and "nothing changed" in win.statusBar().currentMessage()


def test_large_root_starts_from_cache_and_reloads_files_changed_since(
    qtbot, opened_urls, make_content, monkeypatch
):
    import threading

    from reader.core.content import loader as content_module
    from tests.helpers.content import topic

    monkeypatch.setattr(content_module, "LARGE_ROOT_TOPICS", 2)
    root = make_content({"index.md": topic("Home"), "a.md": topic("Old title", "Body")})
    first = MainWindow(root, settings=Settings())
    qtbot.addWidget(first)
    first.close()
    (root / "a.md").write_text(topic("New title", "Longer body now"), encoding="utf-8")
    second = MainWindow(root, settings=Settings())
    qtbot.addWidget(second)
    assert second.tree.index_of("a").data() == "Old title"  # trusted cache: no stat per file at start
    reload = second.commands.reload_changed_content
    threads: list[threading.Thread] = []
    monkeypatch.setattr(
        second.commands,
        "reload_changed_content",
        lambda count: threads.append(threading.current_thread()) or reload(count),
    )
    with qtbot.waitSignal(second.content_changed_on_disk, timeout=3000):
        second.commands.verify_content_in_background()
    qtbot.waitUntil(lambda: second.tree.index_of("a").data() == "New title", timeout=3000)
    assert "changed since the last start" in second.statusBar().currentMessage()
    assert threads == [threading.main_thread()]  # the reload ran on the GUI thread
