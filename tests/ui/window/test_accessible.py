"""The whole window through Qt's accessibility API: every interactive element named, status
messages announced, tree items with their level, the page's caret key."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog

from reader.core.links import copy_code_href
from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.helpers.accessibility import walk

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtGui import QAccessibleInterface
    from PySide6.QtWidgets import QWidget


Role = QAccessible.Role
INTERACTIVE = {
    Role.PushButton, Role.ToolButton if hasattr(Role, "ToolButton") else Role.PushButton, Role.ButtonMenu,
    Role.ButtonDropDown, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.List, Role.Tree, Role.Table,
    Role.EditableText, Role.MenuItem, Role.MenuBar, Role.PopupMenu, Role.PageTab, Role.Link,
    Role.ListItem, Role.TreeItem, Role.Slider, Role.SpinBox, Role.Dial, Role.Document,
}  # fmt: skip


def unnamed(root: QAccessibleInterface) -> list[str]:
    """A description of every interactive element under ``root`` without an accessible name."""
    found = []
    for depth, iface in walk(root):
        if iface.role() in INTERACTIVE and not iface.text(QAccessible.Text.Name).strip():
            obj = iface.object()
            where = f"{type(obj).__name__} {obj.objectName()!r}" if obj is not None else "virtual"
            parent = iface.parent()
            parent_name = parent.text(QAccessible.Text.Name) if parent is not None else ""
            found.append(f"{iface.role().name} at depth {depth}: {where} in {parent_name!r}")
    return found


def iface_of(widget: QWidget) -> QAccessibleInterface:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None
    return iface


def test_every_interactive_element_of_the_window_is_named(qtbot, guide_window, a11y_events) -> None:
    window = guide_window
    window.actions_.diagram.setChecked(True)  # panes shown later are built and walked too
    window.focus.focus_search()
    window.focus.focus_bookmarks()
    window.navigator.open_topic("security/csrf")
    window.actions_.bookmark.trigger()
    window.focus.focus_search()
    qtbot.keyClicks(window.search_panel.edit, "csrf")
    qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=10_000)
    problems = unnamed(iface_of(window))
    for menu in window.menus.values():
        problems += unnamed(iface_of(menu))
    for panel in (window.search_panel, window.bookmarks_panel, window.diagram_panel):
        problems += unnamed(iface_of(panel))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("show", ["show_shortcuts", "show_about"])
def test_every_interactive_element_of_the_help_windows_is_named(qtbot, window, a11y_events, show) -> None:
    getattr(window.help, show)()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0].windowTitle()
    problems = unnamed(iface_of(dialogs[0]))
    assert problems == [], "\n".join(problems)


def test_status_messages_are_announced(qtbot, guide_window, a11y_events) -> None:
    window = guide_window
    window.navigator.open_topic("security/csrf")
    a11y_events.clear()
    window.actions_.bookmark.trigger()
    window.actions_.bookmark.trigger()
    said = a11y_events.announcements()
    assert any(message.startswith("Bookmarked") for message in said), said
    assert any(message.startswith("Removed") for message in said), said
    a11y_events.clear()
    window.page.activate_link("javascript:alert(1)")
    assert any("Refused" in message or "refused" in message for message in a11y_events.announcements())
    assert a11y_events.announcements()[-1] == window.statusBar().currentMessage()


def test_a_page_with_a_problem_banner_says_so(qtbot, make_content: Callable[..., Path], a11y_events) -> None:
    root = make_content({
        "index.md": "---\ntitle: Home\n---\n\nSee [the broken one](broken.md).\n",
        "broken.md": "---\ntitle: [unclosed\n---\n\nText\n",
    })  # fmt: skip
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    a11y_events.clear()
    window.navigator.open_topic("broken")
    assert "This topic has 1 problem, listed at the top of the page" in a11y_events.announcements()


def test_tree_items_report_their_level(guide_window) -> None:
    tree = iface_of(guide_window.tree)
    levels = {
        item.text(QAccessible.Text.Name): item.text(QAccessible.Text.Description)
        for _depth, item in walk(tree)
        if item.role() == Role.TreeItem
    }
    assert "Level 1" in levels.values()
    assert "Level 2" in levels.values()
    model = guide_window.tree.model()
    top = next(model.index(row, 0) for row in range(model.rowCount()) if model.rowCount(model.index(row, 0)))
    child = model.index(0, 0, top)
    assert levels[str(child.data())] == "Level 2"


def test_f7_toggles_caret_browsing_in_the_page(qtbot, window) -> None:
    window.activateWindow()
    window.page.setFocus()
    caret = window.page.accessibility
    before = caret.caret_browsing
    qtbot.keyClick(window.page, Qt.Key.Key_F7)
    assert caret.caret_browsing is not before
    assert window.actions_.caret.isChecked() is caret.caret_browsing
    qtbot.keyClick(window.page, Qt.Key.Key_F7)
    assert caret.caret_browsing is before


def test_a_link_pressed_through_the_accessible_tree_opens_its_topic(qtbot, guide_window, a11y_events) -> None:
    window = guide_window
    window.navigator.open_topic("request-flow/url-dispatcher")
    links = [
        iface
        for _depth, iface in walk(iface_of(window.page))
        if iface.role() == Role.Link and iface.text(QAccessible.Text.Value) == "topic:request-flow/views"
    ]
    assert links, "the page's topic links are in the accessible tree"
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=2000) as shown:
        links[0].actionInterface().doAction("Press")
    assert shown.args == ["request-flow/views"]


def test_links_say_what_they_do(guide_window) -> None:
    guide_window.navigator.open_topic("request-flow/url-dispatcher")
    links = {
        iface.text(QAccessible.Text.Value): (
            iface.text(QAccessible.Text.Name),
            iface.text(QAccessible.Text.Description),
        )
        for _depth, iface in walk(iface_of(guide_window.page))
        if iface.role() == Role.Link
    }
    assert links["topic:request-flow/views"][1] == "Opens the topic request-flow/views"
    copy = copy_code_href(guide_window.page.page.action_token, 0)  # the renderer's own Copy link
    assert links[copy] == ("Copy code", "Copies the code block below to the clipboard")


def _symbol_names(root: QAccessibleInterface) -> list[str]:
    """Interactive elements whose name has no letter: a reader says "black up-pointing triangle"."""
    return [
        f"{iface.role().name} {name!r}"
        for _depth, iface in walk(root)
        if iface.role() in INTERACTIVE
        and (name := iface.text(QAccessible.Text.Name).strip())
        and not any(character.isalpha() for character in name)
    ]


def test_the_find_bar_opened_later_is_named_in_words(qtbot, window, a11y_events) -> None:
    window.actions_.find.trigger()
    bar = window.page_commands.find_bar
    qtbot.keyClicks(bar.edit, "the")
    iface = iface_of(bar)
    problems = unnamed(iface) + _symbol_names(iface)
    assert problems == [], "\n".join(problems)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # an offscreen popup menu
def test_the_page_context_menu_is_named(qtbot, guide_window, a11y_events) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    window = guide_window
    window.navigator.open_topic("request-flow/middleware")
    viewport = window.page.viewport()
    point = QPoint(200, 200)
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    )
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert len(menus) == 1
    problems = unnamed(iface_of(menus[0]))
    menus[0].close()
    assert problems == [], "\n".join(problems)
