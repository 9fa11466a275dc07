# Hand-written in emulator/returns/responses.py, copied by `make generate` -- do not edit the copy.
"""The return calls: each operationId's handler, and returns, labels and files in eBay's JSON."""

import base64
import datetime
from decimal import Decimal
from typing import Any

from .. import errors
from ..calls import Answer, Call, Handler
from ..wire import date_field, money, pagination_output, stamp, text
from .models import (
    DAYS_TO_RESPOND,
    NOT_DUE,
    REMORSE,
    STEPS,
    Return,
    Returns,
    options,
    received,
    visible_files,
)


def summary(returns: Returns, ret: Return) -> dict[str, Any]:
    """What both sides see: the options and the response due are given for each of them."""
    order = returns.world.order_of(ret)
    item = returns.item(ret)
    refund: dict[str, Any] = {"estimatedRefundAmount": money(returns.due(ret), item.currency)}
    if ret.refund and ret.refund["status"] == "SUCCESS":
        refund["actualRefundAmount"] = money(Decimal(ret.refund["total"]), item.currency)
    out: dict[str, Any] = {
        "returnId": ret.return_id,
        "orderId": ret.order_id,
        "buyerLoginName": order.buyer,
        "sellerLoginName": order.seller,
        "currentType": "MONEY_BACK",
        "state": ret.state,
        "status": ret.status,
        "creationInfo": {
            "item": {
                "itemId": ret.item_id,
                "transactionId": ret.transaction_id,
                "returnQuantity": ret.quantity,
                "itemTitle": item.title,
            },
            "type": "MONEY_BACK",
            "reason": ret.reason,
            "reasonType": "REMORSE" if ret.reason in REMORSE else "SNAD",
            "comments": {"content": ret.comment},
            "creationDate": date_field(ret.created),
        },
        "sellerTotalRefund": refund,
        "buyerTotalRefund": refund,
        "returnPolicy": {"rmaRequired": returns.rma_required.get(order.seller, False)},
        "escalationInfo": {
            "buyerEscalationEligibilityInfo": {"eligible": ret.state in STEPS["BUYER_ESCALATE"].states},
            "sellerEscalationEligibilityInfo": {"eligible": ret.state in STEPS["SELLER_ESCALATE"].states},
        },
    }
    if ret.case_id:
        out["escalationInfo"]["caseId"] = ret.case_id
    for side in ("SELLER", "BUYER"):
        possible = options(ret.state, side)
        key = side.lower()
        out[f"{key}AvailableOptions"] = [{"actionType": name} for name in possible]
        due = [name for name in possible if name not in NOT_DUE]
        if due:
            respond_by = datetime.datetime.fromisoformat(ret.modified) + datetime.timedelta(days=DAYS_TO_RESPOND)
            out[f"{key}ResponseDue"] = {"activityDue": due[0], "respondByDate": date_field(stamp(respond_by))}
    return out


def detail(returns: Returns, ret: Return, party: str) -> dict[str, Any]:
    order = returns.world.order_of(ret)
    item = returns.item(ret)
    due = money(returns.due(ret), item.currency)
    out: dict[str, Any] = {
        "buyerLoginName": order.buyer,
        "sellerLoginName": order.seller,
        "marketplaceId": order.marketplace,
        "itemDetail": {
            "itemId": item.item_id,
            "transactionId": item.transaction_id,
            "itemTitle": item.title,
            "itemPrice": money(item.price, item.currency),
            "returnQuantity": ret.quantity,
            "transactionDate": date_field(stamp(order.created)),
        },
        "responseHistory": [_history(e) for e in ret.history if "to" in e],
        "files": [_file(f) for f in visible_files(ret.files, party)],
        "refundInfo": {
            "estimatedRefundDetail": {
                "itemizedRefundDetails": [{"refundFeeType": "PURCHASE_PRICE", "estimatedAmount": due}]
            }
        },
    }
    if ret.rma:
        out["RMANumber"] = ret.rma
    if ret.refund:
        total = money(Decimal(ret.refund["total"]), item.currency)
        out["refundInfo"]["actualRefundDetail"] = {
            "actualRefund": {
                "totalAmount": total,
                "itemizedRefundDetail": [{"refundFeeType": "PURCHASE_PRICE", "refundAmount": total}],
            },
            "refundStatus": ret.refund["status"],
            "refundIssuedDate": date_field(ret.refund["date"]),
        }
    shipment = _shipment(ret)
    if shipment:
        out["returnShipmentInfo"] = {
            "shipmentTracking": shipment,
            "payee": "BUYER" if ret.reason in REMORSE else "SELLER",
        }
    if ret.state == "CLOSED":
        close: dict[str, Any] = {"returnCloseDate": date_field(ret.closed)}
        if ret.close_reason:
            close["returnCloseReason"] = ret.close_reason
        if ret.buyer_close_reason:
            close["buyerCloseReason"] = ret.buyer_close_reason
        out["closeInfo"] = close
    return out


