# Hand-written in emulator/returns/models.py, copied by `make generate` -- do not edit the copy.
"""Return requests, their drafts, files, labels and the seller's preferences: state and eBay's rules.

The buyer opens a return on a line item; the seller approves it (an RMA first if the seller's
preferences require one), declines it, or offers a partial refund that the buyer accepts or
declines. After approval a label is provided (by the seller, or an eBay label the buyer starts),
the buyer ships and may correct tracking, the seller marks the item received and refunds, and
the return closes. Either side may escalate from the states eBay allows, which closes the return
and opens a RETURN case. Who may do which activity in which state is one table, ``STEPS``; the
available options and the response-due blocks that Get Return shows (``responses``) are read from
the same table, so they cannot disagree with what the calls accept. Files follow their own rule
(uploaded while the return is open, seen by the other side once submitted), and decide and
issue_refund choose the next state from the decision or the amount.
"""

import base64
import binascii
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import errors
from ..cases.models import Case, Cases
from ..paging import Page, page, sort_order, window
from ..scenario import LineItem, Order, User
from ..wire import money, stamp, text
from ..world import World

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


@dataclass(frozen=True)
class Eligibility:
    """What Check Return Eligibility finds: the line item, a return already open on it, and
    whether the order shipped (nothing that was not shipped can be returned)."""

    order: Order
    item: LineItem
    taken: Return | None
    shipped: bool


