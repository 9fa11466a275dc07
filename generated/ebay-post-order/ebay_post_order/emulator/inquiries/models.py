# Hand-written in emulator/inquiries/models.py, copied by `make generate` -- do not edit the copy.
"""Item Not Received inquiries: their state and eBay's rules, free of HTTP and of eBay's JSON.

An inquiry is opened by the buyer on a line item and waits for the seller, who answers with
shipment information (then it waits for the buyer) or a refund (then it is closed); either side
may message; the buyer may close it, or escalate it, which closes it and opens an INR case.
"""

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import errors
from ..cases.models import Cases, matches_line, need, record_event
from ..paging import Page, page_by_date
from ..scenario import Order, User
from ..wire import stamp
from ..world import World

OPEN = frozenset({"WAITING_SELLER_RESPONSE", "WAITING_BUYER_RESPONSE"})
DAYS_TO_ANSWER = 3
KINDS = (errors.INQUIRY_WRONG_PARTY, errors.INQUIRY_WRONG_STATE)


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


class Inquiries:
    def __init__(self, world: World, cases: Cases) -> None:
        self.world, self.cases = world, cases
        self.records: dict[str, Inquiry] = {}

    def dump(self) -> dict[str, Any]:
        return {"records": [asdict(i) for i in self.records.values()]}

    def load(self, data: dict[str, Any]) -> None:
        self.records = {i["inquiry_id"]: Inquiry(**i) for i in data["records"]}

    def get(self, user: User, inquiry_id: str) -> tuple[Inquiry, str]:
        return self.world.visible(
            user,
            self.records.get(inquiry_id),
            errors.INQUIRY_NOT_FOUND,
            f"The inquiry {inquiry_id} was not found.",
            ("inquiryId", inquiry_id),
        )

    def _order(self, user: User, item_id: str, transaction_id: str) -> Order:
        return self.world.line(user, item_id, transaction_id, errors.INQUIRY_NO_LINE_ITEM, errors.INQUIRY_STRANGER)[0]

    def eligibility(self, user: User, item_id: str, transaction_id: str) -> tuple[bool, Inquiry | None]:
        """Whether the buyer may open an inquiry on the line item, and the one already open."""
        order = self._order(user, item_id, transaction_id)
        taken = next((i for i in self.records.values() if i.order_id == order.legacy_order_id), None)
        return taken is None and order.paid, taken

    def open(self, user: User, item_id: str, transaction_id: str) -> Inquiry:
        order = self._order(user, item_id, transaction_id)
        if self.world.party(user, order, errors.INQUIRY_STRANGER) != "BUYER":
            raise errors.INQUIRY_WRONG_PARTY("Only the buyer may open an Item Not Received inquiry.")
        if not self.eligibility(user, item_id, transaction_id)[0]:
            raise errors.INQUIRY_EXISTS("An inquiry already exists for this line item, or it was not paid for.")
        now = self.world.tick()
        inquiry = Inquiry(
            inquiry_id=self.world.new_id("inquiry"),
            order_id=order.legacy_order_id,
            item_id=item_id,
            transaction_id=transaction_id,
            status="WAITING_SELLER_RESPONSE",
            state="CREATED",
            created=stamp(now),
            modified=stamp(now),
            respond_by=stamp(now + datetime.timedelta(days=DAYS_TO_ANSWER)),
        )
        self.records[inquiry.inquiry_id] = inquiry
        inquiry.history.append({"action": "BUYER_CREATE_INQUIRY", "actor": "BUYER", "date": inquiry.created})
        return inquiry

    def shipment_info(self, user: User, inquiry_id: str, description: str) -> None:
        inquiry, party = self.get(user, inquiry_id)
        waiting = inquiry.status == "WAITING_SELLER_RESPONSE"
        need(party, "SELLER", waiting, "provide shipment info", inquiry.status, KINDS)
        record_event(self.world, inquiry, "SELLER_PROVIDE_SHIPMENT_INFO", "SELLER", description)
        inquiry.status = "WAITING_BUYER_RESPONSE"

    def refund_info(self, user: User, inquiry_id: str, message: str) -> None:
        inquiry, party = self.get(user, inquiry_id)
        need(party, "SELLER", inquiry.status in OPEN, "provide refund info", inquiry.status, KINDS)
        record_event(self.world, inquiry, "SELLER_PROVIDE_REFUND_INFO", "SELLER", message)

    def refund(self, user: User, inquiry_id: str) -> None:
        inquiry, party = self.get(user, inquiry_id)
        need(party, "SELLER", inquiry.status in OPEN, "issue a refund", inquiry.status, KINDS)
        record_event(self.world, inquiry, "SELLER_ISSUE_REFUND", "SELLER")
        self._close(inquiry, "CLOSED")

    def message(self, user: User, inquiry_id: str, message: str) -> None:
        inquiry, party = self.get(user, inquiry_id)
        if inquiry.status not in OPEN:
            raise errors.INQUIRY_WRONG_STATE(f"Cannot send a message while the inquiry is {inquiry.status}.")
        record_event(self.world, inquiry, f"{party}_SEND_MESSAGE", party, message)

    def close(self, user: User, inquiry_id: str, reason: str) -> None:
        inquiry, party = self.get(user, inquiry_id)
        need(party, "BUYER", inquiry.status in OPEN, "close the inquiry", inquiry.status, KINDS)
        record_event(self.world, inquiry, "BUYER_CLOSE_INQUIRY", "BUYER", reason)
        self._close(inquiry, "CLOSED")

    def confirm_refund(self, user: User, inquiry_id: str) -> None:
        inquiry, party = self.get(user, inquiry_id)
        refunded = any(e["action"] == "SELLER_ISSUE_REFUND" for e in inquiry.history)
        need(party, "BUYER", refunded, "confirm a refund", "not refunded", KINDS)
        record_event(self.world, inquiry, "BUYER_CONFIRM_REFUND", "BUYER")

    def escalate(self, user: User, inquiry_id: str, reason: str, comments: str) -> None:
        inquiry, party = self.get(user, inquiry_id)
        need(party, "BUYER", inquiry.status in OPEN, "escalate the inquiry", inquiry.status, KINDS)
        record_event(self.world, inquiry, "BUYER_ESCALATE", "BUYER", comments)
        self._close(inquiry, "CLOSED_WITH_ESCALATION")
        case = self.cases.open(
            inquiry.order_id, inquiry.item_id, inquiry.transaction_id, inquiry.modified, "BUYER", reason
        )
        inquiry.case_id = case.case_id

    def search(self, user: User, query: dict[str, str]) -> Page[Inquiry]:
        orders = self.world.scenario.orders
        found = [
            i for i in self.records.values() if self.world.side(user, orders[i.order_id]) and matches_line(i, query)
        ]
        wanted = query.get("inquiry_status")
        if wanted:  # OPEN stands for both waiting states
            found = [i for i in found if i.status == wanted or (wanted == "OPEN" and i.status in OPEN)]
        return page_by_date(found, query, (errors.INQUIRY_BAD_LIMIT, errors.INQUIRY_BAD_OFFSET))

    @staticmethod
    def _close(inquiry: Inquiry, status: str) -> None:
        inquiry.status, inquiry.state, inquiry.closed = status, "CLOSED", inquiry.modified
