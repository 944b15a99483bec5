"""Read a settings module's values from source: a small evaluator of literal Python, nothing run.

:func:`read_settings` walks the settings module's top-level statements in order, as Python would,
keeping what it can know: literals, lists and dicts, ``+``/``+=``/``.append``/``.extend``/``.insert``,
``from .base import *`` (split settings, followed into the other module), ``try: from .local
import * except ImportError: ...``, ``BASE_DIR = Path(__file__).resolve().parent.parent`` and the
``os.path`` forms, ``BASE_DIR / "templates"``, ``os.path.join(BASE_DIR, "templates")``, and
``os.environ.get(name, default)``-style calls (their default). Anything else becomes an
:class:`Unknown` holding the expression's text, so the map can show ``{expr}``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.project.workspace import TOPIC_SETTINGS, Module, Workspace, unparse

if TYPE_CHECKING:
    from reader.core.project.model import SourceRef

MAX_STATEMENTS = 20_000


@dataclass(frozen=True)
class Unknown:
    """A value the reader cannot know without running the code; ``text`` is the expression."""

    text: str


@dataclass(frozen=True)
class PathValue:
    """A filesystem path computed in settings (``BASE_DIR / "templates"``)."""

    path: Path


@dataclass
class Settings:
    """The settings read: ``values`` by name, ``where`` each was last assigned, ``modules`` read."""

    values: dict[str, object] = field(default_factory=dict)
    where: dict[str, SourceRef] = field(default_factory=dict)
    modules: list[str] = field(default_factory=list)

    def get(self, name: str, default: object = None) -> object:
        """The value of setting ``name`` (``default`` when it was never assigned)."""
        return self.values.get(name, default)


class _Evaluator:
    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        self.workspace = workspace
        self.settings = settings
        self.stack: list[str] = []
        self.statements = 0
        self.namespaces: dict[str, dict[str, object]] = {}  # each module run once, as Python does

    def namespace_of(self, module: Module, listed: bool = True) -> dict[str, object]:
        """The names ``module`` defines, running it once; ``listed``: a settings file in the map."""
        if module.name not in self.namespaces:
            self.namespaces[module.name] = {}
            self.run_module(module, self.namespaces[module.name], listed)
        elif listed and module.name not in self.settings.modules:
            self.settings.modules.append(module.name)
        return self.namespaces[module.name]

    def run_module(self, module: Module, namespace: dict[str, object], listed: bool = True) -> None:
        self.stack.append(module.name)
        if listed:
            self.settings.modules.append(module.name)
        namespace.setdefault("__file__", PathValue(module.path))
        self.run(module, module.tree.body, namespace)
        self.stack.pop()

    def run(self, module: Module, body: list[ast.stmt], ns: dict[str, object]) -> bool:
        """Run ``body``; False if a star import in it named a module that is not there."""
        complete = True
        for statement in body:
            self.statements += 1
            if self.statements > MAX_STATEMENTS:
                return complete
            if isinstance(statement, ast.ImportFrom) and any(a.name == "*" for a in statement.names):
                complete = self.star_import(module, statement, ns) and complete
            elif isinstance(statement, ast.Assign):
                value = self.value(statement.value, ns)
                for target in statement.targets:
                    self.assign(module, target, value, ns, statement)
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                self.assign(module, statement.target, self.value(statement.value, ns), ns, statement)
            elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
                current = ns.get(statement.target.id, Unknown(statement.target.id))
                operand = self.value(statement.value, ns)
                if (
                    isinstance(current, list)
                    and isinstance(statement.op, ast.Add)
                    and isinstance(operand, list | tuple)
                ):
                    current.extend(operand)  # list += ... changes the list in place, as Python does
                    new: object = current
                else:
                    new = _binop(statement.op, current, operand)
                self.assign(module, statement.target, new, ns, statement)
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                self.mutate(statement.value, ns)
            elif isinstance(statement, ast.If):
                test = self.value(statement.test, ns)
                branch = statement.orelse if test is not None and _falsy(test) else statement.body
                complete = self.run(module, branch, ns) and complete
            elif isinstance(statement, ast.Try):
                if not self.run(module, statement.body, ns):
                    for handler in statement.handlers:
                        self.run(module, handler.body, ns)
                else:
                    self.run(module, statement.orelse, ns)
                self.run(module, statement.finalbody, ns)
            elif isinstance(statement, ast.With):
                complete = self.run(module, statement.body, ns) and complete
            elif isinstance(statement, ast.ImportFrom):
                self.import_names(module, statement, ns)
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    ns[alias.asname or alias.name.split(".")[0]] = Unknown(alias.name)
        return complete

    def import_names(self, module: Module, statement: ast.ImportFrom, ns: dict[str, object]) -> None:
        source_name = _star_target(module, statement)
        # Names imported from the settings' own package (`from .base import BASE_DIR`, a config
        # package's env module) are read; other modules stay unknown: they are not settings.
        package = self.stack[0].split(".")[0] if self.stack else ""
        inside = source_name.split(".")[0] == package and source_name not in self.stack
        source = self.workspace.module(source_name) if inside else None
        names = self.namespace_of(source, listed=False) if source is not None else {}
        for alias in statement.names:
            ns[alias.asname or alias.name] = names.get(alias.name, Unknown(f"{source_name}.{alias.name}"))

    def star_import(self, module: Module, statement: ast.ImportFrom, ns: dict[str, object]) -> bool:
        target_name = _star_target(module, statement)
        if target_name in self.stack:
            message = f"{module.rel}: `from {target_name} import *` imports a module already being read"
            self.workspace.diagnose("settings", message, module.ref(statement), TOPIC_SETTINGS)
            return True
        target = self.workspace.module(target_name)
        if target is None:
            return False
        inner = self.namespace_of(target)
        for name, value in inner.items():
            if not name.startswith("_"):
                ns[name] = value
                if name.isupper() and name not in self.settings.where:
                    self.settings.where[name] = target.ref(target.tree)
        return True

    def assign(
        self, module: Module, target: ast.expr, value: object, ns: dict[str, object], where: ast.stmt
    ) -> None:
        if isinstance(target, ast.Name):
            ns[target.id] = value
            if target.id.isupper():
                self.settings.where[target.id] = module.ref(where)
        elif isinstance(target, ast.Subscript):
            container = self.value(target.value, ns)
            key = self.value(target.slice, ns)
            if isinstance(container, dict) and isinstance(key, str):
                container[key] = value
            elif isinstance(container, list) and isinstance(key, int):
                _set_index(container, key, value)

    def mutate(self, call: ast.Call, ns: dict[str, object]) -> None:
        func = call.func
        if not isinstance(func, ast.Attribute):
            return
        container = self.value(func.value, ns)
        args = [self.value(arg, ns) for arg in call.args]
        if not isinstance(container, list):
            return
        if func.attr == "append" and len(args) == 1:
            container.append(args[0])
        elif func.attr == "extend" and len(args) == 1 and isinstance(args[0], list | tuple):
            container.extend(args[0])
        elif func.attr == "insert" and len(args) == 2 and isinstance(args[0], int):
            container.insert(args[0], args[1])
        elif func.attr == "remove" and len(args) == 1 and args[0] in container:
            container.remove(args[0])

    def value(self, node: ast.expr, ns: dict[str, object]) -> object:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            items: list[object] = []
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    inner = self.value(element.value, ns)
                    items.extend(inner if isinstance(inner, list | tuple) else [inner])
                else:
                    items.append(self.value(element, ns))
            return tuple(items) if isinstance(node, ast.Tuple) else items
        if isinstance(node, ast.Dict):
            result: dict[str, object] = {}
            for key, item in zip(node.keys, node.values, strict=True):
                key_value = self.value(key, ns) if key is not None else None
                if isinstance(key_value, str):
                    result[key_value] = self.value(item, ns)
            return result
        if isinstance(node, ast.Name):
            return ns.get(node.id, Unknown(node.id))
        if isinstance(node, ast.BinOp):
            return _binop(node.op, self.value(node.left, ns), self.value(node.right, ns), unparse(node))
        if isinstance(node, ast.JoinedStr):
            parts = [self.value(part, ns) for part in node.values]
            if all(isinstance(part, str) for part in parts):
                return "".join(str(part) for part in parts)
            return Unknown(unparse(node))
        if isinstance(node, ast.FormattedValue):
            inner = self.value(node.value, ns)
            return inner if isinstance(inner, str) else Unknown(unparse(node))
        if isinstance(node, ast.Attribute):
            return self.attribute(node, ns)
        if isinstance(node, ast.Call):
            return self.call(node, ns)
        if isinstance(node, ast.Subscript):
            container = self.value(node.value, ns)
            index = self.value(node.slice, ns)
            if isinstance(container, PathValue) and isinstance(index, int):  # Path(...).parents[1]
                parents = container.path.parents
                return PathValue(parents[max(0, min(index, len(parents) - 1))])
            if isinstance(container, dict) and isinstance(index, str) and index in container:
                return container[index]
            if (
                isinstance(container, list | tuple)
                and isinstance(index, int)
                and -len(container) <= index < len(container)
            ):
                return container[index]
            return Unknown(unparse(node))
        return Unknown(unparse(node))

    def attribute(self, node: ast.Attribute, ns: dict[str, object]) -> object:
        base = self.value(node.value, ns)
        if isinstance(base, PathValue):
            if node.attr == "parent":
                return PathValue(base.path.parent)
            if node.attr == "parents":
                return base
        return Unknown(unparse(node))

    def call(self, node: ast.Call, ns: dict[str, object]) -> object:
        name = unparse(node.func)
        args = [self.value(arg, ns) for arg in node.args]
        if isinstance(node.func, ast.Name | ast.Attribute):
            called = self.value(node.func, ns)
            if isinstance(called, PathValue):  # django-environ: root("templates")
                return _join(called, args, unparse(node))
        if name in {"Path", "pathlib.Path", "PurePath", "str", "os.fspath", "environ.Path"} and args:
            first = args[0]
            if isinstance(first, PathValue):
                return first
            if isinstance(first, str) and name != "str" and Path(first).is_absolute():
                return PathValue(Path(first))
            return first if name == "str" else Unknown(unparse(node))
        if isinstance(node.func, ast.Attribute):
            base = self.value(node.func.value, ns)
            if isinstance(base, PathValue) and node.func.attr in {"resolve", "absolute", "expanduser"}:
                return base
            if isinstance(base, PathValue) and node.func.attr in {"joinpath", "path"}:
                return _join(base, args, unparse(node))
        if name in {"os.path.join", "path.join", "join"} and args and isinstance(args[0], PathValue):
            return _join(args[0], args[1:], unparse(node))
        if name in {"os.path.dirname", "dirname"} and len(args) == 1 and isinstance(args[0], PathValue):
            return PathValue(args[0].path.parent)
        if name.endswith(("abspath", "realpath", "normpath")) and len(args) == 1:
            return args[0] if isinstance(args[0], PathValue) else Unknown(unparse(node))
        for keyword in node.keywords:
            if keyword.arg == "default":
                return self.value(keyword.value, ns)
        if name.endswith(("environ.get", "getenv")) and len(args) >= 2:
            return args[1]
        return Unknown(unparse(node))


def _star_target(module: Module, statement: ast.ImportFrom) -> str:
    if not statement.level:
        return statement.module or ""
    parts = module.name.split(".")
    keep = len(parts) - statement.level + (1 if module.is_package else 0)
    return ".".join(parts[: max(keep, 0)] + ([statement.module] if statement.module else []))


def _set_index(container: list[object], index: int, value: object) -> None:
    if -len(container) <= index < len(container):
        container[index] = value


def _join(base: PathValue, parts: list[object], text: str) -> object:
    path = base.path
    for part in parts:
        if isinstance(part, PathValue):
            path = part.path
        elif isinstance(part, str):
            path = path / part
        else:
            return Unknown(text)
    return PathValue(path)


def _binop(op: ast.operator, left: object, right: object, text: str = "") -> object:
    if isinstance(op, ast.Sub) and isinstance(left, PathValue) and isinstance(right, int) and right >= 0:
        parents = left.path.parents  # django-environ: environ.Path(__file__) - 2
        return PathValue(parents[min(right - 1, len(parents) - 1)]) if right else left
    if isinstance(op, ast.Div) and isinstance(left, PathValue) and isinstance(right, str | PathValue):
        return _join(left, [right], text)
    if isinstance(op, ast.Add):
        if isinstance(left, list) and isinstance(right, list | tuple):
            return [*left, *right]
        if isinstance(left, tuple) and isinstance(right, list | tuple):
            return (*left, *right)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
        if isinstance(left, PathValue) and isinstance(right, str):
            return PathValue(Path(str(left.path) + right))
    return Unknown(text or "…")


def _falsy(value: object) -> bool:
    return not isinstance(value, Unknown | PathValue) and not value


def read_settings(workspace: Workspace, dotted: str) -> Settings:
    """The settings of module ``dotted`` (a ``settings`` diagnostic if it cannot be found or read)."""
    settings = Settings()
    if not dotted:
        workspace.diagnose(
            "settings",
            "No settings module found: manage.py sets no DJANGO_SETTINGS_MODULE and no pytest "
            "configuration names one, so ROOT_URLCONF, INSTALLED_APPS and MIDDLEWARE are unknown.",
            None,
            TOPIC_SETTINGS,
        )
        return settings
    module = workspace.module(dotted)
    if module is None:
        workspace.diagnose(
            "settings",
            f"The settings module {dotted} is not a readable file under the project"
            + (" (see the unreadable-file note)" if workspace.module_file(dotted) else ""),
            None,
            TOPIC_SETTINGS,
        )
        return settings
    namespace: dict[str, object] = {}
    _Evaluator(workspace, settings).run_module(module, namespace)
    settings.values = {name: value for name, value in namespace.items() if name.isupper()}
    return settings
