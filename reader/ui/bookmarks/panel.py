"""The bookmarks panel: a list of bookmarked topics that announces what the user wants to do.

It never changes the bookmarks itself: Enter or a double-click emits ``topic_requested``; Delete,
the context menu or the Remove button emit ``remove_requested``; the owner updates the store and
calls ``set_bookmarks`` again. With no bookmarks the list shows a short hint instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
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
    QListView,
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


class BookmarkModel(QAbstractListModel):
    """The bookmarks as a list model: showing 100,000 of them costs one reset, not 100,000 items."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks: list[Bookmark] = []

    def set_bookmarks(self, bookmarks: Sequence[Bookmark]) -> None:
        self.beginResetModel()
        self._marks = list(bookmarks)
        self.endResetModel()

    def topic_ids(self) -> list[str]:
        return [mark.topic_id for mark in self._marks]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._marks)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._marks):
            return None
        mark = self._marks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return mark.title or mark.topic_id
        if role == TOPIC_ID_ROLE:
            return mark.topic_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(mark.topic_id)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return f"Topic {mark.topic_id}"
        return None


class _BookmarkList(QListView):
    """The list itself: Delete asks for removal, and an empty list paints a friendly hint."""

    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_title = "No bookmarks yet"
        self.empty_hint = "Press Ctrl+D on a page to keep it here."
        self.bookmarks = BookmarkModel(self)
        self.setModel(self.bookmarks)

    def count(self) -> int:
        """How many bookmarks the list shows."""
        return self.bookmarks.rowCount()

    def currentRow(self) -> int:
        """The row of the current bookmark, or -1."""
        return self.currentIndex().row() if self.currentIndex().isValid() else -1

    def setCurrentRow(self, row: int) -> None:
        """Make ``row`` the current (and selected) bookmark."""
        self.setCurrentIndex(self.bookmarks.index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            if self.currentIndex().isValid():
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
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_state())
        self.list.bookmarks.modelReset.connect(self._update_state)
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
        self.list.bookmarks.set_bookmarks(bookmarks)
        ids = self.list.bookmarks.topic_ids()
        row = -1
        if previous_id is not None:
            row = next((number for number, topic_id in enumerate(ids) if topic_id == previous_id), -1)
        if row < 0 and previous_row >= 0 and ids:
            row = min(previous_row, len(ids) - 1)
        if row >= 0:
            self.list.setCurrentRow(row)
        self._update_state()

    def topic_ids(self) -> list[str]:
        """The bookmarked topic ids in list order."""
        return self.list.bookmarks.topic_ids()

    def current_topic_id(self) -> str | None:
        """The topic id of the selected bookmark, or ``None``."""
        index = self.list.currentIndex()
        return index.data(TOPIC_ID_ROLE) if index.isValid() else None

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
        index = self.list.indexAt(position)
        if not index.isValid():
            return
        self.list.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.list.viewport().mapToGlobal(position))

    # --- state --------------------------------------------------------------------------------
    def _update_state(self) -> None:
        count = self.list.count()
        has_current = self.list.currentIndex().isValid()
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
