"""Hostile settings files: Qt is never given what it cannot safely parse, and every restored value
is validated, so a settings file can never stop the app from starting (issue 14, point 6)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray

from reader.ui.common.settings import Key, Settings
from reader.ui.common.settings_scan import unsafe_reason, valid_geometry
from reader.ui.main_window import MainWindow
from tests.helpers.paths import SAMPLE

if TYPE_CHECKING:
    from pathlib import Path


def geometry(*rects: int, magic: int = 0x1D9D0CB, screen: int = 0) -> bytes:
    return struct.pack(">IHH4i4iiBBi4i", magic, 3, 0, *rects[:8], screen, 0, 0, 800, *rects[:4])


def ini_bytes(data: bytes) -> str:
    """``data`` as Qt writes a byte array in an INI file: printable ASCII raw, the rest escaped."""
    return "".join(chr(b) if 32 <= b < 127 and chr(b) not in '\\"' else f"\\x{b:02x}" for b in data)


HUGE_GEOMETRY = geometry(0, 0, 2**31 - 1, 2**31 - 1, 0, 0, 2**31 - 1, 2**31 - 1)
ISSUE_EXAMPLES = {
    "splitter beyond a C int": "[window]\nsplitter=99999999999999999999, 1\n",
    "splitter of 2**31-1": "[window]\nsplitter=2147483647, 0\nright_splitter=2147483647, 2147483647\n",
    "variant list of 2**31 items": "[window]\nsplitter=@Variant(\\0\\0\\0\\t\\0\\x80\\0\\0\\0)\n",
    "variant inside a list": "[window]\nsplitter=300, @Variant(\\0\\0\\0\\t\\0\\x7f\\xff\\xff\\xff)\n",
    "byte array claiming 2**31 items": "[window]\nsplitter=@ByteArray(\\0\\0\\0\\t\\x80\\0\\0\\0)\n",
    "huge geometry": f"[window]\ngeometry=@ByteArray({ini_bytes(HUGE_GEOMETRY)})\n",
    "numbers out of every range": (
        "[view]\nzoom=99999999999999999999999\nleft_tab=-99999999999\ntheme=@Rect(1 2 3 4)\n"
        "[session]\nscroll=1e400\ntopic=" + "x" * 5000 + "\n"
    ),
    "a list of 50,000 sizes": "[window]\nsplitter=" + ", ".join(["1"] * 50_000) + "\n",
    "page squeezed to nothing": "[window]\nsplitter=300, 0\nright_splitter=500, 0\n",
    "rectangles and sizes": "[window]\nsplitter=@Size(2147483647 2147483647)\n",
}


def write_settings(text: str | bytes) -> Path:
    """Write the settings file (its path is asked before it exists: reading it would set it aside)."""
    path = Settings().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.timeout(120)  # a hang guard: "splitter=2147483647, 0" used to freeze the layout
@pytest.mark.parametrize("text", ISSUE_EXAMPLES.values(), ids=ISSUE_EXAMPLES.keys())
def test_the_app_starts_and_paints_whatever_the_settings_file_holds(text: str) -> None:
    write_settings(text)
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--exit-after-paint", "--content", str(SAMPLE)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=100,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("text", ISSUE_EXAMPLES.values(), ids=ISSUE_EXAMPLES.keys())
def test_a_window_restores_only_values_it_can_use(qtbot, opened_urls, text: str) -> None:
    write_settings(text)
    window = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert all(0 <= size <= 16_384 for size in window.splitter.sizes())
    assert window.width() < 20_000
    assert window.navigator.current_topic_id == "index"
    assert window.settings.get(Key.THEME) in ("system", "light", "dark")


@pytest.mark.parametrize(
    "text",
    [ISSUE_EXAMPLES["variant list of 2**31 items"], ISSUE_EXAMPLES["variant inside a list"]],
)
def test_a_file_qt_cannot_safely_parse_is_set_aside_with_a_message(qtbot, opened_urls, text: str) -> None:
    path = write_settings(text)
    window = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage()
    assert "Settings could not be read" in message
    assert "value type the app never writes" in message
    [kept] = path.parent.glob(f"{path.name}.corrupt-*")
    assert kept.read_text(encoding="utf-8") == text


def test_the_geometry_the_window_saves_is_valid(qtbot, opened_urls) -> None:
    window = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert valid_geometry(bytes(window.saveGeometry().data()))
    window.close()
    assert not Settings().get(Key.GEOMETRY).isEmpty()  # kept, and read back, across a restart


@pytest.mark.parametrize(
    "data",
    [
        HUGE_GEOMETRY,
        geometry(0, 0, 800, 600, 0, 0, 800, 600, magic=1),
        geometry(0, 0, 800, 600, 0, 0, 800, 600, screen=-1),
        geometry(800, 0, 0, 600, 0, 0, 800, 600),
        geometry(0, 0, 1, 1, 0, 0, 1, 1),
        b"",
        b"\x01\xd9\xd0\xcb",
    ],
)
def test_hostile_geometries_are_refused(data: bytes) -> None:
    assert not valid_geometry(data)
    write_settings(f"[window]\ngeometry=@ByteArray({ini_bytes(data)})\n")
    assert Settings().get(Key.GEOMETRY) == QByteArray()


_KEYS = [
    *("view/zoom", "view/theme", "view/left_tab", "view/contents", "view/diagram", "x/y"),
    *("window/splitter", "window/right_splitter", "window/geometry", "session/topic", "session/scroll"),
]
_TYPES = ["Variant", "ByteArray", "Rect", "Size", "Point", "StringList", "Invalid", "DateTime", "X"]
_ESCAPED_BYTES = st.binary(max_size=24).map(lambda data: "".join(f"\\x{b:02x}" for b in data))
_VALUES = st.one_of(
    st.integers().map(str),
    st.lists(st.integers(min_value=-(2**70), max_value=2**70).map(str), max_size=6).map(", ".join),
    st.builds(lambda kind, body: f"@{kind}({body})", st.sampled_from(_TYPES), _ESCAPED_BYTES),
    st.lists(st.sampled_from(["1", "@Variant(\\0)", "@@x", "true", '"a, b"']), max_size=5).map(", ".join),
    st.text(max_size=40).filter(lambda text: "\n" not in text and "\r" not in text),
)
_INI = st.lists(
    st.tuples(
        st.sampled_from(["", "[window]\n", "[view]\n", "[session]\n"]), st.sampled_from(_KEYS), _VALUES
    ),
    max_size=8,
).map(lambda lines: "".join(f"{section}{key.split('/')[-1]}={value}\n" for section, key, value in lines))


@pytest.mark.timeout(600)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_INI)
def test_hostile_ini_texts_never_stop_a_start(qtbot, opened_urls, text: str) -> None:
    write_settings(text)
    window = MainWindow(SAMPLE, settings=Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.navigator.current_topic_id is not None
    for key in (Key.SPLITTER, Key.RIGHT_SPLITTER):
        assert all(0 <= size <= 16_384 for size in window.settings.get(key))
    assert Key.ZOOM.low <= window.settings.get(Key.ZOOM) <= Key.ZOOM.high
    window.close()
    window.deleteLater()


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_the_scan_never_raises_and_never_lets_a_variant_through(data: bytes) -> None:
    reason = unsafe_reason(data)
    if reason is None:
        assert "@Variant(" not in data.decode("utf-8")
