"""Django Reader's probe: run by the project's own Python, only after the learner agreed.

Never imported by the reader. The reader copies this file to a private temporary folder, checks
its hash and runs ``python -B django_probe.py REQUEST_JSON`` with the project root as the working
folder. It sets Django up under guards (network connections and database queries refused), walks
the URL resolver, reads the middleware and the templates the views name, optionally follows one
request path, prints ONE JSON document between marker lines and leaves with ``os._exit``.

It never runs migrations, ``runserver`` or a real request, and it reports only whitelisted
settings. It must run on every Python that Django 4.2 to 6.x supports (3.8 and later).
"""

import json
import os
import sys
import traceback

SCHEMA_VERSION = 1
BEGIN = "----- django-reader probe begin -----"
END = "----- django-reader probe end -----"
SAFE_SETTINGS = ("ROOT_URLCONF", "DEBUG", "APPEND_SLASH", "LANGUAGE_CODE", "USE_I18N")
MAX_PATTERNS = 20000


class Refused(Exception):
    """Raised inside the project when it tries to reach the network or the database."""


def _refuse_network():
    import socket

    def refuse(*args, **kwargs):
        raise Refused("network connection refused by Django Reader's probe")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def _refuse_database():
    from django.db.backends.base import base

    def refuse(self, *args, **kwargs):
        raise Refused("database query refused by Django Reader's probe (alias %r)" % self.alias)

    base.BaseDatabaseWrapper.connect = refuse
    base.BaseDatabaseWrapper.ensure_connection = refuse
    base.BaseDatabaseWrapper.cursor = refuse
    from django.db.backends.dummy import base as dummy  # the stand-in for a missing driver refuses too

    dummy.DatabaseWrapper.ensure_connection = refuse
    dummy.DatabaseWrapper._cursor = refuse


