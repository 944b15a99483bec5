"""Images on the page are painted: PNG and SVG from inside the root, scaled to the page width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from reader.core.content.loader import load_content
from reader.core.render.markdown import Renderer
from reader.resources import read_text
from reader.ui.page.images import decode_image
from reader.ui.page.measure import ReadingMeasure
from reader.ui.page.view import PageView
from tests.helpers.paths import REALWORLD

PNG_BLUE = QColor("#1f6feb")  # img/flow chart.png, 160 x 90
PNG_RED = QColor("#d1242f")  # img/c@2x.png, 80 x 60
PNG_GREEN = QColor("#1a7f37")  # img/café.png, 90 x 50
SVG_ORANGE = QColor("#fb8500")  # img/diagram.svg: 200 x 100 with a circle of radius 30 inside
WIDE_PURPLE = QColor("#8250df")  # img/wide.png, 2400 x 40


def _pixels(image: QImage, colour: QColor) -> tuple[int, int]:
    """How many pixels of ``image`` have exactly ``colour``, and the widest row of them."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pattern = bytes((colour.blue(), colour.green(), colour.red(), 0xFF))  # RGB32 in memory, little-endian
    data = bytes(image.constBits())
    line, width = image.bytesPerLine(), image.width() * 4
    rows = [data[y * line : y * line + width].count(pattern) for y in range(image.height())]
    return sum(rows), max(rows, default=0)


@pytest.fixture
def shown(qtbot):
    content = load_content(REALWORLD)
    view = PageView()
    qtbot.addWidget(view)
    view.set_content_root(REALWORLD)
    view.set_appearance(read_text("styles/page-light.css"), 0)
    view.resize(700, 1800)
    view.show_page(Renderer(content).render("tutorial/part-2-setup"))
    with qtbot.waitSignal(view.first_painted, timeout=3000):
        view.show()
    qtbot.waitExposed(view)
    return view


def test_png_and_svg_images_are_painted(shown: PageView) -> None:
    grab = shown.viewport().grab().toImage()
    ratio = grab.devicePixelRatio()
    blue, _ = _pixels(grab, PNG_BLUE)
    assert blue >= 0.95 * 160 * 90 * ratio * ratio
    assert _pixels(grab, PNG_RED)[0] >= 0.9 * 80 * 60 * ratio * ratio
    assert _pixels(grab, PNG_GREEN)[0] >= 0.9 * 90 * 50 * ratio * ratio
    orange, orange_width = _pixels(grab, SVG_ORANGE)
    assert orange >= 0.8 * (200 * 100 - 3.15 * 30 * 30) * ratio * ratio
    assert orange_width >= 190 * ratio


def test_a_wide_image_is_scaled_to_the_page_width(shown: PageView) -> None:
    grab = shown.viewport().grab().toImage()
    count, widest = _pixels(grab, WIDE_PURPLE)
    assert count > 0
    assert widest <= shown.viewport().width() * grab.devicePixelRatio()
    assert shown.horizontalScrollBar().maximum() == 0


def test_a_damaged_image_names_itself_and_a_missing_one_shows_its_alt_text(shown: PageView) -> None:
    assert "[image not found: The missing screenshot]" in shown.toPlainText()
    kind = QTextDocument.ResourceType.ImageResource.value
    placeholder = shown.loadResource(kind, QUrl("content:img/broken.png"))
    assert isinstance(placeholder, QImage)
    assert not placeholder.isNull()
    assert placeholder.width() > 100


def test_svg_is_drawn_at_the_device_pixel_ratio(qapp) -> None:
    data = (REALWORLD / "img" / "diagram.svg").read_bytes()
    image = decode_image(data, "diagram.svg", 2.0)
    assert (image.width(), image.height()) == (400, 200)
    assert image.devicePixelRatio() == 2.0
    assert image.pixelColor(5, 5) == SVG_ORANGE
    assert decode_image(b"<svg", "bad.svg").width() > 100  # a placeholder, never a null image


def test_a_wide_image_fits_the_centred_column_of_a_wide_window(qtbot) -> None:
    """Qt reads ``max-width: 100%`` as the view's width; in a wide window the text column is
    narrower, and an image as wide as the view widened the page (a horizontal scroll bar)."""
    content = load_content(REALWORLD)
    view = PageView()
    qtbot.addWidget(view)
    view.set_content_root(REALWORLD)
    view.set_appearance(read_text("styles/page-light.css"), 0)
    measure = ReadingMeasure(view)
    view.resize(1400, 1800)
    view.show_page(Renderer(content).render("tutorial/part-2-setup"))
    with qtbot.waitSignal(view.first_painted, timeout=3000):
        view.show()
    qtbot.waitExposed(view)
    grab = view.viewport().grab().toImage()
    count, widest = _pixels(grab, WIDE_PURPLE)
    column = view.viewport().width() - 2 * measure.margin()
    assert count > 0
    assert widest <= column * grab.devicePixelRatio()
    assert view.horizontalScrollBar().maximum() == 0
    view.resize(500, 1800)  # a window narrower than the column narrows the image with it
    qtbot.waitUntil(lambda: view.viewport().width() - 2 * measure.margin() < column)
    narrower = view.viewport().width() - 2 * measure.margin()
    qtbot.waitUntil(
        lambda: (
            _pixels(view.viewport().grab().toImage(), WIDE_PURPLE)[1] <= narrower * grab.devicePixelRatio()
        )
    )
    assert view.horizontalScrollBar().maximum() == 0


def _solid_png(colour: QColor, width: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = QImage(width, 30, QImage.Format.Format_RGB32)
    image.fill(colour)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_an_image_is_decoded_once_for_every_page_and_again_once_its_file_changes(
    qtbot, tmp_path, monkeypatch
) -> None:
    import reader.ui.page.view as view_module
    from reader.core.render.page import RenderedPage

    (tmp_path / "chart.png").write_bytes(_solid_png(PNG_RED, 120))
    decoded: list[str] = []
    real_decode = view_module.decode_image

    def counting_decode(data: bytes, name: str, ratio: float = 1.0) -> QImage:
        decoded.append(name)
        return real_decode(data, name, ratio)

    monkeypatch.setattr(view_module, "decode_image", counting_decode)
    view = PageView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.set_content_root(tmp_path)
    view.show()
    qtbot.waitExposed(view)

    def show(number: int) -> QImage:
        view.show_page(
            RenderedPage(f"t{number}", "T", f'<p>page {number}</p><p><img src="content:chart.png"></p>')
        )
        return view.viewport().grab().toImage()

    for number in range(3):  # three pages showing the same image: decoded for the first only
        assert _pixels(show(number), PNG_RED)[1] >= 100
    assert decoded == ["chart.png"]
    (tmp_path / "chart.png").write_bytes(_solid_png(PNG_GREEN, 140))  # another size: another signature
    assert _pixels(show(3), PNG_GREEN)[1] >= 120
    assert _pixels(show(4), PNG_RED) == (0, 0)
    assert decoded == ["chart.png", "chart.png"]
