"""What the reader sees of a GitBook-style folder: chapters in SUMMARY.md order, README links open them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.common.settings import Settings
from reader.ui.main_window import MainWindow
from tests.core.content.test_folder_pages import GITBOOK


def test_chapters_are_rows_in_summary_order_and_links_open_them(qtbot, make_content, opened_urls):
    window = MainWindow(make_content(GITBOOK), settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.tree.model()
    rows = [model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) for row in range(6)]
    assert rows == [
        "Django Girls Tutorial",
        "How the Internet works",
        "Installation",
        "Introduction to the command-line interface",
        "Django models",
        "CSS – make it pretty!",
    ]
    assert not model.hasChildren(model.index(5, 0))  # the chapter is one row, not a folder of one
    assert window.navigator.current_topic_id == "index"
    window.navigator.follow_link("how_the_internet_works/README.md")
    assert window.navigator.current_topic_id == "how_the_internet_works"
    assert "How the Internet works" in window.page.toPlainText()
    # The tree follows once the page is drawn (the page first).
    qtbot.waitUntil(
        lambda: window.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == "How the Internet works"
    )
    assert not opened_urls
