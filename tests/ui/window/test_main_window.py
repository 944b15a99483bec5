"""The window's wiring: tree clicks and links reach the navigator, find and search keys, messages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl


def click_tree_topic(qtbot, window, topic_id):
    index = window.tree.index_of(topic_id)
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_starts_at_the_start_topic(window):
    assert window.navigator.current_topic_id == "index"
    assert window.windowTitle() == "Sample home — Django Reader"
    assert "Sample home" in window.page.toPlainText()


def test_clicking_a_tree_item_shows_the_topic(qtbot, window):
    window.tree.expandAll()
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
        click_tree_topic(qtbot, window, "flow/views")
    assert shown.args == ["flow/views"]
    assert "A view is a callable" in window.page.toPlainText()
    assert window.windowTitle().startswith("Views")


def test_internal_link_opens_topic_and_tree_follows(qtbot, window, opened_urls):
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000):
        window.page.anchorClicked.emit(QUrl("topic:flow/views#writing-a-view"))
    assert window.navigator.current_topic_id == "flow/views"
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow/views"
    assert opened_urls == []


def test_external_link_goes_to_system_browser(window, opened_urls):
    window.page.anchorClicked.emit(QUrl("https://www.djangoproject.com/"))
    assert opened_urls == ["https://www.djangoproject.com/"]
    assert window.navigator.current_topic_id == "index"
    assert "Opened in your browser" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "vbscript:x", "myapp://x"]
)
def test_unsafe_links_are_refused_with_a_message(qtbot, window, opened_urls, href):
    with qtbot.waitSignal(window.navigator.router.refused, timeout=1000):
        window.page.anchorClicked.emit(QUrl(href))
    assert opened_urls == []
    assert "Refused" in window.statusBar().currentMessage()


def test_missing_topic_link_says_so(qtbot, window, opened_urls):
    window.page.anchorClicked.emit(QUrl("nowhere.md"))
    assert "No topic 'nowhere'" in window.statusBar().currentMessage()
    assert window.navigator.current_topic_id == "index"
    assert opened_urls == []


def test_percent_encoded_control_characters_are_refused(qtbot, window, opened_urls):
    window.page.anchorClicked.emit(QUrl("https://example.com/%0Aevil%1B"))
    assert opened_urls == []
    assert "control characters" in window.statusBar().currentMessage()


def test_anchor_link_scrolls_within_page(qtbot, window):
    window.resize(600, 300)
    window.navigator.open_topic("index")
    window.page.anchorClicked.emit(QUrl("#links"))
    assert window.page.verticalScrollBar().value() > 0
    assert window.navigator.current_topic_id == "index"


def test_find_in_page_keys_work_from_page_and_bar(qtbot, window):
    window.navigator.open_topic("index")
    window.activateWindow()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.page_commands.find_bar.isVisible()
    assert window.page_commands.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.page_commands.find_bar.edit, "views")
    total = window.page_commands.find_bar.match_count()
    assert total >= 2
    assert window.page_commands.find_bar.current_match() == 1
    qtbot.keyClick(window.page_commands.find_bar.edit, Qt.Key.Key_F3)
    assert window.page_commands.find_bar.current_match() == 2
    qtbot.keyClick(window.page_commands.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.page_commands.find_bar.current_match() == 1
    qtbot.keyClick(window.page_commands.find_bar.edit, Qt.Key.Key_Escape)
    assert window.page_commands.find_bar.isHidden()
    assert window.page.hasFocus()


@pytest.mark.parametrize("action", ["find_next", "find_previous"])
def test_find_next_opens_a_closed_find_bar(qtbot, window, action):
    bar = window.page_commands.find_bar
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "views")
    bar.close_bar()
    getattr(window.actions_, action).trigger()
    assert bar.isVisible()
    assert bar.current_match() == 1  # opened at the first match, not stepped past it


def test_find_bar_sits_between_the_page_and_the_headings_in_tab_order(qtbot, window):
    window.navigator.open_topic("index")
    window.activateWindow()
    window.page_commands.find_bar.open_bar()
    bar = window.page_commands.find_bar
    qtbot.waitUntil(bar.edit.hasFocus, timeout=1000)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.page.hasFocus()
    bar.close_button.setFocus()
    qtbot.keyClick(bar.close_button, Qt.Key.Key_Tab)
    assert window.headings_panel.list.hasFocus()


def test_search_flow_opens_result_and_highlights(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window.page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.edit.hasFocus()
    assert window.left_tabs.currentWidget() is window.search_pane
    qtbot.waitUntil(window.search_panel.is_ready, timeout=5000)
    qtbot.keyClicks(window.search_panel.edit, "callable")
    qtbot.waitUntil(lambda: bool(window.search_panel.results()), timeout=5000)
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
        qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_Return)
    assert shown.args == ["flow/views"]
    assert window.page.extraSelections()
    assert window.page.hasFocus()
    assert "highlighted" in window.statusBar().currentMessage()


def test_tree_tooltips_show_summaries(qtbot, window):
    index = window.tree.index_of("flow/views")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "<qt>Views turn requests into responses.</qt>"


def test_typing_a_filter_never_changes_the_page(qtbot, window):
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000):  # the tree follows the drawn page
        window.navigator.open_topic("flow/views")
    for text in ("v", "", "home", "", "zzz", "fl", ""):
        window.tree_filter.setText(text)
        assert window.navigator.current_topic_id == "flow/views"
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow/views"


def test_tree_marks_nothing_while_the_shown_topic_is_filtered_out(qtbot, window):
    window.tree_filter.setText("home")
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000):  # the tree follows the drawn page
        window.page.anchorClicked.emit(QUrl("topic:flow"))
    assert window.navigator.current_topic_id == "flow"
    assert not window.tree.currentIndex().isValid()
    window.tree_filter.setText("")
    assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == "flow"


def test_startup_notices_are_all_shown(window):
    window.status_line.notify("First notice")
    window.status_line.notify("Second notice")
    window.status_line.notify("First notice")
    message = window.statusBar().currentMessage()
    assert "First notice" in message
    assert "Second notice" in message
    assert message.count("First notice") == 1


def test_copy_code_without_a_code_block_says_where_to_put_the_cursor(window):
    window.actions_.copy_code.trigger()
    assert "Put the cursor in a code block" in window.statusBar().currentMessage()


def test_shortcuts_window_lists_every_shortcut(qtbot, guide_window):
    window = guide_window
    from reader.ui.dialogs.shortcuts import ShortcutsDialog

    window.actions_.shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    assert dialog.isVisible()
    listed = " ".join(
        " ".join(entry) if isinstance(entry, tuple) else str(entry) for entry in dialog.entries()
    )
    for action in window.actions_.all:
        if action.shortcuts():
            assert action.text().replace("&", "").rstrip("…") in listed


def test_panes_have_accessible_names_and_descriptions(qtbot, guide_window):
    window = guide_window
    window.navigator.open_topic("request-flow")
    for widget in (window.tree, window.page, window.search_panel.edit, window.tree_filter):
        assert widget.accessibleName()
    for widget in (window.tree, window.page, window.search_panel.edit):
        assert widget.accessibleDescription()
    view = window.diagram_panel.view
    assert view is not None
    assert view.accessibleName() == "Architecture diagram"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    focused = view.focused_node()
    assert focused is not None
    assert focused.toolTip()
    assert focused.accessible_name in view.accessibleDescription()


def test_no_two_actions_share_a_shortcut(window):
    seen: dict[str, str] = {}
    for action in window.actions_.all:
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is both {seen[key]} and {action.text()}"
            seen[key] = action.text()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_muted_labels_are_still_aa(qtbot, opened_urls, theme):
    """Secondary text ("On this page", "This page has no sections.", "41 results", a bookmark
    count, the About window's platform line) is muted, yet reads at 4.5:1 on its background.
    In light it was 3.95:1 (#6e7781 on the window's #efefef)."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication, QDialog, QLabel

    from reader.ui.common.colors import contrast_ratio
    from reader.ui.common.settings import Key, Settings
    from reader.ui.main_window import MainWindow
    from tests.helpers.paths import SAMPLE

    settings = Settings()
    settings.set(Key.THEME, theme)
    window = MainWindow(SAMPLE, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.focus.focus_search()
    window.focus.focus_bookmarks()
    window.help.show_about()
    roots = [window, *(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog))]
    muted = [
        label
        for root in roots
        for label in root.findChildren(QLabel)
        if label.foregroundRole() == QPalette.ColorRole.PlaceholderText
    ]
    assert len(muted) >= 4
    failing = {}
    for label in muted:
        palette = label.palette()
        ratio = contrast_ratio(
            palette.color(QPalette.ColorRole.PlaceholderText), palette.color(label.backgroundRole())
        )
        if ratio < 4.5:
            failing[label.text() or label.objectName()] = round(ratio, 2)
    assert not failing, f"muted text below 4.5:1: {failing}"


def test_search_puts_topics_titled_with_the_word_first(qtbot, guide_window):
    """A learner types "request": the topics with the word in their title come first."""
    window = guide_window
    qtbot.keyClick(window.page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.search_panel
    qtbot.waitUntil(panel.is_ready, timeout=10_000)
    qtbot.keyClicks(panel.edit, "request")
    qtbot.waitUntil(lambda: len(panel.results()) > 5, timeout=10_000)
    titles = [result.title for result in panel.results()]
    titled = [title for title in titles if "request" in title.lower()]
    assert len(titled) >= 3
    assert titles[: len(titled)] == titled, titles[:6]