def _emit(document):
    text = json.dumps(document, default=str)
    sys.stdout.write("\n" + BEGIN + "\n" + text + "\n" + END + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # large projects take seconds to tear down; nothing is left to save


def _innermost(error):
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return ""
    frame = frames[-1]
    return "%s:%s" % (frame.filename, frame.lineno)


def _project_frame(error, root):
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.startswith("<"):  # <frozen importlib._bootstrap>, <string>: no file
            continue
        if os.path.abspath(frame.filename).startswith(root + os.sep):
            return "%s:%s" % (os.path.relpath(frame.filename, root), frame.lineno)
    return ""


def _failure(kind, message, error=None, root=""):
    failure = {"kind": kind, "message": message}
    if error is not None:
        failure["frame"] = _innermost(error)
        failure["project_frame"] = _project_frame(error, root)
        failure["exception"] = type(error).__name__
    return {"schema_version": SCHEMA_VERSION, "ok": False, "failure": failure}


def _classify(error, root):
    """A failure card for an exception raised while Django was set up."""
    if isinstance(error, Refused):
        kind = "network-refused" if "network" in str(error) else "query-refused"
        return _failure(kind, str(error), error, root)
    if isinstance(error, SystemExit):
        return _failure("sys-exit", "the settings called sys.exit(%r)" % (error.code,), error, root)
    if isinstance(error, ModuleNotFoundError) and error.name:
        return _failure("missing-package", "No module named %r" % error.name, error, root)
    missing = _missing_module(error)
    if missing:  # `except ImportError: raise ImproperlyConfigured("Error loading ...")`
        text = "No module named %r (%s: %s)" % (missing, type(error).__name__, error)
        return _failure("missing-package", text, error, root)
    if isinstance(error, KeyError) and _reads_environ(error):
        name = error.args[0] if error.args else "?"
        return _failure("missing-env", "environment variable %s is not set" % name, error, root)
    text = "%s: %s" % (type(error).__name__, error)
    if type(error).__name__ == "ImproperlyConfigured" and "environment variable" in str(error).lower():
        return _failure("missing-env", text, error, root)
    return _failure("incompatible-package", text, error, root)


def _missing_module(error):
    """The module a ModuleNotFoundError this ``error`` was raised while handling names, or ``""``."""
    seen = 0
    inner = error.__cause__ or error.__context__
    while inner is not None and seen < 10:
        if isinstance(inner, ModuleNotFoundError) and inner.name:
            return inner.name
        inner, seen = inner.__cause__ or inner.__context__, seen + 1
    return ""


def _tolerate_missing_drivers(stand_ins):
    """A database backend whose driver is not installed loads as Django's dummy backend.

    Django loads the backend while it builds model classes (``connection.ops``), but the probe
    never queries: a missing psycopg2 or mysqlclient must not lose the map. Each stand-in is
    recorded in ``stand_ins`` (``{"engine", "module"}``).
    """
    from django.db import utils

    original = utils.load_backend

    def load_backend(backend_name):
        try:
            return original(backend_name)
        except Exception as error:
            missing = error.name if isinstance(error, ModuleNotFoundError) else _missing_module(error)
            if not missing or missing.split(".")[0] in ("django", backend_name.split(".")[0]):
                raise
            stand_ins.append({"engine": str(backend_name), "module": missing})
            return original("django.db.backends.dummy")

    utils.load_backend = load_backend


def _reads_environ(error):
    for frame in traceback.extract_tb(error.__traceback__):
        line = frame.line or ""
        if "environ" in line or "getenv" in line or "env(" in line or "env.str(" in line:
            return True
    return False


def _where(function, root):
    """(file, line, origin) of a function or class, without reading source files."""
    code = getattr(function, "__code__", None)
    filename, line = "", 0
    if code is not None:
        filename, line = code.co_filename, _def_line(code)
    else:
        module = sys.modules.get(getattr(function, "__module__", "") or "")
        filename = getattr(module, "__file__", "") or ""
        line = _class_line(function, filename)
    return _ref(filename, line, root)


def _def_line(code):
    """The ``def`` line: ``co_firstlineno`` is the first decorator's line when there are any."""
    lines = _source_lines(code.co_filename)
    for number in range(code.co_firstlineno, min(len(lines), code.co_firstlineno + 40) + 1):
        stripped = lines[number - 1].lstrip()
        if stripped.startswith(("def ", "async def ", "lambda")) or "lambda" in stripped:
            return number
    return code.co_firstlineno


def _class_line(cls, filename):
    name = getattr(cls, "__qualname__", getattr(cls, "__name__", ""))
    lines = _source_lines(filename)
    needle = "class " + name.rsplit(".", 1)[-1]
    for number, text in enumerate(lines, 1):
        stripped = text.lstrip()
        if stripped.startswith(needle) and stripped[len(needle) : len(needle) + 1] in ("(", ":"):
            return number
    return 1


_LINES = {}


def _source_lines(filename):
    if filename not in _LINES:
        try:
            with open(filename, encoding="utf-8", errors="replace") as handle:
                _LINES[filename] = handle.read(2000000).splitlines()
        except OSError:
            _LINES[filename] = []
    return _LINES[filename]


def _ref(filename, line, root):
    if not filename:
        return None
    absolute = os.path.abspath(filename)
    if absolute.startswith(root + os.sep) and "site-packages" not in absolute:
        return {"file": os.path.relpath(absolute, root).replace(os.sep, "/"), "line": line, "origin": "project"}
    origin = "django" if os.sep + "django" + os.sep in absolute else "third-party"
    return {"file": absolute, "line": line, "origin": origin}


def _dotted(obj):
    return "%s.%s" % (getattr(obj, "__module__", "?"), getattr(obj, "__qualname__", getattr(obj, "__name__", "?")))


def _describe_view(callback, root):
    """The view behind ``callback``: unwrapped through decorators, named from its code objects."""
    decorators = []
    current = callback
    view_class = getattr(current, "view_class", None)
    seen = 0
    while view_class is None and hasattr(current, "__wrapped__") and seen < 50:
        code = getattr(current, "__code__", None)
        if code is not None:
            decorators.append("%s (%s:%s)" % (code.co_name, os.path.basename(code.co_filename), code.co_firstlineno))
        current = current.__wrapped__
        view_class = getattr(current, "view_class", None)
        seen += 1
    if view_class is not None:
        target, kind = view_class, "class"
    else:
        target, kind = current, "function"
        func = getattr(current, "func", None)  # functools.partial
        if func is not None and not hasattr(current, "__code__"):
            target = func
    code = getattr(target, "__code__", None)
    copied_name = getattr(callback, "__name__", "")
    code_name = code.co_name if code is not None else getattr(target, "__name__", "")
    view = {
        "id": _dotted(target),
        "kind": kind,
        "source": _where(target, root),
        "decorators": decorators,
        "templates": [],
        "code_name": code_name,
        "copied_name": copied_name,
    }
    template_name = getattr(target, "template_name", None) if kind == "class" else None
    if isinstance(template_name, str):
        view["templates"] = [template_name]
    elif isinstance(template_name, (list, tuple)):
        view["templates"] = [name for name in template_name if isinstance(name, str)]
    return view


def _converter_name(converter):
    """The name a route uses for ``converter`` (``int``, ``slug``, a registered custom name)."""
    from django.urls.converters import get_converters

    for name, registered in get_converters().items():
        if type(registered) is type(converter):
            return name
    return type(converter).__name__


SAMPLES = {"int": "3", "str": "example", "slug": "an-example", "path": "docs/intro",
           "uuid": "0b7f2a52-6a0e-4c55-9a55-3f5c0b1e2d4a"}
MAX_SHADOW_CHECKS = 5000


def _sample_path(route):
    """A path ``route`` (a joined ``path()`` route) matches, or None (custom converters, regexes)."""
    parts, rest = [], route
    while "<" in rest:
        before, _, after = rest.partition("<")
        spec, closed, rest = after.partition(">")
        name = spec.split(":", 1)[0] if ":" in spec else "str"
        if not closed or name not in SAMPLES:
            return None
        parts += [before, SAMPLES[name]]
    parts.append(rest)
    return "/" + "".join(parts)


def _shadowed(urls):
    """Patterns the real resolver never reaches: a path made for them resolves to an earlier one."""
    from django.urls import Resolver404, resolve

    found = []
    for entry in urls[:MAX_SHADOW_CHECKS]:
        if entry.get("regex") or "error" in entry:
            continue
        path = _sample_path(entry["route"])
        if path is None:
            continue
        try:
            match = resolve(path)
        except Resolver404:
            continue
        except Exception:  # a converter of the project failing on the sample: not a shadow
            continue
        if match.route != entry["route"] and _view_id(match.func) != entry["view"]:
            found.append({"route": entry["route"], "name": entry["name"], "path": path,
                          "answered_by": match.route, "view": _view_id(match.func)})
    return found


def _join(prefix, text, regex):
    """The route after an include's prefix, joined as the map from source joins it."""
    if not prefix:
        return text
    if regex:
        return prefix.rstrip("$") + (text[1:] if text.startswith("^") else text)
    return prefix + text


def _view_id(callback):
    target = getattr(callback, "view_class", None) or callback
    return _dotted(target)


def _walk(resolver, prefix, namespaces, includes, out, views, root, depth=0):
    from django.urls import URLPattern, URLResolver

    if depth > 30:
        return
    try:
        patterns = list(resolver.url_patterns)
    except Exception as error:  # one failing include must not lose the whole map
        out.append({"error": "%s: %s" % (type(error).__name__, error), "route": prefix, "includes": includes})
        return
    for pattern in patterns:
        if len(out) >= MAX_PATTERNS:
            return
        text = str(pattern.pattern)
        regex = type(pattern.pattern).__name__ == "RegexPattern"
        converters = [
            "%s:%s (%s)" % (_converter_name(value), key, _dotted(type(value)))
            for key, value in getattr(pattern.pattern, "converters", {}).items()
        ]
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_name, "__name__", pattern.urlconf_name)
            if not isinstance(module, str):  # include([...]) or a site's (patterns, app_name, namespace)
                name = pattern.app_name or pattern.namespace
                module = "%s (list)" % name if name else "(list)"
            chain = namespaces + [pattern.namespace] if pattern.namespace else namespaces
            _walk(pattern, _join(prefix, text, regex), chain, includes + [module], out, views, root, depth + 1)
        elif isinstance(pattern, URLPattern):
            view = _describe_view(pattern.callback, root)
            views.setdefault(view["id"], view)
            name = ":".join(namespaces + [pattern.name]) if pattern.name else ""
            out.append(
                {
                    "route": _join(prefix, text, regex),
                    "regex": regex,
                    "name": name,
                    "includes": includes,
                    "namespaces": namespaces,
                    "view": view["id"],
                    "converters": converters,
                    "default_args": sorted(str(key) for key in (pattern.default_args or {})),
                }
            )


