"""Spy files that tell whether anything (Python or Qt's C++ code) opened them for reading.

Each spy is a FIFO with a small shell process waiting to open its writing end: that open
returns only when some reader opens the FIFO, so an open from anywhere in the test process
(``QFile``, ``QImage::load``, ``open()``) is seen, and the reader then gets an empty file at once
instead of hanging. The writer is another process, not a Python thread, because Qt may open
the file while holding the GIL. (``sys.addaudithook`` would only see Python's own opens.)
"""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_WRITER = 'while :; do : > "$1" && echo "$3" >> "$2"; done'


class FileSpies:
    """FIFOs named ``spy-NAME`` in ``folder``; :attr:`opened` lists the names some reader opened."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.paths = {name: folder / f"spy-{name}" for name in names}
        self._log = folder / "opened.log"
        self._log.touch()
        self._writers: list[subprocess.Popen[bytes]] = []
        for name, path in self.paths.items():
            os.mkfifo(path)
            self._writers.append(
                subprocess.Popen(["/bin/sh", "-c", _WRITER, "spy", str(path), str(self._log), name])
            )

    def path(self, name: str) -> str:
        """The spy's absolute path, as a hostile topic would write it."""
        return str(self.paths[name])

    @property
    def opened(self) -> list[str]:
        """The spies opened so far, in order (a spy opened twice is listed twice)."""
        return self._log.read_text(encoding="utf-8").split()

    def stop(self) -> None:
        """Remove the FIFOs (a later open fails instead of waiting for a writer) and end the
        writer processes this spy started."""
        for path in self.paths.values():
            path.unlink(missing_ok=True)
        for writer in self._writers:
            writer.kill()
            writer.wait()
