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
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.safe_text import printable_path, terminal_safe

if TYPE_CHECKING:
    from reader.core.project.model import ProjectMap


def build_parser() -> argparse.ArgumentParser:
    """The ``django-reader`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="django-reader",
        description="A desktop reader that teaches how the Django web framework works.",
    )
    parser.add_argument(
        "--content", metavar="DIR", type=Path, help="open another content root instead of the guide"
    )
    parser.add_argument(
        "folder",
        metavar="DIR",
        nargs="?",
        type=Path,
        help="a content root, as with --content (so --check --strict DIR works too)",
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
    parser.add_argument(
        "--jobs",
        metavar="N",
        type=int,
        help="with --check: read topics in N processes (default: one per processor)",
    )
    parser.add_argument("--search", metavar="QUERY", help="print ranked search results and exit")
    parser.add_argument(
        "--project",
        metavar="PATH",
        type=Path,
        help="open your Django project's map (read from source, not run)",
    )
    parser.add_argument(
        "--dump-map",
        action="store_true",
        help="with --project: print the project's map as JSON (read from source, nothing run) and exit",
    )
    parser.add_argument(
        "--run",
        action="store_true",
        help="with --project: agree, for this one run, to run the project's code to complete its map",
    )
    parser.add_argument(
        "--follow",
        metavar="URL_PATH",
        help="with --project and --run: print how the project answers this path, step by step, as JSON",
    )
    parser.add_argument(
        "--python",
        metavar="PATH",
        type=Path,
        help="with --run: the project's Python (default: found)",
    )
    parser.add_argument(
        "--new-window",
        action="store_true",
        help="open a window of its own instead of handing --content and --topic to the running one",
    )
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


def _check(root: Path, strict: bool = False, jobs: int | None = None) -> int:
    from reader.core.check import check_content
    from reader.core.check.workers import default_jobs
    from reader.core.content.loader import load_content
    from reader.core.storage import prune_caches
    from reader.core.wording import plural
    from reader.resources import guide_root

    content = load_content(root)
    strict = strict or root.resolve() == guide_root().resolve()  # the guide's own authoring rules
    jobs = max(1, jobs) if jobs is not None else default_jobs()
    problems = check_content(content, extra_checks=_extra_checks(), strict=strict, jobs=jobs, use_cache=True)
    prune_caches()
    for problem in problems:
        shown = terminal_safe(str(problem))
        print(f"{printable_path(str(root))}/{shown}" if not Path(problem.path).is_absolute() else shown)
    if problems:
        found, topics = plural(len(problems), "problem"), plural(len(content.topics), "topic")
        print(f"{found} in {topics}", file=sys.stderr)
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


def _project(
    path: Path, dump_map: bool, run: bool = False, follow: str = "", python: Path | None = None
) -> int | None:
    """Check that ``path`` is a Django project; with ``dump_map`` print its map as JSON.

    With ``run`` the map is completed by running the project (the flag is the consent for this one
    run), and ``follow`` prints one request's steps. Returns an exit code to stop with (2: not a
    project; 1: running failed, with a one-line reason; 0: printed), or ``None`` to go on and open
    the window on the project.
    """
    from reader.core.project.locate import ProjectNotFound, locate_project

    try:
        location = locate_project(path)
    except ProjectNotFound as error:
        print(f"django-reader: {error.message}", file=sys.stderr)
        return 2
    if not dump_map and not follow:
        return None
    import json

    from reader.core.project.scan import scan_project

    project = scan_project(location)
    if run:
        return _run_project(project, location.settings_module, dump_map, follow, python)
    print(json.dumps(project.to_json(), indent=2, sort_keys=True, ensure_ascii=False))
    return 0


def _run_project(
    project: ProjectMap, settings_module: str, dump_map: bool, follow: str, python: Path | None
) -> int:
    import json

    from reader.core.project.complete import run_project
    from reader.core.project.interpreter import chosen_interpreter, find_interpreter

    interpreter = chosen_interpreter(python) if python is not None else find_interpreter(Path(project.root))
    if interpreter is None:
        print("django-reader: no Python found for this project: name one with --python PATH", file=sys.stderr)
        return 1
    outcome = run_project(project, interpreter.python, settings_module, follow=follow)
    if outcome.failure is not None:
        where = (
            f" ({outcome.failure.project_frame or outcome.failure.frame})" if outcome.failure.frame else ""
        )
        print(f"django-reader: {outcome.failure.title}: {outcome.failure.message}{where}", file=sys.stderr)
        return 1
    if follow and not outcome.follow:
        print(f"django-reader: the request {follow} could not be followed", file=sys.stderr)
        return 1
    steps = {
        "path": follow,
        "language": outcome.follow_document.get("language", ""),
        "urlconf": outcome.follow_document.get("urlconf", ""),
        "steps": [step.to_json() for step in outcome.follow],
    }
    if follow and dump_map:
        document = {"follow": steps, "map": outcome.project.to_json()}
    else:
        document = steps if follow else outcome.project.to_json()
    print(json.dumps(document, indent=2, sort_keys=not follow, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 problems or no results, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.dump_map and args.project is None:
        parser.error("--dump-map needs --project PATH")
    if (args.run or args.python) and args.project is None:
        parser.error("--run and --python need --project PATH")
    if args.follow and not args.run:
        parser.error("--follow runs the project: add --run to agree to that")
    if args.folder is not None:
        if args.content is not None and args.content != args.folder:
            parser.error("give the content root once: --content DIR or DIR")
        if args.check == "":  # --check with its folder given after the other options
            args.check = str(args.folder)
        args.content = args.folder
    configure_logging(args.debug)
    logging.getLogger(__name__).debug("django-reader %s: %s", __version__, vars(args))
    try:
        if args.check is not None:
            return _check(Path(args.check) if args.check else _content_dir(args), args.strict, args.jobs)
        if args.project is not None:
            code = _project(args.project, args.dump_map, args.run, args.follow or "", args.python)
            if code is not None:
                return code
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

    return run_gui(
        root,
        start_topic=args.topic,
        exit_after_paint=args.exit_after_paint,
        content_asked=args.content is not None,
        new_window=args.new_window,
        project=args.project,
    )
