# Hand-written in emulator/cancellations/responses.py, copied by `make generate` -- do not edit the copy.
"""The cancellation calls: each operationId's handler, and cancellations in eBay's JSON."""

from typing import Any

from ..calls import Answer, Call, Handler
from ..wire import date_field, money, pagination_output, paid
from ..world import World
from .models import REASONS, Cancellation, Cancellations


def summary(world: World, cancellation: Cancellation) -> dict[str, Any]:
    order = world.order_of(cancellation)
    out: dict[str, Any] = {
        "cancelId": cancellation.cancel_id,
        "marketplaceId": order.marketplace,
        "legacyOrderId": order.legacy_order_id,
        "requestorType": cancellation.requestor,
        "cancelReason": cancellation.reason,
        "cancelState": cancellation.state,
        "cancelStatus": cancellation.status,
        "paymentStatus": "ONLINE_PAID" if order.paid else "NOT_PAID",
        "partialOrderType": "FULL_ORDER",
        "requestRefundAmount": paid(order),
        "cancelRequestDate": date_field(cancellation.created),
        "buyerLoginName": order.buyer,
        "sellerLoginName": order.seller,
    }
    optional = {
        "cancelCloseReason": cancellation.close_reason,
        "cancelCloseDate": date_field(cancellation.closed),
        "sellerResponseDueDate": date_field(cancellation.seller_due),
        "buyerResponseDueDate": date_field(cancellation.buyer_due),
    }
    out.update({key: value for key, value in optional.items() if value is not None})
    return out


def detail(world: World, cancellation: Cancellation, full: bool) -> dict[str, Any]:
    out = summary(world, cancellation)
    if not full:
        return out
    out["activityHistories"] = [
        {**event, "actionDate": date_field(event["actionDate"])} for event in cancellation.history
    ]
    if cancellation.refund_issued:
        order = world.order_of(cancellation)
        amount = money(order.total, order.line_items[0].currency)
        issued = date_field(cancellation.refund_issued)
        out["moneyMovementInfo"] = [
            {
                "moneyMovementType": "SELLER_VOLUNTARY_REFUND",
                "status": "SUCCESS",
                "requestedAmount": amount,
                "actualAmount": amount,
                "creationDate": issued,
            }
        ]
        out["refundInfo"] = {
            "actualRefundDetail": {
                "actualRefund": {"totalAmount": amount},
                "refundIssuedDate": issued,
                "refundStatus": "SUCCESS",
            }
        }
    return out


def eligibility(cancellations: Cancellations, call: Call, order_id: str) -> dict[str, Any]:
    order, _ = cancellations.order(call.user, order_id)
    reason = cancellations.failure(order)
    result: dict[str, Any] = {"legacyOrderId": order_id, "eligible": reason is None}
    if reason:
        result["failureReason"] = [reason]
    else:
        result["eligibleCancelReason"] = list(REASONS)
    result["itemEligibilityResult"] = [
        {
            "itemId": item.item_id,
            "transactionId": item.transaction_id,
            "eligible": reason is None,
            "cancelQuantity": item.quantity,
        }
        for item in order.line_items
    ]
    return result


def check_eligibility(call: Call) -> Answer:
    return eligibility(call.backend.cancellations, call, str(call.body.get("legacyOrderId", "")))


def create(call: Call) -> Answer:
    cancellations = call.backend.cancellations
    order_id = str(call.body.get("legacyOrderId", ""))
    cancellation = cancellations.create(call.user, order_id, call.body.get("cancelReason"))
    if cancellation is None:
        return {"orderEligibilityResult": eligibility(cancellations, call, order_id)}
    return {"cancelId": cancellation.cancel_id}


def get(call: Call) -> Answer:
    cancellation, _ = call.backend.cancellations.get(call.user, call.id("cancelId"))
    return {"cancelDetail": detail(call.backend.world, cancellation, call.query.get("fieldgroups", "FULL") == "FULL")}


def search(call: Call) -> Answer:
    found = call.backend.cancellations.search(call.user, call.query)
    out: dict[str, Any] = {
        "cancellations": [summary(call.backend.world, c) for c in found.records],
        "total": found.total,
    }
    if found.total:
        out["paginationOutput"] = pagination_output(found.limit, found.offset, found.total)
    return out


def approve(call: Call) -> Answer:
    call.backend.cancellations.approve(call.user, call.id("cancelId"))
    return None


def reject(call: Call) -> Answer:
    shipped = bool(call.body.get("trackingNumber") or call.body.get("shipmentDate"))
    call.backend.cancellations.reject(call.user, call.id("cancelId"), shipped)
    return None


def confirm(call: Call) -> Answer:
    call.backend.cancellations.confirm(call.user, call.id("cancelId"), call.body.get("unpaidOrder") is True)
    return None


HANDLERS: dict[str, Handler] = {
    "createCancellationRequest": create,
    "checkCancellationEligibility": check_eligibility,
    "searchCancellations": search,
    "getCancellation": get,
    "approveCancellation": approve,
    "rejectCancellation": reject,
    "confirmCancellationRefund": confirm,
}
