"""Following eBay's paginated searches, and fanning out "get many by id" with a bound.

A search response carries its items in one list field and a ``paginationOutput`` (limit,
offset, totalEntries, totalPages). What ``offset`` counts differs between searches (entries to
skip, or a page number), so the spec says which with ``x-ebay-pagination``; the facade passes it
here and nothing below names an operation.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from .types import Unset

T = TypeVar("T")
R = TypeVar("R")

MAX_IN_FLIGHT = 10


def first_offset(args: dict[str, Any], unit: str) -> int:
    given = args.get("offset")
    return given if isinstance(given, int) else (1 if unit == "pages" else 0)


def page_items(page: Any, items_field: str) -> list[Any]:
    items = getattr(page, items_field, None) if page is not None else None
    return [] if items is None or isinstance(items, Unset) else list(items)


def next_offset(page: Any, items: list[Any], offset: int, unit: str, limit: Any) -> int | None:
    """The offset of the following page, or None when this was the last one."""
    if not items:
        return None
    following = offset + (1 if unit == "pages" else len(items))
    info = getattr(page, "pagination_output", None)
    total_pages = getattr(info, "total_pages", None)
    total_entries = getattr(info, "total_entries", None)
    if unit == "pages" and isinstance(total_pages, int) and offset >= total_pages:
        return None
    if unit == "entries" and isinstance(total_entries, int) and following >= total_entries:
        return None
    if isinstance(limit, int) and len(items) < limit:
        return None
    return following


def iterate(call: Callable[..., Any], args: dict[str, Any], items_field: str, unit: str) -> Iterator[Any]:
    offset: int | None = first_offset(args, unit)
    while offset is not None:
        page = call(**{**args, "offset": offset})
        items = page_items(page, items_field)
        yield from items
        offset = next_offset(page, items, offset, unit, args.get("limit"))


async def aiterate(
    call: Callable[..., Awaitable[Any]], args: dict[str, Any], items_field: str, unit: str
) -> AsyncIterator[Any]:
    offset: int | None = first_offset(args, unit)
    while offset is not None:
        page = await call(**{**args, "offset": offset})
        items = page_items(page, items_field)
        for item in items:
            yield item
        offset = next_offset(page, items, offset, unit, args.get("limit"))


def fan_out(
    fetch: Callable[[T], R], keys: Iterable[T], *, max_in_flight: int = MAX_IN_FLIGHT, return_exceptions: bool = False
) -> list[R | BaseException]:
    """``fetch`` every key with at most ``max_in_flight`` calls at once; results in key order.

    With ``return_exceptions`` a failed key's exception takes its place in the list (as with
    ``asyncio.gather``); otherwise the first failure is raised once all calls are done.
    """
    with ThreadPoolExecutor(max_workers=max_in_flight) as pool:
        futures = [pool.submit(fetch, key) for key in keys]
    results: list[R | BaseException] = []
    for future in futures:
        error = future.exception()
        if error is not None and not return_exceptions:
            raise error
        results.append(error if error is not None else future.result())
    return results


async def afan_out(
    fetch: Callable[[T], Awaitable[R]],
    keys: Iterable[T],
    *,
    max_in_flight: int = MAX_IN_FLIGHT,
    return_exceptions: bool = False,
) -> list[R | BaseException]:
    """The async ``fan_out``: a semaphore keeps at most ``max_in_flight`` calls in flight."""
    gate = asyncio.Semaphore(max_in_flight)

    async def one(key: T) -> R:
        async with gate:
            return await fetch(key)

    return list(await asyncio.gather(*(one(key) for key in keys), return_exceptions=return_exceptions))
