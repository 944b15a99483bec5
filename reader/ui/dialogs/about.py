"""The About dialog: what the app is, its version and licence, and what it runs on.

Links open only through ``QDesktopServices``, and only addresses the link policy
(:func:`reader.core.links.is_openable`) lets the desktop open.
"""

from __future__ import annotations

import html
import logging
import platform

import PySide6
from PySide6.QtCore import QSize, QSysInfo, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.resources import ResourceError, resource_path
from reader.ui.common.web import open_in_browser
from reader.ui.dialogs.button_icons import tint_button_icons

logger = logging.getLogger(__name__)

APP_NAME = "Django Reader"
DESCRIPTION = "A fast desktop reader that teaches how the Django web framework works."
LICENCE = "BSD-3-Clause"
DJANGO_DOCS_URL = "https://docs.djangoproject.com/"
ICON_RESOURCE = "icons/django-reader.svg"


def load_app_icon() -> QIcon:
    """The application icon from the bundled SVG (an empty icon if it is missing)."""
    try:
        return QIcon(str(resource_path(ICON_RESOURCE)))
    except ResourceError:
        logger.exception("the application icon is missing")
        return QIcon()


def version_report() -> str:
    """Plain-text versions for bug reports."""
    return "\n".join(
        (
            f"{APP_NAME} {__version__}",
            f"Qt {qVersion()} (PySide6 {PySide6.__version__})",
            f"Python {platform.python_version()}",
            f"{QSysInfo.prettyProductName()} ({QSysInfo.currentCpuArchitecture()})",
        )
    )


def open_web_link(link: str) -> bool:
    """Open ``link`` with the desktop if the link policy allows it; return whether it was opened."""
    return open_in_browser(link)


class AboutDialog(QDialog):
    """Icon, name, version, description, licence, Qt/PySide6 versions and a link to the Django docs."""

    link_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None, icon: QIcon | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        icon = icon if icon is not None and not icon.isNull() else load_app_icon()

        self.icon_label = QLabel(self)
        self.icon_label.setObjectName("aboutIcon")
        if not icon.isNull():
            self.icon_label.setPixmap(icon.pixmap(QSize(96, 96), self.devicePixelRatioF()))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.icon_label.setAccessibleName(f"{APP_NAME} icon")

        self.name_label = QLabel(APP_NAME, self)
        self.name_label.setObjectName("aboutName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.name_label.setFont(font)

        self.version_label = QLabel(f"Version {__version__}", self)
        self.version_label.setObjectName("aboutVersion")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description_label = QLabel(DESCRIPTION, self)
        self.description_label.setWordWrap(True)

        self.links_label = QLabel(self)
        self.links_label.setObjectName("aboutLinks")
        self.links_label.setTextFormat(Qt.TextFormat.RichText)
        self.links_label.setOpenExternalLinks(False)
        self.links_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.links_label.setText(
            f'Learn more in the <a href="{html.escape(DJANGO_DOCS_URL)}">Django documentation</a>.'
            f"<br>Released under the {LICENCE} licence."
        )
        self.links_label.setAccessibleName("Links and licence")
        self.links_label.linkActivated.connect(self._open_link)

        self.platform_label = QLabel(
            f"Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {platform.python_version()}", self
        )
        self.platform_label.setObjectName("aboutPlatform")
        self.platform_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.platform_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        text_column = QVBoxLayout()
        text_column.setSpacing(6)
        text_column.addWidget(self.name_label)
        text_column.addWidget(self.version_label)
        text_column.addSpacing(6)
        text_column.addWidget(self.description_label)
        text_column.addWidget(self.links_label)
        text_column.addSpacing(6)
        text_column.addWidget(self.platform_label)
        text_column.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.icon_label)
        body.addLayout(text_column, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("Copy Version Info", self)
        self.copy_button.setObjectName("copyVersionButton")
        self.copy_button.setToolTip("Copy the versions of the app, Qt and Python, for bug reports")
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_version_info)
        tint_button_icons(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(18)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.setFixedWidth(max(480, self.sizeHint().width()))
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def copy_version_info(self) -> None:
        QGuiApplication.clipboard().setText(version_report())
        self.copy_button.setText("Copied")
        QTimer.singleShot(1500, self, lambda: self.copy_button.setText("Copy Version Info"))

    def _open_link(self, link: str) -> None:
        if open_web_link(link):
            self.link_opened.emit(link)
