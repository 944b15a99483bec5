"""The one colour mix and the one "is dark" test every pane uses."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from reader.ui.common.colors import contrast_ratio, is_dark, mix


def test_mix_blends_each_channel_and_alpha() -> None:
    a, b = QColor(0, 100, 200, 255), QColor(200, 0, 100, 55)
    assert mix(a, b, 0.0).rgba() == a.rgba()
    assert mix(a, b, 1.0).rgba() == b.rgba()
    half = mix(a, b, 0.5)
    assert (half.red(), half.green(), half.blue(), half.alpha()) == (100, 50, 150, 155)


@pytest.mark.parametrize("amount", [0.3, 0.22, 0.16, 0.35, 0.07])
def test_mix_gives_the_same_colours_as_the_copies_it_replaced(amount: float) -> None:
    """The search snippets and the find bar used ``a * (1 - t) + b * t`` per channel."""
    for x in range(0, 256, 3):
        for y in range(0, 256, 5):
            a, b = QColor(x, 255 - x, x // 2), QColor(y, y // 3, 255 - y)
            old = QColor.fromRgbF(
                *(
                    p * (1 - amount) + q * amount
                    for p, q in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)
                )
            )
            assert mix(a, b, amount).name() == old.name()


def test_is_dark_reads_the_base_role_unless_told_otherwise() -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#17181b"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    assert is_dark(palette)
    assert not is_dark(palette, QPalette.ColorRole.Window)


@pytest.mark.parametrize(("grey", "dark"), [(127, True), (128, False), (0, True), (255, False)])
def test_is_dark_splits_at_half_lightness(grey: int, dark: bool) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(grey, grey, grey))
    assert is_dark(palette) is dark
    assert (QColor(grey, grey, grey).lightness() < 128) is dark  # the theme's old test agrees


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    black, white = QColor("#000000"), QColor("#ffffff")
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, black) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast_ratio(QColor("#777777"), white) < 4.5