def _shipment(ret: Return) -> dict[str, Any] | None:
    if ret.tracking:
        delivered = received(ret) is not None
        return {
            "carrierEnum": ret.tracking["carrier"],
            "trackingNumber": ret.tracking["number"],
            "actualShipDate": date_field(ret.tracking["shipped"]),
            "deliveryStatus": "DELIVERED" if delivered else "IN_TRANSIT",
            "shippedBy": "BUYER",
            "markAsReceived": delivered,
        }
    if ret.label:
        return {
            "carrierEnum": ret.label["carrier"],
            "trackingNumber": ret.label["tracking"],
            "labelId": ret.label["label_id"],
            "deliveryStatus": "CREATED",
        }
    return None


def _history(event: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "activity": event["activity"],
        "author": event["author"],
        "creationDate": date_field(event["date"]),
        "fromState": event["from"],
        "toState": event["to"],
    }
    if "notes" in event:
        out["notes"] = event["notes"]
    if "attributes" in event:
        out["attributes"] = event["attributes"]
    return out


def _file(file: dict[str, Any]) -> dict[str, Any]:
    return {
        "fileId": file["fileId"],
        "fileName": file["fileName"],
        "filePurpose": file["filePurpose"],
        "fileFormat": file["format"] if file["format"] != "PDF" else "UNKNOWN",
        "fileStatus": file["status"],
        "submitter": file["submitter"],
        "creationDate": date_field(file["created"]),
        "fileData": file["data"],
    }


def _label_url(ret: Return) -> str:
    return f"https://www.ebay.com/rt/ReturnLabel?returnId={ret.return_id}"


def _ok() -> dict[str, Any]:
    return {"refundStatus": "SUCCESS"}


# -- eligibility, estimate, drafts, create ---------------------------------------------------


def check_eligibility(call: Call) -> Answer:
    found = call.backend.returns.eligibility(call.user, call.body)
    order, item, taken = found.order, found.item, found.taken
    info: dict[str, Any] = {"eligibilityStatus": "SUCCESS"}
    if taken is not None:
        error = {"errorId": errors.RETURN_ALREADY_REQUESTED.error_id, "message": "A return already exists."}
        info = {
            "eligibilityStatus": "FAILURE",
            "returnId": taken.return_id,
            "returnCreationDate": date_field(taken.created),
            "eligibilityErrorDetail": [{"errors": [error]}],
        }
    elif not found.shipped:
        info = {"eligibilityStatus": "FAILURE"}
    else:
        info["eligibleStartDate"] = date_field(stamp(order.created))
        info["returnDeadline"] = date_field(stamp(order.created + datetime.timedelta(days=30)))
    checks = [str(c) for c in call.body.get("checkTypes") or []]
    return {
        "eligibilityResultPerItem": {
            "returnItem": {
                "itemId": item.item_id,
                "transactionId": item.transaction_id,
                "returnQuantity": int(call.body.get("returnQuantity") or 1),
                "reason": call.body.get("reason"),
            },
            "eligibilityResultsPerCheckType": [{"checkType": c, "eligibilityInfo": info} for c in checks],
        }
    }


def estimate(call: Call) -> Answer:
    item, quantity = call.backend.returns.estimate(call.user, call.body)
    amount = money(item.price * quantity, item.currency)
    remorse = str(call.body.get("reason")) in REMORSE
    return {
        "refundInfo": {
            "buyerTotalAmount": amount,
            "sellerTotalAmount": money(-item.price * quantity, item.currency),
            "estimatedRefundDetail": {
                "itemizedRefundDetails": [{"refundFeeType": "PURCHASE_PRICE", "estimatedAmount": amount}]
            },
        },
        "returnShippingCostInfo": {"returnShipmentPayer": "BUYER" if remorse else "SELLER"},
    }


def create_draft(call: Call) -> Answer:
    draft = call.backend.returns.create_draft(call.user, call.body.get("returnRequest") or {})
    return {"draftId": draft.draft_id}


def get_draft(call: Call) -> Answer:
    return {"returnRequest": call.backend.returns.draft(call.user, call.id("draftId")).request}


