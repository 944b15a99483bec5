"""Running the probe in the project's own Python, under guards, after consent; JSON back.

:func:`run_probe` copies ``resources/probe/django_probe.py`` into a private temporary folder,
checks its SHA-256, and starts ``python -B probe REQUEST`` with the project root as the working
folder, in its own process group, stdin closed, ``PYTHONSTARTUP``/``PYTHONINSPECT`` removed and
``PYTHONDONTWRITEBYTECODE=1``. Output goes to files in that private folder and is capped
(:data:`OUTPUT_CAP` bytes); on timeout, Cancel or too much output the whole group is killed.
These guards are not a sandbox: the project's code can still read and write files.

The caller (a worker thread, or the CLI) gets a :class:`ProbeResult`: the probe's JSON document
or a :class:`ProbeFailure` with a specific ``kind`` (the failure cards of the project panel).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.resources import resource_path

if TYPE_CHECKING:
    import threading
    from collections.abc import Mapping

logger = logging.getLogger(__name__)

PROBE_RESOURCE = "probe/django_probe.py"
PROBE_SCHEMA_VERSION = 1
DEFAULT_TIMEOUT_S = 20.0
OUTPUT_CAP = 32 * 1024 * 1024
BEGIN = "----- django-reader probe begin -----"
END = "----- django-reader probe end -----"
_POLL_S = 0.05
_REMOVED_ENV = ("PYTHONSTARTUP", "PYTHONINSPECT")

FAILURE_KINDS = {  # kind: (card title, what to do)
    "no-interpreter": (
        "No Python found for this project",
        "Choose the project's Python (its virtual environment's bin/python).",
    ),
    "no-django": (
        "Django cannot be imported",
        "Install the project's requirements in that Python, or choose another one.",
    ),
    "python-too-old": (
        "This Python is too old for the installed Django",
        "Choose a newer Python for this project.",
    ),
    "missing-package": (
        "A package the project needs is not installed",
        "Install the project's requirements in that Python.",
    ),
    "incompatible-package": (
        "A package failed while Django was set up",
        "Open the innermost frame to see which code failed.",
    ),
    "missing-env": (
        "The settings need an environment variable that is not set",
        "Set it in the environment editor and run again.",
    ),
    "sys-exit": (
        "The settings stopped Python (sys.exit)",
        "Open the settings at the frame shown to see why.",
    ),
    "query-refused": (
        "The project queried the database while starting (refused)",
        "Start-up code should not query: move it out of AppConfig.ready() or module level.",
    ),
    "network-refused": (
        "The project opened a network connection while starting (refused)",
        "Start-up code should not reach the network.",
    ),
    "timeout": (
        "The project took too long to load",
        "Every process of the run was stopped. Try again, or raise the time limit.",
    ),
    "cancelled": ("Cancelled", "Every process of the run was stopped."),
    "bad-output": (
        "The probe's answer could not be read",
        "Something in the project wrote to the output or stopped Python early.",
    ),
    "probe-tampered": ("The probe file is not the one this version ships", "Reinstall Django Reader."),
    "probe-error": ("The probe itself failed", "Please report this with the message shown."),
}


@dataclass(frozen=True)
class ProbeFailure:
    """Why running did not give a map: ``kind`` is a key of :data:`FAILURE_KINDS`.

    ``message`` is specific (the missing package's name, the variable, the innermost frame);
    ``frame`` is ``file:line`` of the innermost frame and ``project_frame`` of the innermost
    frame inside the project, when known.
    """

    kind: str
    message: str
    frame: str = ""
    project_frame: str = ""

    @property
    def title(self) -> str:
        """The card's heading for ``kind``."""
        return FAILURE_KINDS.get(self.kind, ("Running the project failed", ""))[0]

    @property
    def advice(self) -> str:
        """What the learner can do about it (one sentence, ``""`` if nothing)."""
        return FAILURE_KINDS.get(self.kind, ("", ""))[1]


@dataclass(frozen=True)
class ProbeResult:
    """One run: ``document`` is the probe's JSON (``{}`` on failure), ``failure`` why it failed.

    ``seconds`` is the wall time of the child; ``stderr_tail`` the last lines it wrote there.
    """

    document: dict[str, Any] = field(default_factory=dict)
    failure: ProbeFailure | None = None
    seconds: float = 0.0
    stderr_tail: str = ""


def probe_source() -> bytes:
    """The probe's bytes as shipped."""
    return resource_path(PROBE_RESOURCE).read_bytes()


def probe_version() -> str:
    """The SHA-256 of the shipped probe (hex): part of every consent record."""
    return hashlib.sha256(probe_source()).hexdigest()


def probe_environment(
    settings_module: str, extra: Mapping[str, str] | None = None, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The child's environment: ``base`` (default ``os.environ``) with the guards applied."""
    environment = dict(os.environ if base is None else base)
    for name in _REMOVED_ENV:
        environment.pop(name, None)
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    if settings_module:
        environment["DJANGO_SETTINGS_MODULE"] = settings_module
    environment.update(extra or {})
    return environment


def run_probe(
    python: Path,
    root: Path,
    settings_module: str,
    *,
    follow: str = "",
    urlconf: str = "",
    templates: tuple[str, ...] = (),
    extra_env: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    stop: threading.Event | None = None,
) -> ProbeResult:
    """Run the probe for the project at ``root`` with ``python``; never raises for the project's faults.

    ``follow`` is a request path to follow (``/polls/3/``), resolved with ``urlconf`` instead of
    ``ROOT_URLCONF`` when given (one host of a django-hosts project); ``templates`` extra template names to
    resolve (the static map's). ``timeout`` is in seconds; setting ``stop`` cancels the run.
    """
    python = python.absolute()  # the child starts in the project folder
    if not python.is_file():
        return ProbeResult(failure=ProbeFailure("no-interpreter", f"{python} does not exist"))
    source = probe_source()
    request: dict[str, object] = {"settings": settings_module, "follow": follow, "urlconf": urlconf}
    request["templates"] = list(templates)
    with tempfile.TemporaryDirectory(prefix="django-reader-probe-") as private:
        probe = Path(private) / "django_probe.py"
        probe.write_bytes(source)
        if hashlib.sha256(probe.read_bytes()).hexdigest() != hashlib.sha256(source).hexdigest():
            return ProbeResult(failure=ProbeFailure("probe-tampered", f"{probe} changed before it ran"))
        stdout_path, stderr_path = Path(private) / "out", Path(private) / "err"
        with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
            started = time.monotonic()
            try:
                child = subprocess.Popen(
                    [str(python), "-B", str(probe), json.dumps(request)],
                    cwd=root,
                    env=probe_environment(settings_module, extra_env),
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    start_new_session=True,
                )
            except OSError as error:
                return ProbeResult(failure=ProbeFailure("no-interpreter", f"{python}: {error.strerror}"))
            stopped = _wait(child, stdout_path, timeout, stop)
            seconds = time.monotonic() - started
        tail = _tail(stderr_path)
        if stopped:
            return ProbeResult(failure=_stopped_failure(stopped, timeout), seconds=seconds, stderr_tail=tail)
        return _parse(stdout_path.read_bytes(), seconds, tail)


def _wait(
    child: subprocess.Popen[bytes], stdout_path: Path, timeout: float, stop: threading.Event | None
) -> str:
    """Wait for ``child``; ``""`` when it ended, else why the whole group was killed."""
    deadline = time.monotonic() + timeout
    while child.poll() is None:
        reason = ""
        if stop is not None and stop.is_set():
            reason = "cancelled"
        elif time.monotonic() > deadline:
            reason = "timeout"
        elif stdout_path.stat().st_size > OUTPUT_CAP:
            reason = "too-large"
        if reason:
            kill_group(child)
            return reason
        time.sleep(_POLL_S)
    kill_group(child)  # a child may leave grandchildren behind in its group
    return ""


def kill_group(child: subprocess.Popen[bytes]) -> None:
    """Kill ``child``'s whole process group and wait until no process of it is left (≤ 5 s)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    child.wait()
    for _ in range(100):
        try:
            os.killpg(child.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(_POLL_S)
    logger.warning("process group %d still has processes after SIGKILL", child.pid)


def _stopped_failure(reason: str, timeout: float) -> ProbeFailure:
    if reason == "timeout":
        return ProbeFailure(
            "timeout", f"the project did not load within {timeout:g} s; every process was stopped"
        )
    if reason == "too-large":
        return ProbeFailure("bad-output", f"the probe wrote more than {OUTPUT_CAP // (1024 * 1024)} MiB")
    return ProbeFailure("cancelled", "cancelled; every process was stopped")


def _tail(path: Path, lines: int = 20) -> str:
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 8192))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def _parse(output: bytes, seconds: float, tail: str) -> ProbeResult:
    text = output.decode("utf-8", "replace")
    start, end = text.rfind(BEGIN), text.rfind(END)
    if start < 0 or end < start:
        reason = "the probe printed no answer" + (
            f"; it said: {tail.splitlines()[-1]}" if tail.strip() else ""
        )
        return ProbeResult(failure=ProbeFailure("bad-output", reason), seconds=seconds, stderr_tail=tail)
    try:
        document = json.loads(text[start + len(BEGIN) : end])
    except ValueError as error:
        return ProbeResult(
            failure=ProbeFailure("bad-output", f"the answer is not JSON: {error}"), seconds=seconds
        )
    if not isinstance(document, dict) or document.get("schema_version") != PROBE_SCHEMA_VERSION:
        found = document.get("schema_version") if isinstance(document, dict) else type(document).__name__
        message = f"schema version {found!r}, expected {PROBE_SCHEMA_VERSION}"
        return ProbeResult(failure=ProbeFailure("bad-output", message), seconds=seconds)
    if not document.get("ok"):
        card = document.get("failure") or {}
        failure = ProbeFailure(
            str(card.get("kind", "probe-error")),
            str(card.get("message", "")),
            str(card.get("frame", "")),
            str(card.get("project_frame", "")),
        )
        return ProbeResult(document, failure, seconds, tail)
    return ProbeResult(document, None, seconds, tail)
