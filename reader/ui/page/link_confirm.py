"""The question asked before a web link whose address may mislead is opened in the browser.

The link policy (:func:`reader.core.web_hosts.host_caution`) says why — user information before the
host (``https://good.example@evil.example``) or a host in non-ASCII letters — and names the real
host as it reads and as punycode; this dialog shows that, in plain text, and opens nothing by default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reader.core.links import LinkTarget

MAX_SHOWN_ADDRESS = 300  # characters of the address shown in the dialog


def confirm_web_link(parent: QWidget | None, target: LinkTarget) -> bool:
    """Ask whether to open ``target`` (a web link with a ``confirm`` reason); True if the user agreed."""
    box = QMessageBox(parent)
    box.setObjectName("confirmWebLink")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Open this link?")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("This link may not go where it seems to.")
    address = target.href if len(target.href) <= MAX_SHOWN_ADDRESS else target.href[:MAX_SHOWN_ADDRESS] + "…"
    reasons, _, host = target.confirm.partition(" The real host is ")
    unicode_host, _, punycode = host.rstrip(".").removesuffix(")").partition(" (punycode: ")
    real = f"\n\nThe real host is {unicode_host}" if host else ""
    real += f"\nAs punycode: {punycode}" if punycode else ""
    box.setInformativeText(f"{reasons}{real}\n\nAddress: {address}")
    open_button = box.addButton("Open in Browser", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is open_button
