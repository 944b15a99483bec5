"""Resolve a URL pattern's view expression to the ``def``/``class`` it names, reading source only.

:class:`ViewResolver` follows names through imports and module aliases, unwraps ``X.as_view()``
to the class, ``functools.partial(f, ...)`` to ``f`` and a wrapping call such as
``login_required(views.x)`` or ``cache_page(60)(views.x)`` to ``views.x`` (recording the wrapper),
and builds a :class:`View` once per callable: its decorators, parameters, the templates and the
project models its code names (via :mod:`reader.core.project.view_code`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from reader.core.project.model import SourceRef, View
from reader.core.project.view_code import ClassFacts, CodeFacts, class_facts, read_code
from reader.core.project.workspace import MAX_DEPTH, DefNode, Found, Module, Workspace, origin_of, unparse

GENERIC_SUFFIXES = {
    "DetailView": "_detail",
    "ListView": "_list",
    "CreateView": "_form",
    "UpdateView": "_form",
    "DeleteView": "_confirm_delete",
    "ArchiveIndexView": "_archive",
    "YearArchiveView": "_archive_year",
    "MonthArchiveView": "_archive_month",
    "DayArchiveView": "_archive_day",
    "DateDetailView": "_detail",
}
DJANGO_DEFAULT_TEMPLATES = {  # Django's own views whose template_name has a default
    "LoginView": "registration/login.html",
    "LogoutView": "registration/logged_out.html",
    "PasswordChangeView": "registration/password_change_form.html",
    "PasswordChangeDoneView": "registration/password_change_done.html",
    "PasswordResetView": "registration/password_reset_form.html",
    "PasswordResetDoneView": "registration/password_reset_done.html",
    "PasswordResetConfirmView": "registration/password_reset_confirm.html",
    "PasswordResetCompleteView": "registration/password_reset_complete.html",
}


@dataclass
class Resolution:
    """What one URL pattern's view expression came to.

    ``view`` is the :attr:`View.id` (``""`` if unresolved); ``templates`` and ``decorators`` are
    given at the URL; ``bound`` names the keyword arguments a ``partial`` fixes.
    """

    view: str = ""
    templates: list[str] = field(default_factory=list)
    decorators: list[str] = field(default_factory=list)
    bound: list[str] = field(default_factory=list)
    model: str = ""  # a model passed as as_view(model=X), as a model id


@dataclass(frozen=True)
class Signature:
    """A function view's parameters after ``request``: ``required`` lack defaults."""

    names: tuple[str, ...]
    required: tuple[str, ...]
    any_kwargs: bool
    positional_slots: int  # how many positional arguments after request it can take (-1: any)


