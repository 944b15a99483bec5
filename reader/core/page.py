"""A rendered page and its headings: the data the UI shows, without the renderer behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

RENDERER_VERSION = 6
COPY_CODE_SCHEME = "copy-code"  # the one-click "Copy" links the renderer puts above code blocks


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass
class RenderedPage:
    """A topic rendered to HTML, with what the checker and the contents panel need."""

    topic_id: str
    title: str
    html: str
    headings: list[Heading] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    error: str | None = None
    code_blocks: list[str] = field(default_factory=list)

    @property
    def anchors(self) -> set[str]:
        return {heading.anchor for heading in self.headings}
