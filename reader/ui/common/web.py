"""Handing a web address to the system browser: the one place that calls ``QDesktopServices.openUrl``.

The link policy (:mod:`reader.core.links`) decides; this module only re-checks Qt's own strict
parse of the address, so what Qt would open is what the policy approved.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from reader.core.links import is_openable, is_web_scheme
from reader.core.web_hosts import web_host

logger = logging.getLogger(__name__)


def browser_url(href: str) -> QUrl | None:
    """The ``QUrl`` the browser may be given for ``href``, or ``None`` if the policy or Qt's parse says no."""
    if not is_openable(href):
        return None
    url = QUrl(href, QUrl.ParsingMode.StrictMode)
    if not url.isValid() or not is_web_scheme(url.scheme()):
        return None
    if url.scheme().lower() != "mailto":  # the host Qt hands over is the one the policy judged
        qt_host = url.host(QUrl.ComponentFormattingOption.EncodeUnicode).lower().rstrip(".")
        policy_host = web_host(urlsplit(href.strip()).netloc).strip("[]")
        if qt_host.strip("[]") != policy_host:
            logger.info("Qt reads the host of %r as %r, the policy as %r", href[:200], qt_host, policy_host)
            return None
    return url


def open_in_browser(href: str) -> bool:
    """Open ``href`` in the system browser if :func:`browser_url` allows it; whether it was handed over."""
    url = browser_url(href)
    if url is None:
        logger.info("refused to open %r", href[:200])
        return False
    return bool(QDesktopServices.openUrl(url))
