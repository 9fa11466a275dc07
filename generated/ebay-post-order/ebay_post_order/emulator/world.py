# Hand-written in emulator/world.py, copied by `make generate` -- do not edit the copy.
"""The shared world every domain lives in: scenario, clock, ids, tokens, orders, who sees what.

Nothing here knows a cancellation from a return. Ids come from counters (one series per kind of
record, each with eBay-like numbers) and time from a clock that moves a fixed step per change,
so the same calls on the same scenario always give the same answers. The emulator serves one
request at a time per event loop and never awaits inside a domain rule, so a change is atomic.
"""

import datetime
from typing import Any, Protocol, TypeVar

from .errors import ErrorKind
from .quotas import Quotas
from .scenario import LineItem, Order, Scenario, User

ID_SERIES = {"return": 5100000001, "inquiry": 5200000001, "case": 5300000001, "draft": 5400000001, "file": 5500000001}
"""Where each series of ids starts; cancellations start at 5000000001 plus 1000 per seed."""


class OfAnOrder(Protocol):
    @property
    def order_id(self) -> str: ...


R = TypeVar("R", bound=OfAnOrder)


class World:
    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        self.scenario = scenario
        self.now = scenario.start
        self.ids = {"cancellation": 5000000000 + 1000 * seed + 1, **ID_SERIES}
        self.shipped = {order.legacy_order_id for order in scenario.orders.values() if order.shipped}
        self.access_tokens: dict[str, str] = {}  # minted by the token endpoint -> user name
        self._users_by_token = {user.token: user for user in scenario.users.values()}
        self.quotas = Quotas(scenario.quotas)  # counted in memory only, never in the state file

    # -- persistence ---------------------------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "ids": self.ids,
            "access_tokens": self.access_tokens,
            "shipped": sorted(self.shipped),
        }

    def load(self, data: dict[str, Any]) -> None:
        self.now = datetime.datetime.fromisoformat(data["now"])
        self.ids = {series: int(data["ids"][series]) for series in self.ids}
        self.access_tokens = {str(token): str(user) for token, user in data["access_tokens"].items()}
        self.shipped = set(data["shipped"])

    # -- time and ids ----------------------------------------------------------------------------

    def tick(self) -> datetime.datetime:
        self.now += datetime.timedelta(seconds=self.scenario.step_seconds)
        return self.now

    def new_id(self, series: str) -> str:
        value = self.ids[series]
        self.ids[series] = value + 1
        return str(value)

    # -- who is calling --------------------------------------------------------------------------

    def user_for(self, token: str) -> User | None:
        name = self.access_tokens.get(token)
        return self.scenario.users[name] if name else self._users_by_token.get(token)

    def mint(self, user: User) -> str:
        """A new OAuth access token for ``user`` (the token endpoint checked the grant)."""
        token = f"emu-access-{len(self.access_tokens) + 1}"
        self.access_tokens[token] = user.name
        return token

    # -- orders and who may see them -------------------------------------------------------------

    def order_of(self, record: OfAnOrder) -> Order:
        return self.scenario.orders[record.order_id]

    def line(
        self, user: User, item_id: str, transaction_id: str, missing: ErrorKind, stranger: ErrorKind
    ) -> tuple[Order, LineItem]:
        """The order and line item a buyer or seller names; ``missing`` if there is none,
        ``stranger`` if the caller is neither the buyer nor the seller of that order."""
        for order in self.scenario.orders.values():
            for item in order.line_items:
                if item.item_id == item_id and item.transaction_id == transaction_id:
                    self.party(user, order, stranger)
                    return order, item
        raise missing(f"No line item {item_id}/{transaction_id}.", ("itemId", item_id))

    @staticmethod
    def side(user: User, order: Order) -> str | None:
        """BUYER or SELLER, as this user stands to the order, or None for a stranger."""
        return "SELLER" if user.name == order.seller else "BUYER" if user.name == order.buyer else None

    def party(self, user: User, order: Order, stranger: ErrorKind) -> str:
        """``side``, where a stranger may not see the order at all."""
        side = self.side(user, order)
        if side is None:
            raise stranger("The caller is neither the buyer nor the seller of this order.")
        return side

    def visible(
        self, user: User, record: R | None, missing: ErrorKind, message: str, parameter: tuple[str, str]
    ) -> tuple[R, str]:
        """``record`` and the caller's side; ``missing`` (a 404) when there is no record or the
        caller is a stranger to its order, so that nobody learns which ids exist for others."""
        order = self.scenario.orders.get(record.order_id) if record is not None else None
        side = self.side(user, order) if order is not None else None
        if record is None or side is None:
            raise missing(message, parameter)
        return record, side
