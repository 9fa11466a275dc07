# Hand-written in emulator/transport.py, copied by `make generate` -- do not edit the copy.
"""In-process transports: a ``PostOrder`` (or any httpx client) talks to the app with no socket.

Both are ``httpx.MockTransport`` with a handler that calls the ASGI app in this process, so
every tool that knows httpx's own transports (vcrpy records and replays ``MockTransport``) sees
one call per request. Hand-written because httpx has no sync transport for an ASGI app: its
``ASGITransport`` is async only, ``WSGITransport`` is for WSGI apps, and starlette's
``TestClient`` is a whole client rather than a transport to hand to ``PostOrder(transport=...)``.
The sync side runs the app on an event loop of its own in an anyio blocking portal (one thread,
as starlette's TestClient does), which also works when the caller is inside an event loop.
Responses are read whole, as the emulator's answers are small.
"""

import contextlib
from typing import Any
from urllib.parse import unquote

import anyio.from_thread
import httpx
from starlette.types import ASGIApp, Message

BASE_URL = "http://emulator.localhost"
"""The base URL in-process clients use: ``.localhost`` names loopback only (RFC 6761), so it can
never reach a real host, and the client allows plain http to it."""


async def call(app: ASGIApp, request: httpx.Request) -> httpx.Response:
    """``request`` answered by ``app``, as one ASGI HTTP cycle. An exception in the app is
    raised here, so a test sees the emulator's traceback instead of a bare 500."""
    body = request.content
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": request.url.scheme,
        "path": unquote(request.url.path),
        "raw_path": request.url.raw_path.split(b"?", 1)[0],
        "query_string": request.url.query,
        "root_path": "",
        "headers": [(name.lower(), value) for name, value in request.headers.raw],
        "client": ("127.0.0.1", 0),
        "server": (request.url.host, request.url.port or 80),
    }
    delivered = False
    status, headers, chunks = 500, [], []

    async def receive() -> Message:
        nonlocal delivered
        if delivered:
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status, headers = message["status"], list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return httpx.Response(status, headers=headers, content=b"".join(chunks), request=request)


def async_transport(app: ASGIApp) -> httpx.MockTransport:
    """For ``AsyncPostOrder`` or an ``httpx.AsyncClient``."""

    async def handler(request: httpx.Request) -> httpx.Response:
        return await call(app, request)

    return httpx.MockTransport(handler)


class InProcessTransport(httpx.MockTransport):
    """For ``PostOrder`` or an ``httpx.Client``; ``close`` stops the portal's thread."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(self._handle)
        self._app = app
        self._stack = contextlib.ExitStack()
        self._portal: anyio.from_thread.BlockingPortal | None = None

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if self._portal is None:
            self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())
        return self._portal.call(call, self._app, request)

    def close(self) -> None:
        self._portal = None
        self._stack.close()
