"""A rendered page and its headings: the data the UI shows, without the renderer behind it."""

from __future__ import annotations

from typing import NamedTuple

RENDERER_VERSION = 13  # 11: content tabs; 12: MyST directives, roles and targets; 13: code frames
IMAGE_SCHEME = "content"  # images inside the content root: content:<percent-encoded root-relative path>
# A code block is a one-cell <table> that Qt reads as a text frame: a box with a border like a
# table's, laid out in one pass (a table lays each cell out twice, to measure its columns first).
# The page gives the frame its padding (CODE_PADDING pixels, as the theme's td rule gave the cell):
# HTML cannot.
CODE_FRAME = "-qt-table-type: frame"
CODE_PADDING = 6


# NamedTuples and a slotted class rather than dataclasses: these are on the start-up path, and
# building a dataclass costs several times as much as either.
class Heading(NamedTuple):
    """A heading of a page: level 1–6, its anchor id and its text."""

    level: int
    anchor: str
    text: str


class RenderedPage:
    """A topic rendered to HTML, with what the checker and "On this page" need."""

    __slots__ = (
        "action_token",
        "code_blocks",
        "error",
        "extra_anchors",
        "headings",
        "html",
        "images",
        "links",
        "title",
        "topic_id",
        "unsupported",
    )

    def __init__(
        self,
        topic_id: str,
        title: str,
        html: str,
        headings: list[Heading] | None = None,
        links: list[str] | None = None,
        images: list[str] | None = None,
        error: str | None = None,
        code_blocks: list[str] | None = None,
        extra_anchors: list[str] | None = None,
        unsupported: list[str] | None = None,
        action_token: str = "",
    ) -> None:
        self.topic_id = topic_id
        self.title = title
        self.html = html
        self.headings = headings if headings is not None else []
        self.links = links if links is not None else []
        self.images = images if images is not None else []
        self.error = error
        self.code_blocks = code_blocks if code_blocks is not None else []
        self.extra_anchors = extra_anchors if extra_anchors is not None else []  # GitHub slugs, raw ids
        self.unsupported = unsupported if unsupported is not None else []  # macros dropped, once each
        self.action_token = action_token  # random, in the page's own Copy links (reader.core.links)

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RenderedPage) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"RenderedPage({self.topic_id!r}, title={self.title!r}, error={self.error!r})"

    @property
    def anchors(self) -> set[str]:
        """Every anchor of the page: heading ids, their GitHub-style slugs and raw HTML ids."""
        return {heading.anchor for heading in self.headings} | set(self.extra_anchors)
