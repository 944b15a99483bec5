"""Property tests: whatever href is clicked, ``LinkRouter.route`` never raises, opens the browser only
for clean, short http/https/mailto links, and explains every refusal."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from reader.core.links import MAX_URL_LENGTH
from reader.ui.page import link_confirm
from reader.ui.page.link_router import LinkRouter
from tests.helpers.property_support import EXAMPLES, WEB_SCHEMES, copy_sample_content, hrefs


@pytest.fixture(scope="module")
def sample_content(qapp, tmp_path_factory):
    return copy_sample_content(tmp_path_factory)


# --- (b) link routing -----------------------------------------------------------------------------


def _is_control(char: str) -> bool:
    """C0 controls and DEL (C1 controls are checked by ``_is_any_control`` below)."""
    return ord(char) < 32 or ord(char) == 127


def _is_any_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


class RouterProbe:
    """A LinkRouter with every signal recorded and QDesktopServices.openUrl replaced."""

    def __init__(self, content) -> None:
        self.router = LinkRouter(content)
        self.events: list[tuple[str, tuple]] = []
        self.opened: list[QUrl] = []
        for name in ("topic_requested", "anchor_requested", "web_opened", "refused"):
            getattr(self.router, name).connect(lambda *args, name=name: self.events.append((name, args)))

    def route(self, href: str):
        self.events.clear()
        self.opened.clear()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(QDesktopServices, "openUrl", lambda url: self.opened.append(QUrl(url)) or True)
            # A generated link may need confirming (user info, a look-alike host): the real dialog
            # is modal, and its exec() would wait for ever (the hang guard cannot break into it).
            patch.setattr(link_confirm, "confirm_web_link", lambda _parent, _target: True)
            return self.router.route(href, "flow/views")


@pytest.fixture(scope="module")
def probe(qapp, sample_content):
    return RouterProbe(sample_content)


def check_route(probe: RouterProbe, href: str, is_control=_is_control) -> None:
    probe.route(href)
    assert len(probe.events) == 1, probe.events  # exactly one decision is announced
    signal, args = probe.events[0]
    if probe.opened:
        assert signal == "web_opened"
        assert len(probe.opened) == 1
        url = probe.opened[0]
        assert url.scheme().lower() in WEB_SCHEMES
        decoded = QUrl.fromPercentEncoding(href.encode("utf-8", "surrogatepass"))
        assert len(href) <= MAX_URL_LENGTH
        assert not any(is_control(char) for char in href), repr(href)
        assert not any(is_control(char) for char in decoded), repr(decoded)
    else:
        assert signal != "web_opened"
    if signal == "refused":
        assert args[0].strip(), href


_odd_characters = st.characters(whitelist_categories=("Cc", "Cf", "Cs", "Co", "Zl", "Zp", "Zs"))
router_hrefs = hrefs | st.builds(
    "".join,
    st.lists(
        st.sampled_from(["https://example.com/", "mailto:a@b.c", "%", "%C2", "%80"])
        | st.text(_odd_characters, max_size=4),
        max_size=6,
    ),
)


@EXAMPLES
@given(href=router_hrefs)
def test_link_router_opens_only_clean_web_links(probe, href):
    check_route(probe, href)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/\u0085",  # NEL, a C1 control character
        "https://example.com/%C2%85",
        "https://example.com/%C2%9B31m",  # CSI
    ],
)
def test_c1_control_characters_are_refused(probe, href):
    check_route(probe, href, is_control=_is_any_control)


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/",
        "HTTP://example.com/x?q=1#f",
        "mailto:someone@example.com",
        "https://example.com/" + "a" * (MAX_URL_LENGTH - 20),
    ],
)
def test_clean_web_links_are_opened(probe, href):
    probe.route(href)
    assert [url.toString() for url in probe.opened] == [QUrl(href).toString()]
    assert probe.events == [("web_opened", (href,))]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "https://example.com/%0d%0aX",
        "https://example.com/%00",
        "https://example.com/" + "a" * MAX_URL_LENGTH,
        "https://exa mple.com/",
        "http://",
        "",
        "../../../etc/passwd.md",
    ],
)
def test_bad_links_are_refused_with_a_message(probe, href):
    probe.route(href)
    assert probe.opened == []
    assert [name for name, _ in probe.events] == ["refused"]
    assert probe.events[0][1][0].strip()


@pytest.mark.timeout(30)
def test_a_link_to_confirm_does_not_wait_for_a_dialog_in_the_property_probe(probe):
    """The probe answers the confirmation itself: a full run used to hang here for ever when
    hypothesis generated such a link (user information in the address)."""
    check_route(probe, "https://good.example@evil.example/")
    assert probe.events[0][0] == "web_opened"
