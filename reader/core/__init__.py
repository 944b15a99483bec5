"""Qt-free core: everything the app knows without a window (imports neither PySide6 nor ``reader.ui``).

- ``content/``: the topic model and loading a content root (with its topic cache).
- ``render/``: Markdown to the HTML the page shows, and the render cache.
- ``search/``: the full-text index.
- ``diagram/``: the architecture diagram read from ``diagram.toml``.
- ``links.py``: the one link policy; ``check.py``: ``--check``; ``problems.py``: how both report.
- ``storage.py``: per-user folders, atomic writes, cache keys; ``bookmarks.py``, ``history.py``.
"""
