"""Realistic generated content roots for the benchmarks, written once and kept in a cache folder.

A root of N topics has nested folders (sections of up to 40 topics, in parts of up to 10
sections), and pages of 2–6 KB with front matter, headings, prose, a code block and links to
other topics. Roots are written to ``$BENCH_CACHE`` (default ``~/.cache/django-reader-bench``)
as ``root-<N>-v<VERSION>`` and reused by later runs; a half-written root is written again.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

VERSION = 1
PER_SECTION = 40
SECTIONS_PER_PART = 10
WORDS = (
    "request response view template model queryset middleware session cookie csrf token form field "
    "database migration cache signal admin url pattern resolver handler settings static file user "
    "permission group authentication login logout password hash lazy evaluation filter exclude "
    "annotate aggregate select related prefetch index transaction atomic commit rollback cursor "
    "connection backend engine sqlite postgres mysql wsgi asgi server worker thread process async "
    "await coroutine event loop channel socket header body status redirect error exception debug "
    "logging test client fixture factory serializer json xml api rest endpoint router namespace query "
    "the a of to in and is it that for on with as by this be are from at or an which you can "
    "when each every one two first next then only also more most some any all no not but if so "
    "runs calls returns builds keeps sends reads writes loads saves checks finds opens closes"
).split()
TITLES = ["Understanding", "Using", "Inside", "Configuring", "Debugging", "Testing", "Scaling", "Securing"]


def cache_folder() -> Path:
    """Where generated roots are kept: ``$BENCH_CACHE`` or ``~/.cache/django-reader-bench``."""
    return Path(os.environ.get("BENCH_CACHE") or Path.home() / ".cache" / "django-reader-bench")


def _sentence(rng: random.Random, count: int, link_to: str) -> str:
    words = rng.choices(WORDS, k=count)
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words[rng.randrange(count)] = f"`{rng.choice(WORDS)}_{rng.choice(WORDS)}()`"
    if rng.random() < 0.15:
        words[rng.randrange(count)] = f"[{rng.choice(WORDS)}]({link_to})"
    if rng.random() < 0.2:
        words[rng.randrange(count)] = f"**{rng.choice(WORDS)}**"
    return " ".join(words) + "."


def _page(rng: random.Random, title: str, order: int, link_to: str) -> str:
    size = rng.randint(2000, 6000)
    parts = [f"---\ntitle: {title}\norder: {order}\nsummary: {_sentence(rng, 12, link_to)}\n---\n"]
    section = 0
    while sum(map(len, parts)) < size:
        parts.append(f"## {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {section}\n")
        parts.append(" ".join(_sentence(rng, rng.randint(8, 18), link_to) for _ in range(4)) + "\n")
        if section % 2 == 1:
            name, call = rng.choice(WORDS), rng.choice(WORDS)
            parts.append(f"```python\ndef {name}(request):\n    return {call}(request)\n```\n")
        section += 1
    return "\n".join(parts)


def _title(rng: random.Random, number: int) -> str:
    return f"{rng.choice(TITLES)} {rng.choice(WORDS)} {rng.choice(WORDS)} {number}"


def write_root(folder: Path, count: int, seed: int = 5) -> Path:
    """Write ``count`` topics under ``folder`` (part/section/topic folders); return ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(_page(rng, "Generated guide", 0, "part-000/index.md"), encoding="utf-8")
    for number in range(count - 1):
        section_number = number // PER_SECTION
        part = folder / f"part-{section_number // SECTIONS_PER_PART:03d}"
        section = part / f"section-{section_number:04d}"
        if not section.is_dir():
            section.mkdir(parents=True)
            if not (part / "index.md").exists():
                (part / "index.md").write_text(
                    _page(rng, f"Part {section_number // SECTIONS_PER_PART}", 0, "../index.md"),
                    encoding="utf-8",
                )
            (section / "index.md").write_text(
                _page(rng, f"Section {section_number} on {rng.choice(WORDS)}", 0, "../index.md"),
                encoding="utf-8",
            )
        neighbour = f"topic-{max(0, number - 1):06d}.md"
        text = _page(rng, _title(rng, number), number % PER_SECTION + 1, neighbour)
        (section / f"topic-{number:06d}.md").write_text(text, encoding="utf-8")
    return folder


def generated_root(count: int) -> Path:
    """The cached root of ``count`` topics, written first if missing (minutes at 100,000)."""
    folder = cache_folder() / f"root-{count}-v{VERSION}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_root(folder, count)
        done.write_text("ok\n", encoding="utf-8")
    return folder
