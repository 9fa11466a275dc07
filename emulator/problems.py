"""What every part of the emulator shares: eBay's error as an exception, and eBay's formats."""

import datetime
from decimal import Decimal
from typing import Any


class Problem(Exception):
    """An error eBay would answer with; the app renders it in eBay's errorMessage shape."""

    def __init__(self, status: int, error_id: int, message: str, parameter: tuple[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.error_id, self.message, self.parameter = status, error_id, message, parameter


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def money(value: Decimal, currency: str) -> dict[str, Any]:
    return {"value": value, "currency": currency}


def window(query: dict[str, str], default_limit: int, max_limit: int, error_ids: tuple[int, int]) -> tuple[int, int]:
    """A search's ``limit`` and ``offset``: 400 (``error_ids``: limit, offset) when out of range."""
    limit, offset = int(query.get("limit", default_limit)), int(query.get("offset", 0))
    if not 1 <= limit <= max_limit:
        raise Problem(400, error_ids[0], f"limit must be between 1 and {max_limit}.", ("limit", str(limit)))
    if offset < 0:
        raise Problem(400, error_ids[1], "offset must not be negative.", ("offset", str(offset)))
    return limit, offset


def sort_order(sort: str) -> tuple[str, bool]:
    """A ``sort`` value such as ``-FILING_DATE``: the key and whether it is descending (a ``+``
    that was not URL-encoded arrives as a space)."""
    return sort.lstrip("+- "), sort.startswith("-")


def text(value: Any) -> str:
    """The ``content`` of eBay's Text object (comments, messages), or "" when there is none."""
    return str(value.get("content", "")) if isinstance(value, dict) else ""


def pagination_output(limit: int, offset: int, total: int) -> dict[str, int]:
    """eBay's paginationOutput block for one page of a search."""
    return {"limit": limit, "offset": offset, "totalEntries": total, "totalPages": -(-total // limit)}


def date_field(text: str | None) -> dict[str, str] | None:
    """A DateTime object as eBay prints it, or None when there is no date."""
    return {"value": text, "formattedValue": text} if text else None
