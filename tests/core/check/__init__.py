"""Tests of ``reader.core.check``: streaming, parallel and incremental checking."""
