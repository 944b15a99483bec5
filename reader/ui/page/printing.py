"""Printing a page and exporting it as PDF.

A dark theme's page colours would print as pale text on white paper, so the owner should hand
over a light copy: ``printable_copy`` lays out the light-theme HTML in a fresh document whose
images still load through the page view's own (safe) ``loadResource``.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QStandardPaths
from PySide6.QtGui import QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QTextBrowser, QWidget

from reader.core.storage import atomic_replace
from reader.ui.page.code_blocks import pad_code_frames

logger = logging.getLogger(__name__)

MARGINS_MM = QMarginsF(18, 16, 18, 16)
CREATOR = "Django Reader"


def _prepare(printer: QPrinter, title: str) -> None:
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    printer.setCreator(CREATOR)
    if title:
        printer.setDocName(title)


def printable_copy(browser: QTextBrowser, html: str, css: str) -> QTextDocument:
    """A document of ``html`` styled with ``css`` (use the light theme), for printing or PDF.

    It is parented to ``browser`` so images load through its ``loadResource``; call ``deleteLater()``
    on it when done.
    """
    document = QTextDocument(browser)
    document.setDefaultFont(browser.document().defaultFont())
    document.setDefaultStyleSheet(css)
    document.setHtml(html)
    pad_code_frames(document)
    title = browser.documentTitle()
    if title:
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return document


def print_page(
    browser: QTextBrowser, parent: QWidget | None = None, document: QTextDocument | None = None
) -> bool:
    """Ask for a printer and print; True if something was sent to it.

    Prints ``document`` if given (e.g. a ``printable_copy``), else the browser's own page; with no
    separate document, a text selection can be printed on its own.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _prepare(printer, browser.documentTitle())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print Page")
    if document is None and browser.textCursor().hasSelection():
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    if document is not None:
        document.print_(printer)
    else:
        browser.print_(printer)
    return True


def export_pdf(document: QTextDocument, path: Path) -> bool:
    """Write ``document`` as a PDF at ``path`` (replacing it only once the new file is complete)."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
    except OSError:
        logger.exception("cannot create a temporary PDF next to %s", path)
        return False
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(temporary)
        _prepare(printer, document.metaInformation(QTextDocument.MetaInformation.DocumentTitle) or path.stem)
        document.print_(printer)
        with open(temporary, "rb") as stream:
            if stream.read(5) != b"%PDF-":
                logger.warning("the printer wrote no PDF for %s", path)
                return False
        atomic_replace(Path(temporary), path)
        return True
    except OSError:
        logger.exception("cannot write the PDF %s", path)
        return False
    finally:
        Path(temporary).unlink(missing_ok=True)


def suggested_file_name(title: str) -> str:
    """A file name from a page title: ``"The ORM: models" -> "The ORM models.pdf"``."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")
    return f"{cleaned or 'page'}.pdf"


def ask_pdf_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Ask where to save the PDF (starting in Documents); None if the user cancels."""
    name = suggested_name if suggested_name.lower().endswith(".pdf") else f"{suggested_name}.pdf"
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    dialog = QFileDialog(parent, "Export as PDF", folder or "", "PDF documents (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix("pdf")  # so the overwrite question is about the real file name
    dialog.selectFile(name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
