"""Full-text search: plain text for the index and the SQLite FTS5 index itself."""
