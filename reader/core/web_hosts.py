"""Who a web address really goes to: its host as browsers read it, and why it may mislead.

Part of the link policy (:mod:`reader.core.links` asks here before it lets a web link open):

- :func:`web_host` — the host of ``user@host:port`` in lower-case ASCII (punycode), or "" if it
  is not a domain name or an ``[IPv6]`` literal.
- :func:`host_caution` — the sentence the learner reads before a link with user information or a
  non-ASCII (perhaps lookalike) host opens; a "Refused…" sentence for a host that is no domain.
"""

from __future__ import annotations

import unicodedata

_HOST_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-_")


def host_caution(netloc: str) -> str:
    """Why a web link to ``netloc`` should be confirmed before it opens ("" if it need not), or a
    sentence starting "Refused" if its host is not a domain name at all.

    Asks for confirmation when the address carries user information (``good.example@evil.example``
    goes to ``evil.example``) or when its host is not plain ASCII (an internationalised name, which
    can imitate another: ``exаmple.com`` with a Cyrillic "а"). The sentence names the real host
    as it reads and as punycode.
    """
    userinfo, has_at, _hostport = netloc.rpartition("@")
    ascii_host = web_host(netloc)
    try:
        unicode_host = ascii_host.encode("ascii").decode("idna")
    except (UnicodeError, ValueError):
        ascii_host = ""
    if not ascii_host:
        return "Refused a web link whose host is not a valid domain name"
    reasons = []
    if has_at:
        reasons.append(f"The address starts with “{userinfo[:60]}@”, which is not where it goes.")
    if unicode_host != ascii_host:
        scripts = _scripts(unicode_host)
        mixed = (
            f" It mixes {' and '.join(sorted(scripts))} letters, as lookalike addresses do."
            if len(scripts) > 1
            else ""
        )
        reasons.append(f"Its host is written with non-ASCII letters.{mixed}")
    if not reasons:
        return ""
    forms = f"{unicode_host} (punycode: {ascii_host})" if unicode_host != ascii_host else ascii_host
    return " ".join([*reasons, f"The real host is {forms}."])


def web_host(netloc: str) -> str:
    """The host of ``netloc`` (``user@host:port``) in lower-case ASCII (punycode), or "" if it is
    not a domain name or an ``[IPv6]`` literal. The UI checks Qt's parse gives the same host."""
    hostport = netloc.rpartition("@")[2]
    host = hostport.rsplit(":", 1)[0] if not hostport.startswith("[") else hostport.split("]", 1)[0] + "]"
    host = host.rstrip(".").lower()
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except (UnicodeError, ValueError):
        return ""
    if not ascii_host or not (set(ascii_host) <= _HOST_CHARACTERS or _is_ip_literal(ascii_host)):
        return ""
    return ascii_host


def _is_ip_literal(host: str) -> bool:
    """True for ``[IPv6]`` hosts (hex digits, colons and dots between brackets)."""
    return (
        len(host) > 2 and host[0] == "[" and host[-1] == "]" and set(host[1:-1]) <= set("0123456789abcdef:.")
    )


def _scripts(text: str) -> set[str]:
    """The scripts (first word of the Unicode name: LATIN, CYRILLIC, …) of the letters in ``text``."""
    found = set()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
            found.add(name.title())
    return found
