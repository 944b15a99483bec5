"""Text from content made safe to show: properties that hold for any text (hypothesis)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.core.content.lines import atx_heading
from reader.core.safe_text import (
    BIDI_CONTROLS,
    display_title,
    is_plain_tooltip,
    plain_tooltip,
    terminal_safe,
)

# Surrogates stand for bytes that were not UTF-8 in a file name (os.fsdecode).
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=200) | st.sampled_from(
    ["evil\nOK: 0 problems", "\x1b[2J\x1b]0;title\x07", "caf\udce9.md", "\u202etxt.md", "a\\nb"]
)


@given(any_text)
def test_terminal_output_is_one_printable_line_that_encodes(text):
    shown = terminal_safe(text)
    assert not [char for char in shown if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")]
    assert not BIDI_CONTROLS & set(shown)
    shown.encode("utf-8")


def test_terminal_escapes_cannot_be_forged():
    assert terminal_safe("a\nb") != terminal_safe("a\\nb")
    assert terminal_safe("caf\udce9") == "caf\\xe9"


@given(any_text)
def test_titles_lose_bidi_controls_and_line_breaks(text):
    title = display_title(text)
    assert not BIDI_CONTROLS & set(title)
    assert "\n" not in title
    assert "\x1b" not in title


@given(any_text)
def test_tooltips_hold_no_markup_but_their_own(text):
    tip = plain_tooltip(text)
    assert tip == "" or is_plain_tooltip(tip)
    assert plain_tooltip(tip) == tip
    assert "<img" not in tip


_REFERENCE = re.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


@given(st.text(st.sampled_from(" \t#ab"), max_size=14))
def test_atx_heading_agrees_with_a_reference_pattern_on_short_lines(line):
    match = _REFERENCE.match(line)
    expected = (len(match.group(1)), (match.group(2) or "").strip(" \t")) if match else None
    rest = line.lstrip(" \t")[len(match.group(1)) :] if match else ""
    if expected is not None and rest.strip(" \t").strip("#") == "":  # only a closing run: empty heading
        expected = (expected[0], "")
    assert atx_heading(line) == expected
