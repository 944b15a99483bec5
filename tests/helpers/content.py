"""Writing topic files for tests: front matter plus body, as authors write them."""

from __future__ import annotations

import marshal
import zlib
from typing import TYPE_CHECKING

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
    """Edit the entries of the topic cache file ``meta`` as a hand would, keeping the checksum valid.

    ``change`` gets the entries as ``{rel: (stamp, title, order, summary, sources, error,
    problems)}`` and edits them in place; the columns are written back with a matching CRC (the
    tree saved beside them still names the old block).
    """
    payload = marshal.loads(meta.read_bytes())
    rels, sizes, mtimes, *fields = marshal.loads(payload["entries"])
    rows = zip(zip(sizes, mtimes, strict=True), *fields, strict=True)
    entries: dict[str, tuple[object, ...]] = {rel: row for rel, row in zip(rels, rows, strict=True)}
    change(entries)
    values = list(entries.values())
    columns = [list(entries)]
    columns.append([row[0][0] for row in values])  # type: ignore[index]
    columns.append([row[0][1] for row in values])  # type: ignore[index]
    columns.extend([row[number] for row in values] for number in range(1, 7))
    block = marshal.dumps(tuple(columns))
    payload.update(entries=block, crc=zlib.crc32(block))
    meta.write_bytes(marshal.dumps(payload))
