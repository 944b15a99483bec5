"""Folders the tests read: the project checkout, the shared fixtures and the golden files."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TESTS = PROJECT_ROOT / "tests"
FIXTURES = TESTS / "fixtures"
SAMPLE = FIXTURES / "sample"
GOLDEN = TESTS / "golden"
REALWORLD = FIXTURES / "realworld"
