"""The architecture diagram, Qt-free: its model read from diagram.toml and the walk-through."""
