"""Benchmark search: index build, cache-hit load and per-keystroke query time at 30 and 10,000 topics.

Run ``python benchmarks/bench_search.py [--topics N]``. A content root of realistic Markdown
(~300 words a topic, headings, code, links, front matter) is generated in a temporary folder;
queries are typed letter by letter ("m", "mi", … "middleware") as the search box does.
The target is a per-keystroke p95 of at most 16 ms at 10,000 topics. Exits non-zero only
when the benchmark cannot run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from typing import TYPE_CHECKING

from reader.core.content.loader import load_content
from reader.core.content.model import ContentRoot
from reader.core.search.index import SearchIndex, build_index

if TYPE_CHECKING:
    from collections.abc import Callable

QUERIES = ("middleware", "queryset lazy")
TARGET_MS = 16.0
WORDS = (
    "request response view template model queryset middleware session cookie csrf token form field "
    "database migration cache signal admin url pattern resolver handler settings static file user "
    "permission group authentication login logout password hash lazy evaluation filter exclude "
    "annotate aggregate select related prefetch index transaction atomic commit rollback cursor "
    "connection backend engine sqlite postgres mysql wsgi asgi server worker thread process async "
    "await coroutine event loop channel socket header body status redirect error exception debug "
    "logging test client fixture factory serializer json xml api rest endpoint router namespace "
    "the a of to in and is it that for on with as by this be are from at or an which you can "
    "when each every one two first next then only also more most some any all no not but if so "
    "runs calls returns builds keeps sends reads writes loads saves checks finds opens closes"
).split()
TITLES = ["Understanding", "Using", "Inside", "Configuring", "Debugging", "Testing", "Scaling", "Securing"]


def _sentence(rng: random.Random, length: int) -> str:
    words = rng.choices(WORDS, k=length)
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words[rng.randrange(length)] = f"`{rng.choice(WORDS)}_{rng.choice(WORDS)}()`"
    if rng.random() < 0.2:
        word = rng.choice(WORDS)
        words[rng.randrange(length)] = f"[{word}](../{word}.md)"
    if rng.random() < 0.2:
        words[rng.randrange(length)] = f"**{rng.choice(WORDS)}**"
    return " ".join(words) + "."


def topic_markdown(rng: random.Random, number: int) -> str:
    """Return one generated topic of about 300 words."""
    title = f"{rng.choice(TITLES)} {rng.choice(WORDS)} {rng.choice(WORDS)} {number}"
    parts = [f"---\ntitle: {title}\norder: {number}\nsummary: {_sentence(rng, 14)}\n---\n"]
    for section in range(3):
        parts.append(f"## {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {section}\n")
        parts.append(" ".join(_sentence(rng, rng.randint(10, 18)) for _ in range(5)) + "\n")
        if section == 1:
            name, call = rng.choice(WORDS), rng.choice(WORDS)
            parts.append(f"```python\ndef {name}(request):\n    return {call}(request)\n```\n")
    return "\n".join(parts)


def generate_root(folder: Path, count: int, seed: int = 5) -> Path:
    """Write ``count`` topics in folders of 100 under ``folder``; return the folder."""
    rng = random.Random(seed)
    for number in range(count):
        sub = folder / f"part-{number // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"topic-{number:05d}.md").write_text(topic_markdown(rng, number), encoding="utf-8")
    return folder


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def keystroke_times(index: SearchIndex, query: str, rounds: int = 5) -> list[float]:
    """Time every prefix of ``query`` (one search per keystroke), ``rounds`` times over."""
    times: list[float] = []
    for _ in range(rounds):
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            index.search(query[:end])
            times.append(_ms(time.perf_counter() - start))
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report_keystrokes(label: str, index: SearchIndex) -> float:
    worst = 0.0
    for query in QUERIES:
        times = keystroke_times(index, query)
        p95 = _p95(times)
        worst = max(worst, p95)
        print(
            f"  {label:>12} keystrokes {query!r:>16}: median {statistics.median(times):6.2f} ms, "
            f"p95 {p95:6.2f} ms, max {max(times):6.2f} ms"
        )
    return worst


def small_root(scratch: Path) -> ContentRoot:
    try:
        from reader.resources import guide_root

        guide = load_content(guide_root())
        if len(guide.topics) >= 10:
            print(f"30-topic case: bundled guide ({len(guide.topics)} topics)")
            return guide
    except LookupError:
        pass
    print("30-topic case: generated root (bundled guide not available)")
    return load_content(generate_root(scratch / "small", 30))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=10_000, help="topics in the large root (default 10000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch_name:
        scratch = Path(scratch_name)
        cache = scratch / "cache"
        small = small_root(scratch)
        seconds, index = _timed(lambda: build_index(small, cache_dir=cache))
        assert isinstance(index, SearchIndex)
        print(f"  build {len(small.topics)} topics: {_ms(seconds):.1f} ms")
        report_keystrokes(f"{len(small.topics)} topics", index)
        index.close()

        seconds, _ = _timed(lambda: generate_root(scratch / "large", args.topics))
        print(f"\nlarge case: generated {args.topics} topics in {seconds:.1f} s")
        seconds, large = _timed(lambda: load_content(scratch / "large"))
        assert isinstance(large, ContentRoot)
        print(f"  load_content: {_ms(seconds):.0f} ms")
        seconds, index = _timed(lambda: build_index(large, cache_dir=cache))
        assert isinstance(index, SearchIndex)
        print(f"  build (cold, writes cache): {_ms(seconds):.0f} ms  from_cache={index.from_cache}")
        index.close()
        seconds, index = _timed(lambda: build_index(large, cache_dir=cache))
        assert isinstance(index, SearchIndex)
        print(f"  load (cache hit): {_ms(seconds):.0f} ms  from_cache={index.from_cache}")
        worst = report_keystrokes(f"{len(large.topics)} topics", index)
        index.close()
        verdict = "meets" if worst <= TARGET_MS else "MISSES"
        print(f"\nworst per-keystroke p95 at {len(large.topics)} topics: {worst:.2f} ms", end=" ")
        print(f"({verdict} the {TARGET_MS:g} ms target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
