"""Item Not Received inquiries and the cases they escalate to: state and eBay's rules.

An inquiry is opened by the buyer on a line item and waits for the seller, who answers with
shipment information (then it waits for the buyer) or a refund (then it is closed); either side
may message; the buyer may close it, or escalate it, which closes it and opens an INR case that
the case calls see (an escalated return opens a RETURN case the same way). A case is open until
the seller refunds or the buyer closes it; a closed case may be appealed once by either side.
Like ``store``, every method checks who is asking and in which state the claim is, raising
``Problem`` as eBay would.
"""

import datetime
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .problems import Problem, date_field, money, pagination_output, stamp, text, window
from .scenario import Order, User

if TYPE_CHECKING:
    from .returns import Return
    from .store import Store

INQUIRY_OPEN = frozenset({"WAITING_SELLER_RESPONSE", "WAITING_BUYER_RESPONSE"})
DAYS_TO_ANSWER = 3


@dataclass
class Inquiry:
    inquiry_id: str
    order_id: str
    item_id: str
    transaction_id: str
    status: str
    state: str
    created: str
    modified: str
    respond_by: str
    closed: str | None = None
    case_id: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Case:
    case_id: str
    order_id: str
    item_id: str
    transaction_id: str
    status: str
    created: str
    modified: str
    escalate_reason: str
    closed: str | None = None
    close_reason: str | None = None
    appealed_by: str | None = None
    appeal_date: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    return_id: str | None = None


