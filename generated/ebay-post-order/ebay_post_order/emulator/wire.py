# Hand-written in emulator/wire.py, copied by `make generate` -- do not edit the copy.
"""eBay's formats on the wire: JSON with exact money, timestamps, Amount, DateTime, paging, errors.

Money is kept as ``Decimal`` from the scenario to the response and written as a JSON number with
exactly its digits (``149.99``, never ``149.98999999999998``), as eBay writes amounts; msgspec's
encoder does that (``decimal_format="number"``), where the standard library cannot.
"""

import datetime
from decimal import Decimal
from typing import Any

import msgspec
from starlette.responses import Response

from .errors import EmulatorError
from .scenario import Order

_ENCODER = msgspec.json.Encoder(decimal_format="number")


def json_response(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(_ENCODER.encode(value), status_code=status, media_type="application/json", headers=headers)


def error_response(error: EmulatorError, domain: str) -> Response:
    """``error`` in eBay's ``errorMessage`` shape; ``domain`` is used where the kind has none."""
    kind = error.kind
    entry: dict[str, Any] = {
        "errorId": kind.error_id,
        "domain": kind.domain or domain,
        "severity": "ERROR",
        "category": "REQUEST" if kind.status < 500 else "APPLICATION",
        "message": error.message,
        "longMessage": error.message,
        "httpStatusCode": kind.status,
    }
    if error.parameter:
        entry["parameter"] = [{"name": error.parameter[0], "value": error.parameter[1]}]
    return json_response({"errorMessage": {"error": [entry]}}, kind.status)


def oauth_error(status: int, error_id: int, message: str) -> Response:
    """The ``errors`` shape eBay's OAuth gateway answers a bad Authorization header with."""
    error = {"errorId": error_id, "domain": "OAuth", "category": "REQUEST", "message": message, "longMessage": message}
    return json_response({"errors": [error]}, status)


def rate_limited(error_id: int, message: str) -> Response:
    """eBay's 429 once a resource's quota is spent, in the ``errors`` shape of its REST gateway."""
    error = {"errorId": error_id, "domain": "ACCESS", "category": "REQUEST", "message": message, "longMessage": message}
    return json_response({"errors": [error]}, 429)


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def money(value: Decimal, currency: str) -> dict[str, Any]:
    return {"value": value, "currency": currency}


def paid(order: Order) -> dict[str, Any]:
    """What the buyer paid for the order, as eBay's Amount (zero for an unpaid order)."""
    return money(order.total if order.paid else Decimal("0"), order.line_items[0].currency)


def date_field(text: str | None) -> dict[str, str] | None:
    """A DateTime object as eBay prints it, or None when there is no date."""
    return {"value": text, "formattedValue": text} if text else None


def pagination_output(limit: int, offset: int, total: int) -> dict[str, int]:
    """eBay's paginationOutput block for one page of a search."""
    return {"limit": limit, "offset": offset, "totalEntries": total, "totalPages": -(-total // limit)}


def text(value: Any) -> str:
    """The ``content`` of eBay's Text object (comments, messages), or "" when there is none."""
    return str(value.get("content", "")) if isinstance(value, dict) else ""
