"""Names the dead-code check (vulture) cannot see being used: Qt, Markdown and pytest call them by name."""
# ruff: noqa: B018, F821

_.extendMarkdown  # Python-Markdown calls Extension.extendMarkdown
_.attrib  # ElementTree attributes written for Markdown's serializer
_.features  # QStyleOptionViewItem fields set for the style
_.decorationSize
_.hoverEnterEvent  # QGraphicsItem event handlers
_.hoverLeaveEvent
_.contextMenuEvent  # QWidget event handler
_.columnCount  # QAbstractItemModel interface
_.optionxform  # configparser hook
_.handle_starttag  # html.parser hooks
_.handle_comment
isolated_user_dirs  # autouse pytest fixture
session_user_dirs  # autouse pytest fixture
dark_icon_style  # pytest fixture used by name
app_log_handlers  # pytest fixture used by name
no_browser  # autouse pytest fixture
windows_end_with_their_test  # autouse pytest fixture
pytestmark  # pytest reads a module's marks by this name
hand_scanner  # pytest fixture used by name (usefixtures)
# The project map's fields reach --dump-map's JSON through dataclasses.asdict, not by attribute.
_.provenance
_.accepts_any_kwargs
_.schema_version
_.CONFIRMED
_.RUNNING_ONLY
DIAGNOSTIC_KINDS  # the documented vocabulary of Diagnostic.kind (tests hold the scanner to it)
use_test_python  # pytest fixture used by name (usefixtures)
_.attributeKeys  # QAccessible interfaces: Qt calls these by name
_.keyBindingsForAction
_.relations
_.childAt
_.indexOfChild
_.interface_cast
_.focusNextPrevChild  # QWidget focus hook
a11y_events  # pytest fixture used by name
_.make_interface  # asked for by name by reader.ui.common.accessible's factory
_.make_viewport_interface
