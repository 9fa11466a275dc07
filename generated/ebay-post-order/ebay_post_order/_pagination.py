# Hand-written in generator/runtime/_pagination.py, copied by `make generate` -- do not edit the copy.
"""eBay's paginated searches as pages you can read, iterate and walk; bounded "get many by id".

A search answers one page: its items in one list field and a ``paginationOutput`` (limit,
offset, totalEntries, totalPages). What ``offset`` counts differs between searches (entries to
skip, or a page number), so the spec says which with ``x-ebay-pagination`` and the generated
page class of each search carries it (``ITEMS``, ``OFFSET_UNIT``); nothing below names an
operation. A page *is* the typed search response, with every field, and also:

* ``page.items``: this page's items; ``for item in page``: every item from this page on,
  fetching the pages after it as the loop reaches them (``async for`` on the async client);
* ``page.has_next_page()``, ``page.next_page()``, ``page.iter_pages()``: the pages themselves.

The engine binds each page it decodes to the call that fetched it (``_bind``), so the next page
is the same call with the next offset.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar, Generic, Self, TypeVar

from .types import Unset

T = TypeVar("T")
R = TypeVar("R")
ItemT = TypeVar("ItemT")

MAX_IN_FLIGHT = 10


class _Page(Generic[ItemT]):
    """What the sync and async pages share: their items and where the next page starts.

    No ``__slots__``: a page instance gets a ``__dict__`` for the three attributes ``_bind`` sets,
    beside the response model's slots.
    """

    ITEMS: ClassVar[str]
    OFFSET_UNIT: ClassVar[str]  # "entries" (items to skip) or "pages" (a 1-based page number)
    _offset: int
    _limit: Any

    def _bind(self, fetch: Callable[[int], Any], query: Mapping[str, Any] | None) -> None:
        given = (query or {}).get("offset")
        self._fetch = fetch
        self._offset = given if isinstance(given, int) else (1 if self.OFFSET_UNIT == "pages" else 0)
        self._limit = (query or {}).get("limit")

    @property
    def items(self) -> list[ItemT]:
        """This page's items (an empty list when eBay sent none)."""
        items = getattr(self, self.ITEMS)
        return [] if isinstance(items, Unset) or items is None else list(items)

    def _next_offset(self) -> int | None:
        """The offset of the following page, or None when this is the last one (or unbound)."""
        if getattr(self, "_fetch", None) is None:
            return None
        items = self.items
        if not items:
            return None
        unit, offset = self.OFFSET_UNIT, self._offset
        following = offset + (1 if unit == "pages" else len(items))
        info = getattr(self, "pagination_output", None)
        total_pages = getattr(info, "total_pages", None)
        total_entries = getattr(info, "total_entries", None)
        if unit == "pages" and isinstance(total_pages, int) and offset >= total_pages:
            return None
        if unit == "entries" and isinstance(total_entries, int) and following >= total_entries:
            return None
        if isinstance(self._limit, int) and len(items) < self._limit:
            return None
        return following

    def has_next_page(self) -> bool:
        return self._next_offset() is not None

    def _repeats(self, previous: "_Page[ItemT]") -> bool:
        """Whether this page holds the items of the one before it: a server that ignores the
        offset would otherwise be paged through forever (eBay's end the walk with an empty page)."""
        mine, theirs = self.items, previous.items
        return bool(mine) and len(mine) == len(theirs) and mine[0] == theirs[0] and mine[-1] == theirs[-1]


class SyncPage(_Page[ItemT]):
    _fetch: Callable[[int], Self]

    def next_page(self) -> Self | None:
        """The page after this one, fetched now; None when this is the last."""
        following = self._next_offset()
        if following is None:
            return None
        page = self._fetch(following)
        return None if page._repeats(self) else page

    def iter_pages(self) -> Iterator[Self]:
        """This page, then each page after it, fetched as the loop reaches it."""
        page: Self | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_Page[ItemT]):
    _fetch: Callable[[int], Awaitable[Self]]

    async def next_page(self) -> Self | None:
        """The page after this one, fetched now; None when this is the last."""
        following = self._next_offset()
        if following is None:
            return None
        page = await self._fetch(following)
        return None if page._repeats(self) else page

    async def iter_pages(self) -> AsyncIterator[Self]:
        """This page, then each page after it, fetched as the loop reaches it."""
        page: Self | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


def each(first: Callable[[], SyncPage[T]]) -> Iterator[T]:
    """Every item of a search, from its first page on; nothing is sent until the loop starts."""
    yield from first()


async def aeach(first: Callable[[], Awaitable[AsyncPage[T]]]) -> AsyncIterator[T]:
    """The async ``each``."""
    async for item in await first():
        yield item


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
    import asyncio  # here, not at the top: a sync-only program never pays for importing it

    gate = asyncio.Semaphore(max_in_flight)

    async def one(key: T) -> R:
        async with gate:
            return await fetch(key)

    return list(await asyncio.gather(*(one(key) for key in keys), return_exceptions=return_exceptions))
