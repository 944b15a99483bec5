"""Hostile content, round two: nothing outside the content root is read while every page,
tooltip and hover of a hostile root is shown (#14 point 1).

The hostile root points every resource Qt could load (``background=``, CSS ``url()``,
``<link>``, ``file:`` images, ``<img>`` in tooltips…) at spy FIFOs outside the root; a spy sees
any open, from Python or from Qt's C++ code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QToolTip

from reader.core.bookmarks import Bookmark
from reader.core.diagram.toml_reader import load_diagram
from reader.core.search.index import search_content
from reader.ui.bookmarks.panel import BookmarksPanel
from reader.ui.common.settings import Settings
from reader.ui.diagram.panel import DiagramPanel
from reader.ui.main_window import MainWindow
from reader.ui.search.panel import ResultsModel
from tests.helpers.file_spy import FileSpies
from tests.helpers.hostile_content import RESOURCE_VECTORS, build_resource_attacks

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtGui import QTextDocument


@pytest.fixture
def spies(tmp_path: Path) -> Iterator[FileSpies]:
    found = FileSpies(tmp_path / "outside", [*RESOURCE_VECTORS, "control"])
    try:
        yield found
    finally:
        found.stop()


def show_tooltip(text: str) -> None:
    """Show ``text`` as Qt shows any tooltip (rich text when it looks like HTML), then hide it."""
    if text:
        QToolTip.showText(QPoint(20, 20), text)
        QApplication.processEvents()
        QToolTip.hideText()


def model_tooltips(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        yield from model_tooltips(model, index)


def document_tooltips(document: QTextDocument) -> Iterator[str]:
    """Every tooltip the page would show on hover: each fragment's ``title``."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            tip = iterator.fragment().charFormat().toolTip()
            if tip:
                yield tip
            iterator += 1
        block = block.next()


TOOLTIP_ON_OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support raise")


@TOOLTIP_ON_OFFSCREEN
@pytest.mark.timeout(120)
def test_the_spy_sees_qt_read_a_file_from_a_tooltip(qapp, spies):
    show_tooltip(f"<img src={spies.path('control')}>")  # what the app did before the fix
    assert set(spies.opened) == {"control"}


@TOOLTIP_ON_OFFSCREEN
@pytest.mark.timeout(180)
def test_no_page_tooltip_or_hover_reads_a_file_outside_the_root(qtbot, tmp_path, spies):
    root = build_resource_attacks(tmp_path / "content", {name: spies.path(name) for name in RESOURCE_VECTORS})
    window = MainWindow(root, settings=Settings())
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    content = window.library.content
    tips = list(model_tooltips(window.tree.model()))
    for topic_id in content.walk():
        assert window.navigator.open_topic(topic_id)
        window.page.viewport().repaint()  # lays out and paints the page: every resource is asked for
        QApplication.processEvents()
        tips.extend(document_tooltips(window.page.document()))
        panel = window.headings_panel.list
        tips.extend(panel.item(row).toolTip() for row in range(panel.count()))
        for href in window.page.page.links if window.page.page else []:
            window.page.highlighted.emit(QUrl(href))
            tips.append(window.page.toolTip())
    bookmarks = BookmarksPanel()
    qtbot.addWidget(bookmarks)
    bookmarks.set_bookmarks(
        [Bookmark(topic_id, content.topics[topic_id].title, "") for topic_id in content.topics]
    )
    tips.extend(model_tooltips(bookmarks.list.model()))
    results = ResultsModel()
    results.set_results(search_content(root, "img"))
    tips.extend(model_tooltips(results))
    diagram, _problems = load_diagram(root)
    assert diagram is not None
    diagram_panel = DiagramPanel(diagram)
    qtbot.addWidget(diagram_panel)
    diagram_panel.show()
    QApplication.processEvents()
    assert diagram_panel.view is not None
    tips.extend(item.toolTip() for item in diagram_panel.view.node_items())
    assert any("img src" in tip for tip in tips)  # the hostile text did reach the tooltips
    for tip in tips:
        show_tooltip(tip)
        assert spies.opened == [], tip