def update_draft(call: Call) -> Answer:
    draft = call.backend.returns.update_draft(call.user, call.id("draftId"), call.body.get("returnRequest") or {})
    return {"draftId": draft.draft_id}


def create(call: Call) -> Answer:
    returns = call.backend.returns
    draft_id = str(call.body["draftId"]) if call.body.get("draftId") else None
    ret = returns.create(call.user, call.body.get("returnRequest") or {}, draft_id)
    fieldgroups = call.query.get("fieldgroups", "NONE")
    if fieldgroups == "NONE":
        return {"returnId": ret.return_id}
    out: dict[str, Any] = {"returnId": ret.return_id, "summary": summary(returns, ret)}
    if fieldgroups == "FULL":
        out["detail"] = {"summary": out["summary"], "detail": detail(returns, ret, "BUYER")}
    return out


# -- reading ----------------------------------------------------------------------------------


def get(call: Call) -> Answer:
    returns = call.backend.returns
    fieldgroups = call.query.get("fieldgroups", "FULL")
    ret, party = returns.read(call.user, call.id("returnId"), fieldgroups)
    out: dict[str, Any] = {"summary": summary(returns, ret)}
    if fieldgroups == "FULL":  # eBay's samples return both containers for FULL
        out["detail"] = detail(returns, ret, party)
    return out


def search(call: Call) -> Answer:
    returns = call.backend.returns
    found = returns.search(call.user, call.query)
    out: dict[str, Any] = {"members": [summary(returns, r) for r in found.records], "total": found.total}
    if found.total:
        out["paginationOutput"] = pagination_output(found.limit, found.offset, found.total)
    return out


def metadata(call: Call) -> Answer:
    """Get Return Metadata: no page names the keys or the payload's fields, so any key reads as empty."""
    return {}


# -- decisions, labels, shipping ------------------------------------------------------------------


def decide(call: Call) -> Answer:
    """A bare 200, as eBay's sample shows, unless the decision moved money."""
    return _ok() if call.backend.returns.decide(call.user, call.id("returnId"), call.body) else None


def add_label(call: Call) -> Answer:
    ret = call.backend.returns.add_label(call.user, call.id("returnId"), call.body)
    label = ret.label or {}
    return {"labelId": label["label_id"], "trackingNumber": label["tracking"], "labelURL": _label_url(ret)}


def initiate_label(call: Call) -> Answer:
    ret = call.backend.returns.initiate_label(call.user, call.id("returnId"))
    return {
        "carrier": "USPS",
        "trackingNumber": (ret.label or {})["tracking"],
        "labelURL": _label_url(ret),
        "labelData": base64.b64encode(f"%PDF-1.4 label {ret.return_id}".encode()).decode(),
    }


def label_eligibility(call: Call) -> Answer:
    return {"printLabelValid": call.backend.returns.label_printable(call.user, call.id("returnId"))}


def get_label(call: Call) -> Answer:
    ret, label = call.backend.returns.label(call.user, call.id("returnId"))
    out: dict[str, Any] = {
        "carrier": label["carrier"],
        "trackingNumber": label["tracking"],
        "labelURL": _label_url(ret),
        "labelFormat": "PDF",
        "labelPrintStatus": "PRINTED" if ret.state != "ITEM_READY_TO_SHIP" else "REQUESTED",
    }
    if label.get("cost"):
        out["labelCost"] = label["cost"]
    return out


def send_label(call: Call) -> Answer:
    ret = call.backend.returns.send_label(call.user, call.id("returnId"), call.query.get("to_email_address", ""))
    return {"labelURL": _label_url(ret)}


def void_label(call: Call) -> Answer:
    call.backend.returns.void_label(call.user, call.id("returnId"), call.body)
    return None


def mark_shipped(call: Call) -> Answer:
    call.backend.returns.mark_shipped(call.user, call.id("returnId"), call.body)
    return None


def update_tracking(call: Call) -> Answer:
    call.backend.returns.update_tracking(call.user, call.id("returnId"), call.body)
    return None


def tracking(call: Call) -> Answer:
    ret = call.backend.returns.tracking(
        call.user, call.id("returnId"), call.query.get("carrier_used"), call.query.get("tracking_number")
    )
    shipped = ret.tracking or {}
    arrived = received(ret)
    scans = [{"eventStatus": "IN_TRANSIT", "eventCode": "UNKNOWN", "eventTime": date_field(shipped["shipped"])}]
    if arrived:
        scans.append({"eventStatus": "DELIVERED", "eventCode": "UNKNOWN", "eventTime": date_field(arrived)})
    return {
        "carrierUsed": shipped["carrier"],
        "trackingNumber": shipped["number"],
        "trackingStatus": "DELIVERED" if arrived else "IN_TRANSIT",
        "scanHistory": scans,
    }


