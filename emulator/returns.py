"""Return requests, their drafts, files, labels and the seller's preferences: state and eBay's rules.

The buyer opens a return on a line item; the seller approves it (an RMA first if the seller's
preferences require one), declines it, or offers a partial refund that the buyer accepts or
declines. After approval a label is provided (by the seller, or an eBay label the buyer starts),
the buyer ships and may correct tracking, the seller marks the item received and refunds, and
the return closes. Either side may escalate from the states eBay allows, which closes the return
and opens a RETURN case that the case calls see. Who may do which activity in which state is one
table, ``STEPS``; the available options and the response-due blocks that Get Return shows are read
from the same table, so they cannot disagree with what the calls accept. Files follow their own
rule (uploaded while the return is open, seen by the other side once submitted), and decide and
issue_refund choose the next state from the decision or the amount.
"""

import base64
import binascii
import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .problems import Problem, date_field, money, pagination_output, sort_order, stamp, text, window
from .scenario import LineItem, Order, User

if TYPE_CHECKING:
    from .store import Store

DAYS_TO_RESPOND = 3
REMORSE = frozenset({"NO_LONGER_NEED_ITEM", "ORDERED_ACCIDENTALLY", "FOUND_BETTER_PRICE", "RETURNING_GIFT"})
SORT_FIELDS = {"FILING_DATE": "created", "RETURN_ID": "return_id", "STATUS": "status"}  # the emulator's sorts
# Image and PDF signatures: the Upload Return File page allows BMP, GIF, JPEG and PNG, and PDF for labels.
FORMATS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"BM": "BMP", b"%PDF": "PDF"}


@dataclass(frozen=True)
class Step:
    party: str  # BUYER or SELLER
    states: frozenset[str]  # the states the return may be in
    to: str | None  # the state afterwards (None: unchanged)


def _states(*names: str) -> frozenset[str]:
    return frozenset(names)


OPEN = _states(
    "RETURN_REQUESTED",
    "RMA_PENDING",
    "RETURN_LABEL_PENDING",
    "ITEM_READY_TO_SHIP",
    "ITEM_SHIPPED",
    "ITEM_DELIVERED",
    "PARTIAL_REFUND_REQUESTED",
    "PARTIAL_REFUND_DECLINED",
    "RETURN_REJECTED",
    "REFUND_SENT_PENDING_CONFIRMATION",
    "LESS_THAN_A_FULL_REFUND_ISSUED",
)
UNDECIDED = _states("RETURN_REQUESTED", "PARTIAL_REFUND_DECLINED")
REFUNDABLE = _states(
    "RETURN_REQUESTED",
    "RMA_PENDING",
    "RETURN_LABEL_PENDING",
    "ITEM_READY_TO_SHIP",
    "ITEM_SHIPPED",
    "ITEM_DELIVERED",
    "PARTIAL_REFUND_DECLINED",
)

