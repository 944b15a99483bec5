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

    def keep(self, trusted_html: str, block: bool = False) -> str:
        """Set ``trusted_html`` aside; returns the marker that :meth:`restore` replaces.

        A ``block`` marker is an empty ``div`` (so Markdown does not wrap it in a paragraph and
        the sanitiser keeps it); keeping a marker again returns it unchanged.
        """
        if self._marker in trusted_html[:80] and len(trusted_html) < 80:
            return trusted_html
        self._kept.append(trusted_html)
        token = f"{self._marker}x{len(self._kept) - 1}x"
        return f'<div class="{token}"></div>' if block else token

    def restore(self, text: str) -> str:
        """Put every kept piece of HTML back in place of its marker."""
        if not self._kept:
            return text
        marker = re.escape(self._marker)
        pattern = re.compile(f'<div class="{marker}x(\\d+)x"></div>|{marker}x(\\d+)x')
        return pattern.sub(lambda match: self._kept[int(match.group(1) or match.group(2))], text)
