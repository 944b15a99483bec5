"""The main window's controllers: actions, navigation, the content library, session and focus."""
