"""Baseline for start-up benchmarks: a bare PySide6 window with the same widgets, painted once."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextBrowser, QTreeView


class QuitAfterPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.app.quit)
        return False


def run_until_first_paint(app: QApplication, window: QMainWindow, page: QTextBrowser) -> int:
    """Show ``window`` and run the event loop until ``page`` has painted once."""
    quitter = QuitAfterPaint(app)
    page.viewport().installEventFilter(quitter)
    window.show()
    return app.exec()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    tree = QTreeView()
    model = QStandardItemModel()
    model.appendRow(QStandardItem("Welcome"))
    tree.setModel(model)
    page = QTextBrowser()
    page.setHtml("<h1>Welcome</h1><p>Hello.</p>")
    splitter.addWidget(tree)
    splitter.addWidget(page)
    window.setCentralWidget(splitter)
    window.resize(1200, 800)
    return run_until_first_paint(app, window, page)


if __name__ == "__main__":
    sys.exit(main())
