# Hand-written in emulator/inquiries/responses.py, copied by `make generate` -- do not edit the copy.
"""The inquiry calls: each operationId's handler, and inquiries in eBay's JSON."""

from typing import Any

from ..calls import Answer, Call, Handler, created
from ..cases.responses import history, members, refunded
from ..wire import date_field, money, paid, text
from ..world import World
from .models import Inquiry


def summary(world: World, inquiry: Inquiry) -> dict[str, Any]:
    order = world.order_of(inquiry)
    return {
        "inquiryId": inquiry.inquiry_id,
        "inquiryStatusEnum": inquiry.status,
        "itemId": inquiry.item_id,
        "transactionId": inquiry.transaction_id,
        "buyer": order.buyer,
        "seller": order.seller,
        "claimAmount": paid(order),
        "creationDate": date_field(inquiry.created),
        "lastModifiedDate": date_field(inquiry.modified),
        "respondByDate": date_field(inquiry.respond_by),
    }


def detail(world: World, inquiry: Inquiry) -> dict[str, Any]:
    order = world.order_of(inquiry)
    item = next(i for i in order.line_items if i.item_id == inquiry.item_id)
    out: dict[str, Any] = {
        "inquiryId": inquiry.inquiry_id,
        "itemId": inquiry.item_id,
        "transactionId": inquiry.transaction_id,
        "initiator": "BUYER",
        "creationReason": "ITEM_NOT_RECEIVED_ASK_FOR_REFUND",
        "status": inquiry.status,
        "state": inquiry.state,
        "claimAmount": paid(order),
        "inquiryQuantity": item.quantity,
        "sellerMakeItRightByDate": date_field(inquiry.respond_by),
        "itemDetails": {"itemTitle": item.title, "itemPrice": money(item.price, item.currency)},
        "inquiryDetails": {"creationDate": date_field(inquiry.created), "totalAmount": paid(order)},
        "inquiryHistoryDetails": {"history": [history(e) for e in inquiry.history]},
    }
    if inquiry.closed:
        out["inquiryClosureDate"] = date_field(inquiry.closed)
    if inquiry.case_id:
        out["inquiryDetails"]["escalationDate"] = date_field(inquiry.closed)
    return out


def _line(call: Call) -> tuple[str, str]:
    return str(call.body.get("itemId")), str(call.body.get("transactionId"))


def check_eligibility(call: Call) -> Answer:
    eligible, taken = call.backend.inquiries.eligibility(call.user, *_line(call))
    out: dict[str, Any] = {"inquiryEligibilityStatus": "ELIGIBLE_TO_FILE_REQUEST" if eligible else "INELIGIBLIE"}
    if taken is not None:
        out["inquiryId"] = taken.inquiry_id
    return out


def create(call: Call) -> Answer:
    return created(call, call.backend.inquiries.open(call.user, *_line(call)).inquiry_id)


def get(call: Call) -> Answer:
    inquiry, _ = call.backend.inquiries.get(call.user, call.id("inquiryId"))
    return detail(call.backend.world, inquiry)


def search(call: Call) -> Answer:
    found = call.backend.inquiries.search(call.user, call.query)
    return members(found, [summary(call.backend.world, i) for i in found.records], "totalNumberOfInquiries")


def shipment_info(call: Call) -> Answer:
    tracking = call.body.get("trackingNumber") or "no tracking"
    description = f"{call.body.get('shippingCarrierName', '')} {tracking}".strip()
    call.backend.inquiries.shipment_info(call.user, call.id("inquiryId"), description)
    return None


def refund_info(call: Call) -> Answer:
    call.backend.inquiries.refund_info(call.user, call.id("inquiryId"), text(call.body.get("message")))
    return None


def issue_refund(call: Call) -> Answer:
    call.backend.inquiries.refund(call.user, call.id("inquiryId"))
    return refunded()


def message(call: Call) -> Answer:
    call.backend.inquiries.message(call.user, call.id("inquiryId"), text(call.body.get("message")))
    return None


def close(call: Call) -> Answer:
    call.backend.inquiries.close(call.user, call.id("inquiryId"), str(call.body.get("closeReason", "")))
    return None


def confirm_refund(call: Call) -> Answer:
    call.backend.inquiries.confirm_refund(call.user, call.id("inquiryId"))
    return None


def escalate(call: Call) -> Answer:
    reason = str(call.body.get("escalateInquiryReason") or "NOT_RECEIVED")
    call.backend.inquiries.escalate(call.user, call.id("inquiryId"), reason, text(call.body.get("comments")))
    return None


HANDLERS: dict[str, Handler] = {
    "createInquiry": create,
    "checkInquiryEligibility": check_eligibility,
    "searchInquiries": search,
    "getInquiry": get,
    "closeInquiry": close,
    "confirmInquiryRefund": confirm_refund,
    "escalateInquiry": escalate,
    "issueInquiryRefund": issue_refund,
    "provideInquiryRefundInfo": refund_info,
    "provideInquiryShipmentInfo": shipment_info,
    "sendInquiryMessage": message,
}
