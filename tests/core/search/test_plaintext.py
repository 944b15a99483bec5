"""Plain text for the search index: front matter and Markdown syntax dropped, words kept."""

from __future__ import annotations

from reader.core.search.plaintext import markdown_body, topic_plain_text


def test_plain_text_drops_front_matter_and_markdown_syntax() -> None:
    text = (
        '---\ntitle: T\nsummary: S\n---\n\n## Heading {: #h }\n\n!!! note "Mind this"\n    **bold** and '
        "[link text](other.md) ![alt words](img.png) <span>tag</span> &amp;\n\n| a | b |\n|---|---|\n"
        "| c | d |\n\n> quoted\n- item\n"
    )
    plain = topic_plain_text(text)
    assert plain == "Heading. Mind this bold and link text alt words tag & a b c d quoted item"
    assert markdown_body("no front matter\n") == "no front matter\n"
