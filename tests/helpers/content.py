"""Writing topic files for tests: front matter plus body, as authors write them."""

from __future__ import annotations


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
