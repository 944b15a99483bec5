"""Bookmarks: a small JSON file of topics the user wants to come back to (Qt-free).

The file is ``{"version": 1, "bookmarks": [{"topic_id", "title", "added"}]}``. A missing file means
no bookmarks; a corrupt or wrong-shaped one is set aside (kept, renamed) and the store starts empty;
one that exists but cannot be read makes the store read-only. Every change is merged into the file
as it is on disk (two windows keep each other's bookmarks) and written atomically; a failing write
keeps the bookmarks in memory and records an error message instead of raising.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from reader.core.storage import (
    UnreadableFile,
    read_user_file,
    set_aside,
    update_user_file,
    user_data_dir,
    versioned_document,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
FILE_NAME = "bookmarks.json"


class Bookmark(NamedTuple):
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
    data = versioned_document(text, FORMAT_VERSION, "bookmarks file", BookmarkError)
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


def _document(bookmarks: list[Bookmark]) -> bytes:
    document = {
        "version": FORMAT_VERSION,
        "bookmarks": [{"topic_id": b.topic_id, "title": b.title, "added": b.added} for b in bookmarks],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


class BookmarkStore:
    """The user's bookmarks, kept in order of addition; every change is merged into the file.

    A change (add, remove) is applied to the file as it is on disk at that moment, under a lock
    (:func:`reader.core.storage.update_user_file`), so bookmarks another window added meanwhile
    are kept. A file that exists but cannot be read makes the store read-only (``read_only``
    holds the message): it is never overwritten.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else user_data_dir() / FILE_NAME
        self.error = ""  # the last failed write, for the status bar; "" after a successful one
        self.read_only = ""  # why changes are not saved, or "" when they are
        self.notices: list[str] = []  # things the user should hear about once (a file set aside)
        self._bookmarks: dict[str, Bookmark] = {}
        self._unsaved: list[Callable[[dict[str, Bookmark]], object]] = []  # changes a write lost

    # --- reading ------------------------------------------------------------------------------
    def load(self) -> str:
        """Read the file; return a notice for the user ("" when all is well). Never raises."""
        self._bookmarks = {}
        self.read_only = ""
        try:
            raw = read_user_file(self.path)
            if raw is None:
                return ""
            bookmarks, notice = self._parse_or_set_aside(raw)
        except UnreadableFile as error:
            logger.warning("could not read the bookmarks file %s", self.path, exc_info=True)
            self.read_only = self._read_only_message(error)
            return self.read_only
        self._bookmarks = {bookmark.topic_id: bookmark for bookmark in bookmarks}
        return notice

    def _read_only_message(self, error: OSError) -> str:
        return (
            f"Bookmarks are read-only: {self.path} could not be read ({error.strerror or error}); "
            "it is left as it is and new bookmarks are not saved"
        )

    def _parse_or_set_aside(self, raw: bytes) -> tuple[list[Bookmark], str]:
        """The bookmarks in ``raw``; a damaged file is set aside (with a notice) and counts as empty."""
        try:
            return _parse(raw.decode("utf-8")), ""
        except (UnicodeDecodeError, BookmarkError):
            logger.warning("the bookmarks file %s is damaged", self.path, exc_info=True)
        kept = set_aside(self.path)
        if kept is None:
            raise UnreadableFile("it is damaged and could not be moved aside")
        return [], f"Bookmarks file was damaged; starting with none. The old file was kept as {kept.name}"

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
        mark = Bookmark(topic_id, title or topic_id, existing.added if existing is not None else _now())

        def apply(marks: dict[str, Bookmark]) -> None:
            kept = marks.get(topic_id)
            marks[topic_id] = mark if kept is None else kept._replace(title=mark.title)

        return self._change(apply)

    def remove(self, topic_id: str) -> bool:
        """Forget a bookmark; return whether the change was saved (True if it was not there)."""
        if topic_id not in self._bookmarks:
            return True
        return self._change(lambda marks: marks.pop(topic_id, None))

    def toggle(self, topic_id: str, title: str) -> bool:
        """Add the bookmark if missing, remove it if present; return True if it is now bookmarked."""
        if self.contains(topic_id):
            self.remove(topic_id)
            return self.contains(topic_id)
        self.add(topic_id, title)
        return self.contains(topic_id)

    def _change(self, apply: Callable[[dict[str, Bookmark]], object]) -> bool:
        """Apply ``apply`` to the bookmarks on disk and remember the result; whether it was saved.

        Read-only: nothing changes (``error`` says why). A failed write keeps the change in memory
        and applies it again, with the next change, to the file then on disk.
        """
        if self.read_only:
            self.error = self.read_only
            return False
        changes = [*self._unsaved, apply]
        merged: dict[str, Bookmark] = {}

        def merge(raw: bytes | None) -> bytes:
            marks: list[Bookmark] = []
            if raw is not None:
                marks, notice = self._parse_or_set_aside(raw)
                if notice:
                    self.notices.append(notice)
            merged.update((mark.topic_id, mark) for mark in marks)
            for change in changes:
                change(merged)
            return _document(list(merged.values()))

        try:
            update_user_file(self.path, merge)
        except UnreadableFile as error:
            logger.warning("the bookmarks file %s cannot be changed", self.path, exc_info=True)
            self.read_only = self.error = self._read_only_message(error)
            return False
        except OSError as error:
            logger.warning("could not save the bookmarks file %s", self.path, exc_info=True)
            apply(self._bookmarks)
            self._unsaved.append(apply)
            self.error = f"Bookmarks could not be saved ({error.strerror or error})"
            return False
        self._bookmarks, self._unsaved = merged, []
        self.error = ""
        return True
