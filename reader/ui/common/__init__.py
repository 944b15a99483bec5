"""Pieces every UI feature may use: settings, theme, colours, icons, lazy panes, background work."""
