"""The architecture diagram, Qt-free: its model read from diagram.toml and the walk-through."""

DIAGRAM_FILE = "diagram.toml"
"""The diagram's file in a content root; named here so the window can look for it without importing
the model (its dataclasses cost the first frame several milliseconds)."""
