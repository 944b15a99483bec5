"""Walk a project's URLconfs from ``ROOT_URLCONF`` as Django's resolver would, reading source only.

:func:`walk_urlconf` follows ``urlpatterns`` built with ``=``, ``+=``, ``+``, ``.append``,
``.extend``, ``.insert``, ``i18n_patterns(...)`` and lists named elsewhere, and every ``include()``
shape: ``include("app.urls")``, ``include(module)``, ``include(list_name)``, ``include([...])``,
``include((module, "app_name"))`` with ``app_name`` and ``namespace=``. Each ``path()``/
``re_path()``/``url()`` endpoint becomes an :class:`Endpoint` with its full route; what cannot be
read (``admin.site.urls``, routers, loops, helpers, includes outside the project) becomes a
``not-seen`` diagnostic at its line. Circular includes and runaway sizes are diagnosed and cut.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from reader.core.project.url_syntax import (
    LANGUAGE_PREFIX,
    PAGE_TREE_URLCONFS,
    argument,
    callee,
    captures,
    dict_keys,
    is_method_call,
    join_route,
    mentions,
    module_app_name,
    route_text,
    targets_name,
)
from reader.core.project.workspace import TOPIC_ADMIN, TOPIC_URLS, Module, Workspace, unparse

MAX_PATTERNS = 20_000
MAX_INCLUDE_DEPTH = 30
_PATTERN_CALLS = {"path": False, "re_path": True, "url": True}


@dataclass(frozen=True)
class Endpoint:
    """One ``path()``-like call leading to a view; ``view_node`` is read in ``module``."""

    route: str
    regex: bool
    line: int
    module: Module
    view_node: ast.expr
    name: str = ""
    includes: tuple[str, ...] = ()
    namespaces: tuple[str, ...] = ()
    converters: tuple[str, ...] = ()
    captured: tuple[str, ...] = ()
    positional: int = 0
    given: tuple[str, ...] = ()  # names passed by path()'s kwargs dict


@dataclass(frozen=True)
class _Context:
    prefix: str = ""
    regex: bool = False
    includes: tuple[str, ...] = ()
    namespaces: tuple[str, ...] = ()
    converters: tuple[str, ...] = ()
    captured: tuple[str, ...] = ()
    positional: int = 0
    given: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()


@dataclass
class _Element:
    node: ast.expr
    module: Module
    i18n: bool = False
    view_prefix: str = ""  # Django < 1.10: patterns("app.views", url(r"^$", "index"))


@dataclass
class UrlWalk:
    """The result: endpoints in resolution order, and the number of patterns cut past the cap."""

    endpoints: list[Endpoint] = field(default_factory=list)
    cut: int = 0


class _Walker:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.walk = UrlWalk()

    def blind(self, module: Module, node: ast.AST, message: str, topic: str = TOPIC_URLS) -> None:
        self.workspace.diagnose("not-seen", message, module.ref(node), topic)

    # --- urlpatterns as a list of elements -------------------------------------------------
    def patterns_of(self, module: Module) -> list[_Element]:
        elements: list[_Element] = []
        found = self._statements(module, module.tree.body, elements)
        if not found:
            self.workspace.diagnose(
                "not-seen",
                f"{module.rel} has no `urlpatterns` list that can be read from source",
                module.ref(module.tree),
                TOPIC_URLS,
            )
        return elements

    def _statements(self, module: Module, body: list[ast.stmt], elements: list[_Element]) -> bool:
        found = False
        for statement in body:
            if isinstance(statement, ast.Assign) and targets_name(statement.targets, "urlpatterns"):
                elements[:] = self.expand(module, statement.value, elements, 0)
                found = True
            elif isinstance(statement, ast.AnnAssign) and targets_name([statement.target], "urlpatterns"):
                if statement.value is not None:
                    elements[:] = self.expand(module, statement.value, elements, 0)
                    found = True
            elif isinstance(statement, ast.AugAssign) and targets_name([statement.target], "urlpatterns"):
                elements.extend(self.expand(module, statement.value, elements, 0))
            elif isinstance(statement, ast.Expr) and is_method_call(statement.value, "urlpatterns"):
                call = statement.value
                assert isinstance(call, ast.Call)
                assert isinstance(call.func, ast.Attribute)
                if call.func.attr == "append" and call.args:
                    elements.extend(self.expand(module, ast.List([call.args[0]]), elements, 0))
                elif call.func.attr == "extend" and call.args:
                    elements.extend(self.expand(module, call.args[0], elements, 0))
                elif call.func.attr == "insert" and len(call.args) == 2:
                    index = call.args[0].value if isinstance(call.args[0], ast.Constant) else 0
                    new = self.expand(module, ast.List([call.args[1]]), elements, 0)
                    position = index if isinstance(index, int) else 0
                    elements[position:position] = new
            elif isinstance(statement, ast.If | ast.With):
                found = self._statements(module, statement.body, elements) or found
                if isinstance(statement, ast.If) and statement.orelse:
                    found = self._statements(module, statement.orelse, elements) or found
            elif isinstance(statement, ast.Try | ast.TryStar):
                # body, each handler, else and finally: any of them may add patterns (a debug
                # toolbar's URLs in `else:` after `import debug_toolbar` succeeded)
                blocks = [statement.body, *(h.body for h in statement.handlers)]
                for block in [*blocks, statement.orelse, statement.finalbody]:
                    found = self._statements(module, block, elements) or found
            elif isinstance(statement, ast.For | ast.While | ast.AsyncFor) and mentions(
                statement, "urlpatterns"
            ):
                self.blind(
                    module, statement, f"{module.rel}: patterns added in a loop; run the project to list them"
                )
        return found

    def expand(
        self, module: Module, node: ast.expr, current: list[_Element], depth: int, i18n: bool = False
    ) -> list[_Element]:
        if depth > MAX_INCLUDE_DEPTH:
            self.blind(module, node, f"`{unparse(node)}` nests too deeply to follow")
            return []
        if isinstance(node, ast.List | ast.Tuple):
            result: list[_Element] = []
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    result.extend(self.expand(module, element.value, current, depth + 1, i18n))
                else:
                    result.append(_Element(element, module, i18n))
            return result
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.expand(module, node.left, current, depth + 1, i18n)
            return left + self.expand(module, node.right, current, depth + 1, i18n)
        if isinstance(node, ast.Name) and node.id == "urlpatterns":
            return list(current)
        if isinstance(node, ast.Name | ast.Attribute):
            found = self.workspace.resolve(module, node)
            if found is not None and found.value is not None and found.module is not None:
                return self.expand(found.module, found.value, [], depth + 1, i18n)
            if isinstance(node, ast.Attribute) and node.attr == "urls":
                self.blind_urls(module, node)
                return []
        if isinstance(node, ast.Call):
            called = callee(node)
            if called == "i18n_patterns":
                result = []
                for argument in node.args:  # i18n_patterns(*urls): each argument is one pattern
                    if isinstance(argument, ast.Starred):
                        result.extend(self.expand(module, argument.value, current, depth + 1, True))
                    else:
                        result.append(_Element(argument, module, True))
                return result
            if called in {"list", "format_suffix_patterns", "tuple"} and node.args:
                return self.expand(module, node.args[0], current, depth + 1, i18n)
            if called == "patterns" and node.args:  # Django < 1.10: patterns(prefix, url(...), ...)
                prefix = node.args[0].value if isinstance(node.args[0], ast.Constant) else ""
                return [
                    _Element(item, module, i18n, prefix if isinstance(prefix, str) else "")
                    for item in node.args[1:]
                ]
            if called == "static":
                self.blind(
                    module,
                    node,
                    f"`{unparse(node)}` serves files only while DEBUG is on (not listed from source)",
                )
                return []
        if isinstance(node, ast.Call) and mentions(node, "urlpatterns") and current:
            message = (
                f"`{unparse(node)}` is given urlpatterns and may add or change patterns: those read so "
                "far are kept, what it adds is seen only by running"
            )
            self.blind(module, node, message)
            return list(current)
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            self.blind(module, node, f"patterns built by a comprehension: `{unparse(node)}`; run the project")
            return []
        self.blind(module, node, f"`{unparse(node)}` is computed at run time; run the project to expand it")
        return []

    def blind_urls(self, module: Module, node: ast.Attribute) -> None:
        text = unparse(node)
        owner = self.workspace.resolve(module, node.value)
        if text.endswith("site.urls"):
            message = f"`{text}`: the admin site's URLs; run the project to expand"
            self.blind(module, node, message, TOPIC_ADMIN)
        elif owner is not None and owner.external:
            self.blind(
                module, node, f"`{text}`: {owner.external} is outside the project; run the project to expand"
            )
        else:
            message = f"`{text}`: URLs a router or site object builds at run time (e.g. a DRF router)"
            self.blind(module, node, message)

    # --- one element ------------------------------------------------------------------------
    def element(self, element: _Element, context: _Context) -> None:
        node, module = element.node, element.module
        if len(self.walk.endpoints) >= MAX_PATTERNS:
            self.walk.cut += 1
            return
        if not isinstance(node, ast.Call) or callee(node) not in _PATTERN_CALLS:
            self.blind(module, node, f"`{unparse(node)}` is not a path() call the reader can follow")
            return
        regex = _PATTERN_CALLS[callee(node)]
        route_node = argument(node, 0, "regex" if regex and callee(node) == "url" else "route")
        if route_node is None:
            route_node = argument(node, 0, "regex")
        view_node = argument(node, 1, "view")
        if route_node is None or view_node is None:
            self.blind(module, node, f"`{unparse(node)}` lacks a route or a view")
            return
        route = route_text(self.workspace, module, route_node)
        if element.i18n:
            route = LANGUAGE_PREFIX + route
        converters, captured, positional = captures(route, regex)
        joined = join_route(context.prefix, route, context.regex or regex)
        kwargs_node = argument(node, 2, "kwargs")
        given = dict_keys(kwargs_node)
        inner = _Context(
            prefix=joined,
            regex=context.regex or regex,
            includes=context.includes,
            namespaces=context.namespaces,
            converters=context.converters + converters,
            captured=context.captured + captured,
            positional=context.positional + positional,
            given=context.given + given,
            stack=context.stack,
        )
        if isinstance(view_node, ast.Call) and callee(view_node) == "include":
            self.include(module, view_node, inner)
            return
        if isinstance(view_node, ast.Attribute) and view_node.attr == "urls":
            found = self.workspace.resolve(module, view_node)
            if found is None or found.value is None:
                self.blind_urls(module, view_node)
                return
            view_node = ast.Tuple([view_node], ctx=ast.Load())  # a list of patterns: as if included
        if isinstance(view_node, ast.Tuple | ast.List):  # path("x/", (patterns, "app", "ns")): old form
            self.include(module, ast.Call(ast.Name("include"), [view_node], []), inner)
            return
        if isinstance(view_node, ast.Constant) and isinstance(view_node.value, str) and element.view_prefix:
            dotted = f"{element.view_prefix}.{view_node.value}"
            view_node = ast.copy_location(ast.Constant(dotted), view_node)
        name_node = argument(node, 3, "name")
        name = route_text(self.workspace, module, name_node) if name_node is not None else ""
        full_name = ":".join([*inner.namespaces, name]) if name else ""
        self.walk.endpoints.append(
            Endpoint(
                route=joined,
                regex=inner.regex,
                line=node.lineno,
                module=module,
                view_node=view_node,
                name=full_name,
                includes=inner.includes,
                namespaces=inner.namespaces,
                converters=inner.converters,
                captured=inner.captured,
                positional=inner.positional,
                given=inner.given,
            )
        )

    def include(self, module: Module, call: ast.Call, context: _Context) -> None:
        target = argument(call, 0, "arg")
        namespace_node = argument(call, 1, "namespace")
        namespace = route_text(self.workspace, module, namespace_node) if namespace_node is not None else ""
        app_name = ""
        if isinstance(target, ast.Tuple) and len(target.elts) >= 2:
            app_name = route_text(self.workspace, module, target.elts[1])
            if len(target.elts) >= 3 and not namespace:
                namespace = route_text(self.workspace, module, target.elts[2])
            target = target.elts[0]
        if target is None:
            self.blind(module, call, f"`{unparse(call)}` names nothing to include")
            return
        included: Module | None = None
        elements: list[_Element] | None = None
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            included = self.workspace.module(target.value)
            if included is None:
                self.outside(module, call, target.value)
                return
        elif isinstance(target, ast.List):
            elements = self.expand(module, target, [], 0)
        elif isinstance(target, ast.Name | ast.Attribute):
            found = self.workspace.resolve(module, target)
            runtime = found is None or found.external or found.node is not None
            if isinstance(target, ast.Attribute) and target.attr == "urls" and runtime:
                self.blind_urls(module, target)
                return
            if found is None:
                self.blind(module, call, f"`{unparse(call)}`: cannot tell what `{unparse(target)}` is")
                return
            if found.external:
                self.outside(module, call, found.external)
                return
            if found.value is not None and found.module is not None:
                elements = self.expand(found.module, found.value, [], 0)
            elif found.node is None:
                included = found.module
        if included is None and elements is None:
            self.blind(module, call, f"`{unparse(call)}` includes something computed at run time")
            return
        if included is not None:
            if included.name in context.stack:
                chain = " → ".join([*context.stack, included.name])
                self.workspace.diagnose(
                    "not-seen",
                    f"circular include: {chain}; Django would recurse forever, the reader stops here",
                    module.ref(call),
                    TOPIC_URLS,
                )
                return
            if len(context.stack) >= MAX_INCLUDE_DEPTH:
                self.blind(module, call, f"includes nest more than {MAX_INCLUDE_DEPTH} deep; stopped here")
                return
            app_name = app_name or module_app_name(included)
        instance = namespace or app_name
        inner = _Context(
            prefix=context.prefix,
            regex=context.regex,
            includes=context.includes + ((included.name,) if included is not None else ()),
            namespaces=context.namespaces + ((instance,) if instance else ()),
            converters=context.converters,
            captured=context.captured,
            positional=context.positional,
            given=context.given,
            stack=context.stack + ((included.name,) if included is not None else ()),
        )
        for element in self.patterns_of(included) if included is not None else elements or []:
            self.element(element, inner)

    def outside(self, module: Module, call: ast.Call, dotted: str) -> None:
        if dotted in PAGE_TREE_URLCONFS:
            message = (
                f"`{unparse(call)}`: {PAGE_TREE_URLCONFS[dotted]} serves pages from its page tree in the "
                "database, not from URL patterns; every other path ends here"
            )
            self.blind(module, call, message)
            return
        where = "Django's own" if dotted.startswith("django.") else "outside the project"
        if self.workspace.is_project_module(dotted):
            where = "a project module that could not be read"
        self.blind(module, call, f"`{unparse(call)}`: {dotted} is {where}; run the project to expand it")


def walk_urlconf(workspace: Workspace, root_urlconf: str) -> UrlWalk:
    """Every endpoint reachable from the module ``root_urlconf``, in resolution order."""
    walker = _Walker(workspace)
    module = workspace.module(root_urlconf)
    if module is None:
        workspace.diagnose(
            "settings",
            f"ROOT_URLCONF {root_urlconf!r} is not a readable module under the project",
            None,
            TOPIC_URLS,
        )
        return walker.walk
    context = _Context(includes=(module.name,), stack=(module.name,))
    for element in walker.patterns_of(module):
        walker.element(element, context)
    if walker.walk.cut:
        workspace.diagnose(
            "not-seen",
            f"more than {MAX_PATTERNS} URL patterns: {walker.walk.cut} more were not listed",
            module.ref(module.tree),
            TOPIC_URLS,
        )
    return walker.walk
