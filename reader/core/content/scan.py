"""Read the file system for a content root: find its topic files, stamp them, read one.

Nothing here raises for bad content: an unreadable folder, a looping link or a binary file
becomes a :class:`~reader.core.problems.Problem` or an error message.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from reader.core.problems import Problem

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

MAX_TOPIC_BYTES = 2 * 1024 * 1024
MAX_FOLDER_DEPTH = 24

Stamp = tuple[int, int]
"""A file's ``(size in bytes, mtime in ns)``: what the topic cache compares."""

Found = dict[str, tuple[str, Stamp | None]]
"""Root-relative POSIX path of each ``.md`` file → (its path as a string, its stamp or ``None``)."""


def file_stamp(path: str | Path) -> Stamp:
    """A file's (size, mtime_ns), or (-1, -1) if it cannot be read: what the topic cache compares."""
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return (status.st_size, status.st_mtime_ns)


def read_topic_text(path: Path) -> tuple[str | None, str | None]:
    """Read a topic file, returning ``(text, None)`` or ``(None, error message)``.

    The text has ``\\n`` line ends and no BOM; files over ``MAX_TOPIC_BYTES``, with NUL bytes
    or not UTF-8 are refused with a message a reader understands.
    """
    try:
        size = path.stat().st_size
        if size > MAX_TOPIC_BYTES:
            return None, f"file is too large to show ({size // 1024} KiB; the limit is 2 MiB)"
        data = path.read_bytes()
    except OSError as error:
        logger.debug("cannot read %s", path, exc_info=True)
        return None, f"cannot read file: {error.strerror or error}"
    if b"\x00" in data:
        return None, "file looks binary (contains NUL bytes), not Markdown"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"file is not valid UTF-8 (byte {error.start})"
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def scan(root: Path, problems: list[Problem], stamps: bool = True) -> Found:
    """Find every ``.md`` file under ``root`` without leaving it or looping.

    Hidden entries are skipped; what cannot be used is appended to ``problems``. With ``stamps``
    each file also gets its (size, mtime) — one ``stat`` per file, the dearest part of scanning a
    large root; without, a plain file's stamp is ``None``.
    """
    found: Found = {}
    real_root = os.path.realpath(root)

    def visit(folder: str, rel_folder: str, depth: int) -> None:
        if depth >= MAX_FOLDER_DEPTH:
            problems.append(Problem(rel_folder, 1, f"folder nested deeper than {MAX_FOLDER_DEPTH}; skipped"))
            return
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(rel_folder or "./", 1, f"cannot read folder: {error.strerror or error}"))
            return
        for entry in entries:
            name, rel = entry.name, rel_folder + entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, rel + "/", depth + 1)
                    continue
                if entry.is_symlink():
                    if os.path.isdir(entry.path):
                        problems.append(
                            Problem(rel + "/", 1, "symbolic link to a folder skipped (links could loop)")
                        )
                        continue
                    if not name.endswith(".md"):
                        continue
                    target = os.path.realpath(entry.path)
                    if os.path.commonpath([real_root, target]) != real_root:
                        problems.append(Problem(rel, 1, "symbolic link leaves the content root; skipped"))
                        continue
                    status = os.stat(entry.path)
                elif name.endswith(".md"):
                    if not stamps:
                        found[rel] = (entry.path, None)
                        continue
                    status = entry.stat(follow_symlinks=False)
                else:
                    continue
            except (OSError, ValueError):
                problems.append(
                    Problem(rel, 1, "broken or looping symbolic link, or unreadable entry; skipped")
                )
                continue
            found[rel] = (entry.path, (status.st_size, status.st_mtime_ns))

    visit(os.fspath(root), "", 0)
    return found