# ActivityOptionEnum value -> who may do it, from which states, and where it leads.
STEPS = {
    "SELLER_APPROVE_REQUEST": Step("SELLER", UNDECIDED, "RETURN_LABEL_PENDING"),
    "SELLER_PROVIDE_RMA": Step("SELLER", UNDECIDED | {"RMA_PENDING"}, "RETURN_LABEL_PENDING"),
    "SELLER_DECLINE_REQUEST": Step("SELLER", UNDECIDED, "RETURN_REJECTED"),
    "SELLER_OFFER_PARTIAL_REFUND": Step("SELLER", _states("RETURN_REQUESTED"), "PARTIAL_REFUND_REQUESTED"),
    "BUYER_ACCEPTS_PARTIAL_REFUND": Step("BUYER", _states("PARTIAL_REFUND_REQUESTED"), "CLOSED"),
    "BUYER_DECLINE_PARTIAL_REFUND": Step("BUYER", _states("PARTIAL_REFUND_REQUESTED"), "PARTIAL_REFUND_DECLINED"),
    "SELLER_PROVIDE_LABEL": Step("SELLER", _states("RETURN_LABEL_PENDING", "ITEM_READY_TO_SHIP"), "ITEM_READY_TO_SHIP"),
    "BUYER_PROVIDE_LABEL": Step("BUYER", _states("RETURN_LABEL_PENDING"), "ITEM_READY_TO_SHIP"),
    "SELLER_VOID_LABEL": Step("SELLER", _states("ITEM_READY_TO_SHIP"), "RETURN_LABEL_PENDING"),
    "EMAIL_SHIPPING_LABEL": Step("BUYER", _states("ITEM_READY_TO_SHIP"), None),
    "BUYER_MARK_RETURN_SHIPPED": Step("BUYER", _states("ITEM_READY_TO_SHIP"), "ITEM_SHIPPED"),
    "BUYER_UPDATE_TRACKING": Step("BUYER", _states("ITEM_SHIPPED"), None),
    "SELLER_UPDATE_TRACKING": Step("SELLER", _states("ITEM_SHIPPED"), None),
    "SELLER_MARK_AS_RECEIVED": Step("SELLER", _states("ITEM_READY_TO_SHIP", "ITEM_SHIPPED"), "ITEM_DELIVERED"),
    "SELLER_ISSUE_REFUND": Step("SELLER", REFUNDABLE, "CLOSED"),
    "SELLER_MARK_REFUND_SENT": Step("SELLER", _states("ITEM_DELIVERED"), "REFUND_SENT_PENDING_CONFIRMATION"),
    "BUYER_MARK_REFUND_RECEIVED": Step("BUYER", _states("REFUND_SENT_PENDING_CONFIRMATION"), "CLOSED"),
    "BUYER_ESCALATE": Step(
        "BUYER",
        _states(
            "RETURN_REJECTED", "ITEM_DELIVERED", "REFUND_SENT_PENDING_CONFIRMATION", "LESS_THAN_A_FULL_REFUND_ISSUED"
        ),
        "CLOSED",
    ),
    "SELLER_ESCALATE": Step("SELLER", _states("ITEM_DELIVERED"), "CLOSED"),
    "BUYER_CLOSE_RETURN": Step("BUYER", OPEN, "CLOSED"),
    "BUYER_SEND_MESSAGE": Step("BUYER", OPEN, None),
    "SELLER_SEND_MESSAGE": Step("SELLER", OPEN, None),
}
# The status (ReturnStatusEnum) that goes with a state, where the two names differ.
STATUS_OF = {
    "RMA_PENDING": "WAITING_FOR_RMA",
    "RETURN_LABEL_PENDING": "WAITING_FOR_RETURN_LABEL",
    "ITEM_READY_TO_SHIP": "READY_FOR_SHIPPING",
    "REFUND_SENT_PENDING_CONFIRMATION": "ITEM_DELIVERED",  # no status of its own
}
# decide(): DecisionEnum value -> the activity it performs.
DECISIONS = {
    "APPROVE": "SELLER_APPROVE_REQUEST",
    "OFFER_RETURN": "SELLER_APPROVE_REQUEST",
    "PROVIDE_RMA": "SELLER_PROVIDE_RMA",
    "DECLINE": "SELLER_DECLINE_REQUEST",
    "OFFER_PARTIAL_REFUND": "SELLER_OFFER_PARTIAL_REFUND",
    "ACCEPT_PARTIAL_REFUND": "BUYER_ACCEPTS_PARTIAL_REFUND",
    "DECLINE_PARTIAL_REFUND": "BUYER_DECLINE_PARTIAL_REFUND",
}
# Activities that are not "the next thing to do" for the response-due block.
NOT_DUE = frozenset({"BUYER_SEND_MESSAGE", "SELLER_SEND_MESSAGE", "BUYER_CLOSE_RETURN", "EMAIL_SHIPPING_LABEL"})


@dataclass
class Return:
    return_id: str
    order_id: str
    item_id: str
    transaction_id: str
    quantity: int
    reason: str
    comment: str
    state: str
    status: str
    created: str
    modified: str
    rma: str | None = None
    partial_offer: str | None = None  # Decimal as text
    label: dict[str, Any] | None = None
    tracking: dict[str, Any] | None = None
    refund: dict[str, Any] | None = None
    case_id: str | None = None
    close_reason: str | None = None
    buyer_close_reason: str | None = None
    closed: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Draft:
    draft_id: str
    buyer: str
    request: dict[str, Any]
    files: list[dict[str, Any]] = field(default_factory=list)


