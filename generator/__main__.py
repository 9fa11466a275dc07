"""``python -m generator [--out DIR]``: regenerate the client; bad input prints one line, exit 1."""

import argparse
import sys
from pathlib import Path

from .errors import PipelineError
from .pipeline import generate

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project root holding spec/ and overlays/")
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: ROOT/generated)")
    args = parser.parse_args(argv)
    out = args.out if args.out is not None else args.root / "generated"
    try:
        generate(args.root.resolve(), out.resolve())
    except PipelineError as err:
        print(f"generate: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
