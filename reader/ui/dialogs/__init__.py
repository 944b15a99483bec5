"""Help dialogs: About and the keyboard shortcuts."""
