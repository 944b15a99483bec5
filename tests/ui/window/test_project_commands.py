"""The learner's Django project in the window: open, map, filter, source at the line, flow, editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from reader.core.project.model import Origin, SourceRef
from reader.ui.common.settings import Key, Settings
from reader.ui.main_window import MainWindow
from reader.ui.window import editor_launcher, project_scan
from tests.helpers.paths import SAMPLE
from tests.helpers.project_map import MINIMAL, minimal_map

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def hand_scanner(monkeypatch):
    """The scanner answers with the hand-built map of the minimal fixture (the UI's unit input)."""
    monkeypatch.setattr(project_scan, "scan_folder", lambda _path: minimal_map(MINIMAL))


@pytest.fixture
def started(monkeypatch):
    """Argument lists handed to the process starter (nothing is started)."""
    argvs: list[tuple[list[str], str]] = []
    monkeypatch.setattr(
        editor_launcher, "start_detached", lambda argv, folder: argvs.append((argv, folder)) or True
    )
    return argvs


def _open(qtbot, window: MainWindow, path: Path = MINIMAL) -> None:
    with qtbot.waitSignal(window.project_commands.project_loaded, timeout=5000):
        window.project_commands.open_project(path)


def _find(panel, label_start: str) -> QModelIndex:
    matches = panel.proxy.match(
        panel.proxy.index(0, 0), Qt.ItemDataRole.DisplayRole, label_start,
        1, Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive,
    )  # fmt: skip
    assert matches, f"no row starts with {label_start!r}"
    return matches[0]


def test_opening_a_project_shows_its_urls_in_the_project_tab(qtbot, window) -> None:
    _open(qtbot, window)  # the real scanner, on a worker thread
    panel = window.project_commands.panel
    assert window.left_tabs.currentWidget() is window.project_commands.pane
    labels = panel.visible_labels()
    assert "/polls/<int:question_id>/vote/  →  polls.views.vote  ·  polls:vote" in labels
    assert "polls.urls  (namespace polls)" in labels
    assert panel.tree.isVisible()
    assert window.right_stack.currentWidget() is window.project_commands.workspace
    assert window.settings.get(Key.RECENT_PROJECTS).splitlines()[0] == str(MINIMAL)


@pytest.mark.usefixtures("hand_scanner")
def test_typing_in_the_filter_narrows_and_escape_clears(qtbot, window) -> None:
    _open(qtbot, window)
    panel = window.project_commands.panel
    everything = panel.visible_labels()
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "vote")
    narrowed = panel.visible_labels()
    assert len(narrowed) < len(everything)
    assert any("polls.views.vote" in label for label in narrowed)
    assert not any("polls.views.index" in label for label in narrowed)
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Down)
    assert panel.tree.hasFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Escape)
    assert panel.filter_edit.text() == ""
    assert panel.visible_labels() == everything


@pytest.mark.usefixtures("hand_scanner")
def test_enter_on_a_view_shows_its_source_scrolled_to_the_line(qtbot, guide_window) -> None:
    window = guide_window
    _open(qtbot, window)
    panel = window.project_commands.panel
    index = _find(panel, "polls.views.vote")
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(index)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    source = window.project_commands.source_view
    qtbot.waitUntil(lambda: source.file == "polls/views.py", timeout=5000)
    assert source.isVisible()
    assert source.location.full_text() == "polls/views.py:18"
    assert source.current_block_number() == 17
    block = source.text.document().findBlockByNumber(17)
    assert block.text() == "def vote(request, question_id):"
    rect = source.text.cursorRect()
    assert source.text.viewport().rect().contains(rect.center())
    assert source.text.extraSelections()[0].cursor.blockNumber() == 17
    assert source.guide_topic == "request-flow/views"
    assert source.guide_link.isVisible()
    with qtbot.waitSignal(window.navigator.topic_shown, timeout=3000) as shown:
        source.guide_link.linkActivated.emit("guide")
    assert shown.args == ["request-flow/views"]
    assert window.page.isVisible()  # back on the guide's side, at the topic that explains views


