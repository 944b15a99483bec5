"""The map of a learner's Django project: URLs, views, templates, models, middleware, apps.

Frozen dataclasses only, shared by the static scanner (:mod:`reader.core.project.scan`, which reads
the project's Python with :mod:`ast` and never runs it), ``django-reader --project PATH --dump-map``
(:meth:`ProjectMap.to_json`) and the project panel. Paths are POSIX, relative to the project root
(the folder holding ``manage.py``); lines count from 1. Names follow Django's own words: a
*pattern* is one ``path()``/``re_path()`` call, a *route* its URL text, a *view* the callable it
resolves to, a *namespace* the ``app_name``/``include(namespace=...)`` prefix of a URL name.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1


class Origin(StrEnum):
    """Whose code a source reference points into."""

    PROJECT = "project"
    DJANGO = "django"
    THIRD_PARTY = "third-party"


class Provenance(StrEnum):
    """How a fact was learnt: badged beside it in the panel."""

    SOURCE = "read from source"
    CONFIRMED = "confirmed by running"
    RUNNING_ONLY = "only seen by running"


@dataclass(frozen=True)
class SourceRef:
    """A place in a file: ``file`` relative to the project root (POSIX) and a 1-based ``line``.

    ``file`` is a dotted module name instead when the code lies outside the project
    (``origin`` is then ``django`` or ``third-party``) and was not located on disk.
    """

    file: str
    line: int = 1
    origin: Origin = Origin.PROJECT

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class UrlPattern:
    """One URL pattern as Django's resolver would see it after every ``include()`` is joined.

    ``route`` is the full route from the site root (include prefixes joined, converters kept as
    written, e.g. ``polls/<int:question_id>/``; a part that is not a literal is ``{expr}``).
    ``regex`` is True for ``re_path`` (then ``route`` is the joined regular expression).
    ``name`` is the full reversible name with namespaces (``polls:detail``), or ``""``.
    ``includes`` names the URLconf modules walked to reach it, outermost first (the root URLconf
    first), so the panel can nest patterns by include; ``namespaces`` the namespace chain.
    ``view`` is a :attr:`View.id` or ``""`` when the view could not be resolved from source
    (then ``view_text`` still shows the expression as written).
    ``converters`` are the captured parameters in route order as ``converter:name``
    (``int:question_id``; ``str:slug`` when the route writes no converter; ``regex:year`` for a
    named group of a regular expression). ``templates`` are template names given at the URL
    itself (``TemplateView.as_view(template_name="about.html")``); ``decorators`` the calls that
    wrap the view at the URL (``login_required`` in ``path("", login_required(views.index))``),
    outermost first.
    """

    route: str
    source: SourceRef
    name: str = ""
    regex: bool = False
    includes: tuple[str, ...] = ()
    namespaces: tuple[str, ...] = ()
    view: str = ""
    view_text: str = ""
    converters: tuple[str, ...] = ()
    provenance: Provenance = Provenance.SOURCE
    templates: tuple[str, ...] = ()
    decorators: tuple[str, ...] = ()


@dataclass(frozen=True)
class View:
    """A view callable: ``id`` is its dotted path (``polls.views.DetailView``).

    ``kind`` is ``"function"`` or ``"class"``; ``source`` the ``def``/``class`` line (``None``
    when it lies outside what was read). ``decorators`` are written as in the code
    (``login_required``); ``bases`` the class's bases as written. ``templates`` are template
    names it renders (``polls/detail.html``), in the order found; ``models`` are
    :attr:`Model.id`\\ s it names; ``parameters`` the function's (or ``get``'s) parameters after
    ``request``, used to check captured URL arguments; ``accepts_any_kwargs`` is True for ``**kwargs``.
    ``unwrapped_decorators`` are the ``decorators`` defined in the project whose wrapper does not
    use ``functools.wraps``: the running view then carries the wrapper's name, not this one's.
    """

    id: str
    kind: str
    source: SourceRef | None = None
    decorators: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    accepts_any_kwargs: bool = False
    provenance: Provenance = Provenance.SOURCE
    unwrapped_decorators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """A template name and the file it resolves to (``None`` when no template folder has it).

    ``extends`` and ``includes`` are the names its ``{% extends %}``/``{% include %}`` tags give.
    """

    name: str
    source: SourceRef | None = None
    extends: str = ""
    includes: tuple[str, ...] = ()
    provenance: Provenance = Provenance.SOURCE


@dataclass(frozen=True)
class Model:
    """A model class the project defines: ``id`` is ``app_label.ClassName`` (``polls.Question``).

    ``fields`` are the field names declared in the class body, in order; ``bases`` the bases as
    written; ``abstract`` is True for ``class Meta: abstract = True`` (no table of its own).
    """

    id: str
    source: SourceRef
    fields: tuple[str, ...] = ()
    provenance: Provenance = Provenance.SOURCE
    bases: tuple[str, ...] = ()
    abstract: bool = False


@dataclass(frozen=True)
class Middleware:
    """One ``MIDDLEWARE`` entry at ``position`` (1-based, request order), with its hooks if read."""

    position: int
    id: str
    source: SourceRef | None = None
    hooks: tuple[str, ...] = ()
    provenance: Provenance = Provenance.SOURCE


@dataclass(frozen=True)
class App:
    """One ``INSTALLED_APPS`` entry; ``path`` is its folder in the project, or ``""`` if outside."""

    id: str
    label: str
    path: str = ""


@dataclass(frozen=True)
class Diagnostic:
    """Something the map wants the learner to know, at a place in the source.

    ``kind`` is one of :data:`DIAGNOSTIC_KINDS`; ``topic`` the guide topic id that explains it
    (``""`` if none). Blind spots (``kind="not-seen"``) say what reading source cannot expand.
    """

    kind: str
    message: str
    source: SourceRef | None = None
    topic: str = ""


DIAGNOSTIC_KINDS = (
    "not-seen",  # a place the static reader cannot expand (admin.site.urls, routers, loops)
    "shadowed",  # a pattern an earlier pattern always matches first
    "duplicate-name",  # two patterns share one reversible name
    "signature",  # a view that cannot accept a captured URL argument
    "missing-template",  # a template name no template folder has
    "unreadable",  # a file that could not be read or parsed
    "settings",  # settings could not be found or read
)


@dataclass(frozen=True)
class ProjectMap:
    """Everything known about one project; ``root`` is the absolute path of its folder.

    ``settings_module`` is dotted (``mysite.settings``); ``root_urlconf`` dotted or ``""``.
    ``template_dirs`` are ``TEMPLATES[...]["DIRS"]`` relative to the root (``{expr}`` when not a
    literal). Collections are in the order found (URL patterns in resolution order).
    ``settings_files`` are the settings modules' files read, the named one first (split settings
    add ``base.py``, ``local.py``...); ``app_dirs`` is ``TEMPLATES[...]["APP_DIRS"]``.
    """

    root: str
    manage_py: str = ""
    settings_module: str = ""
    root_urlconf: str = ""
    urls: tuple[UrlPattern, ...] = ()
    views: tuple[View, ...] = ()
    templates: tuple[Template, ...] = ()
    models: tuple[Model, ...] = ()
    middleware: tuple[Middleware, ...] = ()
    apps: tuple[App, ...] = ()
    template_dirs: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    schema_version: int = field(default=SCHEMA_VERSION)
    settings_files: tuple[str, ...] = ()
    app_dirs: bool = False

    def view(self, view_id: str) -> View | None:
        """The view with ``view_id``, or ``None``."""
        return next((v for v in self.views if v.id == view_id), None)

    def template(self, name: str) -> Template | None:
        """The template called ``name``, or ``None``."""
        return next((t for t in self.templates if t.name == name), None)

    def model(self, model_id: str) -> Model | None:
        """The model with ``model_id``, or ``None``."""
        return next((m for m in self.models if m.id == model_id), None)

    def to_json(self) -> dict[str, Any]:
        """The map as plain JSON data (``--dump-map``'s document; enums as their values)."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value
