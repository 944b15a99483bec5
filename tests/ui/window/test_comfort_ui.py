"""Bookmarks panel, themes, the shortcuts and About dialogs, printing and PDF export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QPalette, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMainWindow, QTextBrowser

from reader import __version__
from reader.core.bookmarks import Bookmark
from reader.ui.bookmarks.panel import BookmarksPanel
from reader.ui.common.theme import ThemeController
from reader.ui.dialogs.about import AboutDialog, open_web_link, version_report
from reader.ui.dialogs.shortcuts import ShortcutsDialog
from reader.ui.page import printing

MARKS = [
    Bookmark("request-flow/index", "How a request flows", "2026-11-25T10:00:00+00:00"),
    Bookmark("security/csrf", "CSRF protection", "2026-11-25T10:01:00+00:00"),
    Bookmark("scaling/caching", "Caching", "2026-11-25T10:02:00+00:00"),
]


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[QApplication]:
    """Put the application's palette, style sheet and colour scheme back after a theme test."""
    palette, sheet, style = QPalette(qapp.palette()), qapp.styleSheet(), qapp.style().name()
    yield qapp
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)


# --- bookmarks panel ----------------------------------------------------------------------------
@pytest.fixture
def panel(qtbot) -> BookmarksPanel:
    widget = BookmarksPanel()
    qtbot.addWidget(widget)
    widget.set_bookmarks(MARKS)
    widget.show()
    qtbot.waitExposed(widget)
    widget.list.setFocus()
    return widget


def test_panel_lists_titles_with_ids_as_tooltips(panel: BookmarksPanel) -> None:
    assert [panel.list.item(row).text() for row in range(3)] == [m.title for m in MARKS]
    assert [panel.list.item(row).toolTip() for row in range(3)] == [m.topic_id for m in MARKS]
    assert panel.topic_ids() == [m.topic_id for m in MARKS]
    assert panel.list.accessibleName() == "Bookmarks"
    assert panel.count_label.text() == "3 bookmarks"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_opens_the_current_bookmark(qtbot, panel: BookmarksPanel, key: Qt.Key) -> None:
    with qtbot.assertNotEmitted(panel.topic_requested):
        panel.list.setCurrentRow(1)  # merely selecting opens nothing
    with qtbot.waitSignal(panel.topic_requested, timeout=1000) as signal:
        qtbot.keyClick(panel.list, key)
    assert signal.args == ["security/csrf"]


def test_double_click_opens(qtbot, panel: BookmarksPanel) -> None:
    rect = panel.list.visualItemRect(panel.list.item(2))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.topic_requested, timeout=1000) as signal:
        qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["scaling/caching"]


def test_delete_key_asks_to_remove(qtbot, panel: BookmarksPanel) -> None:
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(panel.remove_requested, timeout=1000) as signal:
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert signal.args == ["request-flow/index"]
    assert panel.topic_ids() == [m.topic_id for m in MARKS]  # the owner decides; the panel only asks


def test_remove_button_and_context_action_ask_to_remove(qtbot, panel: BookmarksPanel) -> None:
    panel.list.setCurrentRow(2)
    with qtbot.waitSignal(panel.remove_requested, timeout=1000) as signal:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["scaling/caching"]
    with qtbot.waitSignal(panel.remove_requested, timeout=1000) as signal:
        panel.remove_action.trigger()
    assert signal.args == ["scaling/caching"]
    assert panel.remove_action.text().replace("&", "") == "Remove Bookmark"


def test_after_removal_the_neighbour_is_selected(panel: BookmarksPanel) -> None:
    panel.list.setCurrentRow(1)
    panel.set_bookmarks([MARKS[0], MARKS[2]])
    assert panel.current_topic_id() == "scaling/caching"
    panel.set_bookmarks([MARKS[0]])
    assert panel.current_topic_id() == "request-flow/index"


def test_empty_state(qtbot, panel: BookmarksPanel) -> None:
    panel.set_bookmarks([])
    assert panel.list.count() == 0
    assert "No bookmarks yet" in panel.list.accessibleDescription()
    assert "Ctrl+D" in panel.list.accessibleDescription()
    assert not panel.remove_button.isVisible()
    assert panel.grab().isNull() is False  # the hint paints without error
    with qtbot.assertNotEmitted(panel.remove_requested):
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)