@pytest.mark.usefixtures("hand_scanner")
def test_selecting_a_url_draws_its_request_with_middleware_boxes(qtbot, window) -> None:
    window.resize(1200, 800)
    _open(qtbot, window)
    panel = window.project_commands.panel
    panel.tree.setCurrentIndex(_find(panel, "/polls/<int:question_id>/vote/"))
    flow_panel = window.project_commands.flow_panel
    assert flow_panel is not None
    assert flow_panel.isVisible()
    view = flow_panel.view
    assert view is not None
    ids = [item.node.id for item in view.node_items()]
    assert ids[:9] == ["browser", *(f"middleware-{n}" for n in range(1, 8)), "pattern"]
    item = view.node_item("middleware-1")
    assert (item.node.label, item.node.caption) == ("Security", "middleware 1")
    assert view.node_item("pattern").current  # the selected pattern is marked (and centred when it scrolls)
    inside = item.sceneBoundingRect().center() + item.card_rect().topLeft() * 0.5  # on the card, off its text

    def middleware_in_view() -> bool:
        view.ensureVisible(item, 10, 10)  # a flow taller than its pane scrolls (labels stay readable)
        return view.viewport().rect().contains(view.mapFromScene(inside))

    qtbot.waitUntil(middleware_in_view, timeout=3000)
    image = view.viewport().grab().toImage()
    centre = view.mapFromScene(inside)
    painted = QColor(image.pixel(centre))
    assert painted != view.theme.background  # a card is drawn there, not the empty background
    # Activating a box opens its source; the walk-through follows the steps.
    with qtbot.waitSignal(view.node_activated):
        view.focus_node("view")
        qtbot.keyClick(view, Qt.Key.Key_Return)
    source = window.project_commands.source_view
    qtbot.waitUntil(lambda: source.file == "polls/views.py", timeout=5000)
    assert source.current_block_number() == 17
    assert flow_panel.follow_button.isEnabled()
    flow_panel.follow_button.click()
    assert view.step_index == 0
    for _ in range(8):  # the browser, then seven middleware: the pattern is step 9
        qtbot.keyClick(view, Qt.Key.Key_N)
    assert view.step_index == 8
    assert "Step 9 of 14" in flow_panel.step_label.text()
    qtbot.waitUntil(lambda: source.file == "polls/urls.py", timeout=5000)
    assert source.current_block_number() == 8
    assert source.guide_topic == ""  # the sample content has no such topic; the guide's has
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.walkthrough_active


@pytest.mark.usefixtures("hand_scanner")
def test_open_in_editor_starts_the_exact_argv_and_refuses_files_outside(qtbot, window, started) -> None:
    window.settings.set(Key.EDITOR_COMMAND, "code -g {file}:{line}")
    _open(qtbot, window)
    commands = window.project_commands
    commands.show_source(SourceRef("polls/views.py", 18), "")
    qtbot.waitUntil(lambda: commands.source_view.editor_button.isEnabled(), timeout=5000)
    commands.source_view.editor_button.click()
    views = str((MINIMAL / "polls" / "views.py").resolve())
    assert started == [(["code", "-g", f"{views}:18"], str(MINIMAL))]
    messages: list[str] = []
    commands.status_message.connect(lambda message, _duration: messages.append(message))
    assert not commands.open_file_in_editor("../../../../etc/passwd", 1)
    assert len(started) == 1
    assert "outside the project" in messages[-1]
    commands.show_source(SourceRef("../secret.py", 1), "")
    assert "outside the project" in commands.source_view.location.full_text()
    assert not commands.edit_source(SourceRef("django.middleware.csrf", 1, Origin.DJANGO))
    assert "outside your project" in messages[-1]
    assert commands.edit_source(SourceRef("polls/models.py", 4))
    assert started[-1] == (["code", "-g", f"{(MINIMAL / 'polls' / 'models.py').resolve()}:4"], str(MINIMAL))


