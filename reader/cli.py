"""Command line of ``django-reader``: check, list and search content, or start the window.

Everything except starting the window runs without importing Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="django-reader",
        description="A desktop reader that teaches how the Django web framework works.",
    )
    parser.add_argument(
        "--content", metavar="DIR", type=Path, help="open another content root instead of the guide"
    )
    parser.add_argument("--topic", metavar="ID", help="start at this topic (for example request-flow/views)")
    parser.add_argument("--list-topics", action="store_true", help="print the topic tree and exit")
    parser.add_argument(
        "--check",
        metavar="DIR",
        nargs="?",
        const="",
        help="validate a content root (default: the one being opened), print problems, exit 1 if any",
    )
    parser.add_argument("--search", metavar="QUERY", help="print ranked search results and exit")
    parser.add_argument("--exit-after-paint", action="store_true", help="quit right after the first frame")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _content_dir(args: argparse.Namespace) -> Path:
    if args.content is not None:
        return Path(args.content)
    from reader.resources import guide_root

    return guide_root()


def _list_topics(root: Path) -> int:
    from reader.core.content.loader import load_content

    content = load_content(root)
    for topic_id in content.walk():
        depth = len(content.ancestors(topic_id))
        print(f"{'  ' * depth}{topic_id}\t{content.topics[topic_id].title}")
    for problem in content.problems:
        print(problem, file=sys.stderr)
    return 0 if content.topics else 1


def _check(root: Path) -> int:
    from reader.core.check import check_content
    from reader.core.content.loader import load_content

    content = load_content(root)
    problems = check_content(content, extra_checks=_extra_checks())
    for problem in problems:
        print(f"{root}/{problem}" if not Path(problem.path).is_absolute() else str(problem))
    if problems:
        print(f"{len(problems)} problem(s) in {len(content.topics)} topic(s)", file=sys.stderr)
        return 1
    print(f"OK: {len(content.topics)} topics, no problems", file=sys.stderr)
    return 0


def _extra_checks() -> tuple:
    from reader.core.diagram.toml_reader import check_diagram

    return (check_diagram,)


def _search(root: Path, query: str) -> int:
    from reader.core.search.index import search_content

    results = search_content(root, query)
    for result in results:
        print(f"{result.topic_id}\t{result.title}\t{result.plain_snippet}")
    return 0 if results else 1


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.check is not None:
        return _check(Path(args.check) if args.check else _content_dir(args))
    root = _content_dir(args)
    if args.list_topics:
        return _list_topics(root)
    if args.search is not None:
        return _search(root, args.search)
    from reader.ui.app import run_gui

    return run_gui(root, start_topic=args.topic, exit_after_paint=args.exit_after_paint)
