"""Helpers that run the guide's example code against real Django installations."""
