"""What a view's own code says: template names, generic-view attributes and the models it names.

Pure functions over one ``def``/``class`` node: :func:`read_code` finds, in one walk,
``render(request, "x.html")``, ``TemplateResponse``, ``get_template``, ``select_template``,
``render_to_string`` literals, ``template_name`` assignments and the project models whose names
the code uses; :func:`class_facts` walks a class and its project base classes for
``template_name``, ``template_name_suffix``, ``model``/``queryset`` and its ``get``/``post`` handler.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from reader.core.project.workspace import DefNode, Module, Workspace, unparse

# call name -> index of the template-name argument
TEMPLATE_CALLS = {
    "render": 1,
    "TemplateResponse": 1,
    "SimpleTemplateResponse": 0,
    "render_to_response": 0,
    "render_to_string": 0,
    "get_template": 0,
    "select_template": 0,
}
HANDLERS = ("get", "post", "put", "patch", "delete")
MAX_BASES = 50


@dataclass(frozen=True)
class ClassFacts:
    """A class view's attributes read through its project base classes (nearest first)."""

    template_names: tuple[str, ...] = ()
    suffix: str = ""
    model: tuple[Module, ast.expr] | None = None
    handler: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    all_bases: tuple[str, ...] = ()


def strings(node: ast.expr | None) -> tuple[str, ...]:
    """The string literal(s) of ``node``: one string, or the strings of a list/tuple."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, ast.List | ast.Tuple):
        return tuple(
            item.value for item in node.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)
        )
    return ()


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _constant_of(workspace: Workspace, module: Module, node: ast.expr) -> tuple[str, ...]:
    found = strings(node)
    if found or not isinstance(node, ast.Name):
        return found
    target = workspace.resolve(module, node)
    return strings(target.value) if target is not None and target.value is not None else ()


def _body_value(node: ast.ClassDef, name: str) -> ast.expr | None:
    for statement in node.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in statement.targets
        ):
            return statement.value
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.target.id == name
        ):
            return statement.value
    return None


def class_facts(workspace: Workspace, module: Module, node: ast.ClassDef) -> ClassFacts:
    """``template_name``, suffix, model, handler and every base of ``node`` (project bases followed)."""
    template_names: tuple[str, ...] | None = None
    suffix: str | None = None
    model: tuple[Module, ast.expr] | None = None
    handler: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    bases: list[str] = []
    queue: list[tuple[Module, ast.ClassDef]] = [(module, node)]
    seen: set[int] = set()
    while queue and len(seen) < MAX_BASES:
        owner, current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        value = _body_value(current, "template_name")
        if template_names is None and value is not None:
            template_names = _constant_of(workspace, owner, value)
        value = _body_value(current, "template_name_suffix")
        if suffix is None and value is not None:
            suffix = next(iter(strings(value)), "")
        for attribute in ("model", "queryset"):
            value = _body_value(current, attribute)
            if model is None and value is not None:
                model = (owner, value)
        if handler is None:
            handler = next(
                (
                    item
                    for name in HANDLERS
                    for item in current.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name == name
                ),
                None,
            )
        for base in current.bases:
            found = workspace.resolve(owner, base) if isinstance(base, ast.Name | ast.Attribute) else None
            if found is not None and isinstance(found.node, ast.ClassDef) and found.module is not None:
                bases.append(found.dotted)
                queue.append((found.module, found.node))
            else:
                bases.append(found.dotted if found is not None and found.external else unparse(base, 60))
    return ClassFacts(template_names or (), suffix or "", model, handler, tuple(dict.fromkeys(bases)))


@dataclass(frozen=True)
class CodeFacts:
    """What one walk over a view's code found: ``templates`` (candidates, line) and ``models`` ids."""

    templates: tuple[tuple[tuple[str, ...], int], ...]
    models: tuple[str, ...]


def read_code(
    workspace: Workspace, module: Module, node: DefNode, models: dict[str, str], class_names: frozenset[str]
) -> CodeFacts:
    """The templates the code of ``node`` renders and the project models it names, in one walk.

    ``models`` maps each project model's dotted class path to its id, ``class_names`` holds their
    last parts (names worth resolving). Templates come from
    ``render``-like calls, ``self.template_name = ...`` and literals ``get_template_names`` returns.
    """
    templates: list[tuple[tuple[str, ...], int]] = []
    named: dict[str, None] = {}
    cache: dict[str, str] = {}
    for child in ast.walk(node):
        if isinstance(child, ast.Name | ast.Attribute):
            key = _model_key(child, class_names)
            if key:
                if key not in cache:
                    target = workspace.resolve(module, child)
                    cache[key] = models.get(target.dotted, "") if target is not None and target.node else ""
                if cache[key]:
                    named[cache[key]] = None
        elif isinstance(child, ast.Call):
            index = TEMPLATE_CALLS.get(_name(child.func))
            if index is None:
                continue
            argument = next((k.value for k in child.keywords if k.arg in {"template_name", "template"}), None)
            if argument is None and index < len(child.args):
                argument = child.args[index]
            names = _constant_of(workspace, module, argument) if argument is not None else ()
            if names:
                templates.append((names, child.lineno))
        elif isinstance(child, ast.Assign) and strings(child.value):
            templates.extend(
                (strings(child.value), child.lineno)
                for assigned in child.targets
                if isinstance(assigned, ast.Attribute) and assigned.attr == "template_name"
            )
        elif isinstance(child, ast.FunctionDef) and child.name == "get_template_names":
            templates.extend(
                (strings(inner.value), inner.lineno)
                for inner in ast.walk(child)
                if isinstance(inner, ast.Return) and inner.value is not None and strings(inner.value)
            )
    return CodeFacts(tuple(templates), tuple(named))


def _model_key(node: ast.Name | ast.Attribute, class_names: frozenset[str]) -> str:
    if isinstance(node, ast.Name):
        return node.id if node.id in class_names else ""
    if isinstance(node.value, ast.Name) and node.attr in class_names:
        return f"{node.value.id}.{node.attr}"
    return ""
