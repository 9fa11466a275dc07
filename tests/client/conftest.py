"""A recording MockTransport for the facade tests."""

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Serves every request with ``handler`` and keeps the requests."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.handler(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def json_bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]


def _ok(request: httpx.Request) -> httpx.Response:
    if request.method == "GET":
        return httpx.Response(200, json={"cancellations": []})
    if request.url.path == "/post-order/v2/cancellation":
        return httpx.Response(200, json={"cancelId": "5000000009"})
    return httpx.Response(200)


@pytest.fixture
def ok() -> Recorder:
    """200 everywhere: an empty search page, a created cancellation, no body for the rest."""
    return Recorder(_ok)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real redis-server of this test run, on a free loopback port, with nothing kept on disk.

    ``make setup`` installs Debian's redis-server where it is missing, so these tests run; in CI
    (``CI`` set, or ``POST_ORDER_REQUIRE_REDIS=1`` as ``.ci/run`` sets it) a missing server fails
    them rather than skipping them.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") or os.environ.get("POST_ORDER_REQUIRE_REDIS"):
            pytest.fail("redis-server is not on PATH; `make setup` installs it (apt-get install redis-server)")
        pytest.skip("redis-server is not installed (make setup installs it)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
