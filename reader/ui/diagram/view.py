"""The clickable architecture diagram: a QGraphicsView over node cards and labelled arrows.

The view only announces intent: ``topic_requested(topic_id)`` when a node is clicked or activated
with Enter/Space, and ``step_changed(index, count, sentence)`` while following the walk-through.
Keyboard: Tab/Shift+Tab and the arrow keys move between nodes, Ctrl+plus/minus/0 zoom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from reader.core.diagram.walkthrough import Walkthrough
from reader.ui.diagram.accessible import DiagramAccessibility
from reader.ui.diagram.items import BadgeItem, EdgeItem, LegendItem, NodeItem, Theme
from reader.ui.diagram.keys import ACTIVATE_KEYS, ARROWS, Zoom, zoom_key
from reader.ui.diagram.steps import StepMarks

if TYPE_CHECKING:
    from reader.core.diagram.model import Diagram

SCENE_MARGIN = 26.0
DOT_SPACING = 24.0
MAX_FIT_SCALE = 1.5
MIN_TEXT_PX = 11.0  # "fit to window" never shrinks the smallest label below this; it scrolls instead
ZOOM_STEP = 1.25


class DiagramView(QGraphicsView):
    """Draws a :class:`~reader.core.diagram.model.Diagram` and lets the reader open topics from it."""

    topic_requested = Signal(str)
    node_activated = Signal(str)  # the node's id, after topic_requested (a click, Enter or Space)
    step_changed = Signal(int, int, str)  # 0-based index (-1 when stopped), step count, sentence
    walkthrough_toggled = Signal(bool)

    def __init__(self, diagram: Diagram, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._diagram = diagram
        self._theme = Theme(self.palette(), self.font())
        self._fit, self._zoom = True, 1.0
        self._walk = Walkthrough(diagram)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # the dot grid is drawn once
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAccessibleName("Architecture diagram")
        self.setAccessibleDescription(diagram.title or "Architecture diagram")
        self._nodes: dict[str, NodeItem] = {}
        self._edges: dict[tuple[str, str], EdgeItem] = {}
        self._steps = StepMarks(self.scene(), self._theme, self._walk, self._nodes, self._edges)
        self._build()
        self._set_fit_mode(True)
        self.accessibility = DiagramAccessibility(self, self.node_items, self.focused_node)
        self.accessibility.attach()  # boxes as accessible list items
        self.step_changed.connect(self.accessibility.step_changed)  # steps spoken

    def _build(self) -> None:
        scene = self.scene()
        for node in self._diagram.nodes:
            item = NodeItem(node, self._theme)
            item.activated.connect(lambda item=item: self._activate(item))
            item.hover_changed.connect(lambda on, item=item: self._hover(item, on))
            item.focus_entered.connect(lambda item=item: self._announce(item))
            scene.addItem(item)
            self._nodes[node.id] = item
        pairs = {(edge.source, edge.target) for edge in self._diagram.edges}
        for edge in self._diagram.edges:
            source, target = self._nodes[edge.source], self._nodes[edge.target]
            arrow = EdgeItem(edge, source, target, self._theme, parallel=(edge.target, edge.source) in pairs)
            scene.addItem(arrow)
            self._edges[(edge.source, edge.target)] = arrow
        if self._diagram.legend is not None:
            scene.addItem(
                LegendItem(self._theme, [node.kind for node in self._diagram.nodes], self._diagram.legend)
            )
        self._apply_theme()

    def _apply_theme(self) -> None:
        """Take colours and fonts from the current palette, then re-measure labels and the scene."""
        self._theme.update_from(self.palette(), self.font())
        for edge in self._edges.values():
            edge.update_geometry()
        if self._steps.placed:
            self._steps.place(self._diagram)
        margin = SCENE_MARGIN
        scene = self.scene()
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-margin, -margin, margin, margin))
        scene.setBackgroundBrush(self._theme.background)
        self.resetCachedContent()  # the cached dot grid has the old theme's colours
        scene.update()

    @property
    def diagram(self) -> Diagram:
        return self._diagram

    @property
    def theme(self) -> Theme:
        """The colours and fonts the items draw with (follows the palette)."""
        return self._theme

    def node_items(self) -> list[NodeItem]:
        """The node cards in the order of ``diagram.toml`` (also the Tab order)."""
        return list(self._nodes.values())

    def node_item(self, node_id: str) -> NodeItem | None:
        return self._nodes.get(node_id)

    def edge_item(self, source: str, target: str) -> EdgeItem | None:
        return self._edges.get((source, target))

    def focused_node(self) -> NodeItem | None:
        item = self.scene().focusItem()
        return item if isinstance(item, NodeItem) else None

    def focus_node(self, node_id: str) -> bool:
        """Give keyboard focus to a node (and the view); returns whether the node exists."""
        item = self._nodes.get(node_id)
        if item is None:
            return False
        self._focus(item, Qt.FocusReason.OtherFocusReason)
        return True

    def highlight_topic(self, topic_id: str | None) -> None:
        """Mark the node(s) of the topic being read; ``None`` or an unknown topic clears the mark."""
        for item in self._nodes.values():
            item.set_state(current=topic_id is not None and item.node.topic == topic_id)
        if self._fit and not self.fits():
            self.centerOn(self._focus_point())

    @property
    def zoom_factor(self) -> float:
        """The current scale relative to "fit to window" (1.0 while fitting)."""
        return 1.0 if self._fit else self._zoom

    def zoom_to_fit(self) -> None:
        self._set_fit_mode(True)

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def min_scale(self) -> float:
        """The smallest scale "fit to window" uses: the smallest label is then MIN_TEXT_PX high."""
        theme = self._theme
        fonts = (theme.label_font, theme.badge_font, theme.small_font, theme.caption_font)
        return MIN_TEXT_PX / min(font.pixelSize() for font in fonts)

    def _fit_scale(self) -> float:
        rect = self.sceneRect()
        size = self.maximumViewportSize()  # the viewport without scroll bars
        if rect.isEmpty() or size.isEmpty():
            return 1.0
        fit = min(size.width() / rect.width(), size.height() / rect.height(), MAX_FIT_SCALE)
        return max(fit, self.min_scale())

    def fits(self) -> bool:
        """True when the whole diagram is in view (else it scrolls, and can be dragged)."""
        rect = self.mapFromScene(self.sceneRect()).boundingRect()
        size = self.maximumViewportSize()
        return rect.width() <= size.width() + 1 and rect.height() <= size.height() + 1

    def _set_fit_mode(self, fit: bool) -> None:
        self._fit = fit
        if fit:
            self._zoom = 1.0
        self._apply_scale()

    def _zoom_by(self, factor: float) -> None:
        new_zoom = max(0.5, min(4.0, (1.0 if self._fit else self._zoom) * factor))
        if self._fit:
            self._set_fit_mode(False)
        self._zoom = new_zoom
        self._apply_scale()

    def _apply_scale(self) -> None:
        scale = self._fit_scale() * (1.0 if self._fit else self._zoom)
        self.setTransform(QTransform.fromScale(scale, scale))
        whole = self._fit and self.fits()
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if whole else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)
        self.setDragMode(QGraphicsView.DragMode.NoDrag if whole else QGraphicsView.DragMode.ScrollHandDrag)
        if self._fit:
            self.centerOn(self._focus_point())

    def _focus_point(self) -> QPointF:
        """What a diagram too big for its pane centres on: the step, else the node being read."""
        step = self._walk.current
        marked = self._steps.item(step) if step is not None else None
        if marked is not None:  # a recap step marks nothing: centre as when not walking through
            return marked.sceneBoundingRect().center()
        current = next((item for item in self._nodes.values() if item.current), None)
        return current.sceneBoundingRect().center() if current is not None else self.sceneRect().center()

    @property
    def walkthrough_active(self) -> bool:
        return self._walk.active

    @property
    def step_index(self) -> int:
        """The 0-based index of the current walk-through step, or -1 outside the walk-through."""
        return self._walk.index

    def start_walkthrough(self) -> bool:
        """Start "Follow a request" at step 1; returns False if the diagram has no steps."""
        if not self._walk.start():
            return False
        self._steps.place(self._diagram)
        self.walkthrough_toggled.emit(True)
        self._show_step()
        return True

    def next_step(self) -> bool:
        return self._shown(self._walk.next())

    def previous_step(self) -> bool:
        return self._shown(self._walk.previous())

    def go_to_step(self, index: int) -> bool:
        """Show step ``index`` (0-based); returns False when out of range or not walking through."""
        return self._shown(self._walk.go_to(index))

    def stop_walkthrough(self) -> None:
        if not self._walk.stop():
            return
        self._show_step()
        self.walkthrough_toggled.emit(False)
        self.step_changed.emit(-1, self._walk.count, "")

    def _shown(self, moved: bool) -> bool:
        if moved:
            self._show_step()
        return moved

    def badge_items(self) -> list[BadgeItem]:
        """The step number badges, step 1 first (created when the walk-through first starts)."""
        return self._steps.badges()

    def _show_step(self) -> None:
        """Mark the current step (see :class:`StepMarks`), scroll to it, announce it, open its topic."""
        marked = self._steps.show(self._diagram)
        walk = self._walk
        step = walk.current
        if step is None:
            return
        if not self.fits() and marked is not None:
            self.ensureVisible(marked, 40, 40)
        self.step_changed.emit(walk.index, walk.count, step.sentence)
        topic = walk.topic()
        if topic:
            self.topic_requested.emit(topic)

    def _activate(self, item: NodeItem) -> None:
        self.topic_requested.emit(item.node.topic)
        self.node_activated.emit(item.node.id)

    def _hover(self, item: NodeItem, on: bool) -> None:
        for edge in item.edges:
            edge.emphasised = on
            edge.update()

    def _announce(self, item: NodeItem) -> None:
        self.setAccessibleDescription(f"{item.accessible_name}. Press Enter to read about it.")
        self.accessibility.node_focused(item)

    def _focus(self, item: NodeItem, reason: Qt.FocusReason) -> None:
        if not self.hasFocus():
            self.setFocus(reason)
        item.setFocus(reason)
        if not self._fit:
            self.ensureVisible(item, 30, 30)
        self.scene().update()

    def _move_focus_by_tab(self, forward: bool) -> bool:
        items = self.node_items()
        current = self.focused_node()
        if current is None:
            index = 0 if forward else len(items) - 1
        else:
            index = items.index(current) + (1 if forward else -1)
        if not 0 <= index < len(items):
            return False
        self._theme.focus_visible = True
        self._focus(items[index], Qt.FocusReason.TabFocusReason)
        return True

    def _move_focus_spatially(self, dx: int, dy: int) -> None:
        current = self.focused_node()
        if current is None:
            self._move_focus_by_tab(True)
            return
        found = self._diagram.neighbour(current.node.id, dx, dy)
        if found is None:
            self.accessibility.edge_reached(dx, dy)
            return
        self._theme.focus_visible = True
        self._focus(self._nodes[found.id], Qt.FocusReason.OtherFocusReason)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and zoom_key(event) is not None
        ):
            event.accept()  # the diagram's own zoom wins over the window's page-zoom shortcuts
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if plain and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
                if self._move_focus_by_tab(forward):
                    return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = Qt.Key(event.key()), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        focused = self.focused_node()
        zoom = zoom_key(event)
        if zoom is Zoom.IN:
            self.zoom_in()
        elif zoom is Zoom.OUT:
            self.zoom_out()
        elif zoom is Zoom.FIT:
            self.zoom_to_fit()
        elif key in ARROWS and not ctrl:
            self._move_focus_spatially(*ARROWS[key])
        elif key in ACTIVATE_KEYS and focused is not None:
            self._theme.focus_visible = True
            focused.update()
            self._activate(focused)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self._theme.focus_visible = True
            if self._nodes:  # entering by Tab starts at the first node, by Shift+Tab at the last
                self.node_items()[0 if reason == Qt.FocusReason.TabFocusReason else -1].setFocus(reason)
        self.scene().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._theme.focus_visible = False
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self._zoom_by(1.15**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_scale()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.FontChange)
        if event.type() in kinds and hasattr(self, "_edges"):  # not while the base class is constructed
            self._apply_theme()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """The scene background plus a faint dot grid (on screen only, not in exports)."""
        super().drawBackground(painter, rect)
        area = QRectF(rect)
        xs = range(int(area.left() // DOT_SPACING), int(area.right() // DOT_SPACING) + 1)
        ys = range(int(area.top() // DOT_SPACING), int(area.bottom() // DOT_SPACING) + 1)
        if len(xs) * len(ys) < 20000:
            painter.save()
            painter.setPen(QPen(self._theme.dots, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPoints([QPointF(x * DOT_SPACING, y * DOT_SPACING) for x in xs for y in ys])
            painter.restore()
