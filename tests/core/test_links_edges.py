"""Property tests for the link policy's edges (issue 14, point 7): internal actions only with the
page's token, mail links with allow-listed fields only, the length limit on the address as
written, and a confirmation naming the real host for user information and non-ASCII hosts."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.core.links import (
    MAIL_FIELDS,
    MAX_URL_LENGTH,
    LinkKind,
    classify,
    copy_code_href,
)
from reader.core.web_hosts import web_host
from tests.helpers.property_support import hrefs

tokens = st.text("0123456789abcdef", min_size=1, max_size=18)


@settings(max_examples=400)
@given(href=hrefs | st.builds(lambda t, i: f"copy-code:{t}/{i}", tokens, st.integers(0, 99)), token=tokens)
def test_only_a_copy_link_with_the_pages_token_is_an_action(href: str, token: str) -> None:
    target = classify(href, None, None, token)
    if target.kind is LinkKind.ACTION:
        assert href.strip() == copy_code_href(token, target.code_block)
    assert classify(href, None, None).kind is not LinkKind.ACTION  # --check has no token


@given(token=tokens, index=st.integers(0, 10_000))
def test_the_renderers_copy_links_are_actions(token: str, index: int) -> None:
    target = classify(copy_code_href(token, index), None, None, token)
    assert (target.kind, target.code_block) == (LinkKind.ACTION, index)


_field_names = st.sampled_from(
    ["to", "cc", "bcc", "subject", "body", "attach", "attachment", "%61ttach", "Attach", "x", "in-reply-to"]
)
_mail_links = st.builds(
    lambda to, fields, sep: f"mailto:{to}?" + sep.join(f"{name}={value}" for name, value in fields),
    st.sampled_from(["a@example.com", "", "a@example.com,b@example.com"]),
    st.lists(
        st.tuples(_field_names, st.sampled_from(["x", "%2Fetc%2Fpasswd", "hello%20there", ""])), max_size=4
    ),
    st.sampled_from(["&", ";", "&amp;"]),
)


@settings(max_examples=300)
@given(_mail_links | hrefs)
def test_a_mail_link_opens_only_with_allowed_fields(href: str) -> None:
    target = classify(href, None, None)
    if target.kind is LinkKind.WEB and href.strip().lower().startswith("mailto:"):
        query = urlsplit(href.strip()).query
        for field in query.replace(";", "&").split("&"):
            if field:
                assert unquote(field.split("=", 1)[0]).strip().lower() in MAIL_FIELDS


@settings(max_examples=300)
@given(hrefs, st.integers(0, 3000))
def test_the_length_limit_is_on_the_address_as_written(href: str, padding: int) -> None:
    written = href + "%41" * padding
    target = classify(written, None, None)
    if len(written) > MAX_URL_LENGTH:
        assert target.kind is LinkKind.REFUSED


_hosts = st.sampled_from(
    ["example.com", "exаmple.com", "xn--exmple-4nf.com", "bücher.de", "ΑΡΡΙΕ.com", "аррӏе.com", "a.example"]
)
_userinfo = st.sampled_from(["", "good.example@", "user:pw@", "https%3A%2F%2Fgood.example@", "a@b@"])


@settings(max_examples=300)
@given(_userinfo, _hosts, st.sampled_from(["/", "/login", ":8443/x", ""]))
def test_misleading_addresses_ask_first_and_name_the_real_host(userinfo: str, host: str, rest: str) -> None:
    href = f"https://{userinfo}{host}{rest}"
    target = classify(href, None, None)
    assume(target.kind is LinkKind.WEB)
    real = web_host(urlsplit(href).netloc)
    if userinfo or not host.isascii() or "xn--" in host:
        assert real in target.confirm
        assert f"The real host is {real.encode().decode('idna')}" in target.confirm
    else:
        assert target.confirm == ""


@pytest.mark.parametrize(
    ("href", "named"),
    [("", 'href=""'), ("   ", "'   '"), ("\u3000", "'\\u3000'")],  # invisible spaces spelled out
)
def test_an_empty_link_is_refused_naming_what_was_refused(href: str, named: str) -> None:
    target = classify(href, None, None)
    assert target.kind is LinkKind.REFUSED
    assert named in target.message
