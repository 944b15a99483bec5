"""The one place for per-user folders and safe file writes.

- :func:`user_data_dir` and :func:`user_cache_dir`: the per-user folders, from ``platformdirs``
  (on Linux ``$XDG_DATA_HOME/django-reader`` and ``$XDG_CACHE_HOME/django-reader``).
- :func:`atomic_write_bytes`, :func:`atomic_write_text` and :func:`atomic_replace`: readers see
  the old file or the new one, never half of one.
- :func:`set_aside`: keep a damaged file under another name instead of deleting it.
- :func:`cache_key`: the one way caches name their entries.
- :func:`touch` and :func:`prune_lru`: caches are bounded; a file's modification time is its
  last use, and the least recently used files go first once a cache folder passes its cap.

``platformdirs`` is imported when a folder is first asked for, not when this module is.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import zlib
from pathlib import Path

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
