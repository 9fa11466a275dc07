"""Building and writing a refund body, against a dict plus ``json.dumps``.

The client's side is what ``po.returns.issue_refund(...)`` does before sending: build the request
model from the arguments and write it as JSON with money as exact numbers (``body_bytes``). The
baseline writes the same JSON from a literal dict with float money (which the client must not
do: floats round). Interleaved rounds in one process, medians reported. Goal: at most 1.5x.
"""

import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generated" / "ebay-post-order"))

from ebay_post_order._base_client import body_bytes
from ebay_post_order.models import (
    Amount,
    IssueRefundRequest,
    ItemizedRefundDetailType,
    RefundDetailType,
    Text,
)

ROUNDS = 15
BODIES = 2000


def client_body() -> bytes:
    total = Amount(value=Decimal("59.00"), currency="USD")  # type: ignore[arg-type]
    return body_bytes(
        IssueRefundRequest(
            comments=Text(content="Refunded in full, thank you", language="en-US"),
            refund_detail=RefundDetailType(
                total_amount=total,
                itemized_refund_detail=[
                    ItemizedRefundDetailType(
                        refund_amount=Amount(value=Decimal("49.00"), currency="USD"),  # type: ignore[arg-type]
                        refund_fee_type="PURCHASE_PRICE",  # type: ignore[arg-type]
                    ),
                    ItemizedRefundDetailType(
                        refund_amount=Amount(value=Decimal("10.00"), currency="USD"),  # type: ignore[arg-type]
                        refund_fee_type="ORIGINAL_SHIPPING",  # type: ignore[arg-type]
                    ),
                ],
            ),
            relist_item=True,
        )
    )


def dict_body() -> bytes:
    return json.dumps(
        {
            "comments": {"content": "Refunded in full, thank you", "language": "en-US"},
            "refundDetail": {
                "itemizedRefundDetail": [
                    {"refundAmount": {"currency": "USD", "value": 49.00}, "refundFeeType": "PURCHASE_PRICE"},
                    {"refundAmount": {"currency": "USD", "value": 10.00}, "refundFeeType": "ORIGINAL_SHIPPING"},
                ],
                "totalAmount": {"currency": "USD", "value": 59.00},
            },
            "relistItem": True,
        },
        separators=(",", ":"),
    ).encode()


def main() -> None:
    assert json.loads(client_body()) == json.loads(dict_body())  # the same JSON on both sides
    ratios = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(BODIES):
            client_body()
        mid = time.perf_counter()
        for _ in range(BODIES):
            dict_body()
        ratios.append((mid - start) / (time.perf_counter() - mid))
    print(f"refund body, built and written: {statistics.median(ratios):.2f}x a dict + json.dumps (goal <= 1.5x)")


if __name__ == "__main__":
    main()