class ViewResolver:
    """Resolves view expressions to :class:`View` records (kept in :attr:`views`, in order found)."""

    def __init__(self, workspace: Workspace, models: dict[str, str]) -> None:
        self.workspace = workspace
        self.models = models  # dotted class path -> model id
        self.class_names = frozenset(dotted.rpartition(".")[2] for dotted in models)
        self.views: dict[str, View] = {}
        self.signatures: dict[str, Signature] = {}
        self.template_refs: list[tuple[tuple[str, ...], SourceRef]] = []

    def resolve(self, module: Module, node: ast.expr) -> Resolution:
        """Resolve the view expression ``node`` written in ``module``."""
        resolution = Resolution()
        self._expression(module, node, resolution, 0)
        return resolution

    def _expression(self, module: Module, node: ast.expr, out: Resolution, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "as_view":
                self._as_view(module, node, out, depth)
                return
            if _is_partial(self.workspace, module, func):
                out.bound.extend(keyword.arg for keyword in node.keywords if keyword.arg)
                if node.args:
                    self._expression(module, node.args[0], out, depth + 1)
                return
            called = (
                self.workspace.resolve(module, func) if isinstance(func, ast.Name | ast.Attribute) else None
            )
            if called is not None and _is_class(called):  # an instance: path("feed/", LatestFeed())
                out.view = self.view_for(called, as_class=True)
                return
            if node.args:
                out.decorators.append(unparse(func, 60))
                self._expression(module, node.args[0], out, depth + 1)
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):  # Django < 1.10: "app.views.x"
            dotted = node.value
            found = (
                self.workspace.resolve_dotted(dotted)
                if all(map(str.isidentifier, dotted.split(".")))
                else None
            )
            outside = found is not None and found.external and not self.workspace.is_project_module(dotted)
            if found is not None and (found.node is not None or outside):
                out.view = self.view_for(found)
            return
        if not isinstance(node, ast.Name | ast.Attribute):
            return
        found = self.workspace.resolve(module, node)
        if found is None:
            return
        if found.value is not None and found.module is not None:
            self._expression(found.module, found.value, out, depth + 1)
        elif found.node is not None or found.external:
            out.view = self.view_for(found)

    def _as_view(self, module: Module, call: ast.Call, out: Resolution, depth: int) -> None:
        assert isinstance(call.func, ast.Attribute)
        target = call.func.value
        found = (
            self.workspace.resolve(module, target) if isinstance(target, ast.Name | ast.Attribute) else None
        )
        while (
            found is not None and found.value is not None and found.module is not None and depth < MAX_DEPTH
        ):
            depth += 1
            found = (
                self.workspace.resolve(found.module, found.value)
                if isinstance(found.value, ast.Name | ast.Attribute)
                else None
            )
        if found is not None and (found.node is not None or found.external):
            out.view = self.view_for(found, as_class=True)
        for keyword in call.keywords:
            if keyword.arg == "template_name":
                out.templates.extend(_strings(keyword.value))
            elif keyword.arg in {"model", "queryset"}:
                out.model = self._model_id(module, keyword.value)
        view = self.views.get(out.view)
        if out.model and view is not None and not out.templates:
            suffix = _generic_suffix(view.bases, view.id)
            if suffix and not any(t for t in view.templates if t.endswith(suffix + ".html")):
                out.templates.append(_default_name(out.model, suffix))
        if out.templates:
            self.template_refs.append((tuple(out.templates), module.ref(call)))
        elif (
            view is not None
            and view.templates
            and view.source is not None
            and view.source.origin != "project"
        ):
            self.template_refs.append((view.templates, module.ref(call)))  # a Django view's default

    def _model_id(self, module: Module, node: ast.expr) -> str:
        """The model id of ``model = X`` or ``queryset = X.objects...`` (``""`` if not a model)."""
        current: ast.expr | None = node
        for _hop in range(MAX_DEPTH):
            if isinstance(current, ast.Name | ast.Attribute):
                found = self.workspace.resolve(module, current)
                if found is not None and isinstance(found.node, ast.ClassDef):
                    return self.models.get(found.dotted, "")
                if found is not None and found.external and found.external.rpartition(".")[2][:1].isupper():
                    parts = found.external.split(".")  # django.contrib.auth.models.User -> auth.User
                    return f"{parts[-3]}.{parts[-1]}" if len(parts) >= 3 and parts[-2] == "models" else ""
            if isinstance(current, ast.Call):
                current = current.func
            elif isinstance(current, ast.Attribute):
                current = current.value
            else:
                return ""
        return ""

    def view_for(self, found: Found, as_class: bool = False) -> str:
        """The :attr:`View.id` for a found callable, building its :class:`View` the first time."""
        view_id = found.dotted
        if view_id in self.views:
            return view_id
        if found.external:
            module_name, _, name = view_id.rpartition(".")
            kind = "class" if as_class or name[:1].isupper() else "function"
            default = DJANGO_DEFAULT_TEMPLATES.get(name, "") if origin_of(view_id).value == "django" else ""
            self.views[view_id] = View(
                view_id,
                kind,
                SourceRef(module_name or view_id, 1, origin_of(view_id)),
                templates=(default,) if default else (),
                accepts_any_kwargs=True,
            )
            return view_id
        assert found.module is not None
        assert found.node is not None
        self.views[view_id] = self._build(found.module, found.node, view_id)
        return view_id

    def _build(self, module: Module, node: DefNode, view_id: str) -> View:
        source = module.ref(node)
        decorators = tuple(unparse(decorator, 60) for decorator in node.decorator_list)
        unwrapped = tuple(
            unparse(decorator, 60)
            for decorator in node.decorator_list
            if not _keeps_name(self.workspace, module, decorator)
        )
        code = read_code(self.workspace, module, node, self.models, self.class_names)
        models = code.models
        if isinstance(node, ast.ClassDef):
            facts = class_facts(self.workspace, module, node)
            templates = self._class_templates(facts, code)
            if facts.model:
                model_id = self._model_id(facts.model[0], facts.model[1])
                if model_id and model_id in self.models.values() and model_id not in models:
                    models = (*models, model_id)
            handler = facts.handler
            signature = _signature(handler, skip=2) if handler is not None else None
            if signature is not None:
                self.signatures[view_id] = signature
            if templates:
                self.template_refs.append((templates, source))
            return View(
                view_id,
                "class",
                source,
                decorators=decorators,
                unwrapped_decorators=unwrapped,
                bases=tuple(unparse(base, 60) for base in node.bases),
                templates=templates,
                models=models,
                parameters=signature.names if signature else (),
                accepts_any_kwargs=signature.any_kwargs if signature else True,
            )
        signature = _signature(node, skip=1)
        self.signatures[view_id] = signature
        rendered = code.templates
        self.template_refs.extend((names, SourceRef(module.rel, line)) for names, line in rendered)
        return View(
            view_id,
            "function",
            source,
            decorators=decorators,
            unwrapped_decorators=unwrapped,
            templates=tuple(dict.fromkeys(name for names, _ in rendered for name in names)),
            models=models,
            parameters=signature.names,
            accepts_any_kwargs=signature.any_kwargs,
        )

    def _class_templates(self, facts: ClassFacts, code: CodeFacts) -> tuple[str, ...]:
        names = list(facts.template_names)
        names.extend(name for found, _ in code.templates for name in found)
        if not facts.template_names:
            suffix = facts.suffix or _generic_suffix(facts.all_bases, "")
            if suffix and facts.model:
                model_id = self._model_id(*facts.model)
                if model_id:
                    names.append(_default_name(model_id, suffix))
            for base in facts.all_bases:
                default = DJANGO_DEFAULT_TEMPLATES.get(base.rpartition(".")[2])
                if default and not names:
                    names.append(default)
        return tuple(dict.fromkeys(names))