class Returns:
    def __init__(self, world: World, cases: Cases) -> None:
        self.world, self.cases = world, cases
        self.records: dict[str, Return] = {}
        self.drafts: dict[str, Draft] = {}
        self.rma_required: dict[str, bool] = {}  # seller name -> preference
        self.preference_versions: dict[str, int] = {}

    def dump(self) -> dict[str, Any]:
        return {
            "records": [asdict(r) for r in self.records.values()],
            "drafts": [asdict(d) for d in self.drafts.values()],
            "rma_required": self.rma_required,
            "preference_versions": self.preference_versions,
        }

    def load(self, data: dict[str, Any]) -> None:
        self.records = {r["return_id"]: Return(**r) for r in data["records"]}
        self.drafts = {d["draft_id"]: Draft(**d) for d in data["drafts"]}
        self.rma_required, self.preference_versions = dict(data["rma_required"]), dict(data["preference_versions"])

    # -- finding things -------------------------------------------------------------------

    def _buyers_line(self, user: User, request: dict[str, Any], what: str) -> tuple[Order, LineItem]:
        """The order and line item ``request`` names, where only its buyer may do ``what``."""
        order, item = self.world.line(
            user,
            str(request.get("itemId")),
            str(request.get("transactionId")),
            errors.RETURN_NO_LINE_ITEM,
            errors.RETURN_STRANGER,
        )
        if self.world.party(user, order, errors.RETURN_STRANGER) != "BUYER":
            raise errors.RETURN_WRONG_PARTY(f"Only the buyer may {what}.")
        return order, item

    def get(self, user: User, return_id: str) -> tuple[Return, str]:
        return self.world.visible(
            user,
            self.records.get(return_id),
            errors.RETURN_NOT_FOUND,
            f"The return {return_id} was not found.",
            ("returnId", return_id),
        )

    def draft(self, user: User, draft_id: str) -> Draft:
        draft = self.drafts.get(draft_id)
        if draft is None or draft.buyer != user.name:
            raise errors.DRAFT_NOT_FOUND(f"The return draft {draft_id} was not found.", ("draftId", draft_id))
        return draft

    def item(self, ret: Return) -> LineItem:
        order = self.world.order_of(ret)
        return next(i for i in order.line_items if i.item_id == ret.item_id and i.transaction_id == ret.transaction_id)

    def due(self, ret: Return) -> Decimal:
        """What a full refund of the return is."""
        return self.item(ret).price * ret.quantity

    # -- the one place a return changes state ---------------------------------------------

    def _act(
        self, ret: Return, party: str, activity: str, notes: str = "", to: str | None = None, **attributes: Any
    ) -> None:
        """Do ``activity`` as ``party`` if STEPS allows it now, moving to ``to`` (default: the step's)."""
        step = STEPS[activity]
        if party != step.party:
            raise errors.RETURN_WRONG_PARTY(f"Only the {step.party.lower()} may do {activity} on a return.")
        if ret.state not in step.states:
            raise errors.RETURN_WRONG_STATE(f"{activity} is not allowed while the return is {ret.state}.")
        now = stamp(self.world.tick())
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
            (r for r in self.records.values() if r.item_id == item.item_id and r.transaction_id == item.transaction_id),
            None,
        )

    def eligibility(self, user: User, request: dict[str, Any]) -> Eligibility:
        order, item = self._buyers_line(user, request, "check whether a line item can be returned")
        return Eligibility(order, item, self._taken(item), order.legacy_order_id in self.world.shipped)

    def estimate(self, user: User, request: dict[str, Any]) -> tuple[LineItem, int]:
        """The line item and the quantity a return estimate is for."""
        _, item = self._buyers_line(user, request, "ask for a return estimate")
        return item, quantity_of(request, item)

    def create_draft(self, user: User, request: dict[str, Any]) -> Draft:
        self._buyers_line(user, request, "draft a return request")
        draft = Draft(self.world.new_id("draft"), user.name, request)
        self.drafts[draft.draft_id] = draft
        return draft

    def update_draft(self, user: User, draft_id: str, request: dict[str, Any]) -> Draft:
        draft = self.draft(user, draft_id)
        self._buyers_line(user, request, "draft a return request")
        draft.request = request  # the page: every field is passed in, changed or not
        return draft

    def create(self, user: User, request: dict[str, Any], draft_id: str | None) -> Return:
        """A return from ``request``, or from the draft ``draft_id`` when no request is given."""
        draft = self.draft(user, draft_id) if draft_id else None
        request = request or (draft.request if draft else {})
        for name in ("itemId", "transactionId", "reason"):
            if not request.get(name):
                raise errors.RETURN_FIELD_REQUIRED(f"returnRequest.{name} is required.", (f"returnRequest.{name}", ""))
        order, item = self._buyers_line(user, request, "open a return request")
        if order.legacy_order_id not in self.world.shipped:
            raise errors.RETURN_NOT_SHIPPED("A return can only be requested for an item that was shipped.")
        if self._taken(item) is not None:
            raise errors.RETURN_EXISTS("A return request already exists for this line item.")
        quantity = quantity_of(request, item)
        now = stamp(self.world.tick())
        ret = Return(
            return_id=self.world.new_id("return"),
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
        self.records[ret.return_id] = ret
        ret.history.append(
            {"activity": "BUYER_CREATE_RETURN", "author": "BUYER", "date": now, "from": "INITIAL", "to": ret.state}
        )
        if draft is not None:
            ret.files = [{**f, "status": "PUBLISHED"} for f in draft.files]
            del self.drafts[draft.draft_id]
        return ret

    # -- the seller decides, the buyer answers ---------------------------------------------

    def decide(self, user: User, return_id: str, body: dict[str, Any]) -> bool:
        """Whether the decision moved money (eBay answers it with a refund status, else a bare 200)."""
        ret, party = self.get(user, return_id)
        decision = str(body.get("decision"))
        activity = DECISIONS.get(decision)
        if activity is None:
            raise errors.RETURN_BAD_DECISION(
                f"The decision {decision} is not supported for this return.", ("decision", decision)
            )
        notes = text(body.get("comments"))
        seller = self.world.order_of(ret).seller
        if activity == "SELLER_PROVIDE_RMA" and not body.get("RMANumber"):
            raise errors.RETURN_RMA_REQUIRED("RMANumber is required with the decision PROVIDE_RMA.", ("RMANumber", ""))
        currency = self.item(ret).currency
        if activity == "SELLER_OFFER_PARTIAL_REFUND":
            offer = amount_of(body.get("partialRefundAmount"), "partialRefundAmount", currency)
            if not Decimal(0) < offer < self.due(ret):
                raise errors.RETURN_BAD_PARTIAL_REFUND(
                    "A partial refund must be more than 0 and less than the item total."
                )
            self._act(ret, party, activity, notes, partialRefundAmount=money(offer, currency))
            ret.partial_offer = str(offer)
            return False
        rma = str(body.get("RMANumber") or "")
        if activity == "SELLER_APPROVE_REQUEST" and self.rma_required.get(seller) and not rma:
            self._act(ret, party, activity, notes, to="RMA_PENDING")  # the seller's preference asks for an RMA
            return False
        self._act(ret, party, activity, notes, **({"RMA": rma} if rma else {}))
        ret.rma = rma or ret.rma
        if activity == "BUYER_ACCEPTS_PARTIAL_REFUND":
            self._refund(ret, Decimal(ret.partial_offer or "0"), "BUYER_ACCEPT_LESS_THAN_FULL_REFUND")
            return True
        return False

    # -- labels -------------------------------------------------------------------------------

    def add_label(self, user: User, return_id: str, body: dict[str, Any]) -> Return:
        ret, party = self.get(user, return_id)
        action = str(body.get("labelAction"))
        if action == "NO_LABEL" and not body.get("noLabelReason"):
            raise errors.RETURN_NO_LABEL_REASON(
                "noLabelReason is required with labelAction NO_LABEL.", ("noLabelReason", "")
            )
        if body.get("trackingNumber") and not body.get("carrierEnum"):
            raise errors.RETURN_CARRIER_REQUIRED("carrierEnum is required with trackingNumber.", ("carrierEnum", ""))
        self._act(ret, party, "SELLER_PROVIDE_LABEL", text(body.get("comments")))
        ret.label = _label_from(ret, body)
        return ret

    def initiate_label(self, user: User, return_id: str) -> Return:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "BUYER_PROVIDE_LABEL")
        ret.label = _label_from(ret, {})
        return ret

    def label(self, user: User, return_id: str) -> tuple[Return, dict[str, Any]]:
        ret, _ = self.get(user, return_id)
        return ret, _label(ret)

    def label_printable(self, user: User, return_id: str) -> bool:
        ret, _ = self.get(user, return_id)
        return ret.label is not None and ret.state == "ITEM_READY_TO_SHIP"

    def send_label(self, user: User, return_id: str, email: str) -> Return:
        ret, party = self.get(user, return_id)
        _label(ret)
        if "@" not in email:
            raise errors.RETURN_BAD_EMAIL("to_email_address is not an email address.", ("to_email_address", email))
        self._act(ret, party, "EMAIL_SHIPPING_LABEL", toEmailAddress=email)
        return ret

    def void_label(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        label = _label(ret)
        if body.get("labelId") and body["labelId"] != label["label_id"]:
            raise errors.RETURN_NO_SUCH_LABEL(
                f"No label {body['labelId']} on this return.", ("labelId", str(body["labelId"]))
            )
        self._act(ret, party, "SELLER_VOID_LABEL", text(body.get("comments")))
        ret.label = None

    # -- shipping and tracking ---------------------------------------------------------------

    def mark_shipped(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        if body.get("trackingNumber") and not (body.get("carrierEnum") or body.get("carrierName")):
            raise errors.RETURN_CARRIER_REQUIRED(
                "carrierEnum or carrierName is required with trackingNumber.", ("carrierEnum", "")
            )
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
            raise errors.RETURN_NO_SHIPMENT(f"The return {return_id} has no shipment to update.")
        used = body.get("usedTrackingNumber")
        if used and used != ret.tracking["number"]:
            raise errors.RETURN_WRONG_TRACKING(
                "usedTrackingNumber is not the current tracking number.", ("usedTrackingNumber", used)
            )
        new_number = body.get("newTrackingNumber")
        new_carrier = body.get("newCarrierEnum") or body.get("newCarrierName")
        if not (new_number or new_carrier):
            raise errors.RETURN_NOTHING_TO_UPDATE(
                "Give a new tracking number or a new carrier.", ("newTrackingNumber", "")
            )
        number = str(new_number or ret.tracking["number"])
        self._act(ret, party, f"{party}_UPDATE_TRACKING", updatedTrackingNumber=number)
        ret.tracking["number"] = number
        ret.tracking["carrier"] = str(new_carrier or ret.tracking["carrier"])

    def tracking(self, user: User, return_id: str, carrier: str | None, number: str | None) -> Return:
        """The return whose shipment matches ``carrier`` and ``number`` (each when given)."""
        ret, _ = self.get(user, return_id)
        shipped = ret.tracking
        if shipped is None or (number and number != shipped["number"]) or (carrier and carrier != shipped["carrier"]):
            raise errors.RETURN_NO_TRACKING(
                f"No shipment tracking for the return {return_id}.", ("tracking_number", number or "")
            )
        return ret

    def mark_received(self, user: User, return_id: str, comments: str) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "SELLER_MARK_AS_RECEIVED", comments)

    # -- refunds ------------------------------------------------------------------------------

    def _refund(self, ret: Return, total: Decimal, close_reason: str | None, status: str = "SUCCESS") -> None:
        ret.refund = {"total": str(total), "date": ret.modified, "status": status}
        ret.close_reason = close_reason

    def issue_refund(self, user: User, return_id: str, body: dict[str, Any]) -> None:
        ret, party = self.get(user, return_id)
        detail = body.get("refundDetail") or {}
        currency = self.item(ret).currency
        total = amount_of(detail.get("totalAmount"), "refundDetail.totalAmount", currency)
        items = detail.get("itemizedRefundDetail") or []
        if not items:
            raise errors.RETURN_ITEMIZED_REQUIRED(
                "refundDetail.itemizedRefundDetail is required.", ("itemizedRefundDetail", "")
            )
        parts = [amount_of(i.get("refundAmount"), "itemizedRefundDetail.refundAmount", currency) for i in items]
        if sum(parts, Decimal(0)) != total:
            raise errors.RETURN_REFUND_SUM(
                "The itemized refunds do not add up to totalAmount.", ("totalAmount", str(total))
            )
        if not Decimal(0) < total <= self.due(ret):
            raise errors.RETURN_REFUND_RANGE(f"The refund must be more than 0 and at most {self.due(ret)} {currency}.")
        full = total == self.due(ret)  # less stays open: the buyer may escalate for the rest
        to = None if full else "LESS_THAN_A_FULL_REFUND_ISSUED"
        self._act(ret, party, "SELLER_ISSUE_REFUND", text(body.get("comments")), to=to)
        self._refund(ret, total, "FULL_REFUNDED" if full else None)

    def refund_sent(self, user: User, return_id: str, comments: str) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "SELLER_MARK_REFUND_SENT", comments)
        self._refund(ret, self.due(ret), None, "PENDING")  # sent outside eBay; SUCCESS once the buyer confirms

    def refund_received(self, user: User, return_id: str) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "BUYER_MARK_REFUND_RECEIVED")
        self._refund(ret, self.due(ret), "FULL_REFUNDED")

    # -- closing, escalating, messages --------------------------------------------------------

    def cancel(self, user: User, return_id: str, comments: str, reason: str) -> None:
        ret, party = self.get(user, return_id)
        self._act(ret, party, "BUYER_CLOSE_RETURN", comments)
        ret.close_reason, ret.buyer_close_reason = "BUYER_CLOSED", reason

    def escalate(self, user: User, return_id: str, reason: str, comments: str) -> Case:
        ret, party = self.get(user, return_id)
        self._act(ret, party, f"{party}_ESCALATE", comments, escalateReason=reason)
        ret.status, ret.close_reason = "ESCALATED", "ESCALATED"
        case = self.cases.open(
            ret.order_id, ret.item_id, ret.transaction_id, ret.modified, party, reason, return_id=ret.return_id
        )
        ret.case_id = case.case_id
        return case

    def message(self, user: User, return_id: str, message: str) -> None:
        ret, party = self.get(user, return_id)
        if not message:
            raise errors.RETURN_MESSAGE_REQUIRED("message.content is required.", ("message.content", ""))
        self._act(ret, party, f"{party}_SEND_MESSAGE", message)

    # -- files --------------------------------------------------------------------------------

    def _new_file(self, party: str, body: dict[str, Any]) -> dict[str, Any]:
        data = str(body.get("data") or "")
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise errors.RETURN_FILE_NOT_BASE64("data is not base64.", ("data", "")) from None
        kind = next((name for magic, name in FORMATS.items() if raw.startswith(magic)), None)
        purpose = str(body.get("filePurpose"))
        if kind is None or (kind == "PDF" and purpose != "LABEL_RELATED"):
            raise errors.RETURN_FILE_FORMAT(
                "Only BMP, GIF, JPEG and PNG images (and PDF labels) can be uploaded.", ("data", "")
            )
        if purpose == "UNKNOWN":
            raise errors.RETURN_FILE_PURPOSE(
                "filePurpose UNKNOWN cannot be used in a request.", ("filePurpose", purpose)
            )
        return {
            "fileId": self.world.new_id("file"),
            "fileName": str(body.get("fileName")),
            "filePurpose": purpose,
            "format": kind,
            "status": "CREATED",
            "submitter": party,
            "created": stamp(self.world.now),
            "data": data,
        }

    def upload(self, user: User, return_id: str, body: dict[str, Any]) -> dict[str, Any]:
        ret, party = self.get(user, return_id)
        if ret.state not in OPEN:
            raise errors.RETURN_WRONG_STATE(f"Files cannot be added while the return is {ret.state}.")
        file = self._new_file(party, body)
        ret.files.append(file)
        return file

    def submit(self, user: User, return_id: str, purpose: str | None) -> None:
        ret, party = self.get(user, return_id)
        mine = [f for f in ret.files if f["submitter"] == party and f["status"] == "CREATED"]
        mine = [f for f in mine if purpose in (None, f["filePurpose"])]
        if not mine:
            raise errors.RETURN_NO_FILES("There are no uploaded files to submit.")
        for file in mine:
            file["status"] = "PUBLISHED"
        ret.history.append({"activity": "SUBMIT_FILE", "author": party, "date": stamp(self.world.tick())})

    def files(self, user: User, return_id: str) -> list[dict[str, Any]]:
        ret, party = self.get(user, return_id)
        return visible_files(ret.files, party)

    def delete_file(self, user: User, return_id: str, file_id: str) -> None:
        ret, party = self.get(user, return_id)
        file = next((f for f in visible_files(ret.files, party) if f["fileId"] == file_id), None)
        if file is None:
            raise errors.RETURN_FILE_NOT_FOUND(f"No file {file_id} on this return.", ("fileId", file_id))
        if file["submitter"] != party or file["status"] != "CREATED":
            raise errors.RETURN_FILE_NOT_DELETABLE("Only a file you uploaded and have not submitted can be deleted.")
        file["status"] = "DELETED"
        ret.history.append({"activity": "DELETE_FILE", "author": party, "date": stamp(self.world.tick())})

    def upload_draft_file(self, user: User, draft_id: str, body: dict[str, Any]) -> dict[str, Any]:
        draft = self.draft(user, draft_id)
        file = self._new_file("BUYER", body)
        draft.files.append(file)
        return file

    def delete_draft_file(self, user: User, draft_id: str, file_id: str) -> None:
        draft = self.draft(user, draft_id)
        if not any(f["fileId"] == file_id for f in draft.files):
            raise errors.RETURN_FILE_NOT_FOUND(f"No file {file_id} on this draft.", ("fileId", file_id))
        draft.files = [f for f in draft.files if f["fileId"] != file_id]

    # -- seller preferences -------------------------------------------------------------------

    def preferences(self, user: User) -> tuple[bool, int]:
        """Whether the seller requires an RMA, and the preferences' version."""
        _seller(user)
        return self.rma_required.get(user.name, False), self.preference_versions.get(user.name, 1)

    def set_preferences(self, user: User, rma_required: bool) -> None:
        _seller(user)
        self.rma_required[user.name] = rma_required
        self.preference_versions[user.name] = self.preference_versions.get(user.name, 1) + 1

    # -- searching ------------------------------------------------------------------------------

    def search(self, user: User, query: dict[str, str]) -> Page[Return]:
        sides = {r.return_id: self.world.side(user, self.world.order_of(r)) for r in self.records.values()}
        mine = [r for r in self.records.values() if sides[r.return_id] is not None]
        if "return_id" in query:  # the page: every other parameter is then ignored
            mine = [r for r in mine if r.return_id == query["return_id"]]
        else:
            mine = [r for r in mine if _matches(r, str(sides[r.return_id]), query)]
        key, descending = sort_order(query.get("sort", "-FILING_DATE"))
        field_of = SORT_FIELDS.get(key)
        if field_of is None:
            raise errors.RETURN_BAD_SORT(f"Sorting by {key} is not supported by the emulator.", ("sort", query["sort"]))
        mine.sort(key=lambda r: str(getattr(r, field_of)), reverse=descending)
        limit, offset = window(query, 25, 200, (errors.RETURN_BAD_LIMIT, errors.RETURN_BAD_OFFSET))
        return page(mine, limit, offset)

    def read(self, user: User, return_id: str, fieldgroups: str) -> tuple[Return, str]:
        if fieldgroups == "NONE":
            raise errors.RETURN_BAD_FIELDGROUPS(
                "fieldgroups NONE is not supported by Get Return.", ("fieldgroups", "NONE")
            )
        return self.get(user, return_id)


