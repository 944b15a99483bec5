"""The page view: shows rendered pages, announces links and code copies, zooms, loads images safely."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication

from reader.core.links import COPY_CODE_SCHEME
from reader.core.render.page import RenderedPage
from reader.ui.page.view import BODY_POINT_SIZE, RECENT_PAGES, ZOOM_RANGE, ZOOM_STEP, PageView
from tests.helpers.resources import is_refused

CODE_PAGE = RenderedPage(
    "intro",
    "Intro",
    '<h1>Intro</h1><p><a href="other.md">Other</a></p>'
    '<table><tr><td><pre>print("hello")\nprint("again")</pre></td></tr></table>',
    code_blocks=['print("hello")\nprint("again")'],
)
IMAGE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def page(qtbot) -> PageView:
    view = PageView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    return view


def test_links_are_announced_never_followed(qtbot, page: PageView) -> None:
    page.show_page(CODE_PAGE)
    with qtbot.waitSignal(page.link_activated, timeout=1000) as clicked:
        page.anchorClicked.emit(QUrl("other.md"))
    assert clicked.args == ["other.md"]
    assert page.page is CODE_PAGE
    assert "Intro" in page.toPlainText()


def test_copy_links_are_announced_like_every_link_for_the_policy_to_judge(qtbot, page: PageView) -> None:
    page.show_page(CODE_PAGE)
    for href in (f"{COPY_CODE_SCHEME}:0", f"{COPY_CODE_SCHEME}:token/7"):
        with (
            qtbot.assertNotEmitted(page.copy_code_requested),
            qtbot.waitSignal(page.link_activated, timeout=1000) as clicked,
        ):
            page.anchorClicked.emit(QUrl(href))
        assert clicked.args == [href]


def test_code_at_cursor_reads_the_whole_block(page: PageView) -> None:
    page.show_page(CODE_PAGE)
    found = page.document().find("again")
    assert not found.isNull()
    page.setTextCursor(found)
    assert page.code_at_cursor() == 'print("hello")\nprint("again")'
    page.setTextCursor(page.document().find("Other"))
    assert page.code_at_cursor() == ""


def test_appearance_scales_every_point_size_and_clamps_the_zoom(page: PageView) -> None:
    assert page.set_appearance("h1 { font-size: 20pt; }", 0) == 0
    assert page.zoom_percent() == 100
    body = page.document().defaultFont().pointSizeF()
    assert page.set_appearance("h1 { font-size: 20pt; }", 2) == 2
    assert page.zoom_percent() == 121
    assert page.document().defaultFont().pointSizeF() == pytest.approx(body * 1.21)
    assert "24.2pt" in page.document().defaultStyleSheet()
    assert page.set_appearance("", 99) == ZOOM_RANGE[1]
    assert page.set_appearance("", -99) == ZOOM_RANGE[0]


def test_ctrl_wheel_asks_to_zoom(qtbot, page: PageView) -> None:
    page.show()
    qtbot.waitExposed(page)
    centre = QPointF(page.viewport().rect().center())

    def wheel(delta: int) -> QWheelEvent:
        return QWheelEvent(
            centre,
            page.viewport().mapToGlobal(centre),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )

    with qtbot.waitSignal(page.zoom_requested, timeout=1000) as zoom:
        QApplication.sendEvent(page.viewport(), wheel(240))
    assert zoom.args == [2]
    with qtbot.waitSignal(page.zoom_requested, timeout=1000) as zoom:
        QApplication.sendEvent(page.viewport(), wheel(-30))  # a touchpad's small step still counts
    assert zoom.args == [-1]


def test_mouse_back_and_forward_buttons(qtbot, page: PageView) -> None:
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        qtbot.mouseRelease(page.viewport(), Qt.MouseButton.BackButton)
    with qtbot.waitSignal(page.forward_requested, timeout=1000):
        qtbot.mouseRelease(page.viewport(), Qt.MouseButton.ForwardButton)


def test_first_paint_is_announced_once(qtbot, page: PageView) -> None:
    page.show_page(CODE_PAGE)
    with qtbot.waitSignal(page.first_painted, timeout=2000):
        page.show()
    with qtbot.assertNotEmitted(page.first_painted, wait=50):
        page.viewport().repaint()


def test_images_load_from_inside_the_content_root_only(page: PageView, tmp_path: Path) -> None:
    root = tmp_path / "guide"
    (root / "img").mkdir(parents=True)
    (root / "img" / "flow.png").write_bytes(IMAGE)
    (tmp_path / "secret.png").write_bytes(IMAGE)
    image = QTextDocument.ResourceType.ImageResource.value
    assert is_refused(page.loadResource(image, QUrl("content:img/flow.png")))  # no root yet
    page.set_content_root(root)
    loaded = page.loadResource(image, QUrl("content:img/flow.png"))
    assert isinstance(loaded, QImage)  # Qt paints QImage; Python bytes it never did
    assert not loaded.isNull()
    assert not is_refused(loaded)
    for outside in ("content:../secret.png", "content:img/missing.png"):
        placeholder = page.loadResource(image, QUrl(outside))
        assert isinstance(placeholder, QImage)
        assert placeholder.width() > 100  # a named placeholder, never Qt reading the path
    assert is_refused(page.loadResource(image, QUrl("https://example.com/pixel.png")))
    assert is_refused(page.loadResource(image, QUrl("file:///etc/passwd")))
    style = QTextDocument.ResourceType.StyleSheetResource.value
    assert is_refused(page.loadResource(style, QUrl("content:img/flow.png")))


def test_every_page_is_drawn_in_the_pages_style_and_earlier_pages_are_let_go(qtbot, page: PageView) -> None:
    """Each page gets a document of its own, styled like the one before (stylesheet, font,
    margins, the reading measure's side margins); those of the last pages are kept for going back
    to them, no more, beside one empty styled document each new page is cloned from."""
    page.show()
    page.document().setDefaultStyleSheet("p { color: #1a55d0; font-size: 28pt; font-weight: bold; }")
    page.document().setDocumentMargin(17)
    root = page.document().rootFrame()
    frame = root.frameFormat()
    frame.setLeftMargin(60)
    root.setFrameFormat(frame)
    for number in range(RECENT_PAGES + 4):
        page.show_page(RenderedPage(f"t{number}", "T", f"<p>{'█' * 6} page {number}</p>"))
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(page.findChildren(QTextDocument)) == RECENT_PAGES + 2  # and the empty one pages clone
    assert page.document().documentMargin() == 17
    assert page.document().rootFrame().frameFormat().leftMargin() == 60
    assert f"page {RECENT_PAGES + 3}" in page.toPlainText()
    image = page.viewport().grab().toImage()
    blue = [
        (x, y)
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).name() == "#1a55d0"
    ]
    assert blue  # the paragraph is drawn in the stylesheet's colour
    assert min(x for x, _ in blue) >= 60  # inside the side margin


def test_going_back_shows_the_page_as_it_was_and_in_a_new_zoom(qtbot, page: PageView) -> None:
    first = RenderedPage("a", "A", "<h1>First</h1><p>first page</p>")
    second = RenderedPage("b", "B", "<h1>Second</h1><p>second page</p>")
    page.set_appearance("p { color: #222222; }", 0)
    page.show_page(first)
    page.show_page(second)
    page.show_page(first)
    assert page.toPlainText() == "First\nfirst page"
    assert page.document().defaultFont().pointSizeF() == BODY_POINT_SIZE
    page.set_appearance("p { color: #222222; }", 3)  # zoomed in while on the first page
    page.show_page(second)
    assert page.toPlainText() == "Second\nsecond page"
    assert page.document().defaultFont().pointSizeF() == pytest.approx(BODY_POINT_SIZE * ZOOM_STEP**3)
    page.set_content_root(Path("/"))  # another content root: its images may differ
    page.show_page(first)
    assert page.toPlainText() == "First\nfirst page"