def _middleware(root):
    from django.conf import settings
    from django.utils.module_loading import import_string

    entries = []
    for position, dotted in enumerate(getattr(settings, "MIDDLEWARE", None) or [], 1):
        entry = {"position": position, "id": dotted, "source": None, "hooks": []}
        try:
            factory = import_string(dotted)
        except Exception as error:
            entry["error"] = "%s: %s" % (type(error).__name__, error)
            entries.append(entry)
            continue
        entry["source"] = _where(factory, root)
        hooks = ["process_request", "process_view", "process_template_response", "process_exception", "process_response"]
        entry["hooks"] = [hook for hook in hooks if callable(getattr(factory, hook, None))]
        entries.append(entry)
    return entries


def _templates(names, root):
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    found = {}
    queue = list(names)
    while queue and len(found) < 2000:
        name = queue.pop(0)
        if name in found:
            continue
        entry = {"name": name, "source": None, "extends": "", "includes": []}
        found[name] = entry
        try:
            template = get_template(name)
        except TemplateDoesNotExist:
            continue
        except Exception as error:
            entry["error"] = "%s: %s" % (type(error).__name__, error)
            continue
        origin = getattr(getattr(template, "origin", None), "name", "") or ""
        entry["source"] = _ref(origin, 1, root) if os.path.isfile(origin) else None
        inner = getattr(template, "template", None)
        nodes = getattr(inner, "nodelist", [])
        _template_tags(nodes, entry)
        for child in ([entry["extends"]] if entry["extends"] else []) + entry["includes"]:
            queue.append(child)
    return list(found.values())


