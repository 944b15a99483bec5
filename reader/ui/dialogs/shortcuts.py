"""The keyboard-shortcuts dialog: a searchable list generated from the window's own actions.

Nothing is typed twice: each row is an action's text (without ``&``), its shortcuts as the platform
writes them, and its status tip. Rows are grouped by the first menu that holds the action; keys
that are not actions (Enter in a list, say) can be added with ``add_entry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.common.accessible import name_clear_button
from reader.ui.common.colors import mix
from reader.ui.dialogs.button_icons import tint_button_icons

if TYPE_CHECKING:
    from collections.abc import Iterable

KEYS_ROLE = Qt.ItemDataRole.UserRole + 1
DESCRIPTION_COLUMN = 2
TEXT_MARGIN = 4  # pixels Fusion leaves on either side of an item's text
SCREEN_SHARE = 0.9  # the dialog opens wide enough for every line, up to this share of the screen
GENERAL = "General"


@dataclass(frozen=True)
class ShortcutEntry:
    group: str
    name: str
    keys: tuple[str, ...]  # native text, one per shortcut
    description: str


def _blank(spoken: str = "none") -> QStandardItem:
    """An empty cell that a screen reader still names (``spoken``)."""
    item = QStandardItem()
    item.setAccessibleText(spoken)
    return item


def _clean(text: str) -> str:
    """Action text as people read it: no mnemonic ``&`` (``&&`` stays a literal ``&``), no ``...``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("...").strip()


def entries_from_actions(actions: Iterable[QAction], include_unbound: bool = False) -> list[ShortcutEntry]:
    """One entry per distinct action that has text (and, unless asked, a shortcut)."""
    entries: list[ShortcutEntry] = []
    seen: set[int] = set()
    for action in actions:
        if id(action) in seen or action.isSeparator() or not action.text():
            continue
        seen.add(id(action))
        keys = tuple(
            key.toString(QKeySequence.SequenceFormat.NativeText)
            for key in action.shortcuts()
            if not key.isEmpty()
        )
        if not keys and not include_unbound:
            continue
        menus = [owner for owner in action.associatedObjects() if isinstance(owner, QMenu)]
        group = _clean(menus[0].title()) if menus and menus[0].title() else GENERAL
        name = _clean(action.text())
        tip = action.toolTip() if _clean(action.toolTip()) != name else ""  # Qt defaults it to the text
        entries.append(ShortcutEntry(group, name, keys, action.statusTip() or tip))
    # Menus in the order they first appear; actions in no menu come last.
    order = {group: number for number, group in enumerate(dict.fromkeys(e.group for e in entries))}
    order[GENERAL] = len(order)
    return sorted(entries, key=lambda entry: order[entry.group])


class ShortcutDelegate(QStyledItemDelegate):
    """Roomy rows, accent-coloured group headings, and shortcuts drawn as small key caps."""

    PAD_X, GAP = 6, 6

    @staticmethod
    def _keys(index: QModelIndex | QPersistentModelIndex) -> list[str]:
        keys = index.data(KEYS_ROLE)
        return list(keys) if isinstance(keys, (list, tuple)) else []

    @staticmethod
    def _is_group(index: QModelIndex | QPersistentModelIndex) -> bool:
        return not index.parent().isValid()

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if self._is_group(index):
            self._paint_group(painter, option, index)
            return
        keys = self._keys(index)
        if not keys:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        self._paint_keys(painter, option, keys)

    def _paint_group(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.Link))
        area = option.rect.adjusted(4, 0, -4, -4)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        painter.drawText(area, int(flags), str(index.data() or ""))
        painter.restore()

    def _paint_keys(self, painter: QPainter, option: QStyleOptionViewItem, keys: list[str]) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics, palette = option.fontMetrics, option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        cap_fill = mix(base, text, 0.07) if not selected else QColor(Qt.GlobalColor.transparent)
        cap_edge = mix(base, text, 0.28) if not selected else text
        muted = palette.color(QPalette.ColorRole.PlaceholderText) if not selected else text
        x = option.rect.left() + 4
        height = metrics.height() + 6
        top = option.rect.top() + (option.rect.height() - height) // 2
        for number, key in enumerate(keys):
            if number:
                painter.setPen(muted)
                width = metrics.horizontalAdvance("or")
                painter.drawText(QRect(x, top, width, height), int(Qt.AlignmentFlag.AlignCenter), "or")
                x += width + self.GAP
            cap = QRect(x, top, metrics.horizontalAdvance(key) + 2 * self.PAD_X, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(cap_edge)  # a 1 px lip under the cap, like a real key
            painter.drawRoundedRect(cap.adjusted(0, 1, 0, 1), 4, 4)
            painter.setPen(cap_edge)
            painter.setBrush(cap_fill if not selected else Qt.GlobalColor.transparent)
            painter.drawRoundedRect(cap.adjusted(0, 0, -1, -1), 4, 4)
            painter.setPen(text)
            painter.drawText(cap, int(Qt.AlignmentFlag.AlignCenter), key)
            x += cap.width() + self.GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        metrics = option.fontMetrics
        if self._is_group(index):
            return QSize(hint.width(), metrics.height() + 18)
        height = max(hint.height(), metrics.height() + 11)
        keys = self._keys(index)
        view = self.parent()
        if index.column() == DESCRIPTION_COLUMN and isinstance(view, QTreeView):
            # Descriptions wrap in their column instead of ending in "…": the row grows to fit.
            width = max(view.header().sectionSize(DESCRIPTION_COLUMN) - 2 * TEXT_MARGIN, 40)
            flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
            wrapped = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, str(index.data() or ""))
            return QSize(hint.width() + 8, max(height, wrapped.height() + 11))
        if not keys:
            return QSize(hint.width() + 8, height)
        width = sum(metrics.horizontalAdvance(key) + 2 * self.PAD_X + self.GAP for key in keys)
        width += (len(keys) - 1) * (metrics.horizontalAdvance("or") + self.GAP) + 16
        return QSize(width, height)


