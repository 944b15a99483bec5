"""THE link policy: what a link means (an anchor, a topic, a web page, or something refused),
which addresses may be handed to the desktop, and which images a page may show.

The renderer, ``--check``, the page's link router and the About dialog all ask here and nowhere
else; the UI only carries out the decision:

- :func:`classify` — the decision for one link on a page: an internal action (the renderer's own
  "Copy" links, carrying the page's secret token), the walk-through, an anchor, a topic, a web
  page (perhaps to be confirmed first: :func:`reader.core.web_hosts.host_caution`), missing, or
  refused. A link to the content root's ``diagram.toml`` (``[Follow a request](diagram.toml)``)
  is the walk-through of that diagram: the renderer writes it as :data:`WALKTHROUGH_HREF` and
  the router starts the walk-through. It can do nothing else, so a page may offer it like any
  topic link.
- :func:`is_openable` — may this address be opened by the desktop (``http``, ``https`` with a
  host, ``mailto`` without attachments)? Used for topic sources and links outside a guide.
- :func:`is_web_scheme` — the scheme check the UI repeats on Qt's own parse of an address.
- :func:`image_refusal` and :func:`image_path` — the one image rule: only images inside the
  content root are shown.
"""

from __future__ import annotations

import logging
import posixpath
import unicodedata
from enum import Enum
from typing import NamedTuple
from urllib.parse import SplitResult, quote, unquote, urlsplit

from reader.core.content.model import ROOT_INDEX_ID, ContentRoot, page_of_readme, topic_id_for
from reader.core.diagram import DIAGRAM_FILE
from reader.core.safe_text import nfc
from reader.core.web_hosts import host_caution

logger = logging.getLogger(__name__)

WEB_SCHEMES = frozenset({"http", "https", "mailto"})  # a mailto: source is a source like any other
TOPIC_SCHEME = "topic"
MAX_URL_LENGTH = 2048
WALKTHROUGH_HREF = f"{TOPIC_SCHEME}:{DIAGRAM_FILE}"  # what the renderer writes for the walk-through
COPY_CODE_SCHEME = "copy-code"  # the one-click "Copy" links: copy-code:<page's action_token>/<index>


MAIL_FIELDS = frozenset({"to", "cc", "bcc", "subject", "body"})  # the mailto: fields passed on


class LinkKind(Enum):
    """What a link is: see :func:`classify`."""

    ACTION = "action"  # the renderer's own "Copy" link above a code block
    ANCHOR = "anchor"
    TOPIC = "topic"
    WALKTHROUGH = "walkthrough"  # start the diagram's "Follow a request" walk-through
    WEB = "web"
    MISSING = "missing"
    REFUSED = "refused"


class LinkTarget(NamedTuple):
    """The decision for one link; ``message`` explains refusals and missing targets.

    ``confirm``, on a web link, is why the user must confirm it before the browser opens it
    (naming the real host, as Unicode and as punycode); ``code_block`` is the index of the code
    block an ``ACTION`` link copies.
    """

    kind: LinkKind
    href: str
    topic_id: str = ""
    anchor: str = ""
    message: str = ""
    confirm: str = ""
    code_block: int = -1


_BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_control_characters(text: str) -> bool:
    """True for C0/C1 control characters, DEL, and bidi overrides that can disguise an address."""
    if text.isprintable():  # none of those is printable: the common case costs one C loop
        return False
    return any(unicodedata.category(char) == "Cc" or char in _BIDI_OVERRIDES for char in text)


def copy_code_href(token: str, index: int) -> str:
    """The href of the renderer's "Copy" link for code block ``index`` of a page with ``token``.

    ``token`` is random per rendered page (kept with it): content cannot write a link that
    :func:`classify` takes for the reader's own, since it cannot know the token.
    """
    return f"{COPY_CODE_SCHEME}:{token}/{index}"


def topic_href(topic_id: str, anchor: str = "") -> str:
    """Return the in-page href the renderer uses for a link to a topic."""
    return f"{TOPIC_SCHEME}:{quote(topic_id, safe='/')}" + (f"#{quote(anchor, safe='')}" if anchor else "")