def _template_tags(nodes, entry):
    from django.template.loader_tags import ExtendsNode, IncludeNode

    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, ExtendsNode):
            value = getattr(node.parent_name, "var", None)
            literal = getattr(value, "literal", value)
            if isinstance(literal, str):
                entry["extends"] = literal
        elif isinstance(node, IncludeNode):
            value = getattr(node.template, "var", None)
            literal = getattr(value, "literal", value)
            if isinstance(literal, str) and literal not in entry["includes"]:
                entry["includes"].append(literal)
        for attribute in getattr(node, "child_nodelists", ()):
            stack.extend(getattr(node, attribute, None) or [])


CATCH_ALL_MODULES = ("wagtail", "cms.", "django.contrib.flatpages", "mezzanine", "feincms", "fiber")


def _follow(path, middleware, urlconf=None):
    """The ordered steps of one request for ``path``, resolved by the real resolver.

    ``urlconf`` replaces ``ROOT_URLCONF`` (one host of a django-hosts project).
    """
    from django.conf import settings
    from django.urls import Resolver404
    from django.urls import get_resolver as root_resolver
    from django.urls import resolve as root_resolve
    from django.utils import translation

    def resolve(value):
        return root_resolve(value, urlconf=urlconf)

    def get_resolver():
        return root_resolver(urlconf)

    steps = [{"stage": "request", "path": path}]
    for entry in middleware:
        steps.append({"stage": "middleware-request", "middleware": entry["id"], "position": entry["position"]})
    language = None
    if getattr(settings, "USE_I18N", False):
        language = translation.get_language_from_path(path)
        if language:
            translation.activate(language)
    try:
        match = resolve(path)
    except Resolver404 as error:
        tried = error.args[0].get("tried", []) if error.args and isinstance(error.args[0], dict) else []
        steps.append({"stage": "not-found", "status": 404, "tried": len(tried)})
        redirect = _append_slash(path, resolve, Resolver404)
        for step in _response_phase(middleware):
            if redirect and step["middleware"].endswith("CommonMiddleware"):
                step["changes"] = "404 becomes 301, a redirect to %s (APPEND_SLASH)" % redirect
                step["status"] = 301
                redirect = ""
            steps.append(step)
        return {"path": path, "language": language or "", "steps": steps, "urlconf": str(get_resolver().urlconf_name)}
    view = _describe_view(match.func, os.getcwd())
    steps.append(
        {
            "stage": "match",
            "route": match.route,
            "name": match.view_name if match.url_name else "",  # view_name falls back to the view's path
            "args": [str(value) for value in match.args],
            "kwargs": {str(key): str(value) for key, value in match.kwargs.items()},
            "view": view["id"],
        }
    )
    for entry in middleware:
        if "process_view" in entry["hooks"]:
            steps.append({"stage": "process-view", "middleware": entry["id"], "position": entry["position"]})
    if view["id"].startswith(CATCH_ALL_MODULES) or match.route in ("<path:path>", "^(?P<path>.*)$", "(.*)"):
        steps.append({"stage": "catch-all", "view": view["id"],
                      "note": "this view looks the page up in the database; which page answers is data, not code"})
    steps.append({"stage": "view", "view": view["id"], "source": view["source"]})
    for name in view["templates"]:
        steps.append({"stage": "template", "template": name})
    steps.extend(_response_phase(middleware))
    return {"path": path, "language": language or "", "steps": steps, "urlconf": str(get_resolver().urlconf_name)}


