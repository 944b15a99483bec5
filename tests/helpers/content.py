"""Writing topic files for tests: front matter plus body, as authors write them."""

from __future__ import annotations

import marshal
from typing import TYPE_CHECKING

from reader.core.content.topic_cache import MAGIC, CachedColumns, CacheEntry, join_file, split_file

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def topic(
    title: str,
    body: str = "",
    order: int | None = None,
    summary: str = "A summary.",
    sources: tuple[str, ...] = ("https://docs.djangoproject.com/en/stable/",),
) -> str:
    """Return the text of a topic file with front matter."""
    lines = ["---", f"title: {title}"]
    if order is not None:
        lines.append(f"order: {order}")
    if summary:
        lines.append(f"summary: {summary}")
    if sources:
        lines.append(f"sources: {sources[0]}")
        lines.extend(f"    {url}" for url in sources[1:])
    lines += ["---", "", body, ""]
    return "\n".join(lines)


def rewrite_cached_entries(meta: Path, change: Callable[[dict[str, tuple[object, ...]]], object]) -> None:
    """Edit the entries of the topic cache file ``meta`` as a hand would, keeping the checksums valid.

    ``change`` gets the entries as ``{rel: (stamp, title, order, summary, sources, error,
    problems)}`` and edits them in place; they are written back with matching CRCs (the tree
    saved beside them still names the old entries).
    """
    header, blocks = split_file(meta.read_bytes())
    columns = CachedColumns._make((*marshal.loads(blocks["entries"]), bytes(blocks["stamps"])))
    entries: dict[str, tuple[object, ...]] = {rel: tuple(entry) for rel, entry in columns.entries().items()}
    change(entries)
    changed = CachedColumns.of({rel: CacheEntry(*row) for rel, row in entries.items()})  # type: ignore[arg-type]
    written = {name: bytes(block) for name, block in blocks.items()}
    written.update(entries=marshal.dumps(tuple(changed[:7])), stamps=changed.stamp_block)
    meta.write_bytes(join_file(header, written))


def rewrite_cache_block(meta: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    """Replace the block ``name`` of the topic cache file ``meta`` with ``change(block)``, leaving
    the header's size and checksum for it as they were (a damaged block)."""
    header, blocks = split_file(meta.read_bytes())
    written = {block_name: bytes(block) for block_name, block in blocks.items()}
    head = marshal.dumps(header)
    written[name] = change(written[name])
    meta.write_bytes(b"".join([MAGIC, len(head).to_bytes(4, "little"), head, *written.values()]))
