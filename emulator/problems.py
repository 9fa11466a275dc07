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


def pagination_output(limit: int, offset: int, total: int) -> dict[str, int]:
    """eBay's paginationOutput block for one page of a search."""
    return {"limit": limit, "offset": offset, "totalEntries": total, "totalPages": -(-total // limit)}


def date_field(text: str | None) -> dict[str, str] | None:
    """A DateTime object as eBay prints it, or None when there is no date."""
    return {"value": text, "formattedValue": text} if text else None
