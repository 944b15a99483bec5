"""The read-only source view: the marked line on screen, the editor menu, Escape, the guide link."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog

from reader.core.project.editor import PYCHARM, VSCODE
from reader.core.project.source import read_source
from reader.ui.project.source_view import SourceView

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def view(qtbot) -> SourceView:
    widget = SourceView()
    qtbot.addWidget(widget)
    widget.resize(700, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_long_file_scrolls_to_the_line_and_paints_its_mark(view, tmp_path: Path) -> None:
    path = tmp_path / "long.py"
    path.write_text("".join(f"value_{n} = {n}\n" for n in range(1, 401)), encoding="utf-8")
    view.show_source("long.py", read_source(path, dark=False), 250)
    assert view.current_block_number() == 249
    assert view.text.textCursor().block().text() == "value_250 = 250"
    rect = view.text.cursorRect()
    assert view.text.viewport().rect().contains(rect.center())
    assert view.text.verticalScrollBar().value() > 0
    image = view.text.viewport().grab().toImage()
    marked = image.pixelColor(view.text.viewport().width() - 20, rect.center().y())
    plain = image.pixelColor(view.text.viewport().width() - 20, max(2, rect.top() - 30))
    assert marked != plain  # the whole line is marked, to the right margin
    assert view.text.isReadOnly()


def test_the_editor_menu_offers_presets_and_a_typed_command(qtbot, view, monkeypatch) -> None:
    view.set_editor_template(VSCODE.template)
    actions = view.editor_button.menu().actions()
    assert actions[0].isChecked()
    with qtbot.waitSignal(view.editor_template_chosen) as chosen:
        actions[1].trigger()
    assert chosen.args == [PYCHARM.template]
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("subl {file}:{line}", True))
    with qtbot.waitSignal(view.editor_template_chosen) as chosen:
        actions[-1].trigger()
    assert chosen.args == ["subl {file}:{line}"]


def test_escape_asks_to_close_and_the_guide_link_names_its_topic(qtbot, view) -> None:
    view.set_guide_topic("request-flow/views", "Views")
    assert view.guide_link.isVisible()
    assert "Views" in view.guide_link.text()
    with qtbot.waitSignal(view.guide_requested) as requested:
        view.guide_link.linkActivated.emit("guide")
    assert requested.args == ["request-flow/views"]
    view.text.setFocus()
    with qtbot.waitSignal(view.closed):
        qtbot.keyClick(view.text, Qt.Key.Key_Escape)
    view.show_note("Browser: outside your code")
    assert not view.editor_button.isEnabled()


def test_the_text_context_menu_offers_open_in_editor(qtbot, view, tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_text("x = 1\n", encoding="utf-8")
    view.show_source("a.py", read_source(path, dark=False), 1)
    menu = view.text.context_menu(QPoint(5, 5))
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "Open in Editor"
    assert any("Copy" in text for text in texts)
    with qtbot.waitSignal(view.editor_requested):
        menu.actions()[0].trigger()
