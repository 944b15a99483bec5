"""Start-up rules: every trick that gets the first frame painted sooner, in one place.

``tests/integration/test_startup.py`` guards them; ``make bench`` measures them against a plain
PySide6 window showing the same widgets.

1. **No PySide ``__feature__`` import hook** (:func:`skip_pyside_feature_import_hook`): PySide wraps
   ``__import__`` to read the source of every later import (~10 ms); the app never uses the feature.
2. **No cyclic garbage collection until the first frame** (:func:`pause_garbage_collection`,
   :func:`resume_garbage_collection`): start-up makes long-lived objects, not garbage; afterwards they
   are frozen so later collections skip them. A timer resumes collection if no frame comes.
3. **Fusion chosen on Qt's command line** (:func:`with_fusion_style`), not with ``setStyle()``, which
   would wrap a ``QStyle`` for Python (~4 ms); the light and dark palettes are written out in
   ``reader.ui.common.theme`` rather than derived.
4. **First-frame modules import only what the first frame needs.** markdown, pygments, sqlite3 and
   tomllib are imported inside the functions that use them (rendering on a cache miss, search,
   ``diagram.toml``); the test starts the app and checks none is loaded at the first paint.
5. **Pages from the render cache** (``reader.core.render.cache``): the start topic is read from disk
   as HTML, not rendered; the topic tree of a large root comes from the trusted topic cache and is
   checked against the disk after the first frame.
6. **Panes the first frame does not show are built on first use** (``LazyPane``: search, bookmarks,
   the diagram unless the session shows it), and so are the find bar, link router and dialogs.
7. **Toolbar icons cached as PNG** (``reader.ui.common.icons``): no SVG module at start-up.
8. **Deferred work after the first paint** (``MainWindow.finish_startup``, FINISH_STARTUP_DELAY_MS
   after it, so ``--exit-after-paint`` skips it): window icon, bookmarks, render warm-up, the check
   of a cache-trusted root, and the rule that shows the diagram for its own topic (reads tomllib).
9. **The window is shown before its panes are built** (``reader.ui.window.first_frame``): it is
   mapped at its saved size and place with the theme's palette, painted once, and the panes and
   the modules behind them are built right after, so the window appears before most of start-up.
"""

from __future__ import annotations

import builtins
import gc

GC_RESUME_AT_LATEST_MS = 3000  # resume collection even if no frame is painted (started minimised)
FINISH_STARTUP_DELAY_MS = 150  # after the first paint, before the deferred start-up work


def pause_garbage_collection() -> None:
    """Stop the cyclic collector until :func:`resume_garbage_collection` (call first thing)."""
    gc.disable()


def skip_pyside_feature_import_hook() -> bool:
    """Take PySide's ``__feature__`` layer off ``__import__``; return whether it was removed.

    Importing PySide6 replaces ``builtins.__import__`` with a hook for its opt-in
    ``from __feature__ import snake_case`` syntax, and that hook reads the source of every module
    imported afterwards to see whether it mentions PySide6: about 10 ms of our start-up. This app
    never uses ``__feature__``, so the import PySide wrapped is put back (it keeps it as
    ``__orig_import__``). Nothing changes if a future PySide6 installs no such hook.
    """
    import PySide6.QtCore  # noqa: F401 - installs the hook if it has not been yet

    original = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if original is None or hook is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = original
    return True


def with_fusion_style(arguments: list[str]) -> list[str]:
    """Qt's command line with ``-style Fusion`` added unless a style was asked for."""
    if any(argument.lstrip("-").split("=")[0] == "style" for argument in arguments[1:]):
        return list(arguments)
    return [*arguments[:1], "-style", "Fusion", *arguments[1:]]


def resume_garbage_collection() -> None:
    """Turn the cyclic garbage collector back on after the first frame, start-up objects frozen.

    Start-up creates a few hundred thousand long-lived objects (modules, PySide's enum classes,
    the topics) and no garbage worth collecting, yet the collector ran about fifty times over
    them (5 ms; 13 ms with 10,000 topics). Frozen, they are also skipped by every later collection.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
