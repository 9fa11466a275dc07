# Hand-written in emulator/cancellations/models.py, copied by `make generate` -- do not edit the copy.
"""Cancellations: their state and eBay's rules, free of HTTP and of eBay's JSON.

A buyer asks to cancel an order and the seller approves (eBay refunds a paid order at once and
closes the request) or rejects it; a seller cancels outright, and for an unpaid order the buyer
confirms. Every change checks who is asking and in which state the request is, and raises a
named error from the catalogue when eBay would refuse.
"""

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import errors
from ..paging import Page, page, sort_order, window
from ..scenario import Order, User
from ..wire import stamp
from ..world import World

REFUND_DAYS_TO_RESPOND = 3
OPEN_STATES = frozenset({"APPROVAL_PENDING", "REFUND_PENDING", "CONFIRM_REFUND_PENDING", "REFUND_INITIATED"})
SORT_KEYS = {"CANCEL_ID": "cancel_id", "CANCEL_REQUEST_DATE": "created"}
REASONS = ("BUYER_ASKED_CANCEL", "ORDER_MISTAKE", "FOUND_CHEAPER_PRICE", "OTHER")


@dataclass
class Cancellation:
    cancel_id: str
    order_id: str
    requestor: str  # BUYER or SELLER
    reason: str
    state: str
    status: str
    created: str
    close_reason: str | None = None
    closed: str | None = None
    seller_due: str | None = None
    buyer_due: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    refund_issued: str | None = None