class ShortcutsDialog(QDialog):
    """Lists every action's shortcuts, grouped by menu, with a search field; Escape closes it."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(680, 580)
        self._entries = entries_from_actions(actions)

        self.search = QLineEdit(self)
        self.search.setObjectName("shortcutSearch")
        self.search.setPlaceholderText("Search actions or keys")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search shortcuts")
        name_clear_button(self.search, "Clear the search")
        self.search.installEventFilter(self)

        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Action", "Shortcut", "Description"])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)

        self.view = QTreeView(self)
        self.view.setObjectName("shortcutTable")
        self.view.setAccessibleName("Keyboard shortcuts")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegate(ShortcutDelegate(self.view))
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.sectionResized.connect(lambda *_: self.view.doItemsLayout())

        self.no_match = QLabel(self)
        self.no_match.setObjectName("noMatchLabel")
        self.no_match.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        tint_button_icons(buttons)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.no_match)
        layout.addWidget(buttons)

        self.search.textChanged.connect(self._filter)
        self._rebuild()
        self._fit_width()
        self.search.setFocus()

    def _fit_width(self) -> None:
        """Open wide enough for whole descriptions on one line, if the screen allows it."""
        metrics = self.view.fontMetrics()
        longest = max((metrics.horizontalAdvance(entry.description) for entry in self._entries), default=0)
        wanted = sum(self.view.sizeHintForColumn(column) for column in range(DESCRIPTION_COLUMN))
        wanted += longest + 2 * TEXT_MARGIN + self.view.verticalScrollBar().sizeHint().width() + 40
        screen = self.screen().availableGeometry().width() if self.screen() is not None else wanted
        self.resize(max(self.width(), min(wanted, int(screen * SCREEN_SHARE))), self.height())

    # --- content ------------------------------------------------------------------------------
    def add_entry(
        self, group: str, name: str, keys: Iterable[QKeySequence | str], description: str = ""
    ) -> None:
        """List a key that is not an action (e.g. Enter in the topic tree) under ``group``."""
        native = tuple(
            (key if isinstance(key, QKeySequence) else QKeySequence(key)).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            for key in keys
        )
        self._entries.append(ShortcutEntry(group, name, native, description))
        self._rebuild()
        self._fit_width()

    def entries(self) -> list[ShortcutEntry]:
        return list(self._entries)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(action, shortcuts, description) of each row the filter lets through, in order."""
        groups = [self.proxy.index(group_row, 0) for group_row in range(self.proxy.rowCount())]
        return [
            (self._cell(group, row, 0), self._cell(group, row, 1), self._cell(group, row, 2))
            for group in groups
            for row in range(self.proxy.rowCount(group))
        ]

    def _cell(self, group: QModelIndex, row: int, column: int) -> str:
        return str(self.proxy.index(row, column, group).data() or "")

    def _rebuild(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        counts: dict[str, int] = {}
        for entry in self._entries:
            for key in entry.keys:
                counts[key] = counts.get(key, 0) + 1
        groups: dict[str, QStandardItem] = {}
        for entry in self._entries:
            parent = groups.get(entry.group)
            if parent is None:
                parent = QStandardItem(entry.group)
                font = QFont(parent.font())
                font.setBold(True)
                parent.setFont(font)
                parent.setSelectable(False)
                parent.setAccessibleText(f"{entry.group} group")
                groups[entry.group] = parent
                self.model.appendRow([parent, _blank(f"{entry.group} group"), _blank(f"{entry.group} group")])
            name = QStandardItem(entry.name)
            keys = QStandardItem(", ".join(entry.keys))
            keys.setData(list(entry.keys), KEYS_ROLE)
            keys.setAccessibleText(" or ".join(entry.keys) or "no shortcut")
            clashes = [key for key in entry.keys if counts[key] > 1]
            if clashes:
                keys.setToolTip(f"{', '.join(clashes)} is also used by another action")
            parent.appendRow(
                [name, keys, QStandardItem(entry.description) if entry.description else _blank()]
            )
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.view.expandAll()
        for row in range(self.proxy.rowCount()):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        empty = self.proxy.rowCount() == 0
        self.no_match.setText(f"No shortcuts match “{text.strip()}”" if text.strip() else "No shortcuts")
        self.no_match.setVisible(empty)
        self.view.setVisible(not empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search field moves into the list, to the first matching row."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.proxy.rowCount()
        ):
            self.view.setFocus()
            group = self.proxy.index(0, 0)
            first = self.proxy.index(0, 0, group) if self.proxy.hasChildren(group) else group
            self.view.setCurrentIndex(first)
            return True
        return super().eventFilter(watched, event)
