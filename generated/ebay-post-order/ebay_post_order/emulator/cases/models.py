# Hand-written in emulator/cases/models.py, copied by `make generate` -- do not edit the copy.
"""Cases: what an escalated inquiry or return becomes, their state and eBay's rules.

A case is open until the seller refunds or the buyer closes it; a closed case may be appealed
once by either side. Cases are opened by the inquiry and return domains (``open``), which is why
this module knows neither of them.
"""

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from .. import errors
from ..errors import ErrorKind
from ..paging import Page, page_by_date
from ..scenario import User
from ..wire import stamp
from ..world import World


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


class Claim(Protocol):
    """What an inquiry and a case share: a history of dated actions and a last-modified time."""

    modified: str
    history: list[dict[str, Any]]


def record_event(world: World, claim: Claim, action: str, actor: str, description: str = "") -> None:
    """One step of an inquiry's or a case's history, at the next tick of the clock."""
    now = stamp(world.tick())
    claim.modified = now
    event: dict[str, Any] = {"action": action, "actor": actor, "date": now}
    if description:
        event["description"] = description
    claim.history.append(event)


def need(party: str, who: str, allowed: bool, what: str, state: str, kinds: tuple[ErrorKind, ErrorKind]) -> None:
    """``kinds`` (wrong party, wrong state) unless ``who`` is asking and ``allowed`` holds."""
    if party != who:
        raise kinds[0](f"Only the {who.lower()} may {what}.")
    if not allowed:
        raise kinds[1](f"Cannot {what} while the claim is {state}.")


CASE_ERRORS = (errors.CASE_WRONG_PARTY, errors.CASE_WRONG_STATE)


class Cases:
    def __init__(self, world: World) -> None:
        self.world = world
        self.records: dict[str, Case] = {}

    def dump(self) -> dict[str, Any]:
        return {"records": [asdict(c) for c in self.records.values()]}

    def load(self, data: dict[str, Any]) -> None:
        self.records = {c["case_id"]: Case(**c) for c in data["records"]}

    def open(
        self,
        order_id: str,
        item_id: str,
        transaction_id: str,
        when: str,
        actor: str,
        reason: str,
        return_id: str | None = None,
    ) -> Case:
        """A case for a line item's claim that ``actor`` escalated at ``when``."""
        case = Case(
            case_id=self.world.new_id("case"),
            return_id=return_id,
            order_id=order_id,
            item_id=item_id,
            transaction_id=transaction_id,
            status="OPEN",
            created=when,
            modified=when,
            escalate_reason=reason,
        )
        case.history.append({"action": f"{actor}_ESCALATE", "actor": actor, "date": case.created})
        self.records[case.case_id] = case
        return case

    def get(self, user: User, case_id: str) -> tuple[Case, str]:
        return self.world.visible(
            user,
            self.records.get(case_id),
            errors.CASE_NOT_FOUND,
            f"The case {case_id} was not found.",
            ("caseId", case_id),
        )

    def shipment_info(self, user: User, case_id: str, carrier: str, tracking: str) -> None:
        case, party = self.get(user, case_id)
        need(party, "SELLER", case.status == "OPEN", "provide shipment info", case.status, CASE_ERRORS)
        record_event(self.world, case, "SELLER_PROVIDE_SHIPMENT_INFO", "SELLER", f"{carrier} {tracking}".strip())

    def return_address(self, user: User, case_id: str) -> None:
        case, party = self.get(user, case_id)
        need(party, "SELLER", case.status == "OPEN", "provide a return address", case.status, CASE_ERRORS)
        record_event(self.world, case, "SELLER_PROVIDE_RETURN_ADDRESS", "SELLER")

    def refund(self, user: User, case_id: str) -> None:
        case, party = self.get(user, case_id)
        need(party, "SELLER", case.status == "OPEN", "issue a refund", case.status, CASE_ERRORS)
        record_event(self.world, case, "SELLER_ISSUE_REFUND", "SELLER")
        case.status, case.close_reason, case.closed = "CLOSED", "BUYER_REFUNDED", case.modified

    def close(self, user: User, case_id: str, reason: str) -> None:
        case, party = self.get(user, case_id)
        need(party, "BUYER", case.status == "OPEN", "close the case", case.status, CASE_ERRORS)
        record_event(self.world, case, "BUYER_CLOSE_CASE", "BUYER", reason)
        case.status, case.close_reason, case.closed = "CLOSED", "BUYER_CLOSE", case.modified

    def appeal(self, user: User, case_id: str, comments: str) -> None:
        case, party = self.get(user, case_id)
        if case.status != "CLOSED":
            raise errors.CASE_WRONG_STATE(f"Only a decided (closed) case can be appealed; this one is {case.status}.")
        if case.appealed_by is not None:
            raise errors.CASE_ALREADY_APPEALED("This case decision has already been appealed.")
        record_event(self.world, case, f"{party}_APPEAL", party, comments)
        case.appealed_by, case.appeal_date = party, case.modified

    def search(self, user: User, query: dict[str, str]) -> Page[Case]:
        orders = self.world.scenario.orders
        found = [
            c for c in self.records.values() if self.world.side(user, orders[c.order_id]) and matches_line(c, query)
        ]
        if "return_id" in query:
            found = [c for c in found if c.return_id == query["return_id"]]
        if "case_status_filter" in query:
            found = [c for c in found if c.status == query["case_status_filter"]]
        return page_by_date(found, query, (errors.CASE_BAD_LIMIT, errors.CASE_BAD_OFFSET))


class OnALine(Protocol):
    @property
    def order_id(self) -> str: ...
    @property
    def item_id(self) -> str: ...
    @property
    def transaction_id(self) -> str: ...


def matches_line(claim: OnALine, query: dict[str, str]) -> bool:
    """The line-item and order filters inquiry and case searches share."""
    if "item_id" in query and claim.item_id != query["item_id"]:
        return False
    if "transaction_id" in query and claim.transaction_id != query["transaction_id"]:
        return False
    return "order_id" not in query or claim.order_id == query["order_id"]