def _seller(user: User) -> None:
    if user.role != "seller":
        raise errors.RETURN_WRONG_PARTY("Return preferences belong to sellers.")


def quantity_of(request: dict[str, Any], item: LineItem) -> int:
    quantity = int(request.get("returnQuantity") or 1)
    if not 1 <= quantity <= item.quantity:
        raise errors.RETURN_QUANTITY(f"returnQuantity must be between 1 and {item.quantity}.", ("returnQuantity", ""))
    return quantity


def _label_from(ret: Return, body: dict[str, Any]) -> dict[str, Any]:
    """The label the seller's ``body`` describes; what it leaves out, eBay's USPS label fills in."""
    return {
        "carrier": str(body.get("carrierEnum") or "USPS"),
        "tracking": str(body.get("trackingNumber") or body.get("labelId") or f"9400{ret.return_id}"),
        "label_id": str(body.get("labelId") or f"L{ret.return_id}"),
        "cost": body.get("returnLabelCost"),
    }


def _label(ret: Return) -> dict[str, Any]:
    if ret.label is None:
        raise errors.RETURN_NO_LABEL(f"The return {ret.return_id} has no shipping label.")
    return ret.label


def received(ret: Return) -> str | None:
    """When the seller marked the item received: only then has the shipment arrived (a return can
    also close while the item is still on its way, refunded or closed by the buyer)."""
    return next((event["date"] for event in ret.history if event["activity"] == "SELLER_MARK_AS_RECEIVED"), None)


def amount_of(value: Any, name: str, currency: str) -> Decimal:
    if not isinstance(value, dict) or value.get("value") is None:
        raise errors.RETURN_AMOUNT_REQUIRED(f"{name} is required.", (name, ""))
    try:
        amount = Decimal(str(value["value"]))
    except InvalidOperation:
        raise errors.RETURN_AMOUNT_REQUIRED(f"{name}.value is not a number.", (name, str(value["value"]))) from None
    if value.get("currency", currency) != currency:
        raise errors.RETURN_WRONG_CURRENCY(
            f"{name} must be in {currency}.", (f"{name}.currency", str(value.get("currency")))
        )
    return amount


def visible_files(files: list[dict[str, Any]], party: str) -> list[dict[str, Any]]:
    """The other side sees only submitted files; the uploader also sees its own drafts."""
    return [f for f in files if f["status"] == "PUBLISHED" or (f["status"] == "CREATED" and f["submitter"] == party)]


def options(state: str, party: str) -> list[str]:
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
    seller_due = any(name not in NOT_DUE for name in options(ret.state, "SELLER"))
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
        raise errors.RETURN_BAD_STATE_FILTER(
            f"return_state {wanted} is not supported by the emulator.", ("return_state", wanted)
        )
    return classes[wanted]
