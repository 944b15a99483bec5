"""The environment variables a project's settings read without a default, found with :mod:`ast`.

The first thing that stops a real project from loading is a missing variable; the environment
editor is pre-filled with these names. Recognised reads: ``os.environ["X"]``,
``os.environ.get("X")`` and ``os.getenv("X")`` without a default, and django-environ / environs
style ``env("X")``, ``env.str("X")``, ``env.bool("X")`` … without ``default=``.
"""

from __future__ import annotations

import ast
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

MAX_SETTINGS_BYTES = 2 * 1024 * 1024
_ENV_CALLERS = frozenset({"env", "environ", "config"})


def settings_files(root: Path, settings_module: str) -> list[Path]:
    """The settings module's file, or every ``.py`` file of a settings package, under ``root``."""
    if not settings_module:
        return []
    base = root.joinpath(*settings_module.split("."))
    if base.with_suffix(".py").is_file():
        files = [base.with_suffix(".py")]
        return files + sorted(p for p in base.parent.glob("*.py") if p not in files and p.stem != "__init__")
    if (base / "__init__.py").is_file():
        return sorted(base.glob("*.py"))
    return []


def env_names(root: Path, settings_module: str) -> list[str]:
    """Names the settings read without a default, in the order first seen (no duplicates)."""
    from reader.core.project.locate import read_regular_bytes  # locate imports tomllib: not at first frame

    names: dict[str, None] = {}
    for path in settings_files(root, settings_module):
        data = read_regular_bytes(path, MAX_SETTINGS_BYTES)
        if data is None:
            continue
        try:
            tree = ast.parse(data, filename=str(path))
        except (SyntaxError, ValueError) as error:
            logger.info("cannot read %s for environment names: %s", path, error)
            continue
        for node in ast.walk(tree):
            name = _required_name(node)
            if name:
                names.setdefault(name, None)
    return list(names)


def _literal(node: ast.AST) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def _required_name(node: ast.AST) -> str:
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        return _literal(node.slice)
    if not isinstance(node, ast.Call) or not node.args:
        return ""
    has_default = len(node.args) > 1 or any(keyword.arg == "default" for keyword in node.keywords)
    if has_default:
        return ""
    function = node.func
    if isinstance(function, ast.Attribute) and function.attr == "get" and _is_environ(function.value):
        return _literal(node.args[0])
    if isinstance(function, ast.Attribute) and function.attr == "getenv":
        return _literal(node.args[0])
    if isinstance(function, ast.Name) and function.id in _ENV_CALLERS:
        return _literal(node.args[0])
    if (
        isinstance(function, ast.Attribute)
        and isinstance(function.value, ast.Name)
        and function.value.id in _ENV_CALLERS
        and function.attr not in {"get", "read_env"}
    ):
        return _literal(node.args[0])
    return ""
