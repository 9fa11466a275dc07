# Hand-written in emulator/backend.py, copied by `make generate` -- do not edit the copy.
"""One emulated eBay: the shared world and the four domains in it, seeded from a scenario.

This is what a test's fresh world is, and what the state file holds. The domains know the world
and, where eBay escalates, the cases domain; nothing here knows HTTP.
"""

from typing import Any

from .cancellations.models import Cancellations
from .cases.models import Cases
from .inquiries.models import Inquiries
from .returns.models import Returns
from .scenario import Scenario
from .world import World

DOMAINS = ("cancellations", "cases", "inquiries", "returns")


class StateError(ValueError):
    """A state file that does not fit: not this emulator's, or naming what the scenario lacks."""


class Backend:
    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.world = World(scenario, seed)
        self.cancellations = Cancellations(self.world)
        self.cases = Cases(self.world)
        self.inquiries = Inquiries(self.world, self.cases)
        self.returns = Returns(self.world, self.cases)
        self._seed(scenario)

    def _seed(self, scenario: Scenario) -> None:
        """What the scenario says is already going on, made through the domains' own rules."""
        for seeded in scenario.cancellations:
            self.cancellations.create(scenario.users[seeded.requested_by], seeded.order, seeded.reason)
        for order_id in scenario.inquiries:
            order = scenario.orders[order_id]
            item = order.line_items[0]
            self.inquiries.open(scenario.users[order.buyer], item.item_id, item.transaction_id)
        for seeded_return in scenario.returns:
            order = scenario.orders[seeded_return.order]
            item = order.line_items[0]
            request = {"itemId": item.item_id, "transactionId": item.transaction_id, "reason": seeded_return.reason}
            self.returns.create(scenario.users[order.buyer], request, None)

    def dump(self) -> dict[str, Any]:
        return {"world": self.world.dump(), **{name: getattr(self, name).dump() for name in DOMAINS}}

    def load(self, data: dict[str, Any]) -> None:
        """Replace the state with ``data``; ``StateError`` (and the state unchanged) if it does not fit."""
        before = self.dump()
        try:
            self.world.load(data["world"])
            for name in DOMAINS:
                getattr(self, name).load(data[name])
            self._check()
        except StateError:
            self.load(before)
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            self.load(before)
            raise StateError(f"not a state this emulator wrote ({type(err).__name__}: {err})") from None

    def _check(self) -> None:
        """Every record names an order, a line item and users that the scenario has."""
        orders, users = self.world.scenario.orders, self.world.scenario.users
        for name in DOMAINS:
            for key, record in getattr(self, name).records.items():
                order = orders.get(record.order_id)
                if order is None:
                    raise StateError(f"{name} {key}: the scenario has no order {record.order_id!r}")
                line = (getattr(record, "item_id", None), getattr(record, "transaction_id", None))
                if line[0] is not None and line not in {(i.item_id, i.transaction_id) for i in order.line_items}:
                    raise StateError(f"{name} {key}: the order {order.legacy_order_id} has no line item {line[0]}")
        for draft in self.returns.drafts.values():
            if draft.buyer not in users:
                raise StateError(f"returns draft {draft.draft_id}: the scenario has no user {draft.buyer!r}")
        for user in self.world.access_tokens.values():
            if user not in users:
                raise StateError(f"world: an access token names {user!r}, a user the scenario lacks")
