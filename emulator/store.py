"""The emulator's state and eBay's cancellation rules, free of HTTP.

Every change goes through a method that checks who is asking and what state the object is in,
and raises ``Problem`` (an eBay error: status, errorId, message, parameter) when eBay would
refuse. Ids come from counters and time from a clock that moves a fixed step per change, so the
same calls from the same scenario always produce the same answers. The emulator serves one
request at a time per event loop and never awaits inside these methods, so a change is atomic.
"""

import datetime
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .claims import Claims
from .problems import Problem, date_field, money, pagination_output, sort_order, stamp, window
from .returns import Returns
from .scenario import LineItem, Order, Scenario, User

DOMAIN = "API_CANCEL"
REFUND_DAYS_TO_RESPOND = 3
OPEN_STATES = frozenset({"APPROVAL_PENDING", "REFUND_PENDING", "CONFIRM_REFUND_PENDING", "REFUND_INITIATED"})
SORT_KEYS = {"CANCEL_ID": "cancel_id", "CANCEL_REQUEST_DATE": "created"}


class _OfAnOrder(Protocol):
    order_id: str


R = TypeVar("R", bound=_OfAnOrder)


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


class Store:
    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.users_by_token = {user.token: user for user in scenario.users.values()}
        self.now = scenario.start
        self.next_id = 5000000000 + 1000 * seed + 1
        self.cancellations: dict[str, Cancellation] = {}
        self.shipped = {order.legacy_order_id for order in scenario.orders.values() if order.shipped}
        self.cancelled: set[str] = set()
        self.access_tokens: dict[str, str] = {}  # minted by the token endpoint -> user name
        self.claims = Claims(self)
        self.returns = Returns(self)
        for seeded in scenario.cancellations:
            self.create(
                scenario.users[seeded.requested_by], {"legacyOrderId": seeded.order, "cancelReason": seeded.reason}
            )
        for order_id in scenario.inquiries:
            order = scenario.orders[order_id]
            item = order.line_items[0]
            self.claims.open_inquiry(
                scenario.users[order.buyer], {"itemId": item.item_id, "transactionId": item.transaction_id}
            )
        for seeded_return in scenario.returns:
            order = scenario.orders[seeded_return.order]
            item = order.line_items[0]
            request = {"itemId": item.item_id, "transactionId": item.transaction_id, "reason": seeded_return.reason}
            self.returns.create(scenario.users[order.buyer], {"returnRequest": request}, "NONE")

    # -- persistence -----------------------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "next_id": self.next_id,
            "access_tokens": self.access_tokens,
            "shipped": sorted(self.shipped),
            "cancelled": sorted(self.cancelled),
            "cancellations": [asdict(c) for c in self.cancellations.values()],
            "claims": self.claims.dump(),
            "returns": self.returns.dump(),
        }

    def load(self, data: dict[str, Any]) -> None:
        self.now = datetime.datetime.fromisoformat(data["now"])
        self.next_id, self.access_tokens = data["next_id"], data["access_tokens"]
        self.shipped, self.cancelled = set(data["shipped"]), set(data["cancelled"])
        self.cancellations = {c["cancel_id"]: Cancellation(**c) for c in data["cancellations"]}
        self.claims.load(data["claims"])
        self.returns.load(data["returns"])

    def save(self, path: Path) -> None:
        """Written to a temporary file in the same folder, then renamed: never half a file."""
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.dump(), out, indent=1, sort_keys=True)
        os.replace(temporary, path)

    # -- who is calling --------------------------------------------------------------------

    def user_for(self, token: str) -> User | None:
        name = self.access_tokens.get(token)
        return self.scenario.users[name] if name else self.users_by_token.get(token)

    def mint(self, client_id: str, client_secret: str, refresh_token: str) -> str:
        """The refresh-token grant of eBay's OAuth token endpoint."""
        if self.scenario.apps.get(client_id) != client_secret:
            raise Problem(401, 1801, "invalid_client")
        user = next((u for u in self.scenario.users.values() if u.refresh_token == refresh_token), None)
        if user is None:
            raise Problem(400, 1802, "invalid_grant")
        token = f"emu-access-{len(self.access_tokens) + 1}"
        self.access_tokens[token] = user.name
        return token

    # -- helpers ---------------------------------------------------------------------------

    def tick(self) -> datetime.datetime:
        self.now += datetime.timedelta(seconds=self.scenario.step_seconds)
        return self.now

    def order(self, order_id: str) -> Order:
        order = self.scenario.orders.get(order_id)
        if order is None:
            raise Problem(400, 1701, f"The order {order_id} does not exist.", ("legacyOrderId", order_id))
        return order

    def line(self, user: User, item_id: str, transaction_id: str, error_id: int) -> tuple[Order, LineItem]:
        """The order and line item a buyer or seller names; 400 (``error_id``) if there is none, 403
        if the caller is neither the buyer nor the seller of that order."""
        for order in self.scenario.orders.values():
            for item in order.line_items:
                if item.item_id == item_id and item.transaction_id == transaction_id:
                    self.party(user, order)
                    return order, item
        raise Problem(400, error_id, f"No line item {item_id}/{transaction_id}.", ("itemId", item_id))

    @staticmethod
    def paid(order: Order) -> dict[str, Any]:
        """What the buyer paid for the order, as eBay's Amount (zero for an unpaid order)."""
        return money(order.total if order.paid else Decimal("0"), order.line_items[0].currency)

    @staticmethod
    def side(user: User, order: Order) -> str | None:
        """BUYER or SELLER, as this user stands to the order, or None for a stranger."""
        return "SELLER" if user.name == order.seller else "BUYER" if user.name == order.buyer else None

    def party(self, user: User, order: Order) -> str:
        """``side``, where a stranger may not see the order at all."""
        side = self.side(user, order)
        if side is None:
            raise Problem(403, 1702, "The caller is neither the buyer nor the seller of this order.")
        return side

    def visible(self, user: User, record: R | None, missing: Problem) -> tuple[R, Order, str]:
        """``record`` (a cancellation, inquiry, case or return), its order and the caller's side;
        ``missing`` (a 404) when there is no record or the caller is a stranger to its order, so
        that nobody learns which ids exist for other people."""
        order = self.scenario.orders.get(record.order_id) if record is not None else None
        side = self.side(user, order) if order is not None else None
        if record is None or order is None or side is None:
            raise missing
        return record, order, side

    def cancellation(self, user: User, cancel_id: str) -> tuple[Cancellation, Order, str]:
        missing = Problem(404, 1703, f"The cancellation {cancel_id} was not found.", ("cancelId", cancel_id))
        return self.visible(user, self.cancellations.get(cancel_id), missing)

    def _event(self, cancellation: Cancellation, kind: str, party: str, to_state: str) -> None:
        cancellation.history.append(
            {
                "activityType": kind,
                "activityParty": party,
                "actionDate": stamp(self.now),
                "stateFrom": cancellation.state,
                "stateTo": to_state,
            }
        )
        cancellation.state = to_state

    def _refund(self, cancellation: Cancellation) -> None:
        """eBay refunds the buyer: the emulator completes it at once and closes the request."""
        self._event(cancellation, "SYSTEM_REFUND", "UNKNOWN", "REFUND_INITIATED")
        self._event(cancellation, "SYSTEM_NOTIFY_REFUND_STATUS", "UNKNOWN", "CLOSED")
        cancellation.status, cancellation.close_reason = "CANCEL_CLOSED_WITH_REFUND", "FULL_REFUNDED"
        cancellation.closed = cancellation.refund_issued = stamp(self.now)

    # -- eligibility and creation ----------------------------------------------------------

    def failure(self, order: Order) -> str | None:
        if order.legacy_order_id in self.cancelled:
            return "FULL_REFUNDED_ORDER" if order.paid else "INVALID_ORDER"
        if any(c.order_id == order.legacy_order_id and c.state in OPEN_STATES for c in self.cancellations.values()):
            return "CANCELLATION_EXIST"
        if order.legacy_order_id in self.shipped:
            return "CANCEL_WINDOW_ELAPSED"
        return None

    def check_eligibility(self, user: User, order_id: str) -> dict[str, Any]:
        order = self.order(order_id)
        self.party(user, order)
        reason = self.failure(order)
        result: dict[str, Any] = {"legacyOrderId": order_id, "eligible": reason is None}
        if reason:
            result["failureReason"] = [reason]
        else:
            result["eligibleCancelReason"] = ["BUYER_ASKED_CANCEL", "ORDER_MISTAKE", "FOUND_CHEAPER_PRICE", "OTHER"]
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

    def create(self, user: User, body: dict[str, Any]) -> dict[str, Any]:
        order = self.order(str(body.get("legacyOrderId", "")))
        party = self.party(user, order)
        reason = self.failure(order)
        if reason:
            return {"orderEligibilityResult": self.check_eligibility(user, order.legacy_order_id)}
        self.tick()
        cancellation = Cancellation(
            cancel_id=str(self.next_id),
            order_id=order.legacy_order_id,
            requestor=party,
            reason=str(
                body.get("cancelReason")
                or ("BUYER_ASKED_CANCEL" if party == "BUYER" else "OUT_OF_STOCK_OR_CANNOT_FULFILL")
            ),
            state="INITIAL",
            status="CANCEL_REQUESTED",
            created=stamp(self.now),
        )
        self.next_id += 1
        self.cancellations[cancellation.cancel_id] = cancellation
        if party == "BUYER":
            self._event(cancellation, "BUYER_CREATE_CANCEL", "BUYER", "APPROVAL_PENDING")
            cancellation.seller_due = stamp(self.now + datetime.timedelta(days=REFUND_DAYS_TO_RESPOND))
        else:
            self._seller_cancels(cancellation, order, "SELLER_CREATE_CANCEL")
        return {"cancelId": cancellation.cancel_id}

    def _seller_cancels(self, cancellation: Cancellation, order: Order, kind: str) -> None:
        self.cancelled.add(order.legacy_order_id)
        cancellation.status = "CANCEL_PENDING"
        if order.paid:
            self._event(cancellation, kind, "SELLER", "REFUND_PENDING")
            self._refund(cancellation)
        else:
            self._event(cancellation, kind, "SELLER", "CONFIRM_REFUND_PENDING")
            cancellation.buyer_due = stamp(self.now + datetime.timedelta(days=REFUND_DAYS_TO_RESPOND))

    # -- the seller's and buyer's answers --------------------------------------------------

    def _must(self, cancellation: Cancellation, party: str, who: str, state: str, action: str) -> None:
        if party != who:
            raise Problem(403, 1704, f"Only the {who.lower()} may {action} a cancellation request.")
        if cancellation.state != state:
            raise Problem(
                409, 1705, f"The cancellation {cancellation.cancel_id} is {cancellation.state}; {action} needs {state}."
            )

    def approve(self, user: User, cancel_id: str) -> None:
        cancellation, order, party = self.cancellation(user, cancel_id)
        self._must(cancellation, party, "SELLER", "APPROVAL_PENDING", "approve")
        self.tick()
        self._seller_cancels(cancellation, order, "SELLER_APPROVE")

    def reject(self, user: User, cancel_id: str, body: dict[str, Any]) -> None:
        cancellation, order, party = self.cancellation(user, cancel_id)
        self._must(cancellation, party, "SELLER", "APPROVAL_PENDING", "reject")
        self.tick()
        self._event(cancellation, "SELLER_REJECT", "SELLER", "CLOSED")
        cancellation.status, cancellation.close_reason, cancellation.closed = (
            "CANCEL_REJECTED",
            "SELLER_DECLINE",
            stamp(self.now),
        )
        if body.get("trackingNumber") or body.get("shipmentDate"):
            self.shipped.add(order.legacy_order_id)

    def confirm(self, user: User, cancel_id: str, body: dict[str, Any]) -> None:
        cancellation, order, party = self.cancellation(user, cancel_id)
        self._must(cancellation, party, "BUYER", "CONFIRM_REFUND_PENDING", "confirm the refund of")
        self.tick()
        self._event(cancellation, "BUYER_CONFIRM_REFUND", "BUYER", "CLOSED")
        unpaid = body.get("unpaidOrder") is True or not order.paid
        cancellation.status = "CANCEL_CLOSED_NO_REFUND" if unpaid else "CANCEL_CLOSED_WITH_REFUND"
        cancellation.close_reason = "BUYER_CONFIRM_NOT_PAID" if unpaid else "BUYER_CONFIRM_REFUND"
        cancellation.closed = stamp(self.now)

    # -- reading ---------------------------------------------------------------------------

    def summary(self, cancellation: Cancellation) -> dict[str, Any]:
        order = self.scenario.orders[cancellation.order_id]
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
            "requestRefundAmount": self.paid(order),
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

    def detail(self, user: User, cancel_id: str, full: bool) -> dict[str, Any]:
        cancellation, order, _ = self.cancellation(user, cancel_id)
        out = self.summary(cancellation)
        if full:
            out["activityHistories"] = [
                {**event, "actionDate": date_field(event["actionDate"])} for event in cancellation.history
            ]
            if cancellation.refund_issued:
                amount = money(order.total, order.line_items[0].currency)
                out["moneyMovementInfo"] = [
                    {
                        "moneyMovementType": "SELLER_VOLUNTARY_REFUND",
                        "status": "SUCCESS",
                        "requestedAmount": amount,
                        "actualAmount": amount,
                        "creationDate": date_field(cancellation.refund_issued),
                    }
                ]
                out["refundInfo"] = {
                    "actualRefundDetail": {
                        "actualRefund": {"totalAmount": amount},
                        "refundIssuedDate": date_field(cancellation.refund_issued),
                        "refundStatus": "SUCCESS",
                    }
                }
        return {"cancelDetail": out}

    def search(self, user: User, query: dict[str, str]) -> dict[str, Any]:
        role = query.get("role", "SELLER")
        field_name = "seller" if role == "SELLER" else "buyer"
        found = [
            c for c in self.cancellations.values() if getattr(self.scenario.orders[c.order_id], field_name) == user.name
        ]
        if "cancel_id" in query:
            found = [c for c in found if c.cancel_id == query["cancel_id"]]
        else:
            found = [c for c in found if _matches(c, self.scenario.orders[c.order_id], query)]
        sort = query.get("sort", "-CANCEL_REQUEST_DATE")
        name, descending = sort_order(sort)
        key = SORT_KEYS.get(name)
        if key is None:
            raise Problem(400, 1706, f"Unknown sort {sort!r}.", ("sort", sort))
        found.sort(key=lambda c: getattr(c, key), reverse=descending)
        limit, offset = window(query, 10, 500, (1707, 1708))
        page = found[offset : offset + limit]
        out: dict[str, Any] = {"cancellations": [self.summary(c) for c in page], "total": len(found)}
        if found:
            out["paginationOutput"] = pagination_output(limit, offset, len(found))
        return out


def _matches(cancellation: Cancellation, order: Order, query: dict[str, str]) -> bool:
    if "legacy_order_id" in query and order.legacy_order_id != query["legacy_order_id"]:
        return False
    if "item_id" in query and all(item.item_id != query["item_id"] for item in order.line_items):
        return False
    if "transaction_id" in query and all(item.transaction_id != query["transaction_id"] for item in order.line_items):
        return False
    start, end = query.get("creation_date_range_from"), query.get("creation_date_range_to")
    return (start is None or cancellation.created >= start) and (end is None or cancellation.created <= end)
