"""Command line of ``django-reader``: check, list and search content, or start the window.

Everything except starting the window runs without importing Qt. Every line printed from
content (names, titles, snippets, problems) goes through
:func:`reader.core.safe_text.terminal_safe`, so content cannot forge a line or drive the
terminal. Log messages go to stderr: warnings and errors always, everything from the app's own
modules with ``--debug``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from reader import __version__
from reader.core.safe_text import printable_path, terminal_safe


def build_parser() -> argparse.ArgumentParser:
    """The ``django-reader`` argument parser."""
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
    parser.add_argument(
        "--strict",
        action="store_true",
        help="with --check: also apply the bundled guide's authoring rules (a summary and sources)",
    )
    parser.add_argument("--search", metavar="QUERY", help="print ranked search results and exit")
    parser.add_argument("--exit-after-paint", action="store_true", help="quit right after the first frame")
    parser.add_argument(
        "--debug", action="store_true", help="write the app's log messages (debug and up) to stderr"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record is emitted (as ``logging.lastResort`` does)."""

    def __init__(self, level: int) -> None:
        super().__init__(sys.stderr)
        self.setLevel(level)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def configure_logging(debug: bool) -> None:
    """Send the app's log records (``reader.*``) to stderr: WARNING and up, or with ``debug`` all.

    Only the ``reader`` logger is configured, once however often this is called; records still
    propagate to the root logger, and other libraries keep Python's default (warnings to stderr).
    """
    app_logger = logging.getLogger("reader")
    for handler in [handler for handler in app_logger.handlers if isinstance(handler, _StderrHandler)]:
        app_logger.removeHandler(handler)
    app_logger.addHandler(_StderrHandler(logging.DEBUG if debug else logging.WARNING))
    app_logger.setLevel(logging.DEBUG if debug else logging.NOTSET)


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
        print(f"{'  ' * depth}{terminal_safe(topic_id)}\t{terminal_safe(content.topics[topic_id].title)}")
    for problem in content.problems:
        print(terminal_safe(str(problem)), file=sys.stderr)
    return 0 if content.topics else 1


def _check(root: Path, strict: bool = False) -> int:
    from reader.core.check import check_content
    from reader.core.content.loader import load_content
    from reader.resources import guide_root

    content = load_content(root)
    strict = strict or root.resolve() == guide_root().resolve()  # the guide's own authoring rules
    problems = check_content(content, extra_checks=_extra_checks(), strict=strict)
    for problem in problems:
        shown = terminal_safe(str(problem))
        print(f"{printable_path(str(root))}/{shown}" if not Path(problem.path).is_absolute() else shown)
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
        fields = (result.topic_id, result.title, result.plain_snippet)
        print("\t".join(terminal_safe(field) for field in fields))
    return 0 if results else 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 problems or no results, 2 usage)."""
    args = build_parser().parse_args(argv)
    configure_logging(args.debug)
    logging.getLogger(__name__).debug("django-reader %s: %s", __version__, vars(args))
    try:
        if args.check is not None:
            return _check(Path(args.check) if args.check else _content_dir(args), args.strict)
        root = _content_dir(args)
        if args.list_topics:
            return _list_topics(root)
        if args.search is not None:
            return _search(root, args.search)
    except BrokenPipeError:  # the reader of our output left (`--list-topics | head`): not an error
        # Python flushes stdout again at exit; point it at devnull so that flush cannot fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    from reader.ui.app import run_gui

    return run_gui(root, start_topic=args.topic, exit_after_paint=args.exit_after_paint)
