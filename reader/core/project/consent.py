"""Consent to run a project's code: one record per (project folder, interpreter, probe version).

"Always for this folder" is kept in ``consent.json`` in the user's data folder; "Run once" is
never written. A record matches only the same folder, the same interpreter and the probe this
version ships, so a changed probe or another Python asks again. Every write re-reads the file and
merges under a lock (:func:`reader.core.storage.update_user_file`), so two windows never drop each
other's records; a damaged file is set aside (kept under
another name), and a file that exists but cannot be read makes consent read-only, never overwritten.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reader.core.storage import UnreadableFile, read_user_file, set_aside, update_user_file, user_data_dir

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

FILE_NAME = "consent.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ConsentKey:
    """What one consent covers: absolute, resolved paths and the probe's SHA-256."""

    project: str
    interpreter: str
    probe: str

    @classmethod
    def of(cls, project: Path, interpreter: Path, probe: str) -> ConsentKey:
        """The key for ``project`` run by ``interpreter`` with the probe whose hash is ``probe``."""
        return cls(str(project.resolve()), str(interpreter.absolute()), probe)


class ConsentStore:
    """The remembered "Always for this folder" answers; ``error`` is set when the file is unusable."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else user_data_dir() / FILE_NAME
        self.error = ""

    def _read(self) -> list[dict[str, Any]] | None:
        """The records on disk; ``None`` (and ``error`` set) when the file cannot be read."""
        try:
            raw = read_user_file(self.path)
        except UnreadableFile as error:
            self._unreadable(error)
            return None
        return [] if raw is None else self._parse_or_set_aside(raw)

    def _unreadable(self, error: OSError) -> None:
        self.error = f"consent records cannot be read ({error}); nothing will be remembered"
        logger.warning("%s", self.error)

    def _parse_or_set_aside(self, raw: bytes) -> list[dict[str, Any]]:
        """The records in ``raw``; a damaged file is set aside (kept, renamed) and counts as empty."""
        try:
            records = json.loads(raw.decode("utf-8"))["records"]
            if not isinstance(records, list):
                raise TypeError("records is not a list")
        except (ValueError, KeyError, TypeError) as error:
            kept = set_aside(self.path)
            logger.warning("damaged consent file %s set aside as %s: %s", self.path, kept, error)
            return []
        return [record for record in records if isinstance(record, dict)]

    def allows(self, key: ConsentKey) -> bool:
        """True when the learner chose "Always for this folder" for exactly ``key``."""
        records = self._read() or []
        return any(_matches(record, key) for record in records)

    def remember(self, key: ConsentKey) -> bool:
        """Record "Always for this folder" for ``key``; False (``error`` set) if it was not written."""
        return self._write(key, keep=True)

    def forget(self, key: ConsentKey) -> bool:
        """Withdraw the consent for ``key``; False (``error`` set) if the file was not written."""
        return self._write(key, keep=False)

    def _write(self, key: ConsentKey, keep: bool) -> bool:
        """Apply the change to the records on disk now, under the storage lock (two windows merge)."""

        def change(raw: bytes | None) -> bytes:
            records = [] if raw is None else self._parse_or_set_aside(raw)
            records = [record for record in records if not _matches(record, key)]
            if keep:
                stamp = datetime.now(UTC).isoformat(timespec="seconds")
                records.append(
                    {
                        "project": key.project,
                        "interpreter": key.interpreter,
                        "probe": key.probe,
                        "given": stamp,
                    }
                )
            return (json.dumps({"version": FORMAT_VERSION, "records": records}, indent=2) + "\n").encode()

        try:
            update_user_file(self.path, change)
        except UnreadableFile as error:
            self._unreadable(error)
            return False
        except OSError as error:
            self.error = f"consent could not be saved: {error.strerror or error}"
            logger.warning("%s", self.error)
            return False
        self.error = ""
        return True


def _matches(record: dict[str, Any], key: ConsentKey) -> bool:
    return (
        record.get("project") == key.project
        and record.get("interpreter") == key.interpreter
        and record.get("probe") == key.probe
    )
