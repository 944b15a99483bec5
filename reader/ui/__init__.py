"""Qt widgets of Django Reader; the main window wires them together."""
