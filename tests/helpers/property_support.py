"""Shared pieces of the property tests: example settings, href strategies, the sample content."""

from __future__ import annotations

import os
import shutil

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from PySide6.QtGui import QImage

from reader.core.content.loader import load_content
from reader.core.links import MAX_URL_LENGTH
from tests.helpers.paths import SAMPLE

FUZZ_TOPIC = "flow/fuzz"  # nested, so that ../ links and images have a folder to leave
EXAMPLES = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "100")),  # raise it to hunt for bugs
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
WEB_SCHEMES = {"http", "https", "mailto"}
ACTIVE_TAGS = {"script", "iframe", "style", "link", "object", "embed", "frame", "frameset", "meta", "base"}

# --- shared strategies ----------------------------------------------------------------------------

_printable = st.characters(blacklist_categories=("Cs",))
_words = st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8)
_inline_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"), max_size=30
)

_crafted_hrefs = st.sampled_from(
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java%0ascript:alert(1)",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,AAAA",
        "vbscript:msgbox",
        "myapp://open",
        "ftp://example.com/x",
        "//example.com/x",
        "///etc/passwd",
        "/etc/passwd",
        "../../../../etc/passwd",
        "../outside.md",
        "../index.md",
        "views.md#writing-a-view",
        "../flow/views.md",
        "./",
        "..",
        ".",
        "#",
        "#nested-heading",
        "#%00",
        "topic:flow/views",
        "topic:../../etc",
        "topic:",
        "copy-code:0",
        "copy-code:../x",
        "http://",
        "http:example.com",
        "https://example.com/",
        "https://example.com/a b",
        "https://exa mple.com/",
        "https://example.com/%0d%0aSet-Cookie:x",
        "https://example.com/%00",
        "https://example.com/%C2%85",
        "https://example.com/\u0085",
        "https://example.com/\u202egnp.exe",
        "https://user:pass@example.com:99999/",
        "https://[::1/",
        "http://[v1.x]/",
        "HTTPS://EXAMPLE.COM/",
        "mailto:someone@example.com",
        "mailto:",
        "mailto:a@b.c?subject=%0Ahi",
        "mailto:a@b.c%0d%0abcc:evil@x",
        "https://example.com/" + "a" * 3000,
        "https://example.com/" + "%41" * 700,
        "https://example.com/" + "a" * (MAX_URL_LENGTH - 20),
        "\x00https://example.com/",
        "https://example.com/\x7f",
        "https://example.com/%7F",
        "https://example.com/%E2%80%AE",
        "https://example.com/%ff%fe",
        "https:/\\example.com",
        "\\\\server\\share",
        "C:\\Windows\\system32",
        "c:/windows",
    ]
)
_schemes = st.sampled_from(
    ["http", "https", "mailto", "javascript", "file", "data", "topic", "copy-code", ""]
)
_built_hrefs = st.builds(
    lambda scheme, sep, host, path: f"{scheme}{sep}{host}{path}",
    _schemes,
    st.sampled_from([":", "://", ":/", ":///", ""]),
    st.sampled_from(["example.com", "", "a@b.c", "localhost:8000", "[::1]", "xn--n3h.com"]),
    st.text(_printable, max_size=40)
    | st.lists(st.integers(0, 255).map(lambda n: f"%{n:02X}"), max_size=12).map("".join),
)
hrefs = _crafted_hrefs | _built_hrefs | st.text(max_size=200) | st.text(_printable, max_size=60)


def copy_sample_content(tmp_path_factory):
    """The sample guide copied next to a secret, with images inside (and one outside) the root."""

    base = tmp_path_factory.mktemp("properties")
    root = shutil.copytree(SAMPLE, base / "content")
    image = QImage(2, 2, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    for relative in ("pic.png", "flow/pic.png", "flow/sub/x.png", "../secret.png"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        image.save(str(root / relative), "PNG")
    return load_content(root)
