"""Installed apps, their models and the middleware chain, read from settings values and source.

:func:`read_apps` turns ``INSTALLED_APPS`` entries (``"polls"`` or ``"polls.apps.PollsConfig"``)
into :class:`App`\\ s with their label and folder; :func:`read_models` finds the model classes in
each project app's ``models`` module or package (``models.Model`` subclasses, subclasses of other
project models, abstract or not); :func:`read_middleware` places each ``MIDDLEWARE`` entry at its
``class``/``def`` line when the project defines it, or names it with its origin otherwise.
"""

from __future__ import annotations

import ast
import os

from reader.core.project.model import App, Middleware, Model, SourceRef
from reader.core.project.settings_reader import Settings, Unknown
from reader.core.project.workspace import (
    TOPIC_APPS,
    TOPIC_MIDDLEWARE,
    Module,
    Workspace,
    origin_of,
    unparse,
)

MIDDLEWARE_HOOKS = (
    "__call__",
    "process_request",
    "process_view",
    "process_template_response",
    "process_exception",
    "process_response",
)
FIELD_CALLS = ("Field", "ForeignKey", "ManyToManyField", "OneToOneField", "GenericRelation")
MAX_MODEL_MODULES = 200
NOT_MODELS = ("Manager", "QuerySet", "Mixin", "Serializer", "Admin")


def _entries(workspace: Workspace, settings: Settings, name: str) -> list[str]:
    value = settings.get(name)
    if value is None:
        return []
    where = settings.where.get(name)
    if not isinstance(value, list | tuple):
        workspace.diagnose("not-seen", f"{name} is computed at run time ({value})", where, TOPIC_APPS)
        return []
    entries = []
    for item in value:
        if isinstance(item, str):
            entries.append(item)
        else:
            text = item.text if isinstance(item, Unknown) else repr(item)
            workspace.diagnose(
                "not-seen", f"{name} has an entry computed at run time: {text}", where, TOPIC_APPS
            )
    return entries


def read_apps(workspace: Workspace, settings: Settings) -> list[App]:
    """``INSTALLED_APPS`` as :class:`App`\\ s, in order (``path`` is ``""`` for apps outside)."""
    apps = []
    for entry in _entries(workspace, settings, "INSTALLED_APPS"):
        module_name, label = entry, entry.rpartition(".")[2]
        found = workspace.resolve_dotted(entry)
        if found is not None and isinstance(found.node, ast.ClassDef):  # an AppConfig
            module_name = _class_string(found.node, "name") or entry.split(".apps.")[0]
            label = _class_string(found.node, "label") or module_name.rpartition(".")[2]
        elif ".apps." in entry:
            module_name = entry.split(".apps.")[0]
            label = module_name.rpartition(".")[2]
        located = workspace.module_file(module_name)
        path = ""
        if located is not None:
            file, is_package = located
            path = workspace.rel(file.parent if is_package else file)
        apps.append(App(module_name, label, path))
    return apps


def _class_string(node: ast.ClassDef, name: str) -> str:
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            return statement.value.value
    return ""


def _model_modules(workspace: Workspace, app: App) -> list[Module]:
    main = workspace.module(f"{app.id}.models")
    if main is None:
        return []
    modules = [main]
    if main.is_package:
        try:
            names = sorted(entry.name for entry in os.scandir(main.path.parent))
        except OSError:
            names = []
        for name in names[:MAX_MODEL_MODULES]:
            if name.endswith(".py") and name != "__init__.py" and name[:-3].isidentifier():
                sub = workspace.module(f"{app.id}.models.{name[:-3]}")
                if sub is not None:
                    modules.append(sub)
    return modules