# --- theme --------------------------------------------------------------------------------------
def test_dark_theme_applies_a_dark_palette_and_announces_it(qtbot, app_look: QApplication) -> None:
    controller = ThemeController(app_look)
    controller.apply("light")
    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        controller.apply("dark")
    assert signal.args == [True]
    assert controller.is_dark()
    assert app_look.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert app_look.palette().color(QPalette.ColorRole.Highlight).name() == "#2f7d5b"
    assert ":focus" in app_look.styleSheet()
    sheet = app_look.styleSheet()
    app_look.setStyleSheet("")  # the style sheet hides the style's name
    assert app_look.style().name().lower() == "fusion"
    app_look.setStyleSheet(sheet)

    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        controller.apply("light")
    assert signal.args == [False]
    assert app_look.palette().color(QPalette.ColorRole.Window).lightness() > 128
    assert app_look.palette().color(QPalette.ColorRole.Highlight).name() == "#0c4b33"
    with qtbot.assertNotEmitted(controller.theme_changed):
        controller.apply("light")


def test_system_mode_follows_the_desktop_live(qtbot, app_look: QApplication) -> None:
    controller = ThemeController(app_look)
    controller.apply("light")
    controller.apply("system")
    assert controller.mode == "system"
    hints = QGuiApplication.styleHints()
    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert signal.args == [True]
    with qtbot.waitSignal(controller.theme_changed, timeout=1000) as signal:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert signal.args == [False]
    controller.apply("light")  # an explicit choice ignores the desktop
    with qtbot.assertNotEmitted(controller.theme_changed):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)


def test_unknown_mode_means_system(app_look: QApplication) -> None:
    controller = ThemeController(app_look)
    controller.apply("sepia")
    assert controller.mode == "system"


# --- shortcuts dialog ---------------------------------------------------------------------------
@pytest.fixture
def window_actions(qtbot) -> tuple[QMainWindow, list[QAction]]:
    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().addMenu("&File")
    help_menu = window.menuBar().addMenu("&Help")
    export = QAction("&Export as PDF...", window)
    export.setShortcut(QKeySequence("Ctrl+Shift+E"))
    export.setStatusTip("Save the current page as a PDF file")
    back = QAction("&Back", window)
    back.setShortcuts([QKeySequence("Alt+Left"), QKeySequence("Ctrl+[")])
    back.setStatusTip("Go back")
    keys = QAction("&Keyboard Shortcuts", window)
    keys.setShortcuts([QKeySequence("F1"), QKeySequence("Ctrl+/")])
    about = QAction("&About", window)  # no shortcut: not listed
    file_menu.addActions([export])
    help_menu.addActions([keys, about])
    return window, [export, back, keys, about]


def test_shortcuts_dialog_lists_every_shortcut(qtbot, window_actions) -> None:
    window, actions = window_actions
    dialog = ShortcutsDialog(actions, window)
    qtbot.addWidget(dialog)
    rows = dialog.visible_rows()
    names = [row[0] for row in rows]
    assert names == ["Export as PDF", "Keyboard Shortcuts", "Back"]  # grouped by menu, then the rest
    for action in actions[:3]:
        row = rows[names.index(action.text().replace("&", "").removesuffix("..."))]
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in row[1]
        assert row[2] == action.statusTip()
    groups = [entry.group for entry in dialog.entries()]
    assert groups == ["File", "Help", "General"]


def test_shortcuts_dialog_search_and_escape(qtbot, window_actions) -> None:
    window, actions = window_actions
    dialog = ShortcutsDialog(actions, window)
    qtbot.addWidget(dialog)
    dialog.add_entry("Topics", "Open topic", ["Return"], "In the topic tree")
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search, "pdf")
    assert [row[0] for row in dialog.visible_rows()] == ["Export as PDF"]
    dialog.search.setText("ctrl+/")
    assert [row[0] for row in dialog.visible_rows()] == ["Keyboard Shortcuts"]
    dialog.search.setText("no such thing")
    assert dialog.visible_rows() == []
    assert dialog.no_match.isVisibleTo(dialog)
    dialog.search.clear()
    assert "Open topic" in [row[0] for row in dialog.visible_rows()]
    assert not dialog.grab().isNull()  # key caps and group headings paint
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.view.currentIndex().data() == "Export as PDF"
    dialog.search.setFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