class Returns:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.returns: dict[str, Return] = {}
        self.drafts: dict[str, Draft] = {}
        self.rma_required: dict[str, bool] = {}  # seller name -> preference
        self.preference_versions: dict[str, int] = {}
        self.next_return, self.next_draft, self.next_file = 5100000001, 5400000001, 5500000001

    def dump(self) -> dict[str, Any]:
        return {
            "next": [self.next_return, self.next_draft, self.next_file],
            "returns": [asdict(r) for r in self.returns.values()],
            "drafts": [asdict(d) for d in self.drafts.values()],
            "rma_required": self.rma_required,
            "preference_versions": self.preference_versions,
        }

    def load(self, data: dict[str, Any]) -> None:
        self.next_return, self.next_draft, self.next_file = data["next"]
        self.returns = {r["return_id"]: Return(**r) for r in data["returns"]}
        self.drafts = {d["draft_id"]: Draft(**d) for d in data["drafts"]}
        self.rma_required, self.preference_versions = data["rma_required"], data["preference_versions"]

    # -- finding things -------------------------------------------------------------------

    def _buyers_line(self, user: User, request: dict[str, Any], what: str) -> tuple[Order, LineItem]:
        """The order and line item ``request`` names, where only its buyer may do ``what``."""
        order, item = self.store.line(user, str(request.get("itemId")), str(request.get("transactionId")), 3001)
        if self.store.party(user, order) != "BUYER":
            raise Problem(403, 3004, f"Only the buyer may {what}.")
        return order, item

    def get(self, user: User, return_id: str) -> tuple[Return, str]:
        missing = Problem(404, 3002, f"The return {return_id} was not found.", ("returnId", return_id))
        ret, _, side = self.store.visible(user, self.returns.get(return_id), missing)
        return ret, side

    def _draft(self, user: User, draft_id: str) -> Draft:
        draft = self.drafts.get(draft_id)
        if draft is None or draft.buyer != user.name:
            raise Problem(404, 3003, f"The return draft {draft_id} was not found.", ("draftId", draft_id))
        return draft

    def _item(self, ret: Return) -> LineItem:
        order = self.store.scenario.orders[ret.order_id]
        return next(i for i in order.line_items if i.item_id == ret.item_id and i.transaction_id == ret.transaction_id)

    def _due(self, ret: Return) -> Decimal:
        item = self._item(ret)
        return item.price * ret.quantity

    # -- the one place a return changes state ---------------------------------------------

    def _act(
        self, ret: Return, party: str, activity: str, notes: str = "", to: str | None = None, **attributes: Any
    ) -> None:
        """Do ``activity`` as ``party`` if STEPS allows it now, moving to ``to`` (default: the step's)."""
        step = STEPS[activity]
        if party != step.party:
            raise Problem(403, 3004, f"Only the {step.party.lower()} may do {activity} on a return.")
        if ret.state not in step.states:
            raise Problem(409, 3005, f"{activity} is not allowed while the return is {ret.state}.")
        now = stamp(self.store.tick())
        event: dict[str, Any] = {"activity": activity, "author": party, "date": now, "from": ret.state}
        ret.modified = now
        target = to or step.to
        if target is not None:
            ret.state, ret.status = target, STATUS_OF.get(target, target)
        event["to"] = ret.state
        if notes:
            event["notes"] = notes
        if attributes:
            event["attributes"] = attributes
        ret.history.append(event)
        if ret.state == "CLOSED":
            ret.closed = now

    # -- eligibility, estimate, drafts, create ----------------------------------------------

    def _taken(self, item: LineItem) -> Return | None:
        return next(
            (r for r in self.returns.values() if r.item_id == item.item_id and r.transaction_id == item.transaction_id),
            None,
        )

    def eligibility(self, user: User, body: dict[str, Any]) -> dict[str, Any]:
        order, item = self._buyers_line(user, body, "check whether a line item can be returned")
        taken = self._taken(item)
        info: dict[str, Any] = {"eligibilityStatus": "SUCCESS"}
        if taken is not None:
            info = {
                "eligibilityStatus": "FAILURE",
                "returnId": taken.return_id,
                "returnCreationDate": date_field(taken.created),
                "eligibilityErrorDetail": [{"errors": [{"errorId": 3006, "message": "A return already exists."}]}],
            }
        elif order.legacy_order_id not in self.store.shipped:
            info = {"eligibilityStatus": "FAILURE"}
        else:
            info["eligibleStartDate"] = date_field(stamp(order.created))
            info["returnDeadline"] = date_field(stamp(order.created + datetime.timedelta(days=30)))
        checks = [str(c) for c in body.get("checkTypes") or []]
        return {
            "eligibilityResultPerItem": {
                "returnItem": {
                    "itemId": item.item_id,
                    "transactionId": item.transaction_id,
                    "returnQuantity": int(body.get("returnQuantity") or 1),
                    "reason": body.get("reason"),
                },
                "eligibilityResultsPerCheckType": [{"checkType": c, "eligibilityInfo": info} for c in checks],
            }
        }

    def estimate(self, user: User, body: dict[str, Any]) -> dict[str, Any]:
        _, item = self._buyers_line(user, body, "ask for a return estimate")
        quantity = _quantity(body, item)
        amount = money(item.price * quantity, item.currency)
        remorse = str(body.get("reason")) in REMORSE
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

    def create_draft(self, user: User, body: dict[str, Any]) -> dict[str, Any]:
        request = body.get("returnRequest") or {}
        self._buyers_line(user, request, "draft a return request")
        draft = Draft(str(self.next_draft), user.name, request)
        self.next_draft += 1
        self.drafts[draft.draft_id] = draft
        return {"draftId": draft.draft_id}

    def get_draft(self, user: User, draft_id: str) -> dict[str, Any]:
        return {"returnRequest": self._draft(user, draft_id).request}

    def update_draft(self, user: User, draft_id: str, body: dict[str, Any]) -> dict[str, Any]:
        draft = self._draft(user, draft_id)
        request = body.get("returnRequest") or {}
        self._buyers_line(user, request, "draft a return request")
        draft.request = request  # the page: every field is passed in, changed or not
        return {"draftId": draft.draft_id}

    def create(self, user: User, body: dict[str, Any], fieldgroups: str) -> dict[str, Any]:
        draft = self._draft(user, str(body["draftId"])) if body.get("draftId") else None
        request = body.get("returnRequest") or (draft.request if draft else {})
        for name in ("itemId", "transactionId", "reason"):
            if not request.get(name):
                raise Problem(400, 3008, f"returnRequest.{name} is required.", (f"returnRequest.{name}", ""))
        order, item = self._buyers_line(user, request, "open a return request")
        if order.legacy_order_id not in self.store.shipped:
            raise Problem(409, 3009, "A return can only be requested for an item that was shipped.")
        if self._taken(item) is not None:
            raise Problem(409, 3010, "A return request already exists for this line item.")
        quantity = _quantity(request, item)
        now = stamp(self.store.tick())
        ret = Return(
            return_id=str(self.next_return),
            order_id=order.legacy_order_id,
            item_id=item.item_id,
            transaction_id=item.transaction_id,
            quantity=quantity,
            reason=str(request["reason"]),
            comment=text(request.get("comments")),
            state="RETURN_REQUESTED",
            status="RETURN_REQUESTED",
            created=now,
            modified=now,
        )
        self.next_return += 1
        self.returns[ret.return_id] = ret
        ret.history.append(
            {"activity": "BUYER_CREATE_RETURN", "author": "BUYER", "date": now, "from": "INITIAL", "to": ret.state}
        )
        if draft is not None:
            ret.files = [{**f, "status": "PUBLISHED"} for f in draft.files]
            del self.drafts[draft.draft_id]
        if fieldgroups == "NONE":
            return {"returnId": ret.return_id}
        out: dict[str, Any] = {"returnId": ret.return_id, "summary": self.summary(ret)}
        if fieldgroups == "FULL":
            out["detail"] = {"summary": out["summary"], "detail": self.detail(ret, "BUYER")}
        return out

    # -- the seller decides, the buyer answers ---------------------------------------------

    def decide(self, user: User, return_id: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """None (a bare 200, as eBay's sample shows) unless the decision moved money."""
        ret, party = self.get(user, return_id)
        decision = str(body.get("decision"))
        activity = DECISIONS.get(decision)
        if activity is None:
            raise Problem(
                400, 3011, f"The decision {decision} is not supported for this return.", ("decision", decision)
            )
        notes = text(body.get("comments"))
        seller = self.store.scenario.orders[ret.order_id].seller
        if activity == "SELLER_PROVIDE_RMA" and not body.get("RMANumber"):
            raise Problem(400, 3012, "RMANumber is required with the decision PROVIDE_RMA.", ("RMANumber", ""))
        if activity == "SELLER_OFFER_PARTIAL_REFUND":
            offer = _amount(body.get("partialRefundAmount"), "partialRefundAmount", self._item(ret).currency)
            if not Decimal(0) < offer < self._due(ret):
                raise Problem(400, 3013, "A partial refund must be more than 0 and less than the item total.")
            self._act(ret, party, activity, notes, partialRefundAmount=money(offer, self._item(ret).currency))
            ret.partial_offer = str(offer)
            return None
        rma = str(body.get("RMANumber") or "")
        if activity == "SELLER_APPROVE_REQUEST" and self.rma_required.get(seller) and not rma:
            self._act(ret, party, activity, notes, to="RMA_PENDING")  # the seller's preference asks for an RMA
            return None
        self._act(ret, party, activity, notes, **({"RMA": rma} if rma else {}))
        ret.rma = rma or ret.rma
        if activity == "BUYER_ACCEPTS_PARTIAL_REFUND":
            self._refund(ret, Decimal(ret.partial_offer or "0"), "BUYER_ACCEPT_LESS_THAN_FULL_REFUND")
            return {"refundStatus": "SUCCESS"}
        return None

    # -- labels -------------------------------------------------------------------------------

    def add_label(self, user: User, return_id: str, body: dict[str, Any]) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        action = str(body.get("labelAction"))
        if action == "NO_LABEL" and not body.get("noLabelReason"):
            raise Problem(400, 3014, "noLabelReason is required with labelAction NO_LABEL.", ("noLabelReason", ""))
        if body.get("trackingNumber") and not body.get("carrierEnum"):
            raise Problem(400, 3015, "carrierEnum is required with trackingNumber.", ("carrierEnum", ""))
        self._act(ret, party, "SELLER_PROVIDE_LABEL", text(body.get("comments")))
        ret.label = _label_from(ret, body)
        return {
            "labelId": ret.label["label_id"],
            "trackingNumber": ret.label["tracking"],
            "labelURL": self._label_url(ret),
        }

    def initiate_label(self, user: User, return_id: str) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "BUYER_PROVIDE_LABEL")
        ret.label = _label_from(ret, {})
        return {
            "carrier": "USPS",
            "trackingNumber": ret.label["tracking"],
            "labelURL": self._label_url(ret),
            "labelData": base64.b64encode(f"%PDF-1.4 label {ret.return_id}".encode()).decode(),
        }

    def _label(self, ret: Return) -> dict[str, Any]:
        if ret.label is None:
            raise Problem(409, 3016, f"The return {ret.return_id} has no shipping label.")
        return ret.label

    def _label_url(self, ret: Return) -> str:
        return f"https://www.ebay.com/rt/ReturnLabel?returnId={ret.return_id}"

    def label_eligibility(self, user: User, return_id: str) -> dict[str, Any]:
        ret, _ = self.get(user, return_id)
        return {"printLabelValid": ret.label is not None and ret.state == "ITEM_READY_TO_SHIP"}

    def get_label(self, user: User, return_id: str) -> dict[str, Any]:
        ret, _ = self.get(user, return_id)
        label = self._label(ret)
        out: dict[str, Any] = {
            "carrier": label["carrier"],
            "trackingNumber": label["tracking"],
            "labelURL": self._label_url(ret),
            "labelFormat": "PDF",
            "labelPrintStatus": "PRINTED" if ret.state != "ITEM_READY_TO_SHIP" else "REQUESTED",
        }
        if label.get("cost"):
            out["labelCost"] = label["cost"]
        return out

    def send_label(self, user: User, return_id: str, email: str) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        self._label(ret)
        if "@" not in email:
            raise Problem(400, 3017, "to_email_address is not an email address.", ("to_email_address", email))
        self._act(ret, party, "EMAIL_SHIPPING_LABEL", toEmailAddress=email)
        return {"labelURL": self._label_url(ret)}

    def void_label(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        label = self._label(ret)
        if body.get("labelId") and body["labelId"] != label["label_id"]:
            raise Problem(400, 3018, f"No label {body['labelId']} on this return.", ("labelId", str(body["labelId"])))
        self._act(ret, party, "SELLER_VOID_LABEL", text(body.get("comments")))
        ret.label = None

    # -- shipping and tracking ---------------------------------------------------------------

    def mark_shipped(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        if body.get("trackingNumber") and not (body.get("carrierEnum") or body.get("carrierName")):
            raise Problem(400, 3015, "carrierEnum or carrierName is required with trackingNumber.", ("carrierEnum", ""))
        label = ret.label or {}
        self._act(ret, party, "BUYER_MARK_RETURN_SHIPPED", text(body.get("comments")))
        ret.tracking = {
            "carrier": str(body.get("carrierEnum") or body.get("carrierName") or label.get("carrier", "OTHER")),
            "number": str(body.get("trackingNumber") or label.get("tracking", "")),
            "shipped": ret.modified,
        }

    def update_tracking(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        if ret.tracking is None:
            raise Problem(409, 3019, f"The return {return_id} has no shipment to update.")
        used = body.get("usedTrackingNumber")
        if used and used != ret.tracking["number"]:
            raise Problem(
                400, 3020, "usedTrackingNumber is not the current tracking number.", ("usedTrackingNumber", used)
            )
        new_number = body.get("newTrackingNumber")
        new_carrier = body.get("newCarrierEnum") or body.get("newCarrierName")
        if not (new_number or new_carrier):
            raise Problem(400, 3021, "Give a new tracking number or a new carrier.", ("newTrackingNumber", ""))
        self._act(
            ret, party, f"{party}_UPDATE_TRACKING", updatedTrackingNumber=str(new_number or ret.tracking["number"])
        )
        ret.tracking["number"] = str(new_number or ret.tracking["number"])
        ret.tracking["carrier"] = str(new_carrier or ret.tracking["carrier"])

    def tracking(self, user: User, return_id: str, carrier: str | None, number: str | None) -> dict[str, Any]:
        ret, _ = self.get(user, return_id)
        shipped = ret.tracking
        if shipped is None or (number and number != shipped["number"]) or (carrier and carrier != shipped["carrier"]):
            raise Problem(
                404, 3022, f"No shipment tracking for the return {return_id}.", ("tracking_number", number or "")
            )
        received = _received(ret)
        scans = [{"eventStatus": "IN_TRANSIT", "eventCode": "UNKNOWN", "eventTime": date_field(shipped["shipped"])}]
        if received:
            scans.append({"eventStatus": "DELIVERED", "eventCode": "UNKNOWN", "eventTime": date_field(received)})
        return {
            "carrierUsed": shipped["carrier"],
            "trackingNumber": shipped["number"],
            "trackingStatus": "DELIVERED" if received else "IN_TRANSIT",
            "scanHistory": scans,
        }

    def mark_received(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "SELLER_MARK_AS_RECEIVED", text(body.get("comments")))

    # -- refunds ------------------------------------------------------------------------------

    def _refund(self, ret: Return, total: Decimal, close_reason: str | None, status: str = "SUCCESS") -> None:
        ret.refund = {"total": str(total), "date": ret.modified, "status": status}
        ret.close_reason = close_reason

    def issue_refund(self, user: User, return_id: str, body: dict[str, Any]) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        detail = body.get("refundDetail") or {}
        currency = self._item(ret).currency
        total = _amount(detail.get("totalAmount"), "refundDetail.totalAmount", currency)
        items = detail.get("itemizedRefundDetail") or []
        if not items:
            raise Problem(400, 3023, "refundDetail.itemizedRefundDetail is required.", ("itemizedRefundDetail", ""))
        parts = [_amount(i.get("refundAmount"), "itemizedRefundDetail.refundAmount", currency) for i in items]
        if sum(parts, Decimal(0)) != total:
            raise Problem(400, 3024, "The itemized refunds do not add up to totalAmount.", ("totalAmount", str(total)))
        if not Decimal(0) < total <= self._due(ret):
            raise Problem(400, 3025, f"The refund must be more than 0 and at most {self._due(ret)} {currency}.")
        full = total == self._due(ret)  # less stays open: the buyer may escalate for the rest
        to = None if full else "LESS_THAN_A_FULL_REFUND_ISSUED"
        self._act(ret, party, "SELLER_ISSUE_REFUND", text(body.get("comments")), to=to)
        self._refund(ret, total, "FULL_REFUNDED" if full else None)
        return {"refundStatus": "SUCCESS"}

    def refund_sent(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "SELLER_MARK_REFUND_SENT", str(body.get("comments") or ""))
        self._refund(ret, self._due(ret), None, "PENDING")  # sent outside eBay; SUCCESS once the buyer confirms

    def refund_received(self, user: User, return_id: str) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "BUYER_MARK_REFUND_RECEIVED")
        self._refund(ret, self._due(ret), "FULL_REFUNDED")

    # -- closing, escalating, messages --------------------------------------------------------

    def cancel(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "BUYER_CLOSE_RETURN", text(body.get("comments")))
        ret.close_reason, ret.buyer_close_reason = "BUYER_CLOSED", str(body.get("buyerCloseReason") or "OTHER")

    def escalate(self, user: User, return_id: str, body: dict[str, Any]) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        reason = str(body.get("reason") or "OTHER")
        self._act(ret, party, f"{party}_ESCALATE", text(body.get("comments")), escalateReason=reason)
        ret.status, ret.close_reason = "ESCALATED", "ESCALATED"
        ret.case_id = self.store.claims.open_case(ret, party, reason, return_id=ret.return_id)
        return {"caseId": ret.case_id, "caseUrl": f"https://www.ebay.com/rt/CaseDetails?caseId={ret.case_id}"}

    def message(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        message = text(body.get("message"))
        if not message:
            raise Problem(400, 3026, "message.content is required.", ("message.content", ""))
        self._act(ret, party, f"{party}_SEND_MESSAGE", message)

    # -- files --------------------------------------------------------------------------------

    def _new_file(self, party: str, body: dict[str, Any]) -> dict[str, Any]:
        data = str(body.get("data") or "")
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise Problem(400, 3027, "data is not base64.", ("data", "")) from None
        kind = next((name for magic, name in FORMATS.items() if raw.startswith(magic)), None)
        purpose = str(body.get("filePurpose"))
        if kind is None or (kind == "PDF" and purpose != "LABEL_RELATED"):
            raise Problem(
                400, 3028, "Only BMP, GIF, JPEG and PNG images (and PDF labels) can be uploaded.", ("data", "")
            )
        if purpose == "UNKNOWN":
            raise Problem(400, 3029, "filePurpose UNKNOWN cannot be used in a request.", ("filePurpose", purpose))
        file = {
            "fileId": str(self.next_file),
            "fileName": str(body.get("fileName")),
            "filePurpose": purpose,
            "format": kind,
            "status": "CREATED",
            "submitter": party,
            "created": stamp(self.store.now),
            "data": data,
        }
        self.next_file += 1
        return file

    def upload(self, user: User, return_id: str, body: dict[str, Any]) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        if ret.state not in OPEN:
            raise Problem(409, 3005, f"Files cannot be added while the return is {ret.state}.")
        file = self._new_file(party, body)
        ret.files.append(file)
        return {"fileId": file["fileId"]}

    def submit(self, user: User, return_id: str, body: dict[str, Any]) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        purpose = body.get("filePurpose")
        mine = [f for f in ret.files if f["submitter"] == party and f["status"] == "CREATED"]
        mine = [f for f in mine if purpose in (None, f["filePurpose"])]
        if not mine:
            raise Problem(409, 3030, "There are no uploaded files to submit.")
        for file in mine:
            file["status"] = "PUBLISHED"
        ret.history.append({"activity": "SUBMIT_FILE", "author": party, "date": stamp(self.store.tick())})
        return {"removedFileIds": []}

    def _visible(self, files: list[dict[str, Any]], party: str) -> list[dict[str, Any]]:
        """The other side sees only submitted files; the uploader also sees its own drafts."""
        return [
            f for f in files if f["status"] == "PUBLISHED" or (f["status"] == "CREATED" and f["submitter"] == party)
        ]

    def files(self, user: User, return_id: str) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        return {"files": [_file(f) for f in self._visible(ret.files, party)]}

    def delete_file(self, user: User, return_id: str, file_id: str) -> None:
        ret, party = self.get(user, return_id)
        file = next((f for f in self._visible(ret.files, party) if f["fileId"] == file_id), None)
        if file is None:
            raise Problem(404, 3031, f"No file {file_id} on this return.", ("fileId", file_id))
        if file["submitter"] != party or file["status"] != "CREATED":
            raise Problem(409, 3032, "Only a file you uploaded and have not submitted can be deleted.")
        file["status"] = "DELETED"
        ret.history.append({"activity": "DELETE_FILE", "author": party, "date": stamp(self.store.tick())})

    def upload_draft_file(self, user: User, draft_id: str, body: dict[str, Any]) -> dict[str, Any]:
        draft = self._draft(user, draft_id)
        file = self._new_file("BUYER", body)
        draft.files.append(file)
        return {"fileId": file["fileId"]}

    def draft_files(self, user: User, draft_id: str) -> dict[str, Any]:
        return {"files": [_file(f) for f in self._draft(user, draft_id).files]}

    def delete_draft_file(self, user: User, draft_id: str, file_id: str) -> None:
        draft = self._draft(user, draft_id)
        if not any(f["fileId"] == file_id for f in draft.files):
            raise Problem(404, 3031, f"No file {file_id} on this draft.", ("fileId", file_id))
        draft.files = [f for f in draft.files if f["fileId"] != file_id]

    # -- seller preferences -------------------------------------------------------------------

    def preferences(self, user: User) -> dict[str, Any]:
        self._seller(user)
        return {
            "rmaRequired": self.rma_required.get(user.name, False),
            "versionId": self.preference_versions.get(user.name, 1),
        }

    def set_preferences(self, user: User, body: dict[str, Any]) -> None:
        self._seller(user)
        self.rma_required[user.name] = bool(body["rmaRequired"])
        self.preference_versions[user.name] = self.preference_versions.get(user.name, 1) + 1

    def _seller(self, user: User) -> None:
        if user.role != "seller":
            raise Problem(403, 3004, "Return preferences belong to sellers.")

    # -- reading --------------------------------------------------------------------------------

    def summary(self, ret: Return) -> dict[str, Any]:
        """What both sides see: the options and the response due are given for each of them."""
        order = self.store.scenario.orders[ret.order_id]
        item = self._item(ret)
        estimated = money(self._due(ret), item.currency)
        refund: dict[str, Any] = {"estimatedRefundAmount": estimated}
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
            "returnPolicy": {"rmaRequired": self.rma_required.get(order.seller, False)},
            "escalationInfo": {
                "buyerEscalationEligibilityInfo": {"eligible": ret.state in STEPS["BUYER_ESCALATE"].states},
                "sellerEscalationEligibilityInfo": {"eligible": ret.state in STEPS["SELLER_ESCALATE"].states},
            },
        }
        if ret.case_id:
            out["escalationInfo"]["caseId"] = ret.case_id
        for side in ("SELLER", "BUYER"):
            options = _options(ret.state, side)
            key = side.lower()
            out[f"{key}AvailableOptions"] = [{"actionType": name} for name in options]
            due = [name for name in options if name not in NOT_DUE]
            if due:
                respond_by = datetime.datetime.fromisoformat(ret.modified) + datetime.timedelta(days=DAYS_TO_RESPOND)
                out[f"{key}ResponseDue"] = {"activityDue": due[0], "respondByDate": date_field(stamp(respond_by))}
        return out

    def detail(self, ret: Return, party: str) -> dict[str, Any]:
        order = self.store.scenario.orders[ret.order_id]
        item = self._item(ret)
        due = money(self._due(ret), item.currency)
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
            "files": [_file(f) for f in self._visible(ret.files, party)],
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
        shipment = self._shipment(ret)
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

    def _shipment(self, ret: Return) -> dict[str, Any] | None:
        if ret.tracking:
            delivered = _received(ret) is not None
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

    def search(self, user: User, query: dict[str, str]) -> dict[str, Any]:
        orders = self.store.scenario.orders
        parties = {r.return_id: self.store.side(user, orders[r.order_id]) for r in self.returns.values()}
        mine = [r for r in self.returns.values() if parties[r.return_id] is not None]
        if "return_id" in query:  # the page: every other parameter is then ignored
            mine = [r for r in mine if r.return_id == query["return_id"]]
        else:
            mine = [r for r in mine if _matches(r, str(parties[r.return_id]), query)]
        key, descending = sort_order(query.get("sort", "-FILING_DATE"))
        field_of = SORT_FIELDS.get(key)
        if field_of is None:
            raise Problem(400, 3033, f"Sorting by {key} is not supported by the emulator.", ("sort", query["sort"]))
        mine.sort(key=lambda r: getattr(r, field_of), reverse=descending)
        limit, offset = window(query, 25, 200, (3034, 3039))
        page = mine[offset : offset + limit]
        out: dict[str, Any] = {
            "members": [self.summary(r) for r in page],
            "total": len(mine),
        }
        if mine:
            out["paginationOutput"] = pagination_output(limit, offset, len(mine))
        return out

    def read(self, user: User, return_id: str, fieldgroups: str) -> dict[str, Any]:
        if fieldgroups == "NONE":
            raise Problem(400, 3035, "fieldgroups NONE is not supported by Get Return.", ("fieldgroups", "NONE"))
        ret, party = self.get(user, return_id)
        out: dict[str, Any] = {"summary": self.summary(ret)}
        if fieldgroups == "FULL":  # eBay's samples return both containers for FULL
            out["detail"] = self.detail(ret, party)
        return out


def _quantity(request: dict[str, Any], item: LineItem) -> int:
    quantity = int(request.get("returnQuantity") or 1)
    if not 1 <= quantity <= item.quantity:
        raise Problem(400, 3007, f"returnQuantity must be between 1 and {item.quantity}.", ("returnQuantity", ""))
    return quantity


def _label_from(ret: Return, body: dict[str, Any]) -> dict[str, Any]:
    """The label the seller's ``body`` describes; what it leaves out, eBay's USPS label fills in."""
    return {
        "carrier": str(body.get("carrierEnum") or "USPS"),
        "tracking": str(body.get("trackingNumber") or body.get("labelId") or f"9400{ret.return_id}"),
        "label_id": str(body.get("labelId") or f"L{ret.return_id}"),
        "cost": body.get("returnLabelCost"),
    }


def _received(ret: Return) -> str | None:
    """When the seller marked the item received: only then has the shipment arrived (a return can
    also close while the item is still on its way, refunded or closed by the buyer)."""
    return next((event["date"] for event in ret.history if event["activity"] == "SELLER_MARK_AS_RECEIVED"), None)


def _amount(value: Any, name: str, currency: str) -> Decimal:
    if not isinstance(value, dict) or value.get("value") is None:
        raise Problem(400, 3036, f"{name} is required.", (name, ""))
    try:
        amount = Decimal(str(value["value"]))
    except InvalidOperation:
        raise Problem(400, 3036, f"{name}.value is not a number.", (name, str(value["value"]))) from None
    if value.get("currency", currency) != currency:
        raise Problem(400, 3037, f"{name} must be in {currency}.", (f"{name}.currency", str(value.get("currency"))))
    return amount


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


def _options(state: str, party: str) -> list[str]:
    """The activities ``party`` may do in ``state``, in STEPS order."""
    return [name for name, step in STEPS.items() if step.party == party and state in step.states]


def _matches(ret: Return, party: str, query: dict[str, str]) -> bool:
    if "item_id" in query and ret.item_id != query["item_id"]:
        return False
    if "transaction_id" in query and "item_id" in query and ret.transaction_id != query["transaction_id"]:
        return False
    if "order_id" in query and ret.order_id != query["order_id"]:
        return False
    if "states" in query and ret.state != query["states"]:
        return False
    if "role" in query and party != query["role"]:
        return False
    if "creation_date_range_from" in query and ret.created < query["creation_date_range_from"]:
        return False
    if "creation_date_range_to" in query and ret.created > query["creation_date_range_to"]:
        return False
    return _in_class(ret, query.get("return_state"))


def _in_class(ret: Return, wanted: str | None) -> bool:
    """ReturnCountFilterEnum classes, as the Search Returns page describes them."""
    if wanted is None:
        return True
    seller_due = any(name not in NOT_DUE for name in _options(ret.state, "SELLER"))
    classes = {
        "ALL_OPEN": ret.state in OPEN,
        "ALL_OPEN_RETURN": ret.state in OPEN,
        "CLOSED": ret.state == "CLOSED",
        "RETURN_STARTED": ret.state == "RETURN_REQUESTED",
        "ITEM_SHIPPED": ret.state == "ITEM_SHIPPED",
        "ITEM_DELIVERED": ret.state == "ITEM_DELIVERED",
        "SELLER_ACTION_DUE": ret.state in OPEN and seller_due,
        "SELLER_NO_ACTION": ret.state in OPEN and not seller_due,
    }
    if wanted not in classes:
        raise Problem(400, 3038, f"return_state {wanted} is not supported by the emulator.", ("return_state", wanted))
    return classes[wanted]
