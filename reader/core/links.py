"""THE link policy: what a link means (an anchor, a topic, a web page, or something refused),
which addresses may be handed to the desktop, and which images a page may show.

The renderer, ``--check``, the page's link router and the About dialog all ask here and nowhere
else; the UI only carries out the decision:

- :func:`classify` — the decision for one link on a page.
- :func:`is_openable` — may this address be opened by the desktop (``http``, ``https`` with a
  host, ``mailto`` without attachments)? Used for topic sources and links outside a guide.
- :func:`is_web_scheme` — the scheme check the UI repeats on Qt's own parse of an address.
- :func:`image_refusal` and :func:`image_path` — the one image rule: only images inside the
  content root are shown.
"""

from __future__ import annotations

import logging
import posixpath
import re
import unicodedata
from enum import Enum
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

from reader.core.content.model import ROOT_INDEX_ID, ContentRoot, topic_id_for
from reader.core.safe_text import nfc

logger = logging.getLogger(__name__)

WEB_SCHEMES = frozenset({"http", "https", "mailto"})  # a mailto: source is a source like any other
TOPIC_SCHEME = "topic"
MAX_URL_LENGTH = 2048


class LinkKind(Enum):
    """What a link is: see :func:`classify`."""

    ANCHOR = "anchor"
    TOPIC = "topic"
    WEB = "web"
    MISSING = "missing"
    REFUSED = "refused"


class LinkTarget(NamedTuple):
    """The decision for one link; ``message`` explains refusals and missing targets."""

    kind: LinkKind
    href: str
    topic_id: str = ""
    anchor: str = ""
    message: str = ""


_MAIL_ATTACHMENT = re.compile(r"(^|&)\s*attach(ment)?\s*=", re.IGNORECASE)  # some mail clients honour it
_BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_control_characters(text: str) -> bool:
    """True for C0/C1 control characters, DEL, and bidi overrides that can disguise an address."""
    return any(unicodedata.category(char) == "Cc" or char in _BIDI_OVERRIDES for char in text)


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


def classify(href: str, content: ContentRoot | None, current_topic_id: str | None) -> LinkTarget:
    """Classify ``href`` found on topic ``current_topic_id``; never raises.

    Without ``content`` (links outside any guide, such as the About dialog's) only web links pass.
    """
    shown = href if len(href) <= 80 else href[:77] + "…"
    if has_control_characters(href) or has_control_characters(unquote(href)):  # %0A hides a newline
        return LinkTarget(
            LinkKind.REFUSED, href, message=f"Refused a link with control characters: {shown!r}"
        )
    if len(href) > MAX_URL_LENGTH:
        return LinkTarget(
            LinkKind.REFUSED, href, message=f"Refused a link longer than {MAX_URL_LENGTH} characters"
        )
    href = href.strip()
    if not href:
        return LinkTarget(LinkKind.REFUSED, href, message="Refused an empty link")
    if href.startswith("#"):
        return LinkTarget(LinkKind.ANCHOR, href, current_topic_id or "", unquote(href[1:]))
    try:
        parts = urlsplit(href)
    except ValueError:
        return LinkTarget(LinkKind.REFUSED, href, message=f"Refused a malformed link: {shown}")
    scheme = parts.scheme.lower()
    if scheme in WEB_SCHEMES:
        if scheme == "mailto" and _MAIL_ATTACHMENT.search(unquote(parts.query)):
            message = f"Refused a mail link that attaches files: {shown}"
            return LinkTarget(LinkKind.REFUSED, href, message=message)
        if scheme != "mailto" and not parts.netloc:
            return LinkTarget(LinkKind.REFUSED, href, message=f"Refused a web link without a host: {shown}")
        return LinkTarget(LinkKind.WEB, href)
    if scheme == TOPIC_SCHEME and content is not None:
        return _topic_target(href, content, unquote(parts.path), unquote(parts.fragment))
    if (scheme and scheme != TOPIC_SCHEME) or parts.netloc:
        label = f"{scheme}:" if scheme else "network-path"
        return LinkTarget(LinkKind.REFUSED, href, message=f"Refused to open a {label} link: {shown}")
    if content is None:  # topic or relative links mean nothing outside a guide
        return LinkTarget(
            LinkKind.REFUSED, href, message=f"Refused a link that is not a web address: {shown}"
        )
    return resolve_relative(href, content, current_topic_id)


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
    if (
        joined.endswith((".html", ".htm"))
        and topic_id_for(joined.rsplit(".", 1)[0] + ".md") in content.topics
    ):
        joined = joined.rsplit(".", 1)[0] + ".md"  # a link written for the built site
    if not joined.endswith(".md"):
        joined = joined.rstrip("/") + "/index.md" if _is_folder(content, joined) else joined + ".md"
    return _topic_target(href, content, topic_id_for(joined), anchor)


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


def _topic_target(href: str, content: ContentRoot, topic_id: str, anchor: str) -> LinkTarget:
    topic_id = nfc(topic_id)
    if topic_id in content.topics:
        return LinkTarget(LinkKind.TOPIC, href, topic_id, anchor)
    return LinkTarget(
        LinkKind.MISSING, href, topic_id, anchor, message=f"No topic '{topic_id}' in this guide"
    )
