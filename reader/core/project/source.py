"""A project file made ready for the read-only source view: read safely, highlighted by Pygments.

:func:`read_source` reads at most :data:`MAX_BYTES` of a file (undecodable bytes replaced, a
notice saying so), picks a lexer from the file name (Django templates get Pygments' Django/HTML
lexer) and returns HTML with inline colours in the page renderer's code style
(:data:`reader.core.render.markdown.CODE_STYLES`), one ``<pre>`` line per source line.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024  # larger files show their first 2 MiB, with a notice
HIGHLIGHT_LIMIT = 512 * 1024  # above this many characters the text is shown without colours


@dataclass(frozen=True)
class SourceText:
    """A file ready to show: ``html`` is one ``<pre>`` whose lines are the file's lines.

    ``background``/``foreground`` are ``#rrggbb`` colours of the code style; ``notice`` says
    why the file is shown cut short or without colours (``""`` normally); ``lines`` counts lines.
    """

    html: str
    lines: int
    background: str
    foreground: str
    notice: str = ""


def _style_colours(style_name: str, dark: bool) -> tuple[str, str]:
    """The style's background and plain-text colours (a sensible text colour when it names none)."""
    from pygments.styles import get_style_by_name
    from pygments.token import Text

    style = get_style_by_name(style_name)
    text = style.style_for_token(Text)["color"]
    return style.background_color or "#ffffff", f"#{text}" if text else ("#e6edf3" if dark else "#24292f")


def read_source(path: Path, dark: bool) -> SourceText:
    """Read and highlight ``path``; raises ``OSError`` when it cannot be read at all."""
    from reader.core.render.markdown import CODE_STYLES

    with path.open("rb") as stream:
        data = stream.read(MAX_BYTES + 1)
    notices = []
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        notices.append(f"Only the first {MAX_BYTES // (1024 * 1024)} MiB are shown")
    text = data.decode("utf-8", errors="replace")
    if "\ufffd" in text:
        notices.append("Bytes that are not UTF-8 are shown as �")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    style = CODE_STYLES[dark]
    background, foreground = _style_colours(style, dark)
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if len(text) > HIGHLIGHT_LIMIT:
        notices.append("Too large to colour; shown as plain text")
        body = html.escape(text)
    else:
        body = _highlight(text, path.name, style)
    return SourceText(f"<pre>{body}</pre>", max(lines, 1), background, foreground, "; ".join(notices))


def _highlight(text: str, file_name: str, style: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
    from pygments.util import ClassNotFound

    try:
        lexer = (
            get_lexer_by_name("html+django", stripnl=False, ensurenl=False)
            if file_name.endswith((".html", ".htm", ".txt"))
            else get_lexer_for_filename(file_name, stripnl=False, ensurenl=False)
        )
    except ClassNotFound:
        lexer = get_lexer_by_name("text", stripnl=False, ensurenl=False)
    formatter = HtmlFormatter(style=style, noclasses=True, nowrap=True, nobackground=True)
    try:
        return highlight(text, lexer, formatter)
    except Exception:  # a lexer bug must not lose the file: show it plain
        logger.exception("highlighting %s failed", file_name)
        return html.escape(text)
