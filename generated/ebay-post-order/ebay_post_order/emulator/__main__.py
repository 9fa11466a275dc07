# Hand-written in emulator/__main__.py, copied by `make generate` -- do not edit the copy.
"""``python -m emulator`` (from a checkout) or ``python -m ebay_post_order.emulator`` (installed
with the ``emulator`` extra): serve the Post-Order emulator on loopback until interrupted."""

import argparse
import sys
from pathlib import Path

from . import spec
from .app import Emulator
from .backend import StateError
from .persistence import StateFileError
from .scenario import DEFAULT, ScenarioError, load
from .server import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulator", description="A local eBay Post-Order API v2.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    parser.add_argument("--scenario", type=Path, default=DEFAULT, help="scenario YAML (default: the bundled one)")
    parser.add_argument(
        "--seed", type=int, default=0, help="shifts cancellation ids (default: 0); every run is reproducible"
    )
    parser.add_argument("--state", type=Path, default=None, help="JSON file to keep state in across restarts")
    parser.add_argument("--spec", type=Path, default=spec.SPEC, help="effective spec to validate against")
    args = parser.parse_args(argv)
    try:
        emulator = Emulator(load(args.scenario), seed=args.seed, state_file=args.state, spec_file=args.spec)
    except StateError as err:
        print(f"emulator: error: {args.state}: {err}", file=sys.stderr)
        return 2
    except (ScenarioError, StateFileError) as err:
        print(f"emulator: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"emulator: error: {err.filename}: {err.strerror}", file=sys.stderr)
        return 2
    print(f"emulator: serving eBay Post-Order API v2 on http://{args.host}:{args.port}", flush=True)
    serve(emulator.app(), args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