class _ModelFinder:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.memo: dict[int, bool] = {}

    def is_model(self, module: Module, node: ast.ClassDef, depth: int = 0) -> bool:
        if id(node) in self.memo:
            return self.memo[id(node)]
        self.memo[id(node)] = False  # cycles in bases are not models
        result = depth < 30 and any(self._base_is_model(module, base, depth) for base in node.bases)
        self.memo[id(node)] = result
        return result

    def _base_is_model(self, module: Module, base: ast.expr, depth: int) -> bool:
        found = self.workspace.resolve(module, base) if isinstance(base, ast.Name | ast.Attribute) else None
        if found is None:
            return unparse(base).endswith("Model")
        if found.external:  # a base from another package: Django's, Wagtail's Page, TimeStampedModel...
            head, _, last = found.external.rpartition(".")
            if head in {"django.db.models", "django.db.models.base"}:
                return last == "Model"
            if last.endswith(NOT_MODELS) or not last[:1].isupper():
                return False
            if head.startswith("django.contrib.") and last.startswith("Abstract"):
                return True
            return head.rpartition(".")[2] == "models" or last.endswith("Model")
        if isinstance(found.node, ast.ClassDef) and found.module is not None:
            return self.is_model(found.module, found.node, depth + 1)
        return False


def read_models(workspace: Workspace, apps: list[App]) -> tuple[list[Model], dict[str, str]]:
    """The project apps' models, and a map from each model's dotted class path to its id."""
    finder = _ModelFinder(workspace)
    models: list[Model] = []
    index: dict[str, str] = {}
    for app in apps:
        if not app.path:
            continue
        for module in _model_modules(workspace, app):
            for node in module.tree.body:
                if not isinstance(node, ast.ClassDef) or not finder.is_model(module, node):
                    continue
                meta = next((n for n in node.body if isinstance(n, ast.ClassDef) and n.name == "Meta"), None)
                label = (_class_string(meta, "app_label") if meta else "") or app.label
                abstract = meta is not None and any(
                    isinstance(s, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "abstract" for t in s.targets)
                    and isinstance(s.value, ast.Constant)
                    and s.value.value is True
                    for s in meta.body
                )
                model_id = f"{label}.{node.name}"
                index[f"{module.name}.{node.name}"] = model_id
                models.append(
                    Model(
                        model_id,
                        module.ref(node),
                        fields=_fields(node),
                        bases=tuple(unparse(base, 60) for base in node.bases),
                        abstract=abstract,
                    )
                )
    return models, index


def _fields(node: ast.ClassDef) -> tuple[str, ...]:
    names: list[str] = []
    for statement in node.body:
        if not isinstance(statement, ast.Assign | ast.AnnAssign):
            continue
        value = statement.value
        if not isinstance(value, ast.Call) or not unparse(value.func).endswith(FIELD_CALLS):
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        names.extend(t.id for t in targets if isinstance(t, ast.Name))
    return tuple(names)


def read_middleware(workspace: Workspace, settings: Settings) -> list[Middleware]:
    """``MIDDLEWARE`` (or the old ``MIDDLEWARE_CLASSES``) in request order, 1-based."""
    name = "MIDDLEWARE" if settings.get("MIDDLEWARE") is not None else "MIDDLEWARE_CLASSES"
    chain = []
    for position, dotted in enumerate(_entries(workspace, settings, name), start=1):
        found = workspace.resolve_dotted(dotted)
        if found is not None and found.node is not None and found.module is not None:
            node = found.node
            hooks = (
                tuple(
                    hook
                    for hook in MIDDLEWARE_HOOKS
                    if any(
                        isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name == hook
                        for item in node.body
                    )
                )
                if isinstance(node, ast.ClassDef)
                else ("__call__",)
            )
            chain.append(Middleware(position, dotted, found.module.ref(node), hooks))
        elif found is None or found.module is not None or workspace.is_project_module(dotted):
            where = settings.where.get(name)
            message = f"middleware {dotted} is not a class or function the reader can find in the project"
            workspace.diagnose("not-seen", message, where, TOPIC_MIDDLEWARE)
            chain.append(Middleware(position, dotted, None))
        else:
            module_name = dotted.rpartition(".")[0] or dotted
            chain.append(Middleware(position, dotted, SourceRef(module_name, 1, origin_of(dotted))))
    return chain
