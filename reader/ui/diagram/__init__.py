"""The clickable architecture diagram: panel, view, scene items and export."""