class ImageRefusal(Enum):
    """Why an image is not shown: ``note`` is what the page says, ``problem`` what ``--check`` says."""

    REMOTE = ("remote image not loaded", "remote image will not be loaded")
    OUTSIDE = ("image outside the content root refused", "image outside the content root")

    @property
    def note(self) -> str:
        """What the page shows in place of the image."""
        return self.value[0]

    @property
    def problem(self) -> str:
        """What ``--check`` reports."""
        return self.value[1]


def is_web_scheme(scheme: str) -> bool:
    """True for the schemes the desktop may open (``http``, ``https``, ``mailto``; any case)."""
    return scheme.lower() in WEB_SCHEMES


def is_openable(href: str) -> bool:
    """True if the desktop may open ``href``: what :func:`classify` calls a web link.

    The same answer with or without a content root, so a topic's ``sources`` are linked by the
    renderer exactly when ``--check`` accepts them.
    """
    return classify(href, None, None).kind is LinkKind.WEB


def image_path(src: str, folder: str) -> str:
    """The root-relative path of the image ``src`` written in a topic in ``folder`` (normalised).

    Percent-encoding is decoded (``flow%20chart.png`` names ``flow chart.png``) and a query or
    fragment (``x.png?raw=true``) is dropped, as a web server would.
    """
    path = unquote(src.split("#", 1)[0].split("?", 1)[0])
    return posixpath.normpath(posixpath.join(folder, path))


def image_refusal(src: str, folder: str) -> ImageRefusal | None:
    """Why the image ``src`` in a topic in root-relative ``folder`` is not shown, or ``None``.

    Remote images (any scheme, or ``//host``) are never fetched; a path that starts at ``/`` or
    climbs out of the content root is refused. Whether the file exists is not checked here.
    """
    if ":" in src.split("/", 1)[0] or src.startswith("//"):
        return ImageRefusal.REMOTE
    if src.startswith("/"):
        return ImageRefusal.OUTSIDE
    path = image_path(src, folder)
    if path == ".." or path.startswith("../") or path in (".", "") or path.startswith("/"):
        return ImageRefusal.OUTSIDE
    return None


def locate_image(src: str, folder: str, content: ContentRoot) -> tuple[str, ImageRefusal | None]:
    """The root-relative path of image ``src`` on a topic in ``folder``, or why it is refused.

    As :func:`image_refusal`, except that a site-absolute path (``/images/x.png``,
    ``/en-US/docs/Guide/x.png``) is looked for inside the root, whole or without its leading
    folders, as a site would serve it; it is refused only if no such file exists.
    """
    refusal = image_refusal(src, folder)
    if refusal is ImageRefusal.OUTSIDE and src.startswith("/") and not src.startswith("//"):
        parts = [part for part in image_path(src, "").split("/") if part and part != ".."]
        for start in range(len(parts)):
            candidate = "/".join(parts[start:])
            try:
                if (content.root / candidate).is_file():
                    return candidate, None
            except (OSError, ValueError):
                break
    if refusal is not None:
        return "", refusal
    return image_path(src, folder), None


