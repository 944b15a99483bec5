"""One window per user: a second ``django-reader`` hands its request to the running one.

The running window listens on a local socket in the user's runtime folder (``instance.sock`` in
:func:`reader.core.storage.user_runtime_dir`, a folder only the user may enter). A launch first
tries to connect there (:func:`forward`): if a window answers, it is given the launch's
``--content`` and ``--topic`` as one JSON line, raises itself and opens them, and the launch exits
with status 0. Otherwise the launch starts its own window, which begins to listen right after its
first frame (:class:`InstanceServer`), replacing a socket left by a window that crashed.

``--new-window`` skips the hand-over; the command-line modes (``--check``, ``--list-topics``,
``--search``, ``--exit-after-paint``) never take part. The client uses Python's own ``socket`` on
POSIX, so a launch that finds no window pays nothing for QtNetwork; the server is a
``QLocalServer`` (a Unix socket at the same path, a named pipe on Windows).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal

from reader.core.storage import cache_key, user_runtime_dir

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

logger = logging.getLogger(__name__)

SOCKET_NAME = "instance.sock"
REPLY_TIMEOUT_S = 3.0  # a window that does not answer in this time gets a second window beside it
MAX_REQUEST_BYTES = 16 * 1024
MAX_SOCKET_PATH = 100  # sun_path holds 104-108 bytes; a longer runtime path uses a short name


class Request(NamedTuple):
    """What a launch asks of the running window: a content folder (absolute) and a topic id; ""
    for either means "as it is"."""

    content: str = ""
    topic: str = ""

    def encode(self) -> bytes:
        """One line of JSON (``{"content": ..., "topic": ...}``) ending in a newline."""
        return json.dumps(self._asdict(), ensure_ascii=True).encode("ascii") + b"\n"

    @staticmethod
    def decode(data: bytes) -> Request | None:
        """The request in ``data``, or ``None`` if it is not one (wrong shape, too long, not text)."""
        if len(data) > MAX_REQUEST_BYTES:
            return None
        try:
            fields = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(fields, dict) or set(fields) - {"content", "topic"}:
            return None
        content, topic = fields.get("content", ""), fields.get("topic", "")
        if not isinstance(content, str) or not isinstance(topic, str):
            return None
        if content and not Path(content).is_absolute():
            return None
        return Request(content, topic)


def socket_path() -> str:
    """The socket the running window listens on (``$XDG_RUNTIME_DIR/django-reader/instance.sock``).

    Creates the runtime folder (mode 0700). If it cannot be created or its path is too long for a
    socket, a short name for Qt's default folder is used instead, derived from the path.
    """
    folder = user_runtime_dir()
    path = str(folder / SOCKET_NAME)
    try:
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    except OSError:
        logger.warning("cannot create the runtime folder %s", folder, exc_info=True)
        return f"django-reader-{cache_key(path)}"
    if len(path.encode("utf-8", "surrogateescape")) > MAX_SOCKET_PATH or sys.platform == "win32":
        return f"django-reader-{cache_key(path)}"
    return path


PING = b"ping\n"  # "is anyone there?", asked before replacing a socket


def forward(name: str, request: Request | None) -> bool:
    """Hand ``request`` to the window listening on ``name``; True if it answered that it took it.

    ``None`` only asks whether a window listens. False at once if nothing listens there (no
    window, or a socket left by a crash).
    """
    if not os.path.isabs(name) or not hasattr(socket, "AF_UNIX"):
        return _forward_with_qt(name, request)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(REPLY_TIMEOUT_S)
            client.connect(name)
            client.sendall(request.encode() if request is not None else PING)
            reply = client.recv(16)
    except OSError as error:  # no such socket, refused (stale), timed out
        logger.debug("no running window at %s: %s", name, error)
        return False
    return reply.startswith(b"ok")


def _forward_with_qt(name: str, request: Request | None) -> bool:
    """:func:`forward` for names that are not socket paths (Windows, over-long runtime folders)."""
    from PySide6.QtNetwork import QLocalSocket

    client = QLocalSocket()
    client.connectToServer(name)
    timeout = int(REPLY_TIMEOUT_S * 1000)
    if not client.waitForConnected(timeout):
        return False
    client.write(request.encode() if request is not None else PING)
    if not client.waitForBytesWritten(timeout) or not client.waitForReadyRead(timeout):
        return False
    return bytes(client.readAll().data()).startswith(b"ok")


class InstanceServer(QObject):
    """Listens for later launches and announces each valid request (``request_received``)."""

    request_received = Signal(object)  # Request

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: object | None = None
        self._buffers: dict[object, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; False if another live window listens already (or it cannot be done).

        A socket nobody answers on, left by a window that crashed, is replaced.
        """
        from PySide6.QtNetwork import QLocalServer

        if forward(self.name, None):  # someone answers: that window serves
            logger.info("another window listens on %s", self.name)
            return False
        # Nobody answers: a socket left there is stale. (Qt would replace even a live one: with
        # UserAccessOption it binds elsewhere and renames over the name.)
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            logger.warning("cannot listen on %s: %s", self.name, server.errorString())
            return False
        logger.info("listening for later launches on %s", self.name)
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        server = self._server
        assert isinstance(server, QLocalServer)
        while server.hasPendingConnections():
            connection = server.nextPendingConnection()
            self._buffers[connection] = bytearray()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(lambda c=connection: self._forget(c))

    def _read(self, connection: object) -> None:
        from PySide6.QtNetwork import QLocalSocket

        assert isinstance(connection, QLocalSocket)
        buffer = self._buffers.setdefault(connection, bytearray())
        buffer.extend(bytes(connection.readAll().data()))
        if b"\n" not in buffer and len(buffer) <= MAX_REQUEST_BYTES:
            return  # more to come
        line = bytes(buffer.split(b"\n", 1)[0])
        request = None if line == PING.strip() else Request.decode(line)
        connection.write(b"ok\n" if request is not None or line == PING.strip() else b"no\n")
        connection.flush()
        connection.disconnectFromServer()
        if request is not None:
            logger.info("a launch asked for %s", request)
            self.request_received.emit(request)
        elif line != PING.strip():
            logger.warning("ignored a malformed request from a launch (%d bytes)", len(line))

    def _forget(self, connection: object) -> None:
        self._buffers.pop(connection, None)
        if isinstance(connection, QObject):
            connection.deleteLater()

    def close(self) -> None:
        """Stop listening and remove the socket."""
        from PySide6.QtNetwork import QLocalServer

        if isinstance(self._server, QLocalServer):
            self._server.close()
        self._server = None


def carry_out(window: MainWindow, request: Request) -> None:
    """Raise ``window`` and open what ``request`` asks: its content folder, then its topic."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    if request.content:
        folder = Path(request.content)
        if folder.resolve() != window.library.content.root.resolve() and not window.library.load(folder):
            return
    if request.topic:
        window.navigator.open_topic(request.topic)


def serve(window: MainWindow, name: str) -> InstanceServer | None:
    """Listen on ``name`` for later launches and carry out their requests in ``window``.

    Returns the server (a child of ``window``), or ``None`` if another window serves already.
    """
    server = InstanceServer(name, window)
    if not server.listen():
        server.deleteLater()
        return None
    server.request_received.connect(lambda request: carry_out(window, request))
    return server