def test_a_folder_without_manage_py_says_what_was_looked_for(qtbot, window, tmp_path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("not django", encoding="utf-8")
    messages: list[str] = []
    window.project_commands.status_message.connect(lambda message, _duration: messages.append(message))
    window.project_commands.open_project(tmp_path / "notes")
    panel = window.project_commands.panel
    qtbot.waitUntil(lambda: "is not a Django project" in panel.message.text(), timeout=5000)
    assert panel.message.isVisible()
    assert not panel.tree.isVisible()
    assert "manage.py" in panel.message.text()
    assert "two levels below" in panel.message.text()
    assert "not a Django project" in messages[-1]
    assert window.project_commands.map is None


def test_a_folder_that_does_not_exist_gets_a_clear_message(qtbot, window, tmp_path) -> None:
    missing = tmp_path / "nowhere"
    window.project_commands.open_project(missing)
    panel = window.project_commands.panel
    assert panel.message.isVisible()
    assert "manage.py" in panel.message.text()
    assert "not a Django project" in window.statusBar().currentMessage()


@pytest.mark.usefixtures("hand_scanner")
def test_recent_projects_menu_lists_and_reopens(qtbot, window) -> None:
    window.settings.set(Key.RECENT_PROJECTS, f"{MINIMAL}\n/gone/project")
    menu = window.menus["recent_projects"]
    window.project_commands.fill_recent_menu(menu)
    texts = [action.text() for action in menu.actions()]
    assert texts[:2] == [str(MINIMAL), "/gone/project"]
    with qtbot.waitSignal(window.project_commands.project_loaded, timeout=5000):
        menu.actions()[0].trigger()


@pytest.mark.usefixtures("hand_scanner")
def test_project_on_the_command_line_opens_at_start(qtbot, opened_urls) -> None:
    window = MainWindow(SAMPLE, settings=Settings(), project=MINIMAL)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.project_commands.map is not None, timeout=5000)
    assert window.left_tabs.tabText(window.left_tabs.currentIndex()) == "Project"


@pytest.mark.usefixtures("hand_scanner")
def test_f6_moves_between_the_project_map_and_its_source(qtbot, window) -> None:
    _open(qtbot, window)
    commands = window.project_commands
    panel = commands.panel
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_F6)
    assert commands.source_view.text.hasFocus()
    qtbot.keyClick(commands.source_view.text, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert panel.tree.hasFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_F6)
    qtbot.keyClick(commands.source_view.text, Qt.Key.Key_Escape)  # Escape in the source: back to the map
    assert panel.tree.hasFocus()


@pytest.mark.usefixtures("hand_scanner")
def test_a_theme_switch_recolours_the_shown_source(qtbot, window) -> None:
    _open(qtbot, window)
    commands = window.project_commands
    commands.show_source(SourceRef("polls/views.py", 7), "")
    qtbot.waitUntil(lambda: commands.source_view.file == "polls/views.py", timeout=5000)
    light = commands.source_view.text.palette().base().color().name()
    window.actions_.theme_dark.trigger()
    qtbot.waitUntil(lambda: commands.source_view.text.palette().base().color().name() != light, timeout=5000)
    assert commands.source_view.text.palette().base().color().lightnessF() < 0.5
    assert commands.source_view.current_block_number() == 6


def test_opening_a_project_in_a_small_window_unfolds_the_side_panel(qtbot, window) -> None:
    """At 800x600 the side panel is folded: opening a project used to select the Project tab
    out of sight, leaving a workspace that says "Select a URL in the project map" with no map."""
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.responsive.compact)
    assert not window.left_tabs.isVisible()
    with qtbot.waitSignal(window.project_commands.status_message, timeout=5000) as said:
        _open(qtbot, window)
    qtbot.waitUntil(lambda: window.project_commands.panel.tree.isVisible())
    assert window.actions_.side_panel.isChecked()
    qtbot.waitUntil(lambda: window.right_stack.width() >= 0.6 * window.width())  # the workspace keeps 60 %
    message = said.args[0]
    assert "(s)" not in message, message  # counted nouns, as everywhere else (#17)


@pytest.mark.usefixtures("hand_scanner")
def test_the_flow_hint_of_a_project_reads_at_aa(qtbot, window) -> None:
    """ "Select a URL in the project map…" was a disabled label: 1.6:1 on the light window."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLabel

    from reader.ui.common.colors import contrast_ratio
    from reader.ui.window.project_commands import FLOW_HINT

    _open(qtbot, window)
    hint = next(label for label in window.findChildren(QLabel) if label.text() == FLOW_HINT)
    qtbot.waitUntil(hint.isVisible)
    image = hint.grab().toImage()
    background = hint.palette().color(QPalette.ColorRole.Window)
    darkest = max(
        contrast_ratio(image.pixelColor(x, y), background)
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )
    assert darkest >= 4.5
