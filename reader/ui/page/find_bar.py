"""Find in page: a slim bar under a ``QTextBrowser`` that highlights matches as you type.

Enter / F3 go to the next match and Shift+Enter / Shift+F3 to the previous one, wrapping at
either end; Alt+C toggles "Match case"; Escape hides the bar, clears its highlights and emits
``closed`` so the window can give focus back to the page. The bar never changes the document.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QToolButton, QWidget

from reader.ui.common.accessible import name_clear_button
from reader.ui.common.colors import is_dark, mix
from reader.ui.page.highlight import (
    FIND_CURRENT_LAYER,
    FIND_LAYER,
    find_all,
    scroll_to,
    selections_for,
    set_layer,
)

_NO_MATCH_RGB = (220, 40, 40)  # the red a search with no match tints the field with


class FindBar(QWidget):
    """Incremental find-in-page for one ``QTextBrowser``."""

    closed = Signal()
    matches_changed = Signal(int, int)  # current (1-based, 0 if none), total

    def __init__(self, browser: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._browser = browser
        self._matches: list[QTextCursor] = []
        self._current = -1
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_after_page_change)

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in page")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find in page")
        name_clear_button(self.edit, "Clear the find text")
        self.edit.setMinimumWidth(180)
        self.edit.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("9999 of 9999") + 8)
        previous_tip = "Previous match (Shift+Enter, Shift+F3)"
        self.previous_button = self._tool_button("▲", "Previous match", previous_tip, self.find_previous)
        self.next_button = self._tool_button("▼", "Next match", "Next match (Enter, F3)", self.find_next)
        self.case_button = QToolButton(self)
        self.case_button.setText("Match case")
        self.case_button.setCheckable(True)
        self.case_button.setToolTip("Match upper and lower case exactly (Alt+C)")
        self.case_button.toggled.connect(self._on_case_toggled)
        self.close_button = self._tool_button("✕", "Close find", "Close (Escape)", self.close_bar)
        self.close_button.setAutoRaise(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(6)
        layout.addWidget(self.case_button)
        layout.addStretch(0)
        layout.addWidget(self.close_button)

        # F3 / Shift+F3 are window actions (they also work from the page); only Alt+C is local.
        case_key = QShortcut(QKeySequence("Alt+C"), self, self.case_button.toggle)
        case_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # (PySide ignores context=)
        self.edit.textChanged.connect(self._on_text_changed)
        browser.textChanged.connect(self._on_page_changed)
        self.hide()

    def _tool_button(self, text: str, name: str, tip: str, slot: object) -> QToolButton:
        """A button showing the symbol ``text``, read by screen readers as the words ``name``."""
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    # -- public API ---------------------------------------------------------------------------
    def focus_chain(self) -> list[QWidget]:
        """The bar's focusable widgets in Tab order."""
        return [self.edit, self.previous_button, self.next_button, self.case_button, self.close_button]

    def open_bar(self) -> None:
        """Show the bar, focus the field and select its text (searching again if there is any)."""
        was_hidden = self.isHidden()
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if was_hidden and self.edit.text():
            self._search(keep_position=True)

    def close_bar(self) -> None:
        """Hide the bar, clear its highlights and emit ``closed``."""
        self.hide()
        self._clear()
        self.closed.emit()

    def find_next(self) -> None:
        """Make the next match current, wrapping from the last to the first."""
        self._step(+1)

    def find_previous(self) -> None:
        """Make the previous match current, wrapping from the first to the last."""
        self._step(-1)

    def match_count(self) -> int:
        """How many matches the page has for the field's text (0 when it is empty)."""
        return len(self._matches)

    def current_match(self) -> int:
        """Return the 1-based number of the current match, 0 when there is none."""
        return self._current + 1 if self._matches else 0

    def set_match_case(self, on: bool) -> None:
        """Match upper and lower case exactly (``on``) or not; searches again."""
        self.case_button.setChecked(on)

    # -- searching ----------------------------------------------------------------------------
    def _flags(self) -> QTextDocument.FindFlag:
        if self.case_button.isChecked():
            return QTextDocument.FindFlag.FindCaseSensitively
        return QTextDocument.FindFlag(0)

    def _search(self, keep_position: bool) -> None:
        needle = self.edit.text()
        anchor = self._anchor_position(keep_position)
        self._matches = find_all(self._browser.document(), needle, self._flags()) if needle else []
        self._current = -1
        if self._matches:
            self._current = next(
                (i for i, cursor in enumerate(self._matches) if cursor.selectionStart() >= anchor), 0
            )
        self._show_current(scroll=True)

    def _anchor_position(self, keep_position: bool) -> int:
        """Where a new search starts: the current match, else the top of the viewport."""
        if keep_position and 0 <= self._current < len(self._matches):
            return self._matches[self._current].selectionStart()
        return self._browser.cursorForPosition(QPoint(0, 0)).position()

    def _step(self, delta: int) -> None:
        if self.isHidden():
            self.open_bar()
            return
        if not self._matches:
            if self.edit.text():
                self._search(keep_position=True)
            return
        self._current = (self._current + delta) % len(self._matches)
        self._show_current(scroll=True)

    def _show_current(self, scroll: bool) -> None:
        others = [cursor for i, cursor in enumerate(self._matches) if i != self._current]
        set_layer(self._browser, FIND_LAYER, selections_for(self._browser, others))
        current = [self._matches[self._current]] if self._matches else []
        set_layer(self._browser, FIND_CURRENT_LAYER, selections_for(self._browser, current, current=True))
        if current and scroll:
            scroll_to(self._browser, current[0])
        self._update_label()

    def _update_label(self) -> None:
        total = len(self._matches)
        no_match = bool(self.edit.text()) and total == 0
        label = f"{self._current + 1} of {total}" if total else ""
        self.count_label.setText("No matches" if no_match else label)
        self._tint_edit(no_match)
        self.previous_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)
        self.matches_changed.emit(self.current_match(), total)

    def _tint_edit(self, no_match: bool) -> None:
        """Give the field a subtle red background when nothing matches (an empty palette resets it)."""
        palette = QPalette()
        if no_match:
            palette = QPalette(self.palette())
            base = palette.color(QPalette.ColorRole.Base)
            tint = mix(base, QColor(*_NO_MATCH_RGB), 0.22 if is_dark(palette) else 0.16)
            palette.setColor(QPalette.ColorRole.Base, tint)
        self.edit.setPalette(palette)

    def _clear(self) -> None:
        self._matches, self._current = [], -1
        set_layer(self._browser, FIND_LAYER, [])
        set_layer(self._browser, FIND_CURRENT_LAYER, [])

    # -- events -------------------------------------------------------------------------------
    def _on_text_changed(self, _text: str) -> None:
        self._search(keep_position=True)

    def _on_case_toggled(self, _on: bool) -> None:
        if self.isVisible() or self.edit.text():
            self._search(keep_position=True)

    def _on_page_changed(self) -> None:
        if not self.isHidden() and self.edit.text():
            self._refresh_timer.start()

    def _refresh_after_page_change(self) -> None:
        self._matches, self._current = [], -1
        self._search(keep_position=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and not self.isHidden():
            self._show_current(scroll=False)
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            # F3 and Alt+C are also QShortcuts; handled here too, they work in a window that is not active.
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self._step(-1 if shift else +1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key == Qt.Key.Key_C and event.modifiers() == Qt.KeyboardModifier.AltModifier:
                self.case_button.toggle()
                return True
        return super().eventFilter(watched, event)