class Cancellations:
    def __init__(self, world: World) -> None:
        self.world = world
        self.records: dict[str, Cancellation] = {}
        self.cancelled: set[str] = set()  # orders the seller cancelled

    def dump(self) -> dict[str, Any]:
        return {"cancelled": sorted(self.cancelled), "records": [asdict(c) for c in self.records.values()]}

    def load(self, data: dict[str, Any]) -> None:
        self.cancelled = set(data["cancelled"])
        self.records = {c["cancel_id"]: Cancellation(**c) for c in data["records"]}

    def order(self, user: User, order_id: str) -> tuple[Order, str]:
        """The order ``user`` names and their side of it."""
        order = self.world.scenario.orders.get(order_id)
        if order is None:
            raise errors.ORDER_NOT_FOUND(f"The order {order_id} does not exist.", ("legacyOrderId", order_id))
        return order, self.world.party(user, order, errors.CANCEL_STRANGER)

    def get(self, user: User, cancel_id: str) -> tuple[Cancellation, str]:
        return self.world.visible(
            user,
            self.records.get(cancel_id),
            errors.CANCELLATION_NOT_FOUND,
            f"The cancellation {cancel_id} was not found.",
            ("cancelId", cancel_id),
        )

    # -- eligibility and creation ----------------------------------------------------------

    def failure(self, order: Order) -> str | None:
        """Why the order cannot be cancelled now (eBay's failureReason), or None."""
        if order.legacy_order_id in self.cancelled:
            return "FULL_REFUNDED_ORDER" if order.paid else "INVALID_ORDER"
        if any(c.order_id == order.legacy_order_id and c.state in OPEN_STATES for c in self.records.values()):
            return "CANCELLATION_EXIST"
        if order.legacy_order_id in self.world.shipped:
            return "CANCEL_WINDOW_ELAPSED"
        return None

    def create(self, user: User, order_id: str, reason: str | None) -> Cancellation | None:
        """The new request, or None when the order is not eligible (eBay then answers with the
        eligibility result instead of an id)."""
        order, party = self.order(user, order_id)
        if self.failure(order):
            return None
        self.world.tick()
        cancellation = Cancellation(
            cancel_id=self.world.new_id("cancellation"),
            order_id=order.legacy_order_id,
            requestor=party,
            reason=reason or ("BUYER_ASKED_CANCEL" if party == "BUYER" else "OUT_OF_STOCK_OR_CANNOT_FULFILL"),
            state="INITIAL",
            status="CANCEL_REQUESTED",
            created=stamp(self.world.now),
        )
        self.records[cancellation.cancel_id] = cancellation
        if party == "BUYER":
            self._event(cancellation, "BUYER_CREATE_CANCEL", "BUYER", "APPROVAL_PENDING")
            cancellation.seller_due = self._due()
        else:
            self._seller_cancels(cancellation, order, "SELLER_CREATE_CANCEL")
        return cancellation

    # -- the seller's and buyer's answers --------------------------------------------------

    def approve(self, user: User, cancel_id: str) -> None:
        cancellation, party = self.get(user, cancel_id)
        self._must(cancellation, party, "SELLER", "APPROVAL_PENDING", "approve")
        self.world.tick()
        self._seller_cancels(cancellation, self.world.order_of(cancellation), "SELLER_APPROVE")

    def reject(self, user: User, cancel_id: str, shipped: bool) -> None:
        """``shipped``: the seller gave tracking or a shipment date, so the order now counts as shipped."""
        cancellation, party = self.get(user, cancel_id)
        self._must(cancellation, party, "SELLER", "APPROVAL_PENDING", "reject")
        self.world.tick()
        self._event(cancellation, "SELLER_REJECT", "SELLER", "CLOSED")
        cancellation.status, cancellation.close_reason = "CANCEL_REJECTED", "SELLER_DECLINE"
        cancellation.closed = stamp(self.world.now)
        if shipped:
            self.world.shipped.add(cancellation.order_id)

    def confirm(self, user: User, cancel_id: str, unpaid: bool) -> None:
        cancellation, party = self.get(user, cancel_id)
        self._must(cancellation, party, "BUYER", "CONFIRM_REFUND_PENDING", "confirm the refund of")
        self.world.tick()
        self._event(cancellation, "BUYER_CONFIRM_REFUND", "BUYER", "CLOSED")
        unpaid = unpaid or not self.world.order_of(cancellation).paid
        cancellation.status = "CANCEL_CLOSED_NO_REFUND" if unpaid else "CANCEL_CLOSED_WITH_REFUND"
        cancellation.close_reason = "BUYER_CONFIRM_NOT_PAID" if unpaid else "BUYER_CONFIRM_REFUND"
        cancellation.closed = stamp(self.world.now)

    # -- searching -------------------------------------------------------------------------

    def search(self, user: User, query: dict[str, str]) -> Page[Cancellation]:
        role = query.get("role", "SELLER")
        orders = self.world.scenario.orders
        found = [
            c
            for c in self.records.values()
            if (orders[c.order_id].seller if role == "SELLER" else orders[c.order_id].buyer) == user.name
        ]
        if "cancel_id" in query:
            found = [c for c in found if c.cancel_id == query["cancel_id"]]
        else:
            found = [c for c in found if _matches(c, orders[c.order_id], query)]
        sort = query.get("sort", "-CANCEL_REQUEST_DATE")
        name, descending = sort_order(sort)
        key = SORT_KEYS.get(name)
        if key is None:
            raise errors.CANCEL_BAD_SORT(f"Unknown sort {sort!r}.", ("sort", sort))
        found.sort(key=lambda c: str(getattr(c, key)), reverse=descending)
        limit, offset = window(query, 10, 500, (errors.CANCEL_BAD_LIMIT, errors.CANCEL_BAD_OFFSET))
        return page(found, limit, offset)

    # -- the steps -------------------------------------------------------------------------

    def _due(self) -> str:
        return stamp(self.world.now + datetime.timedelta(days=REFUND_DAYS_TO_RESPOND))

    def _must(self, cancellation: Cancellation, party: str, who: str, state: str, action: str) -> None:
        if party != who:
            raise errors.CANCEL_WRONG_PARTY(f"Only the {who.lower()} may {action} a cancellation request.")
        if cancellation.state != state:
            raise errors.CANCEL_WRONG_STATE(
                f"The cancellation {cancellation.cancel_id} is {cancellation.state}; {action} needs {state}."
            )

    def _event(self, cancellation: Cancellation, kind: str, party: str, to_state: str) -> None:
        cancellation.history.append(
            {
                "activityType": kind,
                "activityParty": party,
                "actionDate": stamp(self.world.now),
                "stateFrom": cancellation.state,
                "stateTo": to_state,
            }
        )
        cancellation.state = to_state

    def _seller_cancels(self, cancellation: Cancellation, order: Order, kind: str) -> None:
        self.cancelled.add(order.legacy_order_id)
        cancellation.status = "CANCEL_PENDING"
        if order.paid:
            self._event(cancellation, kind, "SELLER", "REFUND_PENDING")
            self._refund(cancellation)
        else:
            self._event(cancellation, kind, "SELLER", "CONFIRM_REFUND_PENDING")
            cancellation.buyer_due = self._due()

    def _refund(self, cancellation: Cancellation) -> None:
        """eBay refunds the buyer: the emulator completes it at once and closes the request."""
        self._event(cancellation, "SYSTEM_REFUND", "UNKNOWN", "REFUND_INITIATED")
        self._event(cancellation, "SYSTEM_NOTIFY_REFUND_STATUS", "UNKNOWN", "CLOSED")
        cancellation.status, cancellation.close_reason = "CANCEL_CLOSED_WITH_REFUND", "FULL_REFUNDED"
        cancellation.closed = cancellation.refund_issued = stamp(self.world.now)


def _matches(cancellation: Cancellation, order: Order, query: dict[str, str]) -> bool:
    if "legacy_order_id" in query and order.legacy_order_id != query["legacy_order_id"]:
        return False
    if "item_id" in query and all(item.item_id != query["item_id"] for item in order.line_items):
        return False
    if "transaction_id" in query and all(item.transaction_id != query["transaction_id"] for item in order.line_items):
        return False
    start, end = query.get("creation_date_range_from"), query.get("creation_date_range_to")
    return (start is None or cancellation.created >= start) and (end is None or cancellation.created <= end)
