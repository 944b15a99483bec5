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

``platformdirs`` is imported when a folder is first asked for, not when this module is.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import warnings
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

APP_DIR_NAME = "django-reader"


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


LOCK_TIMEOUT_S = 5.0  # how long a write waits for another window's write before giving up
MAX_USER_FILE_BYTES = 64 * 1024 * 1024  # a user-data file larger than this is treated as unreadable


class UnreadableFile(OSError):
    """A user-data file exists but cannot be read (permission denied, a folder, too large).

    The feature that owns it becomes read-only; the file is never overwritten.
    """


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
