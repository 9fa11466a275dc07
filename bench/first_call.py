"""The first call of each resource in a fresh process, against importing httpx alone.

What a webhook receiver or a short script pays on every cold start: import the package, build a
client, make one call (answered by httpx.MockTransport, so no network), read the result. Each
side runs in its own fresh interpreter, timed inside it from before its first import, with
bytecode already cached; the two sides alternate and the ratio of each pair is taken, so the
machine's drift hits both alike. Goal: at most 1.3x ``import httpx``.
"""

import statistics
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generated" / "ebay-post-order"
PAIRS = 9
CALLS = {
    "cancellations": "po.cancellations.get('5000000001')",
    "inquiries": "po.inquiries.get('5000000001')",
    "cases": "po.cases.get('5000000001')",
    "returns": "po.returns.get('5000000001')",
}
FIRST_CALL = """\
import httpx
from ebay_post_order import PostOrder
po = PostOrder.oauth("token", transport=httpx.MockTransport(lambda request: httpx.Response(200, json={})))
CALL
"""


def seconds(code: str) -> float:
    """How long ``code`` takes in a fresh interpreter, measured inside it."""
    timed = f"import time\nstart = time.perf_counter()\n{code}\nprint(time.perf_counter() - start)\n"
    done = subprocess.run(
        [sys.executable, "-c", timed], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(PACKAGE)}
    )
    return float(done.stdout.split()[-1])


def main() -> None:
    for resource, call in CALLS.items():
        code = FIRST_CALL.replace("CALL", call)
        seconds(code)  # bytecode written, files cached
        ratios = [seconds(code) / seconds("import httpx") for _ in range(PAIRS)]
        print(f"first call of {resource}: {statistics.median(ratios):.2f}x import httpx (goal <= 1.3x)")


if __name__ == "__main__":
    main()