def mark_received(call: Call) -> Answer:
    call.backend.returns.mark_received(call.user, call.id("returnId"), text(call.body.get("comments")))
    return None


# -- refunds, closing, escalating, messages -------------------------------------------------------


def issue_refund(call: Call) -> Answer:
    call.backend.returns.issue_refund(call.user, call.id("returnId"), call.body)
    return _ok()


def refund_sent(call: Call) -> Answer:
    call.backend.returns.refund_sent(call.user, call.id("returnId"), str(call.body.get("comments") or ""))
    return None


def refund_received(call: Call) -> Answer:
    call.backend.returns.refund_received(call.user, call.id("returnId"))
    return None


def cancel(call: Call) -> Answer:
    reason = str(call.body.get("buyerCloseReason") or "OTHER")
    call.backend.returns.cancel(call.user, call.id("returnId"), text(call.body.get("comments")), reason)
    return None


def escalate(call: Call) -> Answer:
    reason = str(call.body.get("reason") or "OTHER")
    case = call.backend.returns.escalate(call.user, call.id("returnId"), reason, text(call.body.get("comments")))
    return {"caseId": case.case_id, "caseUrl": f"https://www.ebay.com/rt/CaseDetails?caseId={case.case_id}"}


def message(call: Call) -> Answer:
    call.backend.returns.message(call.user, call.id("returnId"), text(call.body.get("message")))
    return None


# -- files --------------------------------------------------------------------------------------


def upload(call: Call) -> Answer:
    return {"fileId": call.backend.returns.upload(call.user, call.id("returnId"), call.body)["fileId"]}


def submit(call: Call) -> Answer:
    call.backend.returns.submit(call.user, call.id("returnId"), call.body.get("filePurpose"))
    return {"removedFileIds": []}


def files(call: Call) -> Answer:
    return {"files": [_file(f) for f in call.backend.returns.files(call.user, call.id("returnId"))]}


def delete_file(call: Call) -> Answer:
    call.backend.returns.delete_file(call.user, call.id("returnId"), call.id("fileId"))
    return None


def upload_draft_file(call: Call) -> Answer:
    return {"fileId": call.backend.returns.upload_draft_file(call.user, call.id("draftId"), call.body)["fileId"]}


def draft_files(call: Call) -> Answer:
    return {"files": [_file(f) for f in call.backend.returns.draft(call.user, call.id("draftId")).files]}


def delete_draft_file(call: Call) -> Answer:
    call.backend.returns.delete_draft_file(call.user, call.id("draftId"), call.id("fileId"))
    return None


# -- seller preferences -------------------------------------------------------------------------


def preferences(call: Call) -> Answer:
    rma_required, version = call.backend.returns.preferences(call.user)
    return {"rmaRequired": rma_required, "versionId": version}


def set_preferences(call: Call) -> Answer:
    call.backend.returns.set_preferences(call.user, bool(call.body["rmaRequired"]))
    return None


HANDLERS: dict[str, Handler] = {
    "createReturn": create,
    "checkReturnEligibility": check_eligibility,
    "createReturnDraft": create_draft,
    "getReturnDraft": get_draft,
    "updateReturnDraft": update_draft,
    "uploadReturnDraftFile": upload_draft_file,
    "deleteReturnDraftFile": delete_draft_file,
    "getReturnDraftFiles": draft_files,
    "getReturnEstimate": estimate,
    "getReturnMetadata": metadata,
    "getReturnPreferences": preferences,
    "setReturnPreferences": set_preferences,
    "searchReturns": search,
    "getReturn": get,
    "addReturnShippingLabel": add_label,
    "cancelReturn": cancel,
    "checkReturnLabelPrintEligibility": label_eligibility,
    "decideReturn": decide,
    "escalateReturn": escalate,
    "submitReturnFiles": submit,
    "uploadReturnFile": upload,
    "deleteReturnFile": delete_file,
    "getReturnFiles": files,
    "getReturnShippingLabel": get_label,
    "initiateReturnShippingLabel": initiate_label,
    "issueReturnRefund": issue_refund,
    "markReturnReceived": mark_received,
    "markReturnShipped": mark_shipped,
    "markReturnRefundReceived": refund_received,
    "markReturnRefundSent": refund_sent,
    "sendReturnMessage": message,
    "sendReturnShippingLabel": send_label,
    "getReturnTracking": tracking,
    "updateReturnTracking": update_tracking,
    "voidReturnShippingLabel": void_label,
}
