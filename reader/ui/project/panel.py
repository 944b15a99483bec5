"""The "Project" tab: the map of the opened Django project as a filterable tree.

The panel shows what :func:`reader.core.project.outline.project_outline` gives and announces
intent only: ``url_selected(index)`` when a URL row becomes current (the window draws its request),
``source_requested(SourceRef, topic_id)`` when any row with a place in the source is activated (Enter,
double-click), ``open_requested()`` from the empty state's button. Until a project is open, or when
a folder is not one, it shows a message saying what it looked for.

Keyboard, as in the topic tree: arrows move, Enter activates; in the filter, Down enters the tree;
Escape in either clears the filter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.project.model import Origin
from reader.core.safe_text import plain_tooltip
from reader.ui.common.colors import color_group, mix

if TYPE_CHECKING:
    from reader.core.project.outline import Row

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the reader.core.project.outline.Row shown
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
WHERE_SHARE = 0.45  # the file:line part takes at most this share of a row; the name gets the rest
WHERE_MIN_ROW = 170  # pixels: narrower rows show the name only (the place is in the tooltip)
EXPAND_ALL_LIMIT = 2000  # rows up to which every group opens (after loading and per filter)
WELCOME = (
    "Open your own Django project to see its map: every URL with the view that answers it, "
    "the templates and models that view uses, and the middleware a request passes through.\n\n"
    "Nothing in the project is run: Django Reader reads its source."
)


def fitted_where(place: str, badge: str, metrics: QFontMetrics, width: int) -> str:
    """The muted text of a row in ``width`` pixels: place and badge, else the badge alone.

    Elided together from the left, "only seen by running" and "confirmed by running" both ended
    as "…by running": the badge is what tells the rows apart, so it is kept (elided on the right)
    and the place, which the tooltip also gives, goes first.
    """
    full = f"{place}  ·  {badge}" if badge and place else place or badge
    if metrics.horizontalAdvance(full) <= width or not badge:
        return metrics.elidedText(full, Qt.TextElideMode.ElideLeft, width)
    return metrics.elidedText(badge, Qt.TextElideMode.ElideRight, width)


class RowDelegate(QStyledItemDelegate):
    """Paints a row's name, then its ``file:line`` (and badge) muted and right-aligned, both elided."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row = index.data(ROW_ROLE)
        place = row.where if row is not None else ""
        if "/" in place and " " not in place:  # a file: its name and line (the folder is in the tooltip)
            place = place.rsplit("/", 1)[-1]
        badge = row.badge if row is not None else ""
        where = f"{place}  ·  {badge}" if badge and place else place or badge
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label, opt.text = opt.text, ""
        if row is not None and row.kind == "section":
            opt.font.setBold(True)
            opt.fontMetrics = QFontMetrics(opt.font)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(3, 0, -4, 0)
        metrics = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = color_group(opt)
        text = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setFont(opt.font)
        gap = 0
        if where and box.width() >= WHERE_MIN_ROW:
            width = min(metrics.horizontalAdvance(where) + 4, int(box.width() * WHERE_SHARE))
            muted = text if selected else mix(text, opt.palette.color(group, QPalette.ColorRole.Base), 0.45)
            painter.setPen(muted)
            elided = fitted_where(place, badge, metrics, width)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), elided)
            gap = width + 14
        painter.setPen(text)
        name_box = box.adjusted(0, 0, -gap, 0)
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, name_box.width())
        painter.drawText(name_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
        painter.restore()


def outline_items(rows: tuple[Row, ...]) -> list[QStandardItem]:
    """The model items of ``rows`` (and their children): plain data, safe to make on any thread."""
    return [_item(row) for row in rows]


def _item(row: Row) -> QStandardItem:
    item = QStandardItem(row.label)  # not editable: the tree has no edit triggers
    item.setData(row, ROW_ROLE)
    item.setData(f"{row.label} {row.where} {row.badge}" if row.searchable else "", FILTER_ROLE)
    item.setToolTip(
        plain_tooltip(f"{row.tip}\n{row.where}" if row.where and row.where not in row.tip else row.tip)
    )
    item.setAccessibleText(f"{row.label}, {row.where}" if row.where else row.label)
    if row.children:
        item.appendRows([_item(child) for child in row.children])
    return item


class ProjectTree(QTreeView):
    """The map's rows; Escape asks the panel to clear the filter."""

    escape_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FilterEdit(QLineEdit):
    """The filter line: Down moves into the tree, Escape clears."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class ProjectPanel(QWidget):
    """A title, a filter and the project tree, or a message when there is no map to show."""

    url_selected = Signal(int)  # index into ProjectMap.urls
    source_requested = Signal(object, str)  # a reader.core.project.model.SourceRef, its guide topic
    editor_requested = Signal(object)  # a SourceRef to open in the learner's editor
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectPanel")
        self.title = QLabel(self)
        self.title.setObjectName("projectTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filter_edit = FilterEdit(self)
        self.filter_edit.setObjectName("projectFilter")
        self.filter_edit.setPlaceholderText("Filter URLs, views, models…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter the project map")
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterRole(FILTER_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = ProjectTree(self)
        self.tree.setObjectName("projectTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName("Project map")
        self.tree.setAccessibleDescription(
            "Enter shows a row's source; a URL draws its request in the diagram"
        )
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.setItemDelegate(RowDelegate(self.tree))
        self.message = QLabel(WELCOME, self)
        self.message.setObjectName("projectMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # holds folder names and the scanner's reasons
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open a Django Project…", self)
        self.open_button.clicked.connect(self.open_requested)
        empty = QWidget(self)
        empty_layout = QVBoxLayout(empty)
        empty_layout.setContentsMargins(4, 12, 4, 4)
        empty_layout.setSpacing(12)
        empty_layout.addWidget(self.message)
        empty_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(empty)
        self.stack.addWidget(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.stack, 1)
        self.title.hide()
        self.filter_edit.hide()
        self.setFocusProxy(self.open_button)
        self.filter_edit.textChanged.connect(self.set_filter)
        self.filter_edit.down_pressed.connect(self._enter_tree)
        self.tree.escape_pressed.connect(self._clear_filter)
        self.tree.activated.connect(self._on_activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    # ------------------------------------------------------------------ content

    def show_message(self, text: str, title: str = "") -> None:
        """Show ``text`` instead of a map (scanning, or why a folder is not a project)."""
        self.message.setText(text)
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.filter_edit.hide()
        self.stack.setCurrentIndex(0)
        self.setFocusProxy(self.open_button)

    def set_outline(
        self, title: str, rows: tuple[Row, ...], items: list[QStandardItem] | None = None
    ) -> None:
        """Show a project map: ``title`` above, ``rows`` (from ``project_outline``) in the tree.

        ``items`` are :func:`outline_items` of ``rows`` when already made (on a worker thread:
        10,000 rows take a few hundred milliseconds to wrap); otherwise they are made here.
        """
        self.model.clear()
        self.model.invisibleRootItem().appendRows(items if items is not None else outline_items(rows))
        self.title.setText(title)
        self.title.show()
        self.filter_edit.show()
        self.stack.setCurrentIndex(1)
        self.setFocusProxy(self.tree)
        self._open_rows()

    def _open_rows(self) -> None:
        if self._count(QModelIndex()) <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)

    def _count(self, parent: QModelIndex, limit: int = EXPAND_ALL_LIMIT + 1) -> int:
        total = 0
        for row in range(self.proxy.rowCount(parent)):
            total += 1 + self._count(self.proxy.index(row, 0, parent), limit - total)
            if total >= limit:
                break
        return total

    # ------------------------------------------------------------------ filter and keys

    def set_filter(self, text: str) -> None:
        """Show only rows whose text contains ``text`` (any case), with their groups; "" shows all."""
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)
            return
        self.proxy.setFilterFixedString(text.strip())
        self._open_rows()

    def visible_labels(self) -> list[str]:
        """The labels the tree shows now (under the filter), depth first."""
        found: list[str] = []

        def visit(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                found.append(str(index.data()))
                visit(index)

        visit(QModelIndex())
        return found

    def _enter_tree(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.tree.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self.tree.setCurrentIndex(self.proxy.index(0, 0))

    def _clear_filter(self) -> None:
        if self.filter_edit.text():
            self.filter_edit.clear()
            self.filter_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            return
        if row.url >= 0:
            self.url_selected.emit(row.url)
        if row.source is not None:
            self.source_requested.emit(row.source, row.guide_topic)

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(self.tree.indexAt(position))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(position))
            menu.deleteLater()

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The menu of the row at ``index`` (Show Source, Open in Editor), or ``None`` for no place."""
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is None or row.source is None:
            return None
        menu = QMenu(self.tree)
        menu.addAction("Show Source").triggered.connect(lambda: self._on_activated(index))
        edit = menu.addAction("Open in Editor")
        edit.setEnabled(row.source.origin is Origin.PROJECT)  # Django's and packages' code stay closed
        edit.triggered.connect(lambda: self.editor_requested.emit(row.source))
        return menu

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is not None and row.url >= 0:
            self.url_selected.emit(row.url)
