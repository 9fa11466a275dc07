"""Scenario files: who exists, what they bought, what is already going on.

A scenario is YAML (see ``scenarios/default.yaml``). Loading checks it and names the first
problem with its place (``orders[2].seller: no user 'x'``) instead of failing later mid-request.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

DEFAULT = Path(__file__).parent / "scenarios" / "default.yaml"
ROLES = ("seller", "buyer")
QUOTA_RESOURCES = ("cancellation", "casemanagement", "inquiry", "return")


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names the file and the place."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    token: str
    refresh_token: str | None = None


@dataclass(frozen=True)
class LineItem:
    item_id: str
    transaction_id: str
    title: str
    quantity: int
    price: Decimal
    currency: str


@dataclass(frozen=True)
class Order:
    legacy_order_id: str
    seller: str
    buyer: str
    marketplace: str
    paid: bool
    shipped: bool
    created: datetime.datetime
    line_items: tuple[LineItem, ...]

    @property
    def total(self) -> Decimal:
        return sum((item.price * item.quantity for item in self.line_items), Decimal("0"))


@dataclass(frozen=True)
class SeededCancellation:
    order: str
    requested_by: str
    reason: str


@dataclass(frozen=True)
class SeededReturn:
    order: str
    reason: str


@dataclass(frozen=True)
class Fault:
    path: str
    status: int
    method: str | None = None
    times: int = 1
    retry_after: float | None = None
    latency: float = 0.0


@dataclass(frozen=True)
class Scenario:
    start: datetime.datetime
    step_seconds: int
    apps: dict[str, str]  # client_id -> client_secret
    users: dict[str, User]
    orders: dict[str, Order]
    cancellations: tuple[SeededCancellation, ...]
    faults: tuple[Fault, ...] = field(default=())
    inquiries: tuple[str, ...] = field(default=())  # orders whose buyer has an INR inquiry open
    returns: tuple[SeededReturn, ...] = field(default=())  # return requests waiting for the seller
    quotas: dict[str, int] = field(default_factory=dict)  # calls a day per rate-limit resource (quotas.py)


def load(path: Path | str = DEFAULT) -> Scenario:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ScenarioError(f"{path}: cannot read scenario: {err}") from None
    return from_mapping(raw if isinstance(raw, dict) else {}, str(path))


def from_mapping(raw: dict[str, Any], where: str = "scenario") -> Scenario:
    """A scenario from its parsed YAML (or a test's own dict); ``where`` names it in errors."""
    try:
        return _build(raw)
    except ScenarioError as err:
        raise ScenarioError(f"{where}: {err}") from None


def _build(raw: dict[str, Any]) -> Scenario:
    clock = raw.get("clock") or {}
    if not isinstance(clock, dict):
        raise ScenarioError("clock: expected a mapping")
    users = {}
    for i, entry in enumerate(_list(raw, "users")):
        where = f"users[{i}]"
        user = User(
            name=_text(entry, "name", where),
            role=_choice(entry, "role", ROLES, where),
            token=_text(entry, "token", where),
            refresh_token=entry.get("refresh_token"),
        )
        users[user.name] = user
    orders = {}
    for i, entry in enumerate(_list(raw, "orders")):
        where = f"orders[{i}]"
        order = Order(
            legacy_order_id=_text(entry, "legacy_order_id", where),
            seller=_user(entry, "seller", users, "seller", where),
            buyer=_user(entry, "buyer", users, "buyer", where),
            marketplace=_text(entry, "marketplace", where),
            paid=bool(entry.get("paid", True)),
            shipped=bool(entry.get("shipped", False)),
            created=_time(entry.get("created"), f"{where}.created"),
            line_items=tuple(
                _line_item(item, f"{where}.line_items[{j}]") for j, item in enumerate(entry.get("line_items") or [])
            ),
        )
        if not order.line_items:
            raise ScenarioError(f"{where}.line_items: an order needs at least one line item")
        orders[order.legacy_order_id] = order
    cancellations = []
    for i, entry in enumerate(_list(raw, "cancellations")):
        where = f"cancellations[{i}]"
        order_id = _text(entry, "order", where)
        if order_id not in orders:
            raise ScenarioError(f"{where}.order: no order {order_id!r}")
        requester = _text(entry, "requested_by", where)
        if requester not in (orders[order_id].seller, orders[order_id].buyer):
            raise ScenarioError(f"{where}.requested_by: {requester!r} is neither buyer nor seller of the order")
        cancellations.append(SeededCancellation(order_id, requester, _text(entry, "reason", where)))
    inquiries = []
    for i, entry in enumerate(_list(raw, "inquiries")):
        order_id = _text(entry, "order", f"inquiries[{i}]")
        if order_id not in orders:
            raise ScenarioError(f"inquiries[{i}].order: no order {order_id!r}")
        inquiries.append(order_id)
    returns = []
    for i, entry in enumerate(_list(raw, "returns")):
        order_id = _text(entry, "order", f"returns[{i}]")
        if order_id not in orders:
            raise ScenarioError(f"returns[{i}].order: no order {order_id!r}")
        if not orders[order_id].shipped:
            raise ScenarioError(f"returns[{i}].order: {order_id!r} was not shipped, so it cannot be returned")
        returns.append(SeededReturn(order_id, _text(entry, "reason", f"returns[{i}]")))
    faults = tuple(
        Fault(
            path=_text(entry, "path", f"faults[{i}]"),
            status=int(_number(entry, "status", 503, f"faults[{i}]", 400, 599)),
            method=entry.get("method"),
            times=int(_number(entry, "times", 1, f"faults[{i}]", 0, 10**9)),
            retry_after=_number(entry, "retry_after", 0, f"faults[{i}]", 0, 86400) if "retry_after" in entry else None,
            latency=_number(entry, "latency", 0, f"faults[{i}]", 0, 30),
        )
        for i, entry in enumerate(_list(raw, "faults"))
    )
    quotas = raw.get("quotas") or {}
    if not isinstance(quotas, dict):
        raise ScenarioError("quotas: expected a mapping of eBay's rate-limit resources to calls a day")
    for name in quotas:
        if name not in QUOTA_RESOURCES:
            raise ScenarioError(f"quotas.{name}: not one of eBay's resources {list(QUOTA_RESOURCES)}")
    return Scenario(
        start=_time(clock.get("start", "2026-01-01T00:00:00.000Z"), "clock.start"),
        step_seconds=int(_number(clock, "step_seconds", 60, "clock", 1, 86400)),
        apps={_text(a, "client_id", "apps"): _text(a, "client_secret", "apps") for a in _list(raw, "apps")},
        users=users,
        orders=orders,
        cancellations=tuple(cancellations),
        faults=faults,
        inquiries=tuple(inquiries),
        returns=tuple(returns),
        quotas={str(name): int(_number(quotas, name, 0, "quotas", 0, 10**9)) for name in sorted(quotas)},
    )


def _list(raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ScenarioError(f"{key}: expected a list of mappings")
    return value


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str | int) or value == "":
        raise ScenarioError(f"{where}.{key}: missing")
    return str(value)


def _number(entry: dict[str, Any], key: str, default: float, where: str, low: float, high: float) -> float:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ScenarioError(f"{where}.{key}: {value!r} is not a number from {low:g} to {high:g}")
    return float(value)


def _choice(entry: dict[str, Any], key: str, choices: tuple[str, ...], where: str) -> str:
    value = _text(entry, key, where)
    if value not in choices:
        raise ScenarioError(f"{where}.{key}: {value!r} is not one of {list(choices)}")
    return value


def _user(entry: dict[str, Any], key: str, users: dict[str, User], role: str, where: str) -> str:
    name = _text(entry, key, where)
    if name not in users:
        raise ScenarioError(f"{where}.{key}: no user {name!r}")
    if users[name].role != role:
        raise ScenarioError(f"{where}.{key}: {name!r} is a {users[name].role}, not a {role}")
    return name


def _time(value: Any, where: str) -> datetime.datetime:
    try:
        parsed = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        raise ScenarioError(f"{where}: {value!r} is not an ISO 8601 timestamp") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _line_item(entry: dict[str, Any], where: str) -> LineItem:
    try:
        price = Decimal(str(entry.get("price")))
    except InvalidOperation:
        raise ScenarioError(f"{where}.price: {entry.get('price')!r} is not a number") from None
    return LineItem(
        item_id=_text(entry, "item_id", where),
        transaction_id=_text(entry, "transaction_id", where),
        title=_text(entry, "title", where),
        quantity=int(_number(entry, "quantity", 1, where, 1, 10**6)),
        price=price,
        currency=_text(entry, "currency", where),
    )