def _is_class(found: Found) -> bool:
    if found.external:
        return found.external.rpartition(".")[2][:1].isupper()
    return isinstance(found.node, ast.ClassDef)


def _keeps_name(workspace: Workspace, module: Module, decorator: ast.expr) -> bool:
    """False only for a decorator defined in the project whose code never calls ``functools.wraps``."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    found = workspace.resolve(module, target) if isinstance(target, ast.Name | ast.Attribute) else None
    if found is None or not isinstance(found.node, ast.FunctionDef | ast.AsyncFunctionDef):
        return True
    return any(
        (isinstance(node, ast.Name) and node.id in {"wraps", "update_wrapper"})
        or (isinstance(node, ast.Attribute) and node.attr in {"wraps", "update_wrapper"})
        for node in ast.walk(found.node)
    )


def _default_name(model_id: str, suffix: str) -> str:
    label, _, name = model_id.partition(".")
    return f"{label}/{name.lower()}{suffix}.html"


def _generic_suffix(bases: tuple[str, ...], view_id: str) -> str:
    for base in (*bases, view_id):
        suffix = GENERIC_SUFFIXES.get(base.rpartition(".")[2])
        if suffix:
            return suffix
    return ""


def _is_partial(workspace: Workspace, module: Module, func: ast.expr) -> bool:
    if not isinstance(func, ast.Name | ast.Attribute):
        return False
    found = workspace.resolve(module, func)
    if found is not None and found.external:
        return found.external == "functools.partial"
    return unparse(func) in {"partial", "functools.partial"}


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef, skip: int) -> Signature:
    arguments = node.args
    positional = [*arguments.posonlyargs, *arguments.args]
    with_defaults = len(arguments.defaults)
    required_positional = positional[: len(positional) - with_defaults] if with_defaults else positional
    names = [arg.arg for arg in positional[skip:]] + [arg.arg for arg in arguments.kwonlyargs]
    required = [arg.arg for arg in required_positional[skip:]] + [
        arg.arg
        for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if default is None
    ]
    slots = -1 if arguments.vararg else len(positional) - skip
    return Signature(tuple(names), tuple(required), arguments.kwarg is not None, slots)


def _strings(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [
            item.value for item in node.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)
        ]
    return []
