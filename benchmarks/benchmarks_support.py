"""Generate large, realistic content roots for the benchmarks."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

WORDS = (
    "request response view model template middleware queryset database cache url pattern path handler "
    "session cookie csrf token form field admin migration settings static media signal manager field "
    "django python server client browser render context include resolve lazy index table column"
).split()


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_generated_content(root: Path, count: int, per_folder: int = 100) -> Path:
    """Write ``count`` topics of about 300 words each in folders of ``per_folder``."""
    rng = random.Random(1234)
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.md").write_text(
        "---\ntitle: Generated\norder: 0\nsummary: Generated root.\n"
        "sources: https://docs.djangoproject.com/en/stable/\n---\n\nStart here.\n"
    )
    for number in range(count - 1):
        folder = root / f"section-{number // per_folder:03d}"
        folder.mkdir(exist_ok=True)
        body = "\n\n".join(
            f"## {rng.choice(WORDS).title()} {part}\n\n{_paragraph(rng, 50)}\n\n{_paragraph(rng, 40)}"
            for part in range(3)
        )
        (folder / f"topic-{number:05d}.md").write_text(
            f"---\ntitle: Topic {number} about {rng.choice(WORDS)}\norder: {number % 50}\n"
            f"summary: {_paragraph(rng, 12)}\nsources: https://docs.djangoproject.com/en/stable/\n---\n\n{body}\n"
        )
    return root
