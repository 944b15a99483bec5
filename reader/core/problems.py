"""The one way the core reports something wrong with content: a :class:`Problem` per line.

The content loader, the diagram reader and ``django-reader --check`` all speak it, and the
window shows it; none of them raise for bad content.
"""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a content root, reported as ``path:line: message``.

    ``path`` is relative to the content root (POSIX separators, ``/`` after a folder) and
    ``line`` counts from 1; a problem about a whole file is on line 1.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