def classify(
    href: str, content: ContentRoot | None, current_topic_id: str | None, action_token: str = ""
) -> LinkTarget:
    """Classify ``href`` (as written in the page) found on topic ``current_topic_id``; never raises.

    Without ``content`` (links outside any guide, such as the About dialog's) only web links pass.
    ``action_token`` is the token of the page shown: only a ``copy-code:`` link carrying it is an
    ``ACTION``; any other is refused, so ``--check`` (which has no token) reports what a click does.
    """
    shown = href if len(href) <= 80 else href[:77] + "…"
    hidden = "%" in href and has_control_characters(unquote(href))  # %0A hides a newline
    if has_control_characters(href) or hidden:
        return LinkTarget(
            LinkKind.REFUSED, href, message=f"Refused a link with control characters: {shown!r}"
        )
    if len(href) > MAX_URL_LENGTH:
        return LinkTarget(
            LinkKind.REFUSED, href, message=f"Refused a link longer than {MAX_URL_LENGTH} characters: {shown}"
        )
    if not href.strip():
        message = (
            f"Refused a link whose address is only white space: {href!r}"
            if href
            else 'Refused a link with no address (href="")'
        )
        return LinkTarget(LinkKind.REFUSED, href, message=message)
    href = href.strip()
    if href.startswith("#"):
        return LinkTarget(LinkKind.ANCHOR, href, current_topic_id or "", unquote(href[1:]))
    try:
        parts = urlsplit(href)
    except ValueError:
        return LinkTarget(LinkKind.REFUSED, href, message=f"Refused a malformed link: {shown}")
    scheme = parts.scheme.lower()
    if scheme == COPY_CODE_SCHEME:
        return _action_target(href, parts.path, action_token, shown)
    if scheme in WEB_SCHEMES:
        refusal = _mail_refusal(parts.path, parts.query) if scheme == "mailto" else _web_refusal(href, parts)
        if refusal:
            return LinkTarget(LinkKind.REFUSED, href, message=f"{refusal}: {shown}")
        caution = host_caution(parts.netloc) if scheme != "mailto" else ""
        if caution.startswith("Refused"):
            return LinkTarget(LinkKind.REFUSED, href, message=f"{caution}: {shown}")
        return LinkTarget(LinkKind.WEB, href, confirm=caution)
    if scheme == TOPIC_SCHEME and content is not None:
        if unquote(parts.path) == DIAGRAM_FILE:
            return _walkthrough_target(href, content)
        return _topic_target(href, content, unquote(parts.path), unquote(parts.fragment))
    if (scheme and scheme != TOPIC_SCHEME) or parts.netloc:
        label = f"{scheme}:" if scheme else "network-path"
        return LinkTarget(LinkKind.REFUSED, href, message=f"Refused to open a {label} link: {shown}")
    if content is None:  # topic or relative links mean nothing outside a guide
        return LinkTarget(
            LinkKind.REFUSED, href, message=f"Refused a link that is not a web address: {shown}"
        )
    return resolve_relative(href, content, current_topic_id)


def copy_code_index(href: str, action_token: str) -> int | None:
    """The code block a Copy link made by the renderer for the page with ``action_token`` copies,
    or ``None`` if ``href`` is not such a link (see :func:`copy_code_href`)."""
    scheme, _, path = href.strip().partition(":")
    token, _, index = path.partition("/")
    if scheme.lower() != COPY_CODE_SCHEME or not action_token or token != action_token:
        return None
    return int(index) if index.isascii() and index.isdigit() and len(index) < 7 else None


def _action_target(href: str, path: str, action_token: str, shown: str) -> LinkTarget:
    index = copy_code_index(href, action_token)
    if index is not None:
        return LinkTarget(LinkKind.ACTION, href, code_block=index)
    message = (
        f"Refused a {COPY_CODE_SCHEME}: link written in the topic (only the reader's own Copy links copy)"
    )
    message += f": {shown}"
    return LinkTarget(LinkKind.REFUSED, href, message=message)


def _mail_refusal(path: str, query: str) -> str:
    """Why a ``mailto:`` link is refused ("" if it is not): only the fields of ``MAIL_FIELDS``,
    each name checked after percent-decoding, and no second ``?`` a mail client might split on."""
    if "?" in query or "?" in unquote(path) or "&" in unquote(path):
        return "Refused a mail link with a second '?' or '&' in its address"
    for field in query.replace(";", "&").split("&"):
        name = unquote(field.split("=", 1)[0]).strip().lower()
        if field and name not in MAIL_FIELDS:
            return f"Refused a mail link with the field {name[:30]!r} (only to, cc, bcc, subject and body)"
    return ""


def _web_refusal(href: str, parts: SplitResult) -> str:
    """Why an ``http(s):`` link is refused ("" if it is not): no host, or a host that browsers
    and this parser could read differently (a backslash, percent-encoding)."""
    netloc = parts.netloc
    if not netloc:
        return "Refused a web link without a host"
    if "\\" in href.split("?", 1)[0].split("#", 1)[0] or "%" in netloc.rpartition("@")[2]:
        return "Refused a web link whose host browsers could read differently"
    return ""


