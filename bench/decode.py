"""Typed decode speed against json.loads on the same bytes, and cold import time.

Ratios are measured in one process with interleaved rounds (typed decode, then the client's JSON
reader alone, then json.loads, then again), so machine noise hits every side alike. The typed
decode is what a call pays: ``_decode.loads`` (msgspec, floats as Decimal) and then the models;
the reader's own ratio is printed beside it so the models' share is visible. Goals: <= 2.5x
json.loads for search pages, <= 2.0x for one object, <= 150 ms to import the package plus one
operation module.
"""

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generated" / "ebay-post-order"))

from ebay_post_order import _decode  # noqa: E402
from ebay_post_order.models import FindCancelResponse, GetCancelDetailResponse  # noqa: E402

ROUNDS = 15
STATES = ["CLOSED", "REFUND_PENDING", "APPROVAL_PENDING", "REFUND_INITIATED"]
STATUSES = ["CANCEL_CLOSED_WITH_REFUND", "CANCEL_REQUESTED", "CANCEL_PENDING", "CANCEL_CLOSED_NO_REFUND"]


def stamp(day: int, second: int) -> dict[str, str]:
    value = f"2026-{1 + day % 12:02d}-{1 + day % 28:02d}T{second % 24:02d}:{second % 60:02d}:11.000Z"
    return {"value": value, "formattedValue": value}


def summary(i: int) -> dict[str, Any]:
    return {
        "cancelId": str(5000000000 + i),
        "marketplaceId": "EBAY_US",
        "legacyOrderId": f"{110000000000 + i}-{2700000000000 + i}",
        "requestorType": "BUYER" if i % 3 else "SELLER",
        "cancelReason": "BUYER_ASKED_CANCEL",
        "cancelState": STATES[i % 4],
        "cancelStatus": STATUSES[i % 4],
        "cancelCloseReason": "FULL_REFUNDED",
        "paymentStatus": "ONLINE_PAID",
        "partialOrderType": "FULL_ORDER",
        "requestRefundAmount": {"value": round(5 + i * 1.37, 2), "currency": "USD"},
        "cancelRequestDate": stamp(i, i),
        "cancelCloseDate": stamp(i + 1, i + 7),
        "buyerResponseDueDate": stamp(i + 3, i),
        "sellerResponseDueDate": stamp(i + 2, i),
        "buyerLoginName": f"buyer{i}",
        "sellerLoginName": "seller_one",
    }


def page(size: int) -> bytes:
    body = {
        "cancellations": [summary(i) for i in range(size)],
        "paginationOutput": {"limit": size, "offset": 0, "totalEntries": size * 3, "totalPages": 3},
        "total": size * 3,
    }
    return json.dumps(body).encode()


def detail() -> bytes:
    one = summary(7)
    one["activityHistories"] = [
        {"activityType": t, "activityParty": "SELLER", "actionDate": stamp(1, n), "stateFrom": a, "stateTo": b}
        for n, (t, a, b) in enumerate(
            [
                ("SELLER_CREATE_CANCEL", "INITIAL", "REFUND_PENDING"),
                ("SYSTEM_REFUND", "REFUND_PENDING", "REFUND_INITIATED"),
                ("SYSTEM_NOTIFY_REFUND_STATUS", "REFUND_INITIATED", "CLOSED"),
            ]
        )
    ]
    one["moneyMovementInfo"] = [
        {
            "moneyMovementType": "SELLER_VOLUNTARY_REFUND",
            "status": "SUCCESS",
            "requestedAmount": {"value": 34.67, "currency": "USD"},
            "actualAmount": {"value": 34.67, "currency": "USD"},
            "creationDate": stamp(1, 3),
        }
    ]
    return json.dumps({"cancelDetail": one}).encode()


def ratios(data: bytes, typed: Callable[[bytes], Any]) -> tuple[float, float, float]:
    """Medians of per-round ratios to json.loads (typed decode, and _decode.loads alone, which
    reads the JSON with msgspec), and the median typed time in ms."""
    loops = max(1, 200_000 // len(data))
    typed_ratios, reader_ratios, typed_ms = [], [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(loops):
            typed(data)
        mid = time.perf_counter()
        for _ in range(loops):
            _decode.loads(data)
        late = time.perf_counter()
        for _ in range(loops):
            json.loads(data)
        end = time.perf_counter()
        typed_ratios.append((mid - start) / (end - late))
        reader_ratios.append((late - mid) / (end - late))
        typed_ms.append((mid - start) / loops * 1000)
    return statistics.median(typed_ratios), statistics.median(reader_ratios), statistics.median(typed_ms)


def report(label: str, data: bytes, typed: Callable[[bytes], Any], goal: float) -> None:
    r, reader, ms = ratios(data, typed)
    print(f"{label}: {r:.2f}x json.loads ({ms:.4f} ms) goal <= {goal}x; of which reading the JSON {reader:.2f}x")


def cold_import_ms(modules: str) -> float:
    """Median over fresh interpreters of the time to import ``modules`` (comma-separated)."""
    code = f"import time; t = time.perf_counter(); import {modules}; print((time.perf_counter() - t) * 1000)"
    env_path = str(ROOT / "generated" / "ebay-post-order")
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": env_path}
            ).stdout
        )
        for _ in range(7)
    ]
    return statistics.median(times)


def main() -> None:
    for size in (50, 1000):
        data = page(size)
        label = f"search page, {size:>4} members ({len(data):>7} bytes)"
        report(label, data, lambda b: FindCancelResponse.from_dict(_decode.loads(b)), 2.5)
    data = detail()
    label = f"single cancellation detail ({len(data)} bytes)"
    report(label, data, lambda b: GetCancelDetailResponse.from_dict(_decode.loads(b)), 2.0)
    ours = cold_import_ms("ebay_post_order.api.cancellation.search_cancellations")
    print(f"cold import of the package + search_cancellations: {ours:.1f} ms (goal <= 150 ms)")
    print(
        f"  for reference, import attrs: {cold_import_ms('attrs'):.1f} ms; httpx (deferred to the first request): "
        f"{cold_import_ms('httpx'):.1f} ms"
    )


if __name__ == "__main__":
    main()
