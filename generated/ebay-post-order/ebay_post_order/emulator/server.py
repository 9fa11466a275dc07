# Hand-written in emulator/server.py, copied by `make generate` -- do not edit the copy.
"""Serving the app over loopback with uvicorn, bounded against slow or idle clients.

uvicorn bounds a request's headers in size (h11's 16 KiB) but not in time: a client that opens a
connection and never finishes its headers holds it for ever. ``HeaderTimeout`` closes such a
connection after ``HEADER_TIMEOUT`` seconds; idle keep-alive connections close after
``KEEP_ALIVE`` as before, and the body is bounded by the app (``app.MAX_BODY``).
"""

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

KEEP_ALIVE = 75
"""Seconds an idle connection stays open. uvicorn's default (5 s) lets a busy machine close a
connection the client is about to reuse, and a POST on it fails with no retry; eBay's own
servers keep connections longer."""
HEADER_TIMEOUT = 10.0
"""Seconds a client has, from connecting or from the end of its previous request, to send its
next request's headers once it has started them."""


class HeaderTimeout(H11Protocol):
    """uvicorn's h11 protocol with a deadline for a request's headers."""

    timeout = HEADER_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self._arm()  # bytes of a new request: its headers must now arrive in time
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle:  # the headers arrived and a request started
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.timeout, self._expire)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _expire(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def config(app: ASGIApp, host: str, port: int, header_timeout: float = HEADER_TIMEOUT) -> uvicorn.Config:
    protocol = type("HeaderTimeout", (HeaderTimeout,), {"timeout": header_timeout})
    return uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE, http=protocol)


def serve(app: ASGIApp, host: str, port: int) -> None:
    """Serve until interrupted."""
    uvicorn.Server(config(app, host, port)).run()


@contextlib.contextmanager
def in_thread(app: ASGIApp, port: int = 0, header_timeout: float = HEADER_TIMEOUT) -> Iterator[str]:
    """``app`` on ``http://127.0.0.1:<port>`` (0: a free one) from a thread of this process,
    stopped when the block ends."""
    server = uvicorn.Server(config(app, "127.0.0.1", port, header_timeout))
    thread = threading.Thread(target=server.run, name="post-order-emulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the emulator did not start")
        time.sleep(0.02)
    try:
        (bound,) = {sock.getsockname()[1] for s in server.servers for sock in s.sockets}
        yield f"http://127.0.0.1:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