def _append_slash(path, resolve, not_found):
    """The path CommonMiddleware redirects a 404 to, as ``should_redirect_with_slash`` decides."""
    from django.conf import settings

    if not getattr(settings, "APPEND_SLASH", True) or path.endswith("/"):
        return ""
    try:
        match = resolve(path + "/")
    except not_found:
        return ""
    return path + "/" if getattr(match.func, "should_append_slash", True) else ""


def _response_phase(middleware):
    return [
        {"stage": "middleware-response", "middleware": entry["id"], "position": entry["position"]}
        for entry in reversed(middleware)
    ]


def _hosts():
    """django-hosts: each host's name, regex and URLconf (``ROOT_URLCONF`` is only one of them)."""
    from django.conf import settings

    hostconf = getattr(settings, "ROOT_HOSTCONF", None)
    if not hostconf:
        return []
    from django.utils.module_loading import import_string

    patterns = import_string(hostconf + ".host_patterns")
    return [
        {"name": str(getattr(host, "name", "")), "regex": str(getattr(host, "regex", "")),
         "urlconf": str(getattr(host, "urlconf", ""))}
        for host in patterns
    ]


def _safe_settings():
    from django.conf import settings

    values = {name: getattr(settings, name, None) for name in SAFE_SETTINGS}
    values["DATABASE_ENGINES"] = {
        alias: str(config.get("ENGINE", "")) for alias, config in (getattr(settings, "DATABASES", {}) or {}).items()
    }
    dirs = []
    for backend in getattr(settings, "TEMPLATES", []) or []:
        dirs.extend(str(folder) for folder in backend.get("DIRS", []) or [])
    values["TEMPLATE_DIRS"] = dirs
    values["INSTALLED_APPS"] = [str(app) for app in getattr(settings, "INSTALLED_APPS", [])]
    return values


def main(argv):
    request = json.loads(argv[1]) if len(argv) > 1 else {}
    root = os.path.abspath(os.getcwd())
    sys.path.insert(0, root)
    sys.dont_write_bytecode = True
    os.environ["DJANGO_SETTINGS_MODULE"] = request.get("settings") or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    for name, value in (request.get("env") or {}).items():
        os.environ[str(name)] = str(value)
    _refuse_network()
    try:
        import django
    except SyntaxError as error:
        message = "Python %d.%d is too old for the installed Django (%s)" % (sys.version_info[:2] + (error,))
        _emit(_failure("python-too-old", message, error, root))
    except Exception as error:
        _emit(_failure("no-django", "%s: %s" % (type(error).__name__, error), error, root))
    version = ".".join(str(part) for part in django.VERSION[:3])
    _refuse_database()
    stand_ins = []
    _tolerate_missing_drivers(stand_ins)
    try:
        django.setup()
    except BaseException as error:
        card = _classify(error, root)
        card["django"] = version
        _emit(card)
    document = {
        "schema_version": SCHEMA_VERSION,
        "ok": True,
        "django": version,
        "python": "%d.%d.%d" % sys.version_info[:3],
        "settings": _safe_settings(),
        "phases": {},
        "database_stand_ins": stand_ins,
    }
    try:
        from django.urls import get_resolver

        urls, views = [], {}
        _walk(get_resolver(), "", [], [str(get_resolver().urlconf_name)], urls, views, root)
        document["urls"], document["views"] = urls, list(views.values())
        document["shadowed"] = _shadowed(urls)
    except BaseException as error:
        document["urls"], document["views"] = [], []
        document["phases"]["urls"] = _classify(error, root)["failure"]
    try:
        document["middleware"] = _middleware(root)
    except BaseException as error:
        document["middleware"] = []
        document["phases"]["middleware"] = _classify(error, root)["failure"]
    try:
        names = [name for view in document["views"] for name in view["templates"]] + list(request.get("templates") or [])
        document["templates"] = _templates(names, root)
    except BaseException as error:
        document["templates"] = []
        document["phases"]["templates"] = _classify(error, root)["failure"]
    try:
        document["hosts"] = _hosts()
    except BaseException as error:
        document["hosts"] = []
        document["phases"]["hosts"] = _classify(error, root)["failure"]
    if request.get("follow"):
        try:
            document["follow"] = _follow(request["follow"], document["middleware"], request.get("urlconf") or None)
        except BaseException as error:
            document["phases"]["follow"] = _classify(error, root)["failure"]
    _emit(document)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except BaseException as error:  # the reader always gets one JSON document
        _emit(_failure("probe-error", "%s: %s" % (type(error).__name__, error), error, os.getcwd()))
