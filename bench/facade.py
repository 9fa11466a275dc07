"""What the facade costs over a hand-written httpx call to the same URL, same MockTransport.

Sync: per-call overhead in microseconds of ``po.cancellations.approve(id)`` (build the request,
auth, marketplace, retry bookkeeping, status check, parse) over ``client.post(url, ...)`` with the
same headers and body; goal <= 25 us. Async: calls per second of the facade over a raw
``httpx.AsyncClient``, 400 calls gathered per round; goal >= 0.95x. Interleaved rounds in one
process, medians reported.
"""

import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generated" / "ebay-post-order"))

from ebay_post_order import AsyncPostOrder, PostOrder

URL = "https://api.ebay.com/post-order/v2/cancellation/5000000001/approve"
HEADERS = {"Authorization": "IAF token", "X-EBAY-C-MARKETPLACE-ID": "EBAY_US", "Content-Type": "application/json"}
ROUNDS = 15
CALLS = 400


def handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200)


def sync_overhead_us() -> float:
    transport = httpx.MockTransport(handler)
    diffs = []
    with httpx.Client(transport=transport) as raw, PostOrder.oauth("token", transport=transport) as po:
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for _ in range(CALLS):
                po.cancellations.approve("5000000001")
            mid = time.perf_counter()
            for _ in range(CALLS):
                raw.post(URL, headers=HEADERS, content=b"{}").raise_for_status()
            end = time.perf_counter()
            diffs.append(((mid - start) - (end - mid)) / CALLS * 1e6)
    return statistics.median(diffs)


async def async_ratio() -> float:
    transport = httpx.MockTransport(handler)  # MockTransport serves async clients with a sync handler too
    ratios = []
    async with (
        httpx.AsyncClient(transport=transport) as raw,
        AsyncPostOrder.oauth("token", transport=transport) as po,
    ):

        async def raw_call() -> None:
            (await raw.post(URL, headers=HEADERS, content=b"{}")).raise_for_status()

        for _ in range(ROUNDS):
            start = time.perf_counter()
            await asyncio.gather(*(po.cancellations.approve("5000000001") for _ in range(CALLS)))
            mid = time.perf_counter()
            await asyncio.gather(*(raw_call() for _ in range(CALLS)))
            end = time.perf_counter()
            ratios.append((end - mid) / (mid - start))  # facade throughput relative to raw
    return statistics.median(ratios)


def main() -> None:
    print(f"sync facade overhead per call: {sync_overhead_us():.1f} us (goal <= 25 us)")
    print(f"async facade throughput: {asyncio.run(async_ratio()):.2f}x raw httpx.AsyncClient (goal >= 0.95x)")


if __name__ == "__main__":
    main()
