"""Read the file system for a content root: find its topic files, stamp them, read one.

Nothing here raises for bad content: an unreadable folder, a looping link or a binary file
becomes a :class:`~reader.core.problems.Problem` or an error message.
"""

from __future__ import annotations

import logging
import operator
import os
from typing import TYPE_CHECKING

from reader.core.problems import Problem
from reader.core.safe_text import is_text_name, printable_path
from reader.core.storage import UnreadableFileError, read_regular_file

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
    or not UTF-8 are refused with a message a reader understands, and so is anything that is not
    a regular file (a FIFO, a device, a symbolic link swapped in after loading): see
    :func:`reader.core.storage.read_regular_file`.
    """
    try:
        data = read_regular_file(path, MAX_TOPIC_BYTES)
    except UnreadableFileError as error:
        return None, f"cannot read file: {error}"
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


def _skip_symlink(entry: os.DirEntry[str], rel: str, real_root: str, problems: list[Problem]) -> None:
    """Report a symbolic link met while scanning: topics are read from regular files only."""
    try:
        if os.path.isdir(entry.path):
            problems.append(Problem(rel + "/", 1, "symbolic link to a folder skipped (links could loop)"))
            return
        if not entry.name.endswith(".md"):
            return
        target = os.path.realpath(entry.path)
        if os.path.commonpath([real_root, target]) != real_root:
            problems.append(Problem(rel, 1, "symbolic link leaves the content root; skipped"))
            return
    except (OSError, ValueError):
        problems.append(Problem(rel, 1, "broken or looping symbolic link; skipped"))
        return
    problems.append(
        Problem(rel, 1, "symbolic link to a file skipped (topics are read from regular files only)")
    )


_name = operator.attrgetter("name")


def scan(root: Path, problems: list[Problem], stamps: bool = True) -> Found:
    """Find every ``.md`` file under ``root`` without leaving it or looping.

    Hidden entries are skipped; what cannot be used is appended to ``problems``: symbolic links
    (a topic is read from a regular file only), FIFOs, devices and sockets, and names that are not
    UTF-8 (reported with their bytes escaped). With ``stamps``
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
                entries = sorted(listing, key=_name)
        except OSError as error:
            problems.append(Problem(rel_folder or "./", 1, f"cannot read folder: {error.strerror or error}"))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = rel_folder + name
            if not name.isascii() and not is_text_name(name):
                problems.append(Problem(printable_path(rel), 1, "name is not valid UTF-8; skipped"))
                continue
            try:
                if name.endswith(".md") and entry.is_file(follow_symlinks=False):
                    if not stamps:  # the common case first: no stat, no further checks
                        found[rel] = (entry.path, None)
                        continue
                    status = entry.stat(follow_symlinks=False)
                    found[rel] = (entry.path, (status.st_size, status.st_mtime_ns))
                    continue
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, rel + "/", depth + 1)
                    continue
                if entry.is_symlink():
                    _skip_symlink(entry, rel, real_root, problems)
                    continue
                if name.endswith(".md"):
                    problems.append(Problem(rel, 1, "not a regular file (a FIFO, device or socket); skipped"))
            except (OSError, ValueError):
                problems.append(Problem(rel, 1, "unreadable entry; skipped"))

    visit(os.fspath(root), "", 0)
    return found
