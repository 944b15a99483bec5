"""The bookmarks panel: a list of bookmarked topics that announces what the user wants to do.

It never changes the bookmarks itself: Enter or a double-click emits ``topic_requested``; Delete,
the context menu or the Remove button emit ``remove_requested``; the owner updates the store and
calls ``set_bookmarks`` again. With no bookmarks the list shows a short hint instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.safe_text import plain_tooltip
from reader.ui.common.colors import color_group

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.core.bookmarks import Bookmark

TOPIC_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def bookmark_icon(color: QColor, size: int = 16, ratio: float = 2.0) -> QIcon:
    """A small ribbon-shaped bookmark glyph in ``color``, drawn for high-DPI screens."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    left, right, top, bottom = size * 0.25, size * 0.75, size * 0.12, size * 0.9
    path = QPainterPath()
    path.moveTo(left, top + 1.5)
    path.quadTo(left, top, left + 1.5, top)
    path.lineTo(right - 1.5, top)
    path.quadTo(right, top, right, top + 1.5)
    path.lineTo(right, bottom)
    path.lineTo((left + right) / 2, bottom - size * 0.22)
    path.lineTo(left, bottom)
    path.closeSubpath()
    painter.fillPath(path, color)
    painter.end()
    return QIcon(pixmap)


class _BookmarkDelegate(QStyledItemDelegate):
    """Roomy rows with a bookmark glyph that stays visible on the selection colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[int, QIcon] = {}

    def _icon(self, color: QColor) -> QIcon:
        key = color.rgba()
        if key not in self._icons:
            self._icons[key] = bookmark_icon(color)
        return self._icons[key]

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        palette = option.palette
        if option.state & QStyle.StateFlag.State_Selected:
            color = palette.color(color_group(option), QPalette.ColorRole.HighlightedText)
        else:
            color = palette.color(QPalette.ColorRole.Link)
        option.icon = self._icon(color)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        option.decorationSize = QSize(16, 16)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 12))


class _BookmarkList(QListWidget):
    """The list itself: Delete asks for removal, and an empty list paints a friendly hint."""

    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_title = "No bookmarks yet"
        self.empty_hint = "Press Ctrl+D on a page to keep it here."

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            if self.currentItem() is not None:
                self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count():
            return
        painter = QPainter(self.viewport())
        area = self.viewport().rect().adjusted(12, 0, -12, 0)
        color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(color)
        title_font = painter.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.08)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        title_height = painter.fontMetrics().height() * 2
        hint_rect = painter.fontMetrics().boundingRect(area, int(flags), self.empty_hint)
        top = max(8, area.height() // 3 - (title_height + hint_rect.height()) // 2)
        icon = bookmark_icon(color, 28)
        icon.paint(painter, QRect(area.center().x() - 14, top, 28, 28))
        top += 36
        painter.save()
        painter.setFont(title_font)
        painter.drawText(QRect(area.left(), top, area.width(), title_height), int(flags), self.empty_title)
        painter.restore()
        top += painter.fontMetrics().height() + 8
        hint_area = QRect(area.left(), top, area.width(), area.height() - top)
        painter.drawText(hint_area, int(flags), self.empty_hint)
        painter.end()


class BookmarksPanel(QWidget):
    """Lists bookmarks; announces the one to open (``topic_requested``) or forget (``remove_requested``)."""

    topic_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksPanel")
        self.list = _BookmarkList(self)
        self.list.setObjectName("bookmarkList")
        self.list.setAccessibleName("Bookmarks")
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setItemDelegate(_BookmarkDelegate(self.list))
        self.setFocusProxy(self.list)

        self.open_action = QAction("&Open", self)
        self.open_action.setStatusTip("Open the selected bookmark")
        self.remove_action = QAction("&Remove Bookmark", self)
        self.remove_action.setStatusTip("Remove the selected bookmark")
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.list.addAction(self.remove_action)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("bookmarkCount")
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setObjectName("removeBookmarkButton")
        self.remove_button.setAccessibleName("Remove selected bookmark")
        self.remove_button.setToolTip("Remove the selected bookmark (Delete)")
        self.remove_button.setAutoDefault(False)

        footer = QHBoxLayout()
        footer.setContentsMargins(2, 0, 0, 0)
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.list, 1)
        layout.addLayout(footer)

        self.list.activated.connect(lambda index: self._request_open(index.data(TOPIC_ID_ROLE)))
        self.list.delete_pressed.connect(self._request_remove)
        self.list.customContextMenuRequested.connect(self._show_context_menu)
        self.list.currentItemChanged.connect(lambda *_: self._update_state())
        self.open_action.triggered.connect(lambda: self._request_open(self.current_topic_id()))
        self.remove_action.triggered.connect(self._request_remove)
        self.remove_button.clicked.connect(self._request_remove)
        self.set_shortcut_hint(QKeySequence("Ctrl+D"))
        self._update_state()

    # --- content ------------------------------------------------------------------------------
    def set_bookmarks(self, bookmarks: Sequence[Bookmark]) -> None:
        """Show ``bookmarks``, keeping the current one (or its row, if it was removed) selected."""
        previous_id = self.current_topic_id()
        previous_row = self.list.currentRow()
        self.list.clear()
        for bookmark in bookmarks:
            item = QListWidgetItem(bookmark.title or bookmark.topic_id)
            item.setData(TOPIC_ID_ROLE, bookmark.topic_id)
            item.setToolTip(plain_tooltip(bookmark.topic_id))
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, f"Topic {bookmark.topic_id}")
            self.list.addItem(item)
        ids = [bookmark.topic_id for bookmark in bookmarks]
        if previous_id in ids:
            self.list.setCurrentRow(ids.index(previous_id))
        elif previous_row >= 0 and ids:
            self.list.setCurrentRow(min(previous_row, len(ids) - 1))
        self._update_state()

    def topic_ids(self) -> list[str]:
        """The bookmarked topic ids in list order."""
        return [self.list.item(row).data(TOPIC_ID_ROLE) for row in range(self.list.count())]

    def current_topic_id(self) -> str | None:
        """The topic id of the selected bookmark, or ``None``."""
        item = self.list.currentItem()
        return item.data(TOPIC_ID_ROLE) if item is not None else None

    def set_shortcut_hint(self, shortcut: QKeySequence) -> None:
        """Name the add-bookmark shortcut in the empty-list hint, as the platform writes it."""
        keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
        self.list.empty_hint = (
            f"Press {keys} on a page to keep it here." if keys else "Bookmark a page to keep it here."
        )
        self._update_state()

    # --- intents ------------------------------------------------------------------------------
    def _request_open(self, topic_id: str | None) -> None:
        if topic_id:
            self.topic_requested.emit(topic_id)

    def _request_remove(self) -> None:
        topic_id = self.current_topic_id()
        if topic_id:
            self.remove_requested.emit(topic_id)

    def _show_context_menu(self, position: QPoint) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.list.viewport().mapToGlobal(position))

    # --- state --------------------------------------------------------------------------------
    def _update_state(self) -> None:
        count = self.list.count()
        has_current = self.list.currentItem() is not None
        self.remove_button.setEnabled(has_current)
        self.remove_action.setEnabled(has_current)
        self.open_action.setEnabled(has_current)
        self.remove_button.setVisible(count > 0)
        self.count_label.setText("" if count == 0 else f"{count} bookmark{'s' if count != 1 else ''}")
        self.list.setAccessibleDescription(
            f"{self.list.empty_title} — {self.list.empty_hint}"
            if count == 0
            else "Enter opens a bookmark; Delete removes it"
        )
        self.list.viewport().update()
