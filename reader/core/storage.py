"""The one place for per-user folders and safe file writes.

- :func:`user_data_dir` and :func:`user_cache_dir`: the per-user folders, from ``platformdirs``
  (on Linux ``$XDG_DATA_HOME/django-reader`` and ``$XDG_CACHE_HOME/django-reader``).
- :func:`atomic_write_bytes`, :func:`atomic_write_text` and :func:`atomic_replace`: readers see
  the old file or the new one, never half of one.
- :func:`set_aside`: keep a damaged file under another name instead of deleting it.
- :func:`update_user_file`: THE way user data (bookmarks, and any later user data) is changed: a
  read-modify-write under a lock file, so two running windows never lose each other's changes, and
  a file that exists but cannot be read is never overwritten (:class:`UnreadableFile`).
- :func:`user_runtime_dir`: where the running window's single-instance socket lives.
- :func:`cache_key`: the one way caches name their entries.
- :func:`touch` and :func:`prune_lru`: caches are bounded; a file's modification time is its
  last use, and the least recently used files go first once a cache folder passes its cap.
- :func:`read_regular_file`: the one way content files are read — regular files only, never
  through a symbolic link, never blocking, never more than a cap.

``platformdirs`` is imported when a folder is first asked for, not when this module is.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
import tempfile
import time
import warnings
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

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


def user_runtime_dir() -> Path:
    """Where per-session files live (``$XDG_RUNTIME_DIR/django-reader`` on Linux); not created here.

    Without ``XDG_RUNTIME_DIR`` platformdirs falls back to a per-user folder in ``/tmp``.
    """
    import platformdirs

    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        return platformdirs.user_runtime_path(APP_DIR_NAME, appauthor=False)


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


CACHE_CAPS = {
    "pages": 256 * 1024 * 1024,  # rendered pages, about 20 KB each
    "content": 64 * 1024 * 1024,  # topic caches, one per content root
    "check": 256 * 1024 * 1024,  # check caches, one per content root
    "search": 2 * 1024 * 1024 * 1024,  # search indexes: about 0.9 GB for 100,000 topics
    "icons": 16 * 1024 * 1024,
}
"""Each sub-folder of :func:`user_cache_dir` and the most it may hold, in bytes."""


def prune_caches(cache_dir: Path | None = None) -> int:
    """Prune every cache folder to its cap in :data:`CACHE_CAPS` (see :func:`prune_lru`); how
    many files were removed. Lists each folder once: meant for a worker thread or the end of a
    command, not for the GUI thread."""
    base = cache_dir or user_cache_dir()
    return sum(prune_lru(base / name, cap) for name, cap in CACHE_CAPS.items())


def touch(path: Path) -> None:
    """Mark a cache file as just used (its modification time); a file that is gone is ignored."""
    try:
        os.utime(path)
    except OSError:
        pass


def prune_lru(folder: Path, max_bytes: int, keep_fraction: float = 0.8) -> int:
    """Delete the least recently used files of ``folder`` once together they pass ``max_bytes``.

    Files are removed oldest-used first (modification time, see :func:`touch`) until at most
    ``keep_fraction`` of the cap is left, so pruning is not needed again at the next write; the
    most recently used file is always kept. Sub-folders and files set aside as damaged count
    too. Returns how many files were removed; errors only cost space.
    """
    entries: list[tuple[int, int, str]] = []
    total = 0
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                try:
                    if entry.is_file(follow_symlinks=False):
                        status = entry.stat(follow_symlinks=False)
                        entries.append((status.st_mtime_ns, status.st_size, entry.path))
                        total += status.st_size
                except OSError:
                    continue
    except OSError:
        return 0
    if total <= max_bytes:
        return 0
    entries.sort()
    removed = 0
    for _mtime, size, path in entries[:-1]:
        if total <= max_bytes * keep_fraction:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed += 1
    logger.info("pruned %d least recently used file(s) from %s", removed, folder)
    return removed


LOCK_TIMEOUT_S = 5.0  # how long a write waits for another window's write before giving up
MAX_USER_FILE_BYTES = 64 * 1024 * 1024  # a user-data file larger than this is treated as unreadable


class UnreadableFile(OSError):
    """A user-data file exists but cannot be read (permission denied, a folder, too large).

    The feature that owns it becomes read-only; the file is never overwritten.
    """


def versioned_document(text: str, version: int, kind: str, error: type[Exception]) -> dict[str, Any]:
    """The JSON object in ``text`` of a user file whose ``"version"`` is ``version``; raises
    ``error`` ("not valid JSON: …" or "not a version N ``kind``") for anything else."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as problem:
        raise error(f"not valid JSON: {problem}") from None
    if not isinstance(data, dict) or data.get("version") != version:
        raise error(f"not a version {version} {kind}")
    return data


def read_user_file(path: Path) -> bytes | None:
    """The bytes of the user-data file ``path``, or ``None`` if there is none.

    Raises :class:`UnreadableFile` if it exists but cannot be read (or is over
    ``MAX_USER_FILE_BYTES``).
    """
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_USER_FILE_BYTES:
                raise UnreadableFile(f"larger than {MAX_USER_FILE_BYTES // (1024 * 1024)} MB")
            return stream.read(MAX_USER_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):  # no file (a parent that is a file: none either)
        return None
    except UnreadableFile:
        raise
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from error


class _LockFile:
    """An exclusive lock on ``path`` (``flock`` on POSIX, ``msvcrt.locking`` on Windows)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd = -1

    def __enter__(self) -> _LockFile:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                self._lock()
                return self
            except OSError:
                if time.monotonic() > deadline:
                    os.close(self._fd)
                    raise OSError(f"{self._path.name} is held by another window") from None
                time.sleep(0.01)

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            msvcrt.locking(self._fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
            return
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def __exit__(self, *_exc: object) -> None:
        os.close(self._fd)  # closing releases the lock on every platform


def _writable(path: Path) -> bool:
    """False if the user made ``path`` read-only (no write bits: counts even for root)."""
    return bool(path.stat().st_mode & 0o222) and os.access(path, os.W_OK)


def update_user_file(path: Path, change: Callable[[bytes | None], bytes]) -> bytes:
    """Change the user-data file ``path`` as it is on disk now, and return what was written.

    Under ``path.lock`` (held ``LOCK_TIMEOUT_S`` at most), reads the file (``None`` if missing),
    calls ``change`` with its bytes and writes the result atomically. So two windows changing the
    same file each apply their own change to the other's, and neither is lost.

    Raises :class:`UnreadableFile` (the file is left untouched) if it exists but cannot be read,
    or if it exists and is not writable; ``OSError`` if the lock or the write fails; whatever
    ``change`` raises (nothing is written then).
    """
    with _LockFile(path.with_name(f"{path.name}.lock")):
        current = read_user_file(path)
        if current is not None and not _writable(path):
            raise UnreadableFile("the file is read-only")
        data = change(current)
        atomic_write_bytes(path, data)
        return data