class Claims:
    def __init__(self, store: "Store") -> None:
        self.store = store
        self.inquiries: dict[str, Inquiry] = {}
        self.cases: dict[str, Case] = {}
        self.next_inquiry = 5200000001
        self.next_case = 5300000001

    def dump(self) -> dict[str, Any]:
        return {
            "next": [self.next_inquiry, self.next_case],
            "inquiries": [asdict(i) for i in self.inquiries.values()],
            "cases": [asdict(c) for c in self.cases.values()],
        }

    def load(self, data: dict[str, Any]) -> None:
        self.next_inquiry, self.next_case = data["next"]
        self.inquiries = {i["inquiry_id"]: Inquiry(**i) for i in data["inquiries"]}
        self.cases = {c["case_id"]: Case(**c) for c in data["cases"]}

    # -- finding things -------------------------------------------------------------------

    def _line(self, user: User, item_id: str, transaction_id: str) -> Order:
        return self.store.line(user, item_id, transaction_id, 2701)[0]

    def inquiry(self, user: User, inquiry_id: str) -> tuple[Inquiry, str]:
        missing = Problem(404, 2702, f"The inquiry {inquiry_id} was not found.", ("inquiryId", inquiry_id))
        inquiry, _, side = self.store.visible(user, self.inquiries.get(inquiry_id), missing)
        return inquiry, side

    def case(self, user: User, case_id: str) -> tuple[Case, str]:
        missing = Problem(404, 2801, f"The case {case_id} was not found.", ("caseId", case_id))
        case, _, side = self.store.visible(user, self.cases.get(case_id), missing)
        return case, side

    def _event(self, claim: Inquiry | Case, action: str, actor: str, text: str = "") -> None:
        now = stamp(self.store.tick())
        claim.modified = now
        event: dict[str, Any] = {"action": action, "actor": actor, "date": now}
        if text:
            event["description"] = text
        claim.history.append(event)

    @staticmethod
    def _need(party: str, who: str, allowed: bool, what: str, state: str) -> None:
        if party != who:
            raise Problem(403, 2703, f"Only the {who.lower()} may {what}.")
        if not allowed:
            raise Problem(409, 2704, f"Cannot {what} while the claim is {state}.")

    # -- inquiries ------------------------------------------------------------------------

    def eligibility(self, user: User, body: dict[str, Any]) -> dict[str, Any]:
        order = self._line(user, str(body.get("itemId")), str(body.get("transactionId")))
        taken = next((i for i in self.inquiries.values() if i.order_id == order.legacy_order_id), None)
        status = "ELIGIBLE_TO_FILE_REQUEST" if taken is None and order.paid else "INELIGIBLIE"
        out: dict[str, Any] = {"inquiryEligibilityStatus": status}
        if taken is not None:
            out["inquiryId"] = taken.inquiry_id
        return out

    def open_inquiry(self, user: User, body: dict[str, Any]) -> str:
        order = self._line(user, str(body.get("itemId")), str(body.get("transactionId")))
        if self.store.party(user, order) != "BUYER":
            raise Problem(403, 2703, "Only the buyer may open an Item Not Received inquiry.")
        if self.eligibility(user, body)["inquiryEligibilityStatus"] != "ELIGIBLE_TO_FILE_REQUEST":
            raise Problem(409, 2705, "An inquiry already exists for this line item, or it was not paid for.")
        now = self.store.tick()
        inquiry = Inquiry(
            inquiry_id=str(self.next_inquiry),
            order_id=order.legacy_order_id,
            item_id=str(body["itemId"]),
            transaction_id=str(body["transactionId"]),
            status="WAITING_SELLER_RESPONSE",
            state="CREATED",
            created=stamp(now),
            modified=stamp(now),
            respond_by=stamp(now + datetime.timedelta(days=DAYS_TO_ANSWER)),
        )
        self.next_inquiry += 1
        self.inquiries[inquiry.inquiry_id] = inquiry
        inquiry.history.append({"action": "BUYER_CREATE_INQUIRY", "actor": "BUYER", "date": inquiry.created})
        return inquiry.inquiry_id

    def shipment_info(self, user: User, inquiry_id: str, body: dict[str, Any]) -> None:
        inquiry, party = self.inquiry(user, inquiry_id)
        self._need(
            party, "SELLER", inquiry.status == "WAITING_SELLER_RESPONSE", "provide shipment info", inquiry.status
        )
        tracking = body.get("trackingNumber") or "no tracking"
        self._event(
            inquiry,
            "SELLER_PROVIDE_SHIPMENT_INFO",
            "SELLER",
            f"{body.get('shippingCarrierName', '')} {tracking}".strip(),
        )
        inquiry.status = "WAITING_BUYER_RESPONSE"

    def refund_info(self, user: User, inquiry_id: str, body: dict[str, Any]) -> None:
        inquiry, party = self.inquiry(user, inquiry_id)
        self._need(party, "SELLER", inquiry.status in INQUIRY_OPEN, "provide refund info", inquiry.status)
        self._event(inquiry, "SELLER_PROVIDE_REFUND_INFO", "SELLER", text(body.get("message")))

    def refund_inquiry(self, user: User, inquiry_id: str) -> dict[str, Any]:
        inquiry, party = self.inquiry(user, inquiry_id)
        self._need(party, "SELLER", inquiry.status in INQUIRY_OPEN, "issue a refund", inquiry.status)
        self._event(inquiry, "SELLER_ISSUE_REFUND", "SELLER")
        inquiry.status, inquiry.state, inquiry.closed = "CLOSED", "CLOSED", inquiry.modified
        return _refunded()

    def message(self, user: User, inquiry_id: str, body: dict[str, Any]) -> None:
        inquiry, party = self.inquiry(user, inquiry_id)
        if inquiry.status not in INQUIRY_OPEN:
            raise Problem(409, 2704, f"Cannot send a message while the inquiry is {inquiry.status}.")
        self._event(inquiry, f"{party}_SEND_MESSAGE", party, text(body.get("message")))

    def close_inquiry(self, user: User, inquiry_id: str, body: dict[str, Any]) -> None:
        inquiry, party = self.inquiry(user, inquiry_id)
        self._need(party, "BUYER", inquiry.status in INQUIRY_OPEN, "close the inquiry", inquiry.status)
        self._event(inquiry, "BUYER_CLOSE_INQUIRY", "BUYER", str(body.get("closeReason", "")))
        inquiry.status, inquiry.state, inquiry.closed = "CLOSED", "CLOSED", inquiry.modified

    def confirm_refund(self, user: User, inquiry_id: str) -> None:
        inquiry, party = self.inquiry(user, inquiry_id)
        refunded = any(e["action"] == "SELLER_ISSUE_REFUND" for e in inquiry.history)
        self._need(party, "BUYER", refunded, "confirm a refund", "not refunded")
        self._event(inquiry, "BUYER_CONFIRM_REFUND", "BUYER")

    def escalate(self, user: User, inquiry_id: str, body: dict[str, Any]) -> None:
        inquiry, party = self.inquiry(user, inquiry_id)
        self._need(party, "BUYER", inquiry.status in INQUIRY_OPEN, "escalate the inquiry", inquiry.status)
        reason = str(body.get("escalateInquiryReason") or "NOT_RECEIVED")
        self._event(inquiry, "BUYER_ESCALATE", "BUYER", text(body.get("comments")))
        inquiry.status, inquiry.state, inquiry.closed = "CLOSED_WITH_ESCALATION", "CLOSED", inquiry.modified
        inquiry.case_id = self.open_case(inquiry, "BUYER", reason)

    def open_case(
        self,
        claim: "Inquiry | Return",
        actor: str,
        reason: str,
        *,
        return_id: str | None = None,
    ) -> str:
        """Open a case for ``claim`` (an inquiry or a return, escalated by ``actor`` just now); its id."""
        case = Case(
            case_id=str(self.next_case),
            return_id=return_id,
            order_id=claim.order_id,
            item_id=claim.item_id,
            transaction_id=claim.transaction_id,
            status="OPEN",
            created=claim.modified,
            modified=claim.modified,
            escalate_reason=reason,
        )
        self.next_case += 1
        case.history.append({"action": f"{actor}_ESCALATE", "actor": actor, "date": case.created})
        self.cases[case.case_id] = case
        return case.case_id

    # -- cases ----------------------------------------------------------------------------

    def case_shipment_info(self, user: User, case_id: str, body: dict[str, Any]) -> None:
        case, party = self.case(user, case_id)
        self._need(party, "SELLER", case.status == "OPEN", "provide shipment info", case.status)
        self._event(
            case,
            "SELLER_PROVIDE_SHIPMENT_INFO",
            "SELLER",
            f"{body.get('shippingCarrierName')} {body.get('trackingNumber', '')}".strip(),
        )

    def return_address(self, user: User, case_id: str, body: dict[str, Any]) -> None:
        case, party = self.case(user, case_id)
        self._need(party, "SELLER", case.status == "OPEN", "provide a return address", case.status)
        self._event(case, "SELLER_PROVIDE_RETURN_ADDRESS", "SELLER")

    def refund_case(self, user: User, case_id: str) -> dict[str, Any]:
        case, party = self.case(user, case_id)
        self._need(party, "SELLER", case.status == "OPEN", "issue a refund", case.status)
        self._event(case, "SELLER_ISSUE_REFUND", "SELLER")
        case.status, case.close_reason, case.closed = "CLOSED", "BUYER_REFUNDED", case.modified
        return _refunded()

    def close_case(self, user: User, case_id: str, body: dict[str, Any]) -> None:
        case, party = self.case(user, case_id)
        self._need(party, "BUYER", case.status == "OPEN", "close the case", case.status)
        self._event(case, "BUYER_CLOSE_CASE", "BUYER", str(body.get("closeReason", "")))
        case.status, case.close_reason, case.closed = "CLOSED", "BUYER_CLOSE", case.modified

    def appeal(self, user: User, case_id: str, body: dict[str, Any]) -> None:
        case, party = self.case(user, case_id)
        if case.status != "CLOSED":
            raise Problem(409, 2704, f"Only a decided (closed) case can be appealed; this one is {case.status}.")
        if case.appealed_by is not None:
            raise Problem(409, 2802, "This case decision has already been appealed.")
        self._event(case, f"{party}_APPEAL", party, text(body.get("comments")))
        case.appealed_by, case.appeal_date = party, case.modified

    # -- reading --------------------------------------------------------------------------

    def inquiry_summary(self, inquiry: Inquiry) -> dict[str, Any]:
        order = self.store.scenario.orders[inquiry.order_id]
        return {
            "inquiryId": inquiry.inquiry_id,
            "inquiryStatusEnum": inquiry.status,
            "itemId": inquiry.item_id,
            "transactionId": inquiry.transaction_id,
            "buyer": order.buyer,
            "seller": order.seller,
            "claimAmount": self.store.paid(order),
            "creationDate": date_field(inquiry.created),
            "lastModifiedDate": date_field(inquiry.modified),
            "respondByDate": date_field(inquiry.respond_by),
        }

    def inquiry_detail(self, user: User, inquiry_id: str) -> dict[str, Any]:
        inquiry, _ = self.inquiry(user, inquiry_id)
        order = self.store.scenario.orders[inquiry.order_id]
        item = next(i for i in order.line_items if i.item_id == inquiry.item_id)
        out: dict[str, Any] = {
            "inquiryId": inquiry.inquiry_id,
            "itemId": inquiry.item_id,
            "transactionId": inquiry.transaction_id,
            "initiator": "BUYER",
            "creationReason": "ITEM_NOT_RECEIVED_ASK_FOR_REFUND",
            "status": inquiry.status,
            "state": inquiry.state,
            "claimAmount": self.store.paid(order),
            "inquiryQuantity": item.quantity,
            "sellerMakeItRightByDate": date_field(inquiry.respond_by),
            "itemDetails": {"itemTitle": item.title, "itemPrice": money(item.price, item.currency)},
            "inquiryDetails": {"creationDate": date_field(inquiry.created), "totalAmount": self.store.paid(order)},
            "inquiryHistoryDetails": {"history": [_event(e) for e in inquiry.history]},
        }
        if inquiry.closed:
            out["inquiryClosureDate"] = date_field(inquiry.closed)
        if inquiry.case_id:
            out["inquiryDetails"]["escalationDate"] = date_field(inquiry.closed)
        return out

    def case_summary(self, case: Case) -> dict[str, Any]:
        order = self.store.scenario.orders[case.order_id]
        return {
            "caseId": case.case_id,
            "caseStatusEnum": case.status,
            "itemId": case.item_id,
            "transactionId": case.transaction_id,
            "buyer": order.buyer,
            "seller": order.seller,
            "claimAmount": self.store.paid(order),
            "creationDate": date_field(case.created),
            "lastModifiedDate": date_field(case.modified),
        }

    def case_detail(self, user: User, case_id: str) -> dict[str, Any]:
        case, _ = self.case(user, case_id)
        order = self.store.scenario.orders[case.order_id]
        out: dict[str, Any] = {
            "caseType": "RETURN" if case.return_id else "ITEM_NOT_RECEIVED",
            "caseQuantity": next(i.quantity for i in order.line_items if i.item_id == case.item_id),
            "claimAmount": self.store.paid(order),
            "creationDate": date_field(case.created),
            "escalateReason": case.escalate_reason,
            "transactionId": case.transaction_id,
            "caseDetails": {"creationDate": date_field(case.created), "escalationDate": date_field(case.created)},
            "caseHistoryDetails": {"history": [_event(e) for e in case.history]},
            "appealDetails": {"eligibleForAppeal": case.status == "CLOSED" and case.appealed_by is None},
        }
        if case.close_reason:
            out["buyerClosureReason"] = case.close_reason
        if case.appealed_by:
            out["appealDetails"]["appealStatusEnum"] = f"{case.appealed_by}_APPEALED"
            out["appealDetails"]["appealDate"] = date_field(case.appeal_date)
        return out

    def search_inquiries(self, user: User, query: dict[str, str]) -> dict[str, Any]:
        found = [i for i in self.inquiries.values() if self._involves(user, i.order_id) and _filter(i, query)]
        wanted = query.get("inquiry_status")
        if wanted:  # OPEN stands for both waiting states
            found = [i for i in found if i.status == wanted or (wanted == "OPEN" and i.status in INQUIRY_OPEN)]
        return _page(found, query, [self.inquiry_summary(i) for i in found], "totalNumberOfInquiries")

    def search_cases(self, user: User, query: dict[str, str]) -> dict[str, Any]:
        found = [c for c in self.cases.values() if self._involves(user, c.order_id) and _filter(c, query)]
        if "return_id" in query:
            found = [c for c in found if c.return_id == query["return_id"]]
        if "case_status_filter" in query:
            found = [c for c in found if c.status == query["case_status_filter"]]
        return _page(found, query, [self.case_summary(c) for c in found], "totalNumberOfCases")

    def _involves(self, user: User, order_id: str) -> bool:
        return self.store.side(user, self.store.scenario.orders[order_id]) is not None


def _event(event: dict[str, Any]) -> dict[str, Any]:
    return {**event, "date": date_field(event["date"])}


def _filter(claim: Inquiry | Case, query: dict[str, str]) -> bool:
    if "item_id" in query and claim.item_id != query["item_id"]:
        return False
    if "transaction_id" in query and claim.transaction_id != query["transaction_id"]:
        return False
    return "order_id" not in query or claim.order_id == query["order_id"]


def _page(found: list[Any], query: dict[str, str], rows: list[dict[str, Any]], total_key: str) -> dict[str, Any]:
    ordered = sorted(zip((c.created for c in found), rows, strict=True), key=lambda pair: pair[0])
    if query.get("sort", "Descending") != "Ascending":
        ordered.reverse()
    limit, offset = window(query, 25, 200, (2706, 2707))
    page = [row for _, row in ordered[offset : offset + limit]]
    out: dict[str, Any] = {"members": page, total_key: len(rows)}
    if rows:
        out["paginationOutput"] = pagination_output(limit, offset, len(rows))
    return out


def _refunded() -> dict[str, Any]:
    """The answer to an issue_refund call that eBay refunds at once."""
    return {"refundResult": {"refundSource": "INSTANT_REFUND", "refundStatus": "SUCCESS"}}