def resolve_relative(href: str, content: ContentRoot, current_topic_id: str | None) -> LinkTarget:
    """Resolve a relative link written in a topic file (``../a/b.md#x``) to a topic."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    anchor = unquote(parts.fragment)
    base_dir = ""
    current = content.topic(current_topic_id) if current_topic_id else None
    if current is not None:
        base_dir = content.folder_of(current)
    if path.startswith("/"):
        return _site_target(href, content, path, anchor)
    joined = posixpath.normpath(posixpath.join(base_dir, path)) if path else ""
    if joined.startswith("../") or joined == "..":
        return LinkTarget(
            LinkKind.REFUSED, href, message=f"Refused a link that leaves the content root: {href}"
        )
    if joined in ("", "."):
        joined = "index.md"
    if joined == DIAGRAM_FILE:
        return _walkthrough_target(href, content)
    if (
        joined.endswith((".html", ".htm"))
        and topic_id_for(joined.rsplit(".", 1)[0] + ".md") in content.topics
    ):
        joined = joined.rsplit(".", 1)[0] + ".md"  # a link written for the built site
    if not joined.endswith(".md"):
        joined = joined.rstrip("/") + "/index.md" if _is_folder(content, joined) else joined + ".md"
    return _topic_target(href, content, page_of_readme(topic_id_for(joined), content.topics), anchor)


_SITE_SUFFIXES = (".md", ".html", ".htm")


def _site_target(href: str, content: ContentRoot, path: str, anchor: str) -> LinkTarget:
    """A site-absolute link (``/fr/docs/Guide/Models``): the topic whose ``slug:`` or path inside
    the root matches the path, or its trailing part when the site puts a prefix in front; any
    letter case. A path that matches nothing points outside the content root."""
    parts = [part for part in nfc(path).split("/") if part]
    if parts:
        last = parts[-1]
        for suffix in _SITE_SUFFIXES:
            if last.lower().endswith(suffix):
                parts[-1] = last[: -len(suffix)]
                break
        if parts[-1].lower() == "index":
            parts.pop()
    site = content.site_paths()
    for start in range(len(parts)):
        topic_id = site.get("/".join(parts[start:]).casefold())
        if topic_id is not None:
            return LinkTarget(LinkKind.TOPIC, href, topic_id, anchor)
    if not parts and ROOT_INDEX_ID in content.topics:
        return LinkTarget(LinkKind.TOPIC, href, ROOT_INDEX_ID, anchor)
    message = (
        f"Refused a site link that points outside this content root (no topic has its slug or path): {path}"
    )
    return LinkTarget(LinkKind.REFUSED, href, message=message)


def _is_folder(content: ContentRoot, relative: str) -> bool:
    try:
        return (content.root / relative).is_dir()
    except (OSError, ValueError):  # names too long for the file system, NUL bytes
        return False


def _walkthrough_target(href: str, content: ContentRoot) -> LinkTarget:
    """The walk-through of the root's diagram, or missing when the root has no ``diagram.toml``."""
    if _is_file(content, DIAGRAM_FILE):
        return LinkTarget(LinkKind.WALKTHROUGH, href)
    message = f"This content has no {DIAGRAM_FILE}, so there is no walk-through to follow"
    return LinkTarget(LinkKind.MISSING, href, DIAGRAM_FILE, message=message)


def _is_file(content: ContentRoot, relative: str) -> bool:
    try:
        return (content.root / relative).is_file()
    except (OSError, ValueError):
        return False


def _topic_target(href: str, content: ContentRoot, topic_id: str, anchor: str) -> LinkTarget:
    topic_id = nfc(topic_id)
    if topic_id in content.topics:
        return LinkTarget(LinkKind.TOPIC, href, topic_id, anchor)
    written = href.split("#", 1)[0]
    if written and not any(mark in written for mark in "/.:?"):  # a MyST target's label
        found = content.myst_target(nfc(unquote(written)))
        if found is not None:
            return LinkTarget(LinkKind.TOPIC, href, found[0], anchor or found[1])
    return LinkTarget(
        LinkKind.MISSING, href, topic_id, anchor, message=f"No topic '{topic_id}' in this guide"
    )
