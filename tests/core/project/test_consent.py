"""Consent records: exact keys, merged writes, damaged and unreadable files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.project.consent import ConsentKey, ConsentStore
from reader.core.project.runner import probe_source, probe_version

if TYPE_CHECKING:
    import pytest


def test_consent_covers_one_folder_one_interpreter_one_probe(tmp_path: Path) -> None:
    store = ConsentStore(tmp_path / "consent.json")
    key = ConsentKey.of(tmp_path / "project", tmp_path / "venv/bin/python", probe_version())
    assert not store.allows(key)
    assert store.remember(key)
    assert ConsentStore(store.path).allows(key)
    assert not store.allows(ConsentKey.of(tmp_path / "other", tmp_path / "venv/bin/python", key.probe))
    assert not store.allows(ConsentKey.of(tmp_path / "project", tmp_path / "other/python", key.probe))
    assert not store.allows(ConsentKey(key.project, key.interpreter, "0" * 64))
    assert store.forget(key)
    assert not store.allows(key)


def test_two_windows_keep_each_others_records(tmp_path: Path) -> None:
    first, second = ConsentStore(tmp_path / "c.json"), ConsentStore(tmp_path / "c.json")
    one = ConsentKey("/a", "/py", "p")
    two = ConsentKey("/b", "/py", "p")
    assert first.remember(one)
    assert second.remember(two)
    assert first.allows(one)
    assert first.allows(two)


def test_a_damaged_file_is_set_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "consent.json"
    path.write_text("{not json")
    store = ConsentStore(path)
    assert not store.allows(ConsentKey("/a", "/py", "p"))
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("consent.json.corrupt-")]
    assert len(kept) == 1
    assert kept[0].read_text() == "{not json"


def test_an_unreadable_file_is_never_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "consent.json"
    path.write_text('{"version": 1, "records": []}')
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    store = ConsentStore(path)
    assert not store.remember(ConsentKey("/a", "/py", "p"))
    assert "cannot be read" in store.error
    assert not store.allows(ConsentKey("/a", "/py", "p"))
    monkeypatch.undo()
    assert path.read_text() == '{"version": 1, "records": []}'


def test_the_probe_version_is_the_hash_of_the_shipped_file() -> None:
    import hashlib

    assert probe_version() == hashlib.sha256(probe_source()).hexdigest()
    assert len(probe_version()) == 64


def test_a_file_made_read_only_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "consent.json"
    original = '{"version": 1, "records": []}'
    path.write_text(original)
    path.chmod(0o444)
    try:
        store = ConsentStore(path)
        assert not store.remember(ConsentKey("/a", "/py", "p"))
        assert "cannot be read" in store.error
    finally:
        path.chmod(0o600)
    assert path.read_text() == original
