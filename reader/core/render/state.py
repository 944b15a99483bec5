"""What one Markdown conversion found besides its HTML, shared by the renderer and its extension.

Raw HTML is sanitised as a whole page; what Markdown's own extensions made (highlighted code
with its inline colours) is set aside under a random marker first and put back afterwards, so
that raw HTML can neither pass as code nor forge a marker.
"""

from __future__ import annotations

import re
import secrets


class PageState:
    """Macros met, which HTML-stash entries are raw HTML, and the trusted HTML set aside."""

    def __init__(self) -> None:
        self.macros: list[str] = []
        self.raw_stash: set[int] = set()
        self.raw_seen: set[int] = set()
        self.raw_fragments: list[str] = []  # the raw HTML as written, for the links and images in it
        self._kept: list[str] = []
        self._marker = ""

    def reset(self) -> None:
        """Forget the last page; a new marker for the next one."""
        self.macros = []
        self.raw_stash = set()
        self.raw_seen = set()
        self.raw_fragments = []
        self._kept = []
        self._marker = "rdrkeep" + secrets.token_hex(8)

    def keep(self, trusted_html: str) -> str:
        """Set ``trusted_html`` aside; returns the marker that :meth:`restore` replaces.

        Keeping a marker again returns it unchanged.
        """
        if trusted_html.startswith(self._marker):
            return trusted_html
        self._kept.append(trusted_html)
        return f"{self._marker}x{len(self._kept) - 1}x"

    def restore(self, text: str) -> str:
        """Put every kept piece of HTML back in place of its marker."""
        if not self._kept:
            return text
        pattern = re.compile(re.escape(self._marker) + r"x(\d+)x")
        return pattern.sub(lambda match: self._kept[int(match.group(1))], text)
