"""Run the emulator in the background for as long as something needs it.

``running()`` serves it from a thread of this process on a free loopback port and stops it on
exit (tests use it); ``python -m emulator.background COMMAND...`` does the same around a command,
passing the address in ``POST_ORDER_BASE_URL`` (``make record`` and ``make demo`` use it).
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from .app import create_app
from .scenario import DEFAULT, load

KEEP_ALIVE = 75
"""Seconds an idle connection stays open. uvicorn's default (5 s) lets a busy machine close a
connection the client is about to reuse, and a POST on it fails with no retry; eBay's own
servers keep connections longer."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running(scenario: Path = DEFAULT, seed: int = 0, state_file: Path | None = None) -> Iterator[str]:
    """The emulator on ``http://127.0.0.1:<free port>``, stopped when the block ends."""
    port = free_port()
    app = create_app(load(scenario), seed=seed, state_file=state_file)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="post-order-emulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the emulator did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m emulator.background COMMAND [ARGS...]", file=sys.stderr)
        return 2
    with running() as base_url:
        print(f"emulator: serving on {base_url}", flush=True)
        return subprocess.run(argv, env={**os.environ, "POST_ORDER_BASE_URL": base_url}, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
