"""The one place for per-user folders and safe file writes.

- :func:`user_data_dir` and :func:`user_cache_dir`: the per-user folders, from ``platformdirs``
  (on Linux ``$XDG_DATA_HOME/django-reader`` and ``$XDG_CACHE_HOME/django-reader``).
- :func:`atomic_write_bytes`, :func:`atomic_write_text` and :func:`atomic_replace`: readers see
  the old file or the new one, never half of one.
- :func:`set_aside`: keep a damaged file under another name instead of deleting it.
- :func:`cache_key`: the one way caches name their entries.
- :func:`read_regular_file`: the one way content files are read — regular files only, never
  through a symbolic link, never blocking, never more than a cap.

``platformdirs`` is imported when a folder is first asked for, not when this module is.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
import time
import zlib
from pathlib import Path

logger = logging.getLogger(__name__)

APP_DIR_NAME = "django-reader"

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a file swapped for a symbolic link after loading is refused
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO or a device never waits for a writer
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1024 * 1024


class UnreadableFileError(OSError):
    """A content file that is not read: not a regular file, a symbolic link, or over the cap.

    ``str(error)`` (and ``strerror``) is a reader-facing reason such as ``"not a regular file
    (a FIFO)"``.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.strerror = reason


def _kind_of(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "a special file"


def read_regular_file(path: str | os.PathLike[str], max_bytes: int, head: bool = False) -> bytes:
    """The bytes of the regular file ``path``: at most ``max_bytes`` of them.

    Opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked with ``fstat`` on the open descriptor,
    so a FIFO, a device, a socket or a symbolic link (in the last path component) is refused
    without blocking, and a file swapped after a check cannot slip through. A file larger than
    ``max_bytes`` raises :class:`UnreadableFileError` (its message names the cap in KiB), unless
    ``head`` is true: then its first ``max_bytes`` bytes are returned. Raises ``OSError`` for
    everything else that goes wrong (missing file, no permission).
    """
    try:
        handle = os.open(path, _READ_FLAGS)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            raise UnreadableFileError("is a symbolic link (not followed)") from error
        raise
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFileError(f"not a regular file ({_kind_of(status.st_mode)})")
        if status.st_size > max_bytes and not head:
            raise UnreadableFileError(_too_large(status.st_size, max_bytes))
        chunks: list[bytes] = []
        remaining = max_bytes + 1  # one byte more tells a file that grew past the cap
        while remaining > 0:
            chunk = os.read(handle, min(_CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        if not head:
            raise UnreadableFileError(_too_large(len(data), max_bytes))
        data = data[:max_bytes]
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"file is too large ({size // 1024} KiB; the limit is {max_bytes // 1024} KiB)"


def user_data_dir() -> Path:
    """Where bookmarks live (``$XDG_DATA_HOME/django-reader`` on Linux); not created here."""
    import platformdirs

    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False)


def user_cache_dir() -> Path:
    """Where caches live (``$XDG_CACHE_HOME/django-reader`` on Linux); deleting it loses nothing.

    Each cache keeps its files in its own sub-folder (``content``, ``pages``, ``search``, ``icons``).
    Not created here.
    """
    import platformdirs

    return platformdirs.user_cache_path(APP_DIR_NAME, appauthor=False)


def cache_key(*parts: str) -> str:
    """A short file-name-safe key (lower-case hex) for the text ``parts``, the same on every run.

    Made of CRC-32, Adler-32 and the length of the parts' UTF-8 (``zlib`` only: this runs on the
    start-up path, where ``hashlib`` is not imported). Good against accidental collisions, not
    against crafted ones: a cache must still check that an entry is the one it asked for.
    """
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}-{len(data):x}"


def atomic_replace(temporary: Path, path: Path) -> None:
    """Move the finished file ``temporary`` over ``path`` in one step (same folder, any platform).

    On failure ``temporary`` is removed and the error (``OSError``) raised; ``path`` is then untouched.
    """
    try:
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half of one.

    Creates the parent folders; raises ``OSError`` if the file cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    atomic_replace(Path(temporary), path)


def atomic_write_text(path: Path, text: str) -> None:
    """:func:`atomic_write_bytes` for text, written as UTF-8."""
    atomic_write_bytes(path, text.encode("utf-8"))


def set_aside(path: Path) -> Path | None:
    """Rename a damaged file to ``name.corrupt-TIMESTAMP`` so nothing is lost; return the new path.

    Returns ``None`` if the file could not be renamed (it is then left where it was).
    """
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{counter}")
        counter += 1
    try:
        os.replace(path, aside)
    except OSError:
        logger.warning("could not set aside the damaged file %s", path, exc_info=True)
        return None
    logger.info("set aside the damaged file %s as %s", path, aside.name)
    return aside
