"""Build a content root holding every kind of bad content that issue #8 lists."""

from __future__ import annotations

import os
import struct
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

GOOD = "---\ntitle: {title}\norder: {order}\nsummary: A good page.\nsources: https://docs.djangoproject.com/\n---\n\n{body}\n"


def good(title: str, body: str = "Fine.", order: int = 1) -> str:
    return GOOD.format(title=title, body=body, order=order)


def build_hostile_content(root: Path) -> Path:
    """Write the hostile content root under ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes] = {
        "index.md": good(
            "Home", "Start at [cycle a](cycle-a.md). [Missing](nowhere.md). [Bad anchor](cycle-b.md#nope)."
        ),
        "latin1.md": "---\ntitle: Caf\xe9\n---\n\nCaf\xe9 cr\xe8me".encode("latin-1"),
        "empty.md": "",
        "binary.md": bytes(range(256)) * 4,
        "huge.md": "---\ntitle: Huge\n---\n\n" + ("All work and no play. " * 250_000),
        "broken-front-matter.md": "---\ntitle: Broken\norder: twelve\nthis line is not a key\n---\n\nBody.",
        "cycle-a.md": good("Cycle A", "Go to [B](cycle-b.md)."),
        "cycle-b.md": good("Cycle B", "Go back to [A](cycle-a.md)."),
        "same-title-1.md": good("Same title"),
        "same-title-2.md": good("Same title"),
        "deep-markdown.md": good(
            "Deep Markdown", ">" * 1000 + " deep quote\n\n" + "".join("  " * i + "- x\n" for i in range(300))
        ),
        "escaping-image.md": good("Escaping image", "![secret](../../etc/passwd) ![up](../outside.png)"),
        "remote-image.md": good(
            "Remote image", "![tracker](https://example.com/pixel.png) ![proto](//example.com/x.png)"
        ),
        "hostile-links.md": good(
            "Hostile links",
            "[js](javascript:alert(1)) [file](file:///etc/passwd) [data](data:text/html,hi) "
            "[vb](vbscript:msgbox) [custom](myapp://open) [long](https://example.com/" + "a" * 3000 + ") "
            '<b>raw html</b> <a href="javascript:alert(2)">raw link</a>',
        ),
        "hostile-html.md": good(
            "Hostile HTML",
            "<script>alert(1)</script>\n\n<style>body { display: none }</style>\n\n"
            '<iframe src="https://evil.example/"></iframe>\n\n'
            '<form action="https://evil.example/"><input name="q"><button>Go</button></form>\n\n'
            '<p onclick="alert(3)" style="color: red" id="kept-anchor">'
            'para <img src="x" onerror="alert(4)"></p>\n\n'
            "<!-- a hidden comment -->\n\n"
            '<table><tr><td><a href="javascript:alert(5)">bad</a> '
            '<a href="hostile-links.md">good</a></td></tr></table>\n\n'
            '<img src="../../etc/passwd" alt="secret"> '
            '<img src="https://evil.example/t.png" alt="tracker">\n',
        ),
    }
    for relative, data in files.items():
        path = root / relative
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    loop = root / "loop"
    loop.mkdir(exist_ok=True)
    (loop / "page.md").write_text(good("Loop page"), encoding="utf-8")
    if not (loop / "again").exists():
        os.symlink("..", loop / "again")
    outside = root.parent / "outside-secret.md"
    outside.write_text(good("Secret outside"), encoding="utf-8")
    if not (root / "leak.md").exists():
        os.symlink(outside, root / "leak.md")
    deep = root
    for level in range(50):
        deep = deep / f"d{level}"
    deep.mkdir(parents=True, exist_ok=True)
    (deep / "bottom.md").write_text(good("Bottom"), encoding="utf-8")
    return root


RESOURCE_VECTORS = [
    "attr-style",
    "attr-background",
    "attr-title",
    "raw-td-background",
    "raw-table-background",
    "raw-style",
    "raw-link-css",
    "raw-img-file",
    "raw-title",
    "img-absolute",
    "img-file-url",
    "link-title",
    "img-title",
    "href-hover",
    "front-title",
    "front-summary",
    "heading",
    "caption",
    "label",
    "diagram-title",
]
"""Every way a topic or diagram.toml could make Qt read a file: each names one spy FIFO."""


def png_1x1() -> bytes:
    """A valid one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def build_resource_attacks(root: Path, spy: dict[str, str]) -> Path:
    """A content root whose pages, tooltips and diagram point at the spy files ``spy[vector]``.

    Nothing in it should ever make the app (or Qt on its behalf) open one of those files.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "pic.png").write_bytes(png_1x1())

    def img(vector: str) -> str:
        return f"<img src={spy[vector]}>"

    pages = {
        "index.md": good("Resources", "Every page here is hostile. See [attributes](attributes.md)."),
        "attributes.md": good(
            "Attributes",
            f'A paragraph\n{{: style="background-image: url({spy["attr-style"]})" }}\n\n'
            f'## A heading {{: background="{spy["attr-background"]}" }}\n\n'
            f'Titled\n{{: title="{img("attr-title")}" }}\n\n'
            "| a | b |\n|---|---|\n| c | d |\n",
        ),
        "raw.md": good(
            "Raw HTML",
            f'<table background="{spy["raw-table-background"]}"><tr>'
            f'<td background="{spy["raw-td-background"]}">cell</td></tr></table>\n\n'
            f"<p style=\"background-image:url('{spy['raw-style']}')\">styled</p>\n\n"
            f'<link rel="stylesheet" href="{spy["raw-link-css"]}">\n\n'
            f'<img src="file://{spy["raw-img-file"]}" alt="file">\n\n'
            f'<span title="{img("raw-title").replace("<", "&lt;")}">titled span</span>\n',
        ),
        "images.md": good(
            "Images",
            f"![absolute]({spy['img-absolute']}) ![file url](file://{spy['img-file-url']})\n\n"
            f'![titled](pic.png "{img("img-title")}")\n',
        ),
        "links.md": good(
            "Links",
            f'[titled](https://example.com/ "{img("link-title")}") '
            f"[hover](https://example.com/%3Cimg%20src={spy['href-hover']}%3E)\n",
        ),
        "front.md": (
            f"---\ntitle: {img('front-title')}\nsummary: {img('front-summary')}\n---\n\n"
            f"## &lt;img src={spy['heading']}&gt;\n\nText.\n"
        ),
    }
    for relative, text in pages.items():
        (root / relative).write_text(text, encoding="utf-8")
    (root / "diagram.toml").write_text(
        f"title = '{img('diagram-title')}'\n"
        "[[nodes]]\n"
        f"id = 'a'\nlabel = '{img('label')}'\ncaption = '{img('caption')}'\n"
        "topic = 'index'\ncol = 0\nrow = 0\n"
        "[[nodes]]\n"
        "id = 'b'\nlabel = 'B'\ntopic = 'links'\ncol = 1\nrow = 0\n"
        "[[edges]]\nsource = 'a'\ntarget = 'b'\n",
        encoding="utf-8",
    )
    return root
