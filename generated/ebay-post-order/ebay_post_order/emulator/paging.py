# Hand-written in emulator/paging.py, copied by `make generate` -- do not edit the copy.
"""What every search shares: the page window, the sort order, and a page of records."""

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from .errors import ErrorKind

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a search: its records, how many matched in all, and the window asked for."""

    records: list[T]
    total: int
    limit: int
    offset: int


def window(
    query: dict[str, str], default_limit: int, max_limit: int, errors: tuple[ErrorKind, ErrorKind]
) -> tuple[int, int]:
    """A search's ``limit`` and ``offset``; ``errors`` (limit, offset) when out of range."""
    limit, offset = int(query.get("limit", default_limit)), int(query.get("offset", 0))
    if not 1 <= limit <= max_limit:
        raise errors[0](f"limit must be between 1 and {max_limit}.", ("limit", str(limit)))
    if offset < 0:
        raise errors[1]("offset must not be negative.", ("offset", str(offset)))
    return limit, offset


def page(found: list[T], limit: int, offset: int) -> Page[T]:
    return Page(found[offset : offset + limit], len(found), limit, offset)


def sort_order(sort: str) -> tuple[str, bool]:
    """A ``sort`` value such as ``-FILING_DATE``: the key and whether it is descending (a ``+``
    that was not URL-encoded arrives as a space)."""
    return sort.lstrip("+- "), sort.startswith("-")


class Dated(Protocol):
    @property
    def created(self) -> str: ...


D = TypeVar("D", bound=Dated)


def page_by_date(found: list[D], query: dict[str, str], errors: tuple[ErrorKind, ErrorKind]) -> Page[D]:
    """Inquiry and case searches: newest first unless ``sort=Ascending``, 25 a page, at most 200."""
    ordered = sorted(found, key=lambda record: record.created)
    if query.get("sort", "Descending") != "Ascending":
        ordered.reverse()
    limit, offset = window(query, 25, 200, errors)
    return page(ordered, limit, offset)
