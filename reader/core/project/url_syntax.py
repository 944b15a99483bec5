"""The small syntax of URLconfs: route text, captured parameters, and the call shapes walked.

Pure helpers shared by the URLconf walker (:mod:`reader.core.project.urlconf`) and the URL
checks (:mod:`reader.core.project.checks`): joining an include's prefix with a route,
reading the parameters a route captures, and recognising ``path()``-like calls by their shape.
"""

from __future__ import annotations

import ast
import re
import warnings
from typing import TYPE_CHECKING

from reader.core.project.workspace import unparse

if TYPE_CHECKING:
    from reader.core.project.workspace import Module, Workspace

LANGUAGE_PREFIX = "{language}/"  # what i18n_patterns() puts before its routes
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")  # Django's own pattern
NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
PAGE_TREE_URLCONFS = {  # CMSs whose URLconf hands every remaining path to a page tree in the database
    "wagtail.urls": "Wagtail",
    "wagtail.core.urls": "Wagtail",
    "cms.urls": "django CMS",
    "mezzanine.urls": "Mezzanine",
}


def join_route(prefix: str, route: str, regex: bool) -> str:
    """``route`` after an include's ``prefix`` (a regex loses its ``^``, the prefix its ``$``)."""
    if not prefix:
        return route
    if regex:
        return prefix.rstrip("$") + route.removeprefix("^")
    return prefix + route


def compile_project_regex(text: str) -> re.Pattern[str] | None:
    """``text``, a regular expression from the project's code, compiled; ``None`` if Python refuses
    it. Python's warnings about it ("possible nested set") are the project's, not ours: silenced."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return re.compile(text)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def captures(route: str, regex: bool) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """``(converters as "conv:name", captured names, unnamed regex groups)`` of one route."""
    if not regex:
        matches = list(PARAMETER.finditer(route))
        converters = tuple(f"{m['converter'] or 'str'}:{m['parameter']}" for m in matches)
        return converters, tuple(m["parameter"] for m in matches), 0
    names = tuple(NAMED_GROUP.findall(route))
    positional = 0
    if not names:
        compiled = compile_project_regex(route)
        positional = compiled.groups if compiled is not None else 0
    return tuple(f"regex:{name}" for name in names), names, positional


def callee(call: ast.Call) -> str:
    """The called name's last part (``path`` for ``urls.path(...)``), or ``""``."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def argument(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    """The argument given as ``keyword=`` or at position ``index``, or ``None``."""
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    positional = [arg for arg in call.args if not isinstance(arg, ast.Starred)]
    return positional[index] if index < len(positional) else None


def dict_keys(node: ast.expr | None) -> tuple[str, ...]:
    """The literal string keys of a dict display (``path()``'s extra kwargs)."""
    if isinstance(node, ast.Dict):
        return tuple(
            key.value for key in node.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)
        )
    return ()


def targets_name(targets: list[ast.expr], name: str) -> bool:
    """True if one of the assignment ``targets`` is the plain name ``name``."""
    return any(isinstance(target, ast.Name) and target.id == name for target in targets)


def is_method_call(node: ast.expr, name: str) -> bool:
    """True for ``name.method(...)``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
    )


def mentions(statement: ast.AST, name: str) -> bool:
    """True if ``name`` appears anywhere in ``statement``."""
    return any(isinstance(node, ast.Name) and node.id == name for node in ast.walk(statement))


def module_app_name(module: Module) -> str:
    """The module's literal ``app_name``, or ``""``."""
    value = module.bindings.get("app_name")
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else ""


def route_text(workspace: Workspace, module: Module, node: ast.expr) -> str:
    """The literal text of a route (``{expr}`` for each part that is not a literal)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            route_text(workspace, module, part.value if isinstance(part, ast.FormattedValue) else part)
            if isinstance(part, ast.Constant | ast.FormattedValue)
            else "{" + unparse(part) + "}"
            for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return route_text(workspace, module, node.left) + route_text(workspace, module, node.right)
    if isinstance(node, ast.Name):
        found = workspace.resolve(module, node)
        value = found.value if found is not None else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return "{" + unparse(node) + "}"
