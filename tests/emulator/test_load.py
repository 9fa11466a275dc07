"""50 cancellation flows of 20 steps each, concurrently, through the async client.

Every flow works on its own order: the buyer checks eligibility and asks to cancel, both sides
read it back several ways, the seller approves (even flows) or rejects (odd flows), and the
outcome is read back again. Afterwards every request's history must hold exactly its own
events (no lost or crossed updates) and no call may have been answered with a 5xx.
"""

import asyncio
import contextlib
from pathlib import Path

import pytest
import yaml
from ebay_post_order import AsyncPostOrder, errors

from emulator.background import running

FLOWS = 50
STEPS = 20


def scenario(tmp_path: Path) -> Path:
    orders = [
        {
            "legacy_order_id": f"12{i:010d}-28{i:011d}",
            "seller": "seller",
            "buyer": "buyer",
            "marketplace": "EBAY_US",
            "paid": True,
            "created": "2026-11-01T10:00:00.000Z",
            "line_items": [
                {
                    "item_id": f"12{i:010d}",
                    "transaction_id": f"28{i:011d}",
                    "title": f"Item {i}",
                    "quantity": 1,
                    "price": "10.00",
                    "currency": "USD",
                }
            ],
        }
        for i in range(FLOWS)
    ]
    data = {
        "clock": {"start": "2026-11-20T09:00:00.000Z", "step_seconds": 1},
        "users": [
            {"name": "seller", "role": "seller", "token": "load-seller"},
            {"name": "buyer", "role": "buyer", "token": "load-buyer"},
        ],
        "orders": orders,
    }
    path = tmp_path / "load.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


async def flow(index: int, seller: AsyncPostOrder, buyer: AsyncPostOrder, steps: list[str]) -> str:
    order_id = f"12{index:010d}-28{index:011d}"

    async def step(name: str, call):  # type: ignore[no-untyped-def]
        steps.append(name)
        return await call

    assert (await step("eligible", buyer.cancellations.check_eligibility(legacy_order_id=order_id))).eligible
    cancel_id = (
        await step("create", buyer.cancellations.create(legacy_order_id=order_id, cancel_reason="ORDER_MISTAKE"))
    ).cancel_id
    for who in (buyer, seller, buyer, seller):
        detail = (await step("get", who.cancellations.get(cancel_id))).cancel_detail
        assert detail.cancel_state == "APPROVAL_PENDING"
    found = await step("search", seller.cancellations.search(legacy_order_id=order_id))
    assert [c.cancel_id for c in found.cancellations] == [cancel_id]
    assert not (await step("eligible", buyer.cancellations.check_eligibility(legacy_order_id=order_id))).eligible
    if index % 2 == 0:
        await step("approve", seller.cancellations.approve(cancel_id))
        expected = "CANCEL_CLOSED_WITH_REFUND"
    else:
        await step("reject", seller.cancellations.reject(cancel_id, tracking_number=f"TRACK{index}"))
        expected = "CANCEL_REJECTED"
    for _ in range(5):
        with contextlib.suppress(errors.ConflictError):  # a second answer is refused, state unchanged
            await step("approve-again", seller.cancellations.approve(cancel_id))
        detail = (await step("get", buyer.cancellations.get(cancel_id))).cancel_detail
        assert detail.cancel_status == expected
    summary = (await step("search", buyer.cancellations.search(role="BUYER", cancel_id=cancel_id))).cancellations
    assert [c.cancel_status for c in summary] == [expected]
    assert len(steps) == STEPS
    return cancel_id


@pytest.mark.anyio
async def test_fifty_concurrent_flows_lose_nothing(tmp_path: Path) -> None:
    with running(scenario(tmp_path)) as url:
        async with (
            AsyncPostOrder.auth_n_auth("load-seller", base_url=url, max_retries=0) as seller,
            AsyncPostOrder.auth_n_auth("load-buyer", base_url=url, max_retries=0) as buyer,
        ):
            steps: list[list[str]] = [[] for _ in range(FLOWS)]
            results = await asyncio.gather(
                *(flow(i, seller, buyer, steps[i]) for i in range(FLOWS)), return_exceptions=True
            )
            failures = [r for r in results if isinstance(r, BaseException)]
            assert not [f for f in failures if isinstance(f, errors.ServerError)], "the emulator answered 5xx"
            assert not failures, failures[:3]
            assert len(set(results)) == FLOWS  # fifty distinct cancellations
            everything = [c async for c in seller.cancellations.search_all(limit=100)]
            assert sorted(c.cancel_id for c in everything) == sorted(results)  # type: ignore[type-var]
            for i, cancel_id in enumerate(results):
                history = (await seller.cancellations.get(cancel_id)).cancel_detail.activity_histories  # type: ignore[arg-type, union-attr]
                kinds = [h.activity_type for h in history]  # type: ignore[union-attr]
                if i % 2 == 0:
                    assert kinds == [
                        "BUYER_CREATE_CANCEL",
                        "SELLER_APPROVE",
                        "SYSTEM_REFUND",
                        "SYSTEM_NOTIFY_REFUND_STATUS",
                    ]
                else:
                    assert kinds == ["BUYER_CREATE_CANCEL", "SELLER_REJECT"]
