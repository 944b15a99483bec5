"""Reading a project's Python without running it: files, modules, names and where they lead.

:class:`Workspace` turns dotted module names into parsed modules under the project root (cached,
each file read once, only regular files of at most :data:`MAX_SOURCE_BYTES`), and follows a name
through the module's imports (relative, aliased, ``import *``) to the ``def``/``class``/assignment
that binds it, or to a dotted name outside the project. Problems become :class:`Diagnostic`\\ s in
:attr:`Workspace.diagnostics`; nothing here raises on a bad file.
"""

from __future__ import annotations

import ast
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.project.locate import is_regular_file, read_regular_bytes
from reader.core.project.model import Diagnostic, Origin, SourceRef

if TYPE_CHECKING:
    from pathlib import Path

logger = logging.getLogger(__name__)

MAX_SOURCE_BYTES = 1024 * 1024  # a hand-written module larger than 1 MiB is generated; skip it
MAX_MODULES = 3000
MAX_DEPTH = 40  # name-following hops before giving up (cycles are also caught directly)

TOPIC_URLS = "request-flow/url-dispatcher"
TOPIC_VIEWS = "request-flow/views"
TOPIC_TEMPLATES = "request-flow/templates"
TOPIC_MIDDLEWARE = "request-flow/middleware"
TOPIC_SETTINGS = "foundations/settings"
TOPIC_ADMIN = "data/admin"
TOPIC_APPS = "foundations/projects-and-apps"

DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


@dataclass
class Module:
    """One parsed module: ``name`` dotted, ``rel`` its file relative to the root (POSIX).

    ``bindings`` maps each top-level name to the node that binds it last: a ``def``/``class``, the
    value expression of an assignment, or an ``ast.alias`` import (with ``imported`` its dotted
    target). ``star`` lists the dotted modules it imports ``*`` from.
    """

    name: str
    path: Path
    rel: str
    tree: ast.Module
    is_package: bool
    bindings: dict[str, ast.AST] = field(default_factory=dict)
    imported: dict[str, str] = field(default_factory=dict)
    star: list[str] = field(default_factory=list)

    def ref(self, node: ast.AST | None) -> SourceRef:
        """The source reference of ``node`` in this module (line 1 without a node)."""
        return SourceRef(self.rel, getattr(node, "lineno", 1) or 1)


@dataclass(frozen=True)
class Found:
    """Where a name leads: a module, a ``def``/``class``, an assigned expression, or outside.

    Exactly one of ``node``/``value`` is set for a binding in ``module``; a whole module has
    neither; ``external`` is the dotted name when the name leads outside the project.
    """

    module: Module | None = None
    node: DefNode | None = None
    value: ast.expr | None = None
    external: str = ""

    @property
    def dotted(self) -> str:
        """The dotted path of what was found (``polls.views.detail``, ``django.urls.path``)."""
        if self.external:
            return self.external
        assert self.module is not None
        if self.node is not None:
            return f"{self.module.name}.{self.node.name}"
        return self.module.name


def origin_of(dotted: str) -> Origin:
    """``django`` for Django's own modules, else ``third-party`` (for names outside the project)."""
    return Origin.DJANGO if dotted == "django" or dotted.startswith("django.") else Origin.THIRD_PARTY


