"""Printing a page and exporting it as PDF."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QTextBrowser

from reader.ui.page import printing

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


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


def test_a_pdf_that_cannot_be_written_is_logged(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="reader.ui.page.printing"):
        assert printing.export_pdf(document(1), tmp_path / "missing" / "page.pdf") is False
    assert any("missing" in record.getMessage() and record.exc_info for record in caplog.records)
