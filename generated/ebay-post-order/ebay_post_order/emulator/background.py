# Hand-written in emulator/background.py, copied by `make generate` -- do not edit the copy.
"""Run the emulator in the background for as long as something needs it.

``running()`` serves a fresh emulator from a thread of this process on a free loopback port and
stops it on exit; ``python -m emulator.background COMMAND...`` does the same around a command,
passing the address in ``POST_ORDER_BASE_URL`` (``make record-sandbox`` does not need it;
``make demo`` and ``make fuzz`` do).
"""

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from .app import create_app
from .scenario import DEFAULT, load
from .server import in_thread


@contextlib.contextmanager
def running(scenario: Path = DEFAULT, seed: int = 0, state_file: Path | None = None) -> Iterator[str]:
    """A fresh emulator on ``http://127.0.0.1:<free port>``, stopped when the block ends."""
    with in_thread(create_app(load(scenario), seed=seed, state_file=state_file)) as url:
        yield url


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m emulator.background COMMAND [ARGS...]", file=sys.stderr)
        return 2
    with running() as base_url:
        print(f"emulator: serving on {base_url}", flush=True)
        return subprocess.run(argv, env={**os.environ, "POST_ORDER_BASE_URL": base_url}, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
