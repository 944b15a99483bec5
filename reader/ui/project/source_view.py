"""The read-only source view: one project file, highlighted, scrolled to and marking one line.

Above the text, a bar names the file and line, links to the guide topic that explains the stage
(``guide_requested(topic_id)``) and offers "Open in Editor" (``editor_requested()``), whose menu
picks the editor command (``editor_template_chosen(template)``: a preset or one typed in).
Escape in the text asks to close the view (``closed()``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QContextMenuEvent,
    QFontDatabase,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.project.editor import PRESETS
from reader.core.safe_text import plain_tooltip
from reader.ui.common.colors import mix

if TYPE_CHECKING:
    from reader.core.project.source import SourceText

PLACEHOLDER = (
    "Press Enter on a row of the project map (or click a box of the diagram) to read its source here."
)


class ElidedLabel(QLabel):
    """A one-line label that shows "…" where its text does not fit (at the start for a file path)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full, self._mode = "", Qt.TextElideMode.ElideRight
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        self._full, self._mode = text, mode
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.width() if self.width() > 40 else 10_000
        super().setText(self.fontMetrics().elidedText(self._full, self._mode, width))


class SourceEdit(QTextEdit):
    """The text itself: read-only, no wrapping; Escape is passed up as a close request, and the
    context menu offers "Open in Editor" above the usual copy entries."""

    escape_pressed = Signal()
    editor_requested = Signal()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, position: QPoint) -> QMenu:
        """Qt's copy menu for ``position`` (viewport pixels), with "Open in Editor" first."""
        menu = self.createStandardContextMenu(position)
        action = QAction("Open in Editor", menu)
        action.setEnabled(bool(self.toPlainText()))
        action.triggered.connect(self.editor_requested)
        first = menu.actions()[0]  # the standard menu always has Copy and Select All
        menu.insertAction(first, action)
        menu.insertSeparator(first)
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SourceView(QWidget):
    """A bar (file:line, guide link, Open in Editor) over the highlighted file."""

    editor_requested = Signal()
    editor_template_chosen = Signal(str)
    guide_requested = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectSourceView")
        self._guide_topic = ""
        self._template = ""
        self.location = ElidedLabel(PLACEHOLDER, self)
        self.location.setObjectName("sourceLocation")
        self.guide_link = QLabel(self)
        self.guide_link.setObjectName("sourceGuideLink")
        self.guide_link.setToolTip("Read the guide's topic that explains this stage")
        self.guide_link.linkActivated.connect(lambda _link: self.guide_requested.emit(self._guide_topic))
        self.guide_link.hide()
        self.editor_button = QToolButton(self)
        self.editor_button.setText("Open in Editor")
        self.editor_button.setToolTip("Open this file at this line in your editor")
        self.editor_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.editor_button.clicked.connect(self.editor_requested)
        self.editor_button.setMenu(self._editor_menu())
        self.editor_button.setEnabled(False)
        bar = QWidget(self)
        bar.setObjectName("sourceBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(10, 6, 8, 6)
        row.setSpacing(10)
        row.addWidget(self.location, 1)
        row.addWidget(self.guide_link)
        row.addWidget(self.editor_button)
        self.text = SourceEdit(self)
        self.text.setObjectName("projectSource")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName("Source")
        self.text.escape_pressed.connect(self.closed)
        self.text.editor_requested.connect(self.editor_requested)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.document().setDefaultFont(font)
        self.text.document().setDocumentMargin(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.text, 1)
        self.file = ""
        self.line = 0

    def _editor_menu(self) -> QMenu:
        menu = QMenu(self)
        self._presets = QActionGroup(self)
        for preset in PRESETS:
            action = QAction(f"{preset.name}:  {preset.template}", menu)
            action.setCheckable(True)
            action.setData(preset.template)
            self._presets.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        self._custom = QAction("Custom Command…", menu)
        self._custom.setCheckable(True)
        self._presets.addAction(self._custom)
        menu.addAction(self._custom)
        self._presets.triggered.connect(self._choose)
        return menu

    def set_editor_template(self, template: str) -> None:
        """Tick the menu entry of the editor command in force."""
        self._template = template
        for action in self._presets.actions():
            action.setChecked(action.data() == template if action is not self._custom else False)
        if not any(action.isChecked() for action in self._presets.actions()) and template:
            self._custom.setChecked(True)
        self.editor_button.setToolTip(f"Open this file at this line: {template or 'choose an editor'}")

    def _choose(self, action: QAction) -> None:
        template = action.data()
        if action is self._custom:
            template, ok = QInputDialog.getText(
                self, "Editor command",
                "Command that opens a file at a line; {file} and {line} are filled in\n"
                "(run without a shell, for example:  subl {file}:{line})",
                text=self._template,
            )  # fmt: skip
            if not ok or not template.strip():
                self.set_editor_template(self._template)
                return
        self.editor_template_chosen.emit(str(template))

    @property
    def guide_topic(self) -> str:
        """The guide topic linked now (``""`` for none)."""
        return self._guide_topic

    def set_guide_topic(self, topic_id: str, title: str) -> None:
        """Link the guide topic explaining what is shown (hidden for ``""``)."""
        self._guide_topic = topic_id
        self.guide_link.setText(f'<a href="guide">Guide: {title}</a>' if title else "")
        self.guide_link.setVisible(bool(topic_id))

    def show_note(self, text: str) -> None:
        """Show ``text`` instead of a file (a stage outside the project, a refused or unreadable file)."""
        self.file, self.line = "", 0
        self.location.setText(text)
        self.text.clear()
        self.editor_button.setEnabled(False)

    def show_source(self, file: str, source: SourceText, line: int) -> None:
        """Show ``source`` (the file ``file``, relative to the project) scrolled to ``line`` (1-based)."""
        self.file, self.line = file, max(1, min(line, source.lines))
        notice = f"  —  {source.notice}" if source.notice else ""
        self.location.setText(f"{file}:{self.line}{notice}", Qt.TextElideMode.ElideLeft)
        palette = self.text.palette()
        background, foreground = QColor(source.background), QColor(source.foreground)
        palette.setColor(QPalette.ColorRole.Base, background)
        palette.setColor(QPalette.ColorRole.Text, foreground)
        self.text.setPalette(palette)
        self.text.setHtml(source.html)
        self.editor_button.setEnabled(True)
        accent = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        self._mark_line(mix(background, accent, 0.38 if background.lightnessF() < 0.5 else 0.22))

    def _mark_line(self, colour: QColor) -> None:
        block = self.text.document().findBlockByLineNumber(self.line - 1)
        cursor = QTextCursor(block)
        self.text.setTextCursor(cursor)
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(colour)
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = QTextCursor(block)
        self.text.setExtraSelections([mark])
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.minimum())
        top = self.text.document().documentLayout().blockBoundingRect(block).top()
        bar.setValue(int(top - self.text.viewport().height() / 3))

    def current_block_number(self) -> int:
        """The 0-based block of the text cursor (the marked line)."""
        return self.text.textCursor().blockNumber()
