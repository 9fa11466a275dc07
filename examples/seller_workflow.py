"""A seller's morning with ebay-post-order, against the emulator (what ``make demo`` runs).

Finds the cancellation requests, return requests and Item Not Received inquiries waiting for
the seller; approves one cancellation (eBay refunds the buyer) and rejects another because it
already shipped; approves one return with a prepaid label and refunds another without asking for
the item back; answers an inquiry with a message and tracking; pages through every cancellation;
and prints what happened as a table. Point it elsewhere with POST_ORDER_BASE_URL and POST_ORDER_TOKEN.
"""

import os
import sys
from typing import TypeVar

from ebay_post_order import PostOrder
from ebay_post_order.models import Amount, ItemizedRefundDetailType, RefundDetailType, Text
from ebay_post_order.types import Unset

BASE_URL = os.environ.get("POST_ORDER_BASE_URL", "http://127.0.0.1:8765")
TOKEN = os.environ.get("POST_ORDER_TOKEN", "emu-seller-token")
T = TypeVar("T")


def sent(value: T | Unset, what: str) -> T:
    """A field eBay returns only in some situations (typed ``X | Unset``), which this step needs."""
    if isinstance(value, Unset):
        raise SystemExit(f"eBay's answer has no {what}")
    return value


def main() -> int:
    rows: list[tuple[str, str, str]] = []
    with PostOrder.auth_n_auth(TOKEN, base_url=BASE_URL) as po:
        waiting = [c for c in po.cancellations.search_all(role="SELLER") if c.cancel_state == "APPROVAL_PENDING"]
        for request in waiting:
            rows.append(
                (
                    "waiting",
                    f"cancellation {request.cancel_id}",
                    f"{request.cancel_reason} on {request.legacy_order_id}",
                )
            )
        first, second = waiting[0].cancel_id, waiting[1].cancel_id
        po.cancellations.approve(first)
        detail = po.cancellations.get(first).cancel_detail
        refund_detail = sent(sent(detail.refund_info, "refund info").actual_refund_detail, "refund detail")
        refund = sent(sent(refund_detail.actual_refund, "refund").total_amount, "refund amount")
        rows.append(
            ("approved", f"cancellation {first}", f"{detail.cancel_status}, refunded {refund.value} {refund.currency}")
        )
        po.cancellations.reject(second, tracking_number="1Z999AA10123456784")
        rows.append(("rejected", f"cancellation {second}", "already shipped, tracking 1Z999AA10123456784"))

        returns = list(po.returns.search_all(return_state="RETURN_STARTED", sort="+FILING_DATE"))
        for summary in returns:
            why = summary.creation_info.reason
            rows.append(("waiting", f"return {summary.return_id}", f"{why} on {summary.order_id}"))
        approve, refund_now = returns[0].return_id, returns[1].return_id
        po.returns.decide(approve, decision="APPROVE", comments=Text(content="Sorry! A prepaid label follows."))
        label = po.returns.add_shipping_label(
            approve, label_action="UPLOAD_LABEL", carrier_enum="USPS", tracking_number="9400111899223100000001"
        )
        state = sent(po.returns.get(approve, fieldgroups="SUMMARY").summary, "summary").state
        rows.append(("approved", f"return {approve}", f"USPS label {label.tracking_number}; now {state}"))
        due = sent(sent(returns[1].seller_total_refund, "refund total").estimated_refund_amount, "estimate")
        total = Amount(value=due.value, currency=due.currency)
        po.returns.issue_refund(
            refund_now,
            refund_detail=RefundDetailType(
                total_amount=total,
                itemized_refund_detail=[
                    ItemizedRefundDetailType(refund_amount=total, refund_fee_type="PURCHASE_PRICE")
                ],
            ),
            comments=Text(content="Keep it - refunded in full."),
        )
        closed = sent(sent(po.returns.get(refund_now).detail, "detail").close_info, "close info").return_close_reason
        rows.append(("refunded", f"return {refund_now}", f"{total.value} {total.currency} without the item; {closed}"))

        for inquiry in po.inquiries.search_all(inquiry_status="OPEN"):
            rows.append(("waiting", f"inquiry {inquiry.inquiry_id}", f"item {inquiry.item_id} not received"))
            po.inquiries.send_message(inquiry.inquiry_id, message=Text(content="Sorry for the wait, it is on its way."))
            po.inquiries.provide_shipment_info(
                inquiry.inquiry_id, shipping_carrier_name="USPS", tracking_number="9400111899223"
            )
            status = po.inquiries.get(inquiry.inquiry_id).status
            rows.append(("answered", f"inquiry {inquiry.inquiry_id}", f"message + USPS tracking; now {status}"))

        pages = 0
        seen = 0
        page = po.cancellations.search(limit=1, offset=0)
        while page.cancellations:
            pages, seen = pages + 1, seen + len(page.cancellations)
            page = po.cancellations.search(limit=1, offset=seen)
        rows.append(("paged", "cancellation search", f"{seen} cancellations over {pages} pages of 1"))

    width = [max(len(row[i]) for row in rows) for i in range(3)]
    print(f"{'step':<{width[0]}}  {'what':<{width[1]}}  result")
    print(f"{'-' * width[0]}  {'-' * width[1]}  {'-' * width[2]}")
    for row in rows:
        print(f"{row[0]:<{width[0]}}  {row[1]:<{width[1]}}  {row[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
