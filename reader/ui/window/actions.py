"""Every user command of the main window as a ``QAction``: text, shortcuts, tips, menus, toolbar.

The actions carry no behaviour here; the main window connects them in one place. The keyboard
shortcuts window is generated from this same list, so it can never go stale.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QPalette
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from reader.ui.common.icons import tinted_icon

StandardKey = QKeySequence.StandardKey


def _keys(*keys: StandardKey | str) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, str):
            sequences.append(QKeySequence(key))
        else:
            sequences.extend(QKeySequence.keyBindings(key))
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


class WindowActions:
    """Creates the actions, menus and toolbar of a main window."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.all: list[QAction] = []
        # Go
        self.back = self._make("&Back", "Go back to the previous topic", _keys(StandardKey.Back))
        self.forward = self._make("&Forward", "Go forward again", _keys(StandardKey.Forward))
        self.home = self._make("&Home", "Open the guide's start page", _keys("Alt+Home"))
        self.previous_topic = self._make(
            "&Previous Topic", "The topic before this one in the tree", _keys("Alt+Up")
        )
        self.next_topic = self._make("&Next Topic", "The topic after this one in the tree", _keys("Alt+Down"))
        self.mark_all_unread = self._make(
            "Mark All Topics &Unread", "Clear the ticks of the topics you have read", []
        )
        self.search = self._make("&Search the Guide", "Full-text search of titles and pages", _keys("Ctrl+K"))
        self.filter_topics = self._make(
            "&Filter Topics", "Narrow the topic tree by title", _keys("Ctrl+Shift+F")
        )
        self.find = self._make("&Find in Page…", "Find text in the current page", _keys(StandardKey.Find))
        self.find_next = self._make("Find &Next", "Next match in the page", _keys(StandardKey.FindNext))
        self.find_previous = self._make(
            "Find Pre&vious", "Previous match in the page", _keys(StandardKey.FindPrevious)
        )
        self.next_pane = self._make("Next &Pane", "Move focus to the next pane", _keys("F6"))
        self.previous_pane = self._make(
            "Previous Pa&ne", "Move focus to the previous pane", _keys("Shift+F6")
        )
        # View
        self.side_panel = self._make(
            "&Side Panel", "Show the topics, search and bookmarks beside the page", _keys("F9")
        )
        self.side_panel.setCheckable(True)
        self.side_panel.setChecked(True)
        self.side_panel.setIconText("Topics")
        self.diagram = self._make(
            "Architecture &Diagram", "Show the request-flow diagram", _keys("Ctrl+Shift+D")
        )
        self.diagram.setCheckable(True)
        self.diagram.setIconText("Diagram")
        self.pin_diagram = self._make("&Pin Diagram", "Keep the diagram shown on every topic", [])
        self.pin_diagram.setCheckable(True)
        self.pin_diagram.setIconText("Pin")
        self.walkthrough = self._make(
            "Follow a &Request", "Step through a request's path", _keys("Ctrl+Shift+R")
        )
        self.walkthrough.setIconText("Follow a request")
        self.headings = self._make(
            "&On This Page", "Show the headings of the current page", _keys("Ctrl+Shift+O")
        )
        self.headings.setCheckable(True)
        self.caret = self._make("&Caret Browsing", "Move a text cursor through the page", _keys("F7"))
        self.caret.setCheckable(True)
        self.headings.setIconText("On this page")
        self.zoom_in = self._make("Zoom &In", "Larger text", _keys(StandardKey.ZoomIn, "Ctrl+="))
        self.zoom_out = self._make("Zoom &Out", "Smaller text", _keys(StandardKey.ZoomOut))
        self.zoom_reset = self._make("&Actual Size", "Reset the text size", _keys("Ctrl+0"))
        self.theme_group = QActionGroup(window)
        self.theme_system = self._make("Follow &System", "Use the desktop's colour scheme", [])
        self.theme_light = self._make("&Light", "Light colours", [])
        self.theme_dark = self._make("&Dark", "Dark colours", [])
        self.theme_actions = {"system": self.theme_system, "light": self.theme_light, "dark": self.theme_dark}
        for mode, action in self.theme_actions.items():
            action.setCheckable(True)
            action.setData(mode)  # the Key.THEME value this entry chooses
            self.theme_group.addAction(action)
        # Bookmarks
        self.bookmark = self._make("&Bookmark This Topic", "Add or remove a bookmark", _keys("Ctrl+D"))
        self.bookmark.setCheckable(True)
        self.bookmark.setIconText("Bookmark")
        self.bookmarks = self._make("Show &Bookmarks", "List your bookmarks", _keys("Ctrl+B"))
        # File
        self.print = self._make("&Print…", "Print the current topic", _keys(StandardKey.Print))
        self.export_pdf = self._make(
            "&Export as PDF…", "Save the current topic as a PDF", _keys("Ctrl+Shift+E")
        )
        self.export_diagram = self._make("Export &Diagram…", "Save the diagram as PNG or SVG", [])
        self.open_content = self._make(
            "&Open Content Folder…", "Read another folder of Markdown topics", _keys(StandardKey.Open)
        )
        self.open_project = self._make(
            "Open Django &Project…", "Read your own Django project's map from its source (nothing is run)", []
        )
        self.run_project = self._make(
            "&Run to Complete the Map…",
            "Run the project's code, with your consent, to see what source cannot",
            [],
        )
        self.follow_request = self._make(
            "&Follow a Request…", "Run the project and follow one URL path through it, step by step", []
        )
        self.practice = self._make(
            "&Which View Answers This URL?",
            "Practice on your project: the real resolver marks the answer",
            [],
        )
        self.cancel_run = self._make("&Cancel Run", "Stop running the project", [])
        self.run_environment = self._make(
            "&Environment Variables…", "Set environment variables for the next run of the project", []
        )
        self.project_actions = (self.run_project, self.follow_request, self.practice, self.run_environment)
        for action in (*self.project_actions, self.cancel_run):
            action.setEnabled(False)
        self.reload = self._make(
            "&Reload Content", "Read the topics again from disk", _keys(StandardKey.Refresh, "Ctrl+R")
        )
        self.copy_code = self._make(
            "Copy &Code Block", "Copy the code block under the cursor", _keys("Ctrl+Shift+C")
        )
        self.quit = self._make("&Quit", "Quit Django Reader", _keys(StandardKey.Quit, "Ctrl+Q"))
        # Help
        self.shortcuts = self._make(
            "&Keyboard Shortcuts", "List every keyboard shortcut", _keys("F1", "Ctrl+/")
        )
        self.about = self._make("&About Django Reader", "Version and licence", [])
        for action in self.all:
            window.addAction(action)
        self.refresh_icons()

    def refresh_icons(self) -> None:
        """Draw the toolbar icons in the current palette's text colour (call after a theme change)."""
        color = self.window.palette().color(QPalette.ColorRole.ButtonText).name()
        icons = {
            "back": self.back,
            "forward": self.forward,
            "home": self.home,
            "diagram": self.diagram,
            "walkthrough": self.walkthrough,
            "bookmark": self.bookmark,
            "side_panel": self.side_panel,
            "headings": self.headings,
        }
        for name, action in icons.items():
            action.setIcon(tinted_icon(f"toolbar/{name}", color))

    def _make(self, text: str, tip: str, keys: list[QKeySequence]) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts(keys)
        action.setStatusTip(tip)
        label = text.replace("&", "").rstrip("…")
        native = QKeySequence.SequenceFormat.NativeText
        action.setToolTip(f"{label} ({keys[0].toString(native)})" if keys else label)
        self.all.append(action)
        return action

    def enable_project_actions(self) -> None:
        """A project is open: running, following and practice become possible."""
        for action in self.project_actions:
            action.setEnabled(True)

    def build_menus(self) -> dict[str, QMenu]:
        bar = self.window.menuBar()
        menus = {
            "file": bar.addMenu("&File"),
            "go": bar.addMenu("&Go"),
            "view": bar.addMenu("&View"),
            "bookmarks": bar.addMenu("&Bookmarks"),
            "project": bar.addMenu("&Project"),
            "help": bar.addMenu("&Help"),
        }
        menus["file"].addActions([self.open_content, self.reload])
        menus["file"].addSeparator()
        menus["file"].addAction(self.open_project)
        menus["recent_projects"] = menus["file"].addMenu("&Recent Projects")
        menus["file"].addSeparator()
        menus["file"].addActions([self.print, self.export_pdf, self.export_diagram])
        menus["project"].addAction(self.open_project)
        menus["project"].addSeparator()
        menus["project"].addActions([self.run_project, self.follow_request, self.practice])
        menus["project"].addSeparator()
        menus["project"].addActions([self.run_environment, self.cancel_run])
        menus["file"].addSeparator()
        menus["file"].addAction(self.quit)
        menus["go"].addActions([self.back, self.forward, self.home, self.previous_topic, self.next_topic])
        menus["go"].addSeparator()
        menus["go"].addAction(self.mark_all_unread)
        menus["go"].addSeparator()
        menus["go"].addActions(
            [self.search, self.filter_topics, self.find, self.find_next, self.find_previous]
        )
        menus["go"].addSeparator()
        menus["go"].addActions([self.next_pane, self.previous_pane])
        menus["view"].addActions(
            [self.side_panel, self.headings, self.diagram, self.pin_diagram, self.walkthrough, self.caret]
        )
        menus["view"].addSeparator()
        menus["view"].addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        theme_menu = menus["view"].addMenu("&Theme")
        theme_menu.addActions([self.theme_system, self.theme_light, self.theme_dark])
        bar.setAccessibleName("Menu bar")
        for menu in [*menus.values(), theme_menu]:  # Qt names a menu after its window title: none
            menu.setAccessibleName(menu.title().replace("&", ""))
        menus["bookmarks"].addActions([self.bookmark, self.bookmarks])
        menus["bookmarks"].addSeparator()
        menus["help"].addActions([self.shortcuts, self.about])
        return menus

    def build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Navigation", self.window)
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.side_panel, self.back, self.forward, self.home])
        toolbar.addSeparator()
        toolbar.addActions([self.diagram, self.walkthrough])
        for action in (self.side_panel, self.back, self.forward, self.home):
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        toolbar.addSeparator()
        toolbar.addAction(self.bookmark)
        spacer = QWidget(toolbar)  # "On this page" sits at the right end, above its panel
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.headings)
        more = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if more is not None:  # the » button of a narrow window
            more.setAccessibleName("More toolbar buttons")
        self.window.addToolBar(toolbar)
        return toolbar
