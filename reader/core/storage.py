"""Per-user folders and safe file writes: atomic replace, and setting corrupt files aside."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

APP_DIR_NAME = "django-reader"


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    base = Path(value) if value and os.path.isabs(value) else Path.home() / fallback
    return base / APP_DIR_NAME


def user_data_dir() -> Path:
    """Where bookmarks live (``$XDG_DATA_HOME/django-reader``)."""
    return _xdg("XDG_DATA_HOME", ".local/share")


def user_cache_dir() -> Path:
    """Where caches live (``$XDG_CACHE_HOME/django-reader``); deleting it loses nothing."""
    return _xdg("XDG_CACHE_HOME", ".cache")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def set_aside(path: Path) -> Path | None:
    """Rename a corrupt file to ``name.corrupt-TIMESTAMP`` so nothing is lost; return the new path."""
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{counter}")
        counter += 1
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside
