"""Reading marks: which topics of a content root the user has read (Qt-free).

The file ``reading.json`` in the user data folder is
``{"version": 1, "roots": {"<absolute root path>": ["topic id", ...]}}``: topic ids are only unique
within a root, so each root keeps its own list, and marks of other roots are kept untouched. A
missing file means nothing read; a corrupt or wrong-shaped one is set aside (kept, renamed) and
the marks start empty. Every change replaces this root's list in the file as it is on disk, under
the storage lock (:func:`reader.core.storage.update_user_file`), so the marks another window wrote
for other roots are kept; the write is atomic, and a failing one keeps the marks in memory and
records an error message instead of raising. When a topic counts
as read is the UI's rule (see :mod:`reader.ui.window.reading_commands`).
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from reader.core.storage import (
    UnreadableFile,
    read_user_file,
    set_aside,
    update_user_file,
    user_data_dir,
    versioned_document,
)

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
FILE_NAME = "reading.json"


class ReadingFileError(ValueError):
    """The reading file does not have the expected shape."""


def root_key(root: Path) -> str:
    """The key of a content root in the file: its absolute path (resolved when possible)."""
    try:
        return str(root.resolve())
    except OSError:
        return str(root.absolute())


def _parse(text: str) -> dict[str, list[str]]:
    """Return ``{root key: [topic id, ...]}`` or raise ``ReadingFileError``."""
    data = versioned_document(text, FORMAT_VERSION, "reading file", ReadingFileError)
    roots = data.get("roots")
    if not isinstance(roots, dict):
        raise ReadingFileError("'roots' is not an object")
    parsed: dict[str, list[str]] = {}
    for key, ids in roots.items():
        if not isinstance(ids, list) or not all(isinstance(item, str) and item for item in ids):
            raise ReadingFileError(f"the marks of {key!r} are not a list of topic ids")
        parsed[key] = list(dict.fromkeys(ids))
    return parsed


class ReadingMarks:
    """The read topics of one content root, saved after every change with the other roots' marks."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.path = path if path is not None else user_data_dir() / FILE_NAME
        self.error = ""
        self._key = root_key(root)
        self._roots: dict[str, list[str]] = {}
        self._read: dict[str, None] = {}  # ordered set: the order topics were read in

    def load(self) -> str:
        """Read the file; return a notice for the user ("" when all is well). Never raises."""
        self._roots, self._read = {}, {}
        try:
            raw = read_user_file(self.path)
        except UnreadableFile as error:
            logger.warning("could not read the reading marks %s", self.path, exc_info=True)
            return f"Reading marks could not be read ({error.strerror or error}); starting with none"
        if raw is None:
            return ""
        try:
            self._roots = _parse(raw.decode("utf-8"))
        except (UnicodeDecodeError, ReadingFileError):
            logger.warning("the reading marks file %s is damaged", self.path, exc_info=True)
            kept = set_aside(self.path)
            if kept is None:
                return "Reading marks file is damaged and could not be moved aside; starting with none"
            return f"Reading marks file was damaged; starting with none. The old file was kept as {kept.name}"
        self._read = dict.fromkeys(self._roots.get(self._key, []))
        return ""

    def is_read(self, topic_id: str) -> bool:
        """True if ``topic_id`` is marked read."""
        return topic_id in self._read

    def read_ids(self) -> frozenset[str]:
        """Every topic of this root marked read."""
        return frozenset(self._read)

    def mark_read(self, topic_id: str) -> bool:
        """Mark a topic read; return True if that is a change (it is then saved)."""
        if topic_id in self._read:
            return False
        self._read[topic_id] = None
        self.save()
        return True

    def mark_all_unread(self) -> bool:
        """Forget every mark of this root (other roots keep theirs); return whether it was saved."""
        self._read = {}
        return self.save()

    def save(self) -> bool:
        """Write this root's marks into the file as it is on disk now (other roots keep theirs),
        atomically and under the storage lock; on failure keep an error message in ``error`` and
        return False."""

        def change(raw: bytes | None) -> bytes:
            try:
                roots = {} if raw is None else _parse(raw.decode("utf-8"))
            except (UnicodeDecodeError, ReadingFileError):
                logger.warning("the reading marks file %s is damaged", self.path, exc_info=True)
                set_aside(self.path)
                roots = {}
            if self._read:
                roots[self._key] = list(self._read)
            else:
                roots.pop(self._key, None)
            self._roots = roots
            document = {"version": FORMAT_VERSION, "roots": roots}
            return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

        try:
            update_user_file(self.path, change)
        except OSError as error:
            logger.warning("could not save the reading marks %s", self.path, exc_info=True)
            self.error = f"Reading marks could not be saved ({error.strerror or error})"
            return False
        self.error = ""
        return True
