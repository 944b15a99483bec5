"""Bookmarks: a small JSON file of topics the user wants to come back to (Qt-free).

The file is ``{"version": 1, "bookmarks": [{"topic_id", "title", "added"}]}``. A missing file means
no bookmarks; a corrupt or wrong-shaped one is set aside (kept, renamed) and the store starts empty.
Every change is written atomically; a failing write keeps the bookmarks in memory and records an error
message instead of raising.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reader.core.storage import atomic_write_text, set_aside, user_data_dir

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
FILE_NAME = "bookmarks.json"


@dataclass(frozen=True)
class Bookmark:
    """One bookmarked topic; ``added`` is an ISO 8601 time in UTC."""

    topic_id: str
    title: str
    added: str


class BookmarkError(ValueError):
    """The bookmarks file does not have the expected shape."""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _parse(text: str) -> list[Bookmark]:
    """Return the bookmarks in ``text`` or raise ``BookmarkError`` if it is not a bookmarks file."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise BookmarkError(f"not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise BookmarkError("not a version 1 bookmarks file")
    entries = data.get("bookmarks")
    if not isinstance(entries, list):
        raise BookmarkError("'bookmarks' is not a list")
    found: dict[str, Bookmark] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise BookmarkError("a bookmark is not an object")
        topic_id, title, added = entry.get("topic_id"), entry.get("title"), entry.get("added", "")
        if not isinstance(topic_id, str) or not topic_id or not isinstance(title, str):
            raise BookmarkError("a bookmark lacks a topic_id or title")
        if not isinstance(added, str):
            raise BookmarkError("a bookmark's 'added' is not text")
        found.setdefault(topic_id, Bookmark(topic_id, title, added))
    return list(found.values())


class BookmarkStore:
    """The user's bookmarks, kept in order of addition and saved after every change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else user_data_dir() / FILE_NAME
        self.error = ""
        self._bookmarks: dict[str, Bookmark] = {}

    # --- reading ------------------------------------------------------------------------------
    def load(self) -> str:
        """Read the file; return a notice for the user ("" when all is well). Never raises."""
        self._bookmarks = {}
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return ""
        except OSError as error:
            logger.warning("could not read the bookmarks file %s", self.path, exc_info=True)
            return f"Bookmarks could not be read ({error.strerror or error}); starting with none"
        try:
            bookmarks = _parse(raw.decode("utf-8"))
        except (UnicodeDecodeError, BookmarkError):
            logger.warning("the bookmarks file %s is damaged", self.path, exc_info=True)
            kept = set_aside(self.path)
            if kept is None:
                return "Bookmarks file is damaged and could not be moved aside; starting with none"
            return f"Bookmarks file was damaged; starting with none. The old file was kept as {kept.name}"
        self._bookmarks = {bookmark.topic_id: bookmark for bookmark in bookmarks}
        return ""

    def items(self) -> list[Bookmark]:
        """The bookmarks in the order they were first added (as stored in the file)."""
        return list(self._bookmarks.values())

    def contains(self, topic_id: str) -> bool:
        """True if ``topic_id`` is bookmarked."""
        return topic_id in self._bookmarks

    def __len__(self) -> int:
        return len(self._bookmarks)

    # --- changing -----------------------------------------------------------------------------
    def add(self, topic_id: str, title: str) -> bool:
        """Bookmark a topic (a repeat only refreshes its title); return whether it was saved."""
        existing = self._bookmarks.get(topic_id)
        if existing is not None and existing.title == title:
            return True
        added = existing.added if existing is not None else _now()
        self._bookmarks[topic_id] = Bookmark(topic_id, title or topic_id, added)
        return self.save()

    def remove(self, topic_id: str) -> bool:
        """Forget a bookmark; return whether the change was saved (True if it was not there)."""
        if self._bookmarks.pop(topic_id, None) is None:
            return True
        return self.save()

    def toggle(self, topic_id: str, title: str) -> bool:
        """Add the bookmark if missing, remove it if present; return True if it is now bookmarked."""
        if self.contains(topic_id):
            self.remove(topic_id)
            return False
        self.add(topic_id, title)
        return True

    def save(self) -> bool:
        """Write the file atomically; on failure keep an error message in ``error`` and return False."""
        document = {
            "version": FORMAT_VERSION,
            "bookmarks": [
                {"topic_id": b.topic_id, "title": b.title, "added": b.added} for b in self._bookmarks.values()
            ],
        }
        try:
            atomic_write_text(self.path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        except OSError as error:
            logger.warning("could not save the bookmarks file %s", self.path, exc_info=True)
            self.error = f"Bookmarks could not be saved ({error.strerror or error})"
            return False
        self.error = ""
        return True