class Workspace:
    """The project's modules, parsed on demand; ``root`` is the folder holding ``manage.py``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root_text = str(root).rstrip(os.sep) + os.sep
        self.paths = [root] + [root / name for name in ("src", "apps") if (root / name).is_dir()]
        self.diagnostics: list[Diagnostic] = []
        self._modules: dict[str, Module | None] = {}
        self._reported: set[str] = set()
        self._unreadable: set[str] = set()
        self._files: dict[str, tuple[Path, bool] | None] = {}

    def diagnose(self, kind: str, message: str, source: SourceRef | None, topic: str) -> None:
        """Record one diagnostic (the same message at the same place only once)."""
        key = f"{kind}|{message}|{source}"
        if key not in self._reported:
            self._reported.add(key)
            self.diagnostics.append(Diagnostic(kind, message, source, topic))

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, POSIX; absolute if it lies outside."""
        text, root = str(path), self._root_text
        if text.startswith(root):
            return text[len(root) :].replace(os.sep, "/")
        return path.as_posix()

    def module_file(self, dotted: str) -> tuple[Path, bool] | None:
        """The file of module ``dotted`` under the project (``(path, is_package)``), or ``None``.

        A module file that exists but is no regular file (a FIFO, a link loop) is ``None`` and
        an ``unreadable`` diagnostic.
        """
        if dotted in self._files:
            return self._files[dotted]
        self._files[dotted] = self._find_file(dotted)
        return self._files[dotted]

    def _find_file(self, dotted: str) -> tuple[Path, bool] | None:
        parts = dotted.split(".")
        if not all(part.isidentifier() for part in parts):
            return None
        for base in self.paths:
            folder = base.joinpath(*parts)
            for path, is_package in (
                (folder / "__init__.py", True),
                (folder.with_name(parts[-1] + ".py"), False),
            ):
                if is_regular_file(path):
                    return path, is_package
                if os.path.lexists(path):
                    rel = self.rel(path)
                    message = f"{rel}: not a regular readable file (a link loop, a FIFO?), not read"
                    self.diagnose("unreadable", message, SourceRef(rel, 1), TOPIC_APPS)
                    self._unreadable.add(dotted)
        return None

    def is_project_module(self, dotted: str) -> bool:
        """True if ``dotted`` (or a parent package of it) is a module file in the project."""
        parts = dotted.split(".")
        return any(
            self.module_file(name) or name in self._unreadable
            for name in (".".join(parts[:end]) for end in range(len(parts), 0, -1))
        )

    def module(self, dotted: str) -> Module | None:
        """The parsed module ``dotted``, or ``None`` if it is not in the project or cannot be read."""
        if dotted in self._modules:
            return self._modules[dotted]
        self._modules[dotted] = None  # also breaks import cycles while this one is being read
        found = self.module_file(dotted)
        if found is None or len(self._modules) > MAX_MODULES:
            return None
        path, is_package = found
        tree = self.parse(path)
        if tree is None:
            self._unreadable.add(dotted)
            return None
        module = Module(dotted, path, self.rel(path), tree, is_package)
        _bind(module, tree.body)
        self._modules[dotted] = module
        return module

    def parse(self, path: Path) -> ast.Module | None:
        """Parse ``path``; an unreadable, huge, non-UTF-8 or invalid file becomes a diagnostic."""
        rel = self.rel(path)
        data = read_regular_bytes(path, MAX_SOURCE_BYTES)
        if data is None:
            size = _size(path)
            reason = (
                f"larger than {MAX_SOURCE_BYTES // 1024} KiB ({size // 1024} KiB), not read"
                if size > MAX_SOURCE_BYTES
                else "not a regular readable file"
            )
            self.diagnose("unreadable", f"{rel}: {reason}", SourceRef(rel, 1), TOPIC_APPS)
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            message = f"{rel}: not UTF-8 (byte {error.start}); Python would refuse to import it"
            self.diagnose("unreadable", message, SourceRef(rel, line), TOPIC_APPS)
            return None
        try:
            return ast.parse(text, filename=rel)
        except SyntaxError as error:
            line = error.lineno or 1
            version = f"{sys.version_info.major}.{sys.version_info.minor}"
            message = (
                f"{rel}:{line}: syntax error ({error.msg}) as Python {version} reads it; "
                "the rest of the map is still read"
            )
            self.diagnose("unreadable", message, SourceRef(rel, line), TOPIC_APPS)
        except (ValueError, RecursionError, MemoryError) as error:
            self.diagnose("unreadable", f"{rel}: cannot be parsed ({error})", SourceRef(rel, 1), TOPIC_APPS)
        return None

    def lookup(self, module: Module, name: str, depth: int = 0) -> Found | None:
        """Follow ``name`` bound at the top of ``module`` to what it is; ``None`` if unbound."""
        if depth > MAX_DEPTH:
            return None
        binding = module.bindings.get(name)
        if binding is None:
            for star in module.star:
                target = self.module(star)
                if target is not None and target is not module:
                    found = self.lookup(target, name, depth + 1)
                    if found is not None:
                        return found
            if module.is_package and self.module_file(f"{module.name}.{name}"):
                return self.resolve_dotted(f"{module.name}.{name}", depth + 1)
            return None
        if isinstance(binding, DefNode):
            return Found(module=module, node=binding)
        if isinstance(binding, ast.alias):
            return self.resolve_dotted(module.imported[name], depth + 1)
        assert isinstance(binding, ast.expr)
        return Found(module=module, value=binding)

    def resolve_dotted(self, dotted: str, depth: int = 0) -> Found | None:
        """What ``dotted`` (``polls.views.detail`` or ``polls.views``) is, inside or outside the project.

        ``None`` when it lies in a project module that could not be read (already diagnosed).
        """
        if depth <= MAX_DEPTH:
            module = self.module(dotted)
            if module is not None:
                return Found(module=module)
            if dotted in self._unreadable:
                return None
            head, _, attr = dotted.rpartition(".")
            parent = self.module(head) if head else None
            if parent is not None:
                found = self.lookup(parent, attr, depth + 1)
                if found is not None or f"{head}.{attr}" in self._unreadable:
                    return found
            if head in self._unreadable:
                return None
        return Found(external=dotted)

    def resolve(self, module: Module, node: ast.expr, depth: int = 0) -> Found | None:
        """What the expression ``node`` (a name or ``a.b.c``) in ``module`` refers to, if it can tell."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, ast.Name):
            return self.lookup(module, node.id, depth + 1)
        if isinstance(node, ast.Attribute):
            base = self.resolve(module, node.value, depth + 1)
            if base is None:
                return None
            if base.external:
                return Found(external=f"{base.external}.{node.attr}")
            if base.node is None and base.value is None and base.module is not None:
                found = self.lookup(base.module, node.attr, depth + 1)
                if found is None and base.module.is_package:
                    return self.resolve_dotted(f"{base.module.name}.{node.attr}", depth + 1)
                return found
        return None


def _bind(module: Module, body: list[ast.stmt]) -> None:
    for statement in body:
        if isinstance(statement, DefNode):
            module.bindings[statement.name] = statement
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    module.bindings[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            if isinstance(statement.target, ast.Name):
                module.bindings[statement.target.id] = statement.value
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                local = alias.asname or alias.name.split(".")[0]
                module.bindings[local] = alias
                module.imported[local] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(statement, ast.ImportFrom):
            _bind_from(module, statement)
        elif isinstance(statement, ast.If | ast.Try | ast.With):
            for part in _blocks(statement):
                _bind(module, part)


def _bind_from(module: Module, statement: ast.ImportFrom) -> None:
    parts = module.name.split(".")
    if statement.level:
        keep = len(parts) - statement.level + (1 if module.is_package else 0)
        base = ".".join(parts[: max(keep, 0)] + ([statement.module] if statement.module else []))
    else:
        base = statement.module or ""
    for alias in statement.names:
        if alias.name == "*":
            module.star.append(base)
            continue
        local = alias.asname or alias.name
        module.bindings[local] = alias
        module.imported[local] = f"{base}.{alias.name}" if base else alias.name


def _blocks(statement: ast.If | ast.Try | ast.With) -> list[list[ast.stmt]]:
    if isinstance(statement, ast.If):
        return [statement.body, statement.orelse]
    if isinstance(statement, ast.With):
        return [statement.body]
    return [statement.body, *(handler.body for handler in statement.handlers), statement.orelse]


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def unparse(node: ast.AST, limit: int = 80) -> str:
    """``node`` as source text, shortened to ``limit`` characters."""
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError, AttributeError):
        text = "…"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
