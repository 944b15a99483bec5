"""Find a Django project from a folder: its ``manage.py`` and its settings module, nothing run.

:func:`locate_project` looks for ``manage.py`` in the folder and up to two levels below it, then
reads the settings module's dotted name from, in order: ``manage.py``'s
``os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)``, ``pyproject.toml``'s
``[tool.pytest.ini_options] DJANGO_SETTINGS_MODULE``, ``pytest.ini``, ``setup.cfg`` or ``tox.ini``
(``[pytest]``/``[tool:pytest]``), and last a ``settings.py`` (or ``settings/`` package) beside a
``urls.py`` in a package next to ``manage.py``. Only regular files are read, each at most
:data:`MAX_CONFIG_BYTES`.
"""

from __future__ import annotations

import ast
import configparser
import logging
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_CONFIG_BYTES = 1024 * 1024
SEARCH_DEPTH = 2  # manage.py in the folder, a child or a grandchild
_SKIPPED_DIRS = frozenset({".git", ".hg", ".venv", "venv", "env", "node_modules", "__pycache__", ".tox"})


class ProjectNotFound(Exception):
    """The folder is not a Django project; ``str(error)`` is a sentence to show the learner."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ProjectLocation:
    """Where a project lives.

    ``root`` is the absolute folder holding ``manage.py`` (the folder Django puts on ``sys.path``);
    ``manage_py`` its absolute path; ``settings_module`` the dotted settings module (``""`` when no
    source names one); ``settings_origin`` says where that name was read (``manage.py:9``,
    ``pyproject.toml``, ...), for the panel and ``--dump-map``.
    """

    root: Path
    manage_py: Path
    settings_module: str = ""
    settings_origin: str = ""


def read_text_file(path: Path, limit: int = MAX_CONFIG_BYTES) -> str | None:
    """The text of ``path`` if it is a regular file of at most ``limit`` bytes, else ``None``.

    Never opens a FIFO, device or socket; undecodable bytes are replaced (config files only).
    """
    data = read_regular_bytes(path, limit)
    return None if data is None else data.decode("utf-8", errors="replace")


def read_regular_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else ``None``."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            with os.fdopen(descriptor, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        finally:
            os.close(descriptor)
    except (OSError, ValueError):
        return None
    return None if len(data) > limit else data


def is_regular_file(path: Path) -> bool:
    """True if ``path`` is a regular file (not a FIFO, device, socket or folder); never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _find_manage_py(folder: Path) -> Path | None:
    level = [folder]
    for _depth in range(SEARCH_DEPTH + 1):
        found = sorted(path / "manage.py" for path in level if is_regular_file(path / "manage.py"))
        if found:
            return found[0]
        next_level: list[Path] = []
        for path in level:
            try:
                children = sorted(os.scandir(path), key=lambda entry: entry.name)
            except OSError:
                continue
            next_level.extend(
                Path(entry.path)
                for entry in children
                if entry.name not in _SKIPPED_DIRS and not entry.name.startswith(".") and _entry_is_dir(entry)
            )
        level = next_level[:500]
    return None


def _entry_is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def settings_from_manage_py(source: str) -> tuple[str, int]:
    """The module named by ``os.environ.setdefault("DJANGO_SETTINGS_MODULE", "...")`` and its line.

    ``("", 0)`` when ``source`` names none or does not parse.
    """
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return "", 0
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"setdefault", "__setitem__"}
            and len(node.args) >= 2
            and _constant(node.args[0]) == "DJANGO_SETTINGS_MODULE"
            and isinstance(_constant(node.args[1]), str)
        ):
            return str(_constant(node.args[1])), node.lineno
        if isinstance(node, ast.Assign) and _constant(node.value) is not None:
            target = node.targets[0]
            if isinstance(target, ast.Subscript) and _constant(target.slice) == "DJANGO_SETTINGS_MODULE":
                return str(_constant(node.value)), node.lineno
    return "", 0


def _constant(node: ast.expr) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _settings_from_config(root: Path) -> tuple[str, str]:
    for folder in (root, root.parent):
        text = read_text_file(folder / "pyproject.toml")
        if text is not None:
            try:
                options = tomllib.loads(text).get("tool", {}).get("pytest", {}).get("ini_options", {})
            except tomllib.TOMLDecodeError:
                options = {}
            value = options.get("DJANGO_SETTINGS_MODULE") if isinstance(options, dict) else None
            if isinstance(value, str) and value:
                return value, "pyproject.toml"
        for name, sections in (
            ("pytest.ini", ("pytest",)),
            ("setup.cfg", ("tool:pytest",)),
            ("tox.ini", ("pytest",)),
        ):
            text = read_text_file(folder / name)
            if text is None:
                continue
            parser = configparser.ConfigParser(interpolation=None)
            try:
                parser.read_string(text)
            except configparser.Error:
                continue
            for section in sections:
                value = parser.get(section, "DJANGO_SETTINGS_MODULE", fallback="").strip()
                if value:
                    return value, name
    return "", ""


def _settings_by_layout(root: Path) -> str:
    try:
        children = sorted(entry.name for entry in os.scandir(root) if _entry_is_dir(entry))
    except OSError:
        return ""
    for name in children:
        package = root / name
        if not is_regular_file(package / "urls.py"):
            continue
        if is_regular_file(package / "settings.py") or is_regular_file(package / "settings" / "__init__.py"):
            return f"{name}.settings"
    return ""


def locate_project(path: Path | str) -> ProjectLocation:
    """Find the Django project at or below ``path`` (``manage.py`` up to two levels down).

    Raises :class:`ProjectNotFound` with a sentence for the learner when ``path`` is not a folder
    or holds no ``manage.py``. A project whose settings module cannot be found is still returned,
    with ``settings_module=""`` (the scan then reports it as a ``settings`` diagnostic).
    """
    folder = Path(path).expanduser()
    try:
        folder = folder.resolve()
    except (OSError, RuntimeError):
        raise ProjectNotFound(f"{path} cannot be read (a broken or looping link?).") from None
    if not folder.is_dir():
        if folder.name == "manage.py" and is_regular_file(folder):
            folder = folder.parent
        else:
            raise ProjectNotFound(f"{folder} is not a folder, so it cannot be a Django project.")
    manage_py = _find_manage_py(folder)
    if manage_py is None:
        raise ProjectNotFound(
            f"{folder} is not a Django project: no manage.py in it or up to {SEARCH_DEPTH} folders "
            "below it. Open the folder that holds manage.py (the one `django-admin startproject` made)."
        )
    root = manage_py.parent
    source = read_text_file(manage_py) or ""
    module, line = settings_from_manage_py(source)
    if module:
        origin = f"manage.py:{line}"
    else:
        module, origin = _settings_from_config(root)
    if not module:
        module = _settings_by_layout(root)
        origin = "a settings module beside urls.py" if module else ""
    logger.debug("project at %s, settings %s (%s)", root, module or "?", origin or "not found")
    return ProjectLocation(root=root, manage_py=manage_py, settings_module=module, settings_origin=origin)
