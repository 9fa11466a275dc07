# Hand-written in emulator/cases/responses.py, copied by `make generate` -- do not edit the copy.
"""The case calls: each operationId's handler, and cases in eBay's JSON."""

from typing import Any

from ..calls import Answer, Call, Handler
from ..paging import Page
from ..wire import date_field, pagination_output, paid, text
from ..world import World
from .models import Case


def history(event: dict[str, Any]) -> dict[str, Any]:
    """An inquiry's or a case's history entry, its date as eBay's DateTime."""
    return {**event, "date": date_field(event["date"])}


def refunded() -> dict[str, Any]:
    """The answer to an issue_refund call that eBay refunds at once."""
    return {"refundResult": {"refundSource": "INSTANT_REFUND", "refundStatus": "SUCCESS"}}


def members(found: Page[Any], rows: list[dict[str, Any]], total_key: str) -> dict[str, Any]:
    """An inquiry or case search page: its members, the total and paginationOutput."""
    out: dict[str, Any] = {"members": rows, total_key: found.total}
    if found.total:
        out["paginationOutput"] = pagination_output(found.limit, found.offset, found.total)
    return out


def summary(world: World, case: Case) -> dict[str, Any]:
    order = world.order_of(case)
    return {
        "caseId": case.case_id,
        "caseStatusEnum": case.status,
        "itemId": case.item_id,
        "transactionId": case.transaction_id,
        "buyer": order.buyer,
        "seller": order.seller,
        "claimAmount": paid(order),
        "creationDate": date_field(case.created),
        "lastModifiedDate": date_field(case.modified),
    }


def detail(world: World, case: Case) -> dict[str, Any]:
    order = world.order_of(case)
    out: dict[str, Any] = {
        "caseType": "RETURN" if case.return_id else "ITEM_NOT_RECEIVED",
        "caseQuantity": next(i.quantity for i in order.line_items if i.item_id == case.item_id),
        "claimAmount": paid(order),
        "creationDate": date_field(case.created),
        "escalateReason": case.escalate_reason,
        "transactionId": case.transaction_id,
        "caseDetails": {"creationDate": date_field(case.created), "escalationDate": date_field(case.created)},
        "caseHistoryDetails": {"history": [history(e) for e in case.history]},
        "appealDetails": {"eligibleForAppeal": case.status == "CLOSED" and case.appealed_by is None},
    }
    if case.close_reason:
        out["buyerClosureReason"] = case.close_reason
    if case.appealed_by:
        out["appealDetails"]["appealStatusEnum"] = f"{case.appealed_by}_APPEALED"
        out["appealDetails"]["appealDate"] = date_field(case.appeal_date)
    return out


def get(call: Call) -> Answer:
    case, _ = call.backend.cases.get(call.user, call.id("caseId"))
    return detail(call.backend.world, case)


def search(call: Call) -> Answer:
    found = call.backend.cases.search(call.user, call.query)
    return members(found, [summary(call.backend.world, c) for c in found.records], "totalNumberOfCases")


def shipment_info(call: Call) -> Answer:
    carrier, tracking = str(call.body.get("shippingCarrierName")), str(call.body.get("trackingNumber", ""))
    call.backend.cases.shipment_info(call.user, call.id("caseId"), carrier, tracking)
    return None


def return_address(call: Call) -> Answer:
    call.backend.cases.return_address(call.user, call.id("caseId"))
    return None


def issue_refund(call: Call) -> Answer:
    call.backend.cases.refund(call.user, call.id("caseId"))
    return refunded()


def close(call: Call) -> Answer:
    call.backend.cases.close(call.user, call.id("caseId"), str(call.body.get("closeReason", "")))
    return None


def appeal(call: Call) -> Answer:
    call.backend.cases.appeal(call.user, call.id("caseId"), text(call.body.get("comments")))
    return None


HANDLERS: dict[str, Handler] = {
    "searchCases": search,
    "getCase": get,
    "appealCaseDecision": appeal,
    "closeCase": close,
    "issueCaseRefund": issue_refund,
    "provideCaseReturnAddress": return_address,
    "provideCaseShipmentInfo": shipment_info,
}
