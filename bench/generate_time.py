"""Whole-process time of `python -m generator` (what `make generate` runs); goal <= 5 s.

Each round regenerates into a fresh temporary directory, so nothing is cached between rounds
except what the OS caches. Reports min and median wall time over the rounds, and the same for a
bare interpreter start, to show how much of it is the pipeline itself.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5
GOAL_SECONDS = 5.0


def wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    generate, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(ROUNDS):
            out = Path(tmp) / f"round{round_}"
            generate.append(wall([sys.executable, "-m", "generator", "--out", str(out)]))
            bare.append(wall([sys.executable, "-c", "pass"]))
    median = statistics.median(generate)
    print(f"python -m generator: min {min(generate):.2f} s, median {median:.2f} s over {ROUNDS} rounds")
    print(f"bare interpreter start: median {statistics.median(bare):.3f} s")
    print(f"goal <= {GOAL_SECONDS:.1f} s: {'met' if median <= GOAL_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