# --- about dialog -------------------------------------------------------------------------------
def test_about_dialog_shows_version_and_licence(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version_label.text()
    assert dialog.name_label.text() == "Django Reader"
    assert "BSD-3-Clause" in dialog.links_label.text()
    assert "PySide6" in dialog.platform_label.text()
    assert not dialog.icon_label.pixmap().isNull()
    assert __version__ in version_report()
    dialog.copy_version_info()
    assert __version__ in QGuiApplication.clipboard().text()


def test_about_links_open_only_on_the_web(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.link_opened, timeout=1000):
        dialog.links_label.linkActivated.emit("https://docs.djangoproject.com/")
    assert opened == ["https://docs.djangoproject.com/"]
    for link in ("file:///etc/passwd", "javascript:alert(1)", "topic:intro", "https://"):
        assert open_web_link(link) is False
    assert opened == ["https://docs.djangoproject.com/"]
    assert isinstance(QUrl(opened[0]), QUrl)


# --- printing -----------------------------------------------------------------------------------
def document(paragraphs: int = 40) -> QTextDocument:
    doc = QTextDocument()
    body = "".join(
        f"<p>Paragraph {n}: Django turns a request into a response.</p>" for n in range(paragraphs)
    )
    doc.setHtml(f"<h1>How a request flows</h1>{body}")
    return doc


def test_export_pdf_writes_a_valid_pdf(qapp: QApplication, tmp_path: Path) -> None:
    target = tmp_path / "page.pdf"
    assert printing.export_pdf(document(), target) is True
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 2000
    assert b"%%EOF" in data[-64:]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.pdf"]


def test_export_pdf_replaces_and_fails_cleanly(qapp: QApplication, tmp_path: Path) -> None:
    target = tmp_path / "page.pdf"
    target.write_bytes(b"old")
    assert printing.export_pdf(document(3), target) is True
    assert target.read_bytes().startswith(b"%PDF-")
    assert printing.export_pdf(document(3), tmp_path / "missing" / "page.pdf") is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.pdf"]


def test_printable_copy_uses_the_given_style(qtbot) -> None:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml("<p>dark</p>")
    copy = printing.printable_copy(browser, "<h1>Title</h1><p>Light text</p>", "p { color: #123456; }")
    assert "Light text" in copy.toPlainText()
    assert "#123456" in copy.defaultStyleSheet()
    assert copy.parent() is browser
    copy.deleteLater()


def test_print_page_cancelled_and_accepted(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml("<h1>Printed</h1><p>Some text.</p>")
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert printing.print_page(browser) is False

    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> QDialog.DialogCode:
        dialog.printer().setOutputFileName(str(target))  # a .pdf name makes the printer write a PDF
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert printing.print_page(browser) is True
    assert target.read_bytes().startswith(b"%PDF-")


def test_ask_pdf_path(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chosen = tmp_path / "Request flow.pdf"
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(chosen)])
    assert printing.ask_pdf_path(None, "Request flow") == chosen
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert printing.ask_pdf_path(None, "Request flow") is None
    assert printing.suggested_file_name('The ORM: "models"?') == "The ORM models.pdf"


def test_light_palette_is_fusions_own_apart_from_the_accent_roles(qtbot) -> None:
    from PySide6.QtWidgets import QStyleFactory

    from reader.ui.common.theme import light_palette

    style = QStyleFactory.create("Fusion")
    assert style is not None
    fusion, ours = style.standardPalette(), light_palette()
    Role, Group = QPalette.ColorRole, QPalette.ColorGroup
    accent_roles = {
        Role.Highlight, Role.Accent, Role.HighlightedText, Role.Link, Role.LinkVisited,
        Role.PlaceholderText, Role.ToolTipBase, Role.ToolTipText, Role.NoRole, Role.NColorRoles,
    }
    differing = [
        (role.name, group.name)
        for role in Role
        if role not in accent_roles
        for group in (Group.Active, Group.Inactive, Group.Disabled)
        if fusion.color(group, role).rgba() != ours.color(group, role).rgba()
    ]
    assert differing == []
