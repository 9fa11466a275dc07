# Hand-written in generator/runtime/_quota.py, copied by `make generate` -- do not edit the copy.
"""Budgets of eBay calls, per rate-limit resource, shared by every client that is given one.

eBay limits each application, not each seller: by default 5,000 Post-Order calls a day for each
of its resources (``return``, ``cancellation``, ``inquiry``, ``casemanagement``), shared by every
seller the app serves, and more only after eBay's Application Growth Check
(https://developer.ebay.com/develop/get-started/api-call-limits). Once a resource is spent eBay
answers 429, and a refund cannot be issued until the window resets. A budget given to a client
as ``quota=`` counts every attempt the client sends and refuses a call past the budget with
``QuotaExhaustedError`` before anything is sent (or, with ``wait=True``, waits for the reset).

- ``reserve`` keeps part of each budget for the calls that move money or decide (refunds,
  decisions, approvals; overlays mark them ``x-ebay-quota-write``): reads stop at
  ``limit - reserve``, writes may spend the rest, so polling can never starve a refund.
- A 429 from eBay marks the resource spent until its reset (or its ``Retry-After``).
- ``usage(resource)`` answers used, remaining and the reset time, for dashboards.
- ``seed(rate_limits)`` takes the answer of eBay's Analytics API ``getRateLimits``
  (https://developer.ebay.com/api-docs/developer/analytics/resources/rate_limit/methods/getRateLimits):
  ``rateLimits[].resources[].rates[]`` with ``count``, ``limit``, ``remaining``, ``reset`` and
  ``timeWindow`` (https://developer.ebay.com/api-docs/developer/analytics/overview.html), so the
  budget starts where eBay's own count is; ``rate_limits(app_token)`` makes that call.

Until seeded, a window is ``window`` seconds (eBay's ``timeWindow`` for a day, 86400) counted
from ``anchor`` (default midnight UTC); seeding moves the anchor to eBay's own ``reset``.

``MemoryBudget`` is shared by every client of one process, threads and asyncio tasks alike (one
lock, never held across an await). ``RedisBudget`` is shared by every process and machine of the
app through one Redis server; it uses redis-py, Redis's own well-kept client, because it runs a
Lua script atomically on the server (read the count, check the limit and the write reserve,
increment, expire the key at the reset: one step, whatever the number of processes; a 429 mark
and a seed the same way), reads a count with its expiry in one MULTI transaction, and keeps a
thread-safe connection pool. Its
asyncio client belongs to the event loop that made it, so an async client's calls use the same
pool from a worker thread (``asyncio.to_thread``): one budget then serves every loop and thread.
"""

import datetime
import difflib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ._errors import QuotaExhaustedError

__all__ = [
    "DEFAULT_LIMIT",
    "RESOURCES",
    "Budget",
    "MemoryBudget",
    "RedisBudget",
    "Usage",
    "rate_limits",
]

RESOURCES = ("cancellation", "casemanagement", "inquiry", "return")
DEFAULT_LIMIT = 5000  # calls a day per resource: https://developer.ebay.com/develop/get-started/api-call-limits
DAY = 86400  # eBay's timeWindow for a daily quota, in seconds
RATE_LIMIT_PATH = "/developer/analytics/v1_beta/rate_limit/"
UTC = datetime.UTC


@dataclass(frozen=True)
class Usage:
    """One resource's count in the current window."""

    resource: str
    used: int
    limit: int
    reserve: int
    resets_at: datetime.datetime

    @property
    def remaining(self) -> int:
        """Calls left in the window, the write reserve included."""
        return max(0, self.limit - self.used)

    @property
    def remaining_for_reads(self) -> int:
        """Calls left for reads: what is left beyond the write reserve."""
        return max(0, self.limit - self.reserve - self.used)


def _resource(name: Any, what: str) -> str:
    """One of eBay's rate-limit resources: a misspelt one (``"returns"``) would limit nothing."""
    if name not in RESOURCES:
        close = difflib.get_close_matches(str(name), RESOURCES, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ValueError(f"{what} {name!r} is not one of eBay's resources: {hint}they are {', '.join(RESOURCES)}")
    return str(name)


def _checked_limits(limits: Mapping[str, int] | None) -> dict[str, int]:
    chosen = dict.fromkeys(RESOURCES, DEFAULT_LIMIT)
    for name, value in (limits or {}).items():
        _resource(name, "limits:")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"limit of {name!r} must be a whole number of calls, 0 or more, not {value!r}")
        chosen[str(name)] = value
    return chosen


def _checked_reserve(reserve: int | Mapping[str, int], limits: Mapping[str, int]) -> dict[str, int]:
    given = dict.fromkeys(limits, reserve) if isinstance(reserve, int) else dict(reserve)
    chosen = dict.fromkeys(limits, 0)
    for name, value in given.items():
        _resource(name, "reserve:")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"reserve of {name!r} must be a whole number of calls, 0 or more, not {value!r}")
        chosen[str(name)] = value
    return chosen


def _rate(name: str, rate: Mapping[str, Any]) -> tuple[int, int, int | None, float | None]:
    """Limit, count, window and reset of one ``rates[]`` entry; a ValueError naming what is wrong."""
    try:
        limit = int(rate["limit"])
        used = int(rate["count"]) if "count" in rate else limit - int(rate.get("remaining", limit))
        window = max(1, int(rate["timeWindow"])) if "timeWindow" in rate else None
        reset = str(rate["reset"]).replace("Z", "+00:00") if "reset" in rate else None
        anchor = datetime.datetime.fromisoformat(reset).timestamp() if reset else None
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(
            f"getRateLimits: the rate of {name!r} cannot be read ({type(error).__name__}: {error})"
        ) from None
    if limit < 0:
        raise ValueError(f"getRateLimits: the rate of {name!r} has a negative limit ({limit})")
    return limit, max(0, used), window, anchor


class Budget:
    """What the engine asks of a budget; ``MemoryBudget`` and ``RedisBudget`` count differently."""

    def __init__(
        self,
        limits: Mapping[str, int] | None = None,
        *,
        reserve: int | Mapping[str, int] = 0,
        wait: bool = False,
        window: int = DAY,
        anchor: datetime.datetime | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if isinstance(window, bool) or not isinstance(window, int) or window < 1:
            raise ValueError(f"window must be a whole number of seconds above 0, not {window!r}")
        self.limits = _checked_limits(limits)
        self.reserve = _checked_reserve(reserve, self.limits)
        self.wait = bool(wait)
        self.window = window
        self.anchor = (anchor or datetime.datetime(2000, 1, 1, tzinfo=UTC)).timestamp()
        self.clock = clock

    # -- windows ---------------------------------------------------------------------------

    def window_start(self, now: float | None = None) -> int:
        now = self.clock() if now is None else now
        return int(self.anchor + ((now - self.anchor) // self.window) * self.window)

    def resets_at(self, now: float | None = None) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(self.window_start(now) + self.window, UTC)

    def cap(self, resource: str, write: bool) -> int:
        """The count a call may not reach: the limit for a write, the limit less the reserve for a read."""
        limit = self.limits.get(resource, DEFAULT_LIMIT)
        return limit if write else max(0, limit - self.reserve.get(resource, 0))

    def refused(
        self, resource: str, write: bool, used: int, until: float | None = None, *, marked: bool = False
    ) -> QuotaExhaustedError:
        when = datetime.datetime.fromtimestamp(until, UTC) if until else self.resets_at()
        limit = self.limits.get(resource, DEFAULT_LIMIT)
        return QuotaExhaustedError(resource, when, used=used, limit=limit, write=write, marked=marked)

    # -- what the engine calls -------------------------------------------------------------

    def take(self, resource: str, write: bool) -> None:
        """Count one call, or raise ``QuotaExhaustedError`` (or wait for the reset, with ``wait``)."""
        while True:
            refused = self._try(resource, write)
            if refused is None:
                return
            if not self.wait:
                raise refused
            time.sleep(max(0.0, refused.resets_at.timestamp() - self.clock()) + 0.001)

    async def atake(self, resource: str, write: bool) -> None:
        while True:
            refused = await self._atry(resource, write)
            if refused is None:
                return
            if not self.wait:
                raise refused
            import asyncio  # here, not at the top: a sync-only program never pays for importing it

            await asyncio.sleep(max(0.0, refused.resets_at.timestamp() - self.clock()) + 0.001)

    def mark_spent(self, resource: str, retry_after: float | None = None) -> None:
        """eBay answered 429: nothing more is sent for ``resource`` until its reset (or ``retry_after``)."""
        raise NotImplementedError

    async def amark_spent(self, resource: str, retry_after: float | None = None) -> None:
        self.mark_spent(resource, retry_after)

    def usage(self, resource: str) -> Usage:
        raise NotImplementedError

    def usages(self) -> list[Usage]:
        """Every resource's usage, for a dashboard."""
        return [self.usage(resource) for resource in sorted(self.limits)]

    def seed(self, answer: Mapping[str, Any]) -> list[str]:
        """Limits, counts and the reset from a ``getRateLimits`` answer; returns the resources seeded.

        Every ``rates[]`` entry of a resource whose name (or its last dotted part) is one of
        ``RESOURCES`` is taken: ``limit`` becomes the limit, ``count`` (or ``limit - remaining``)
        the count so far, ``reset`` and ``timeWindow`` the window.
        """
        seeded = []
        for group in answer.get("rateLimits") or []:
            for entry in group.get("resources") or [] if isinstance(group, Mapping) else []:
                name = str(entry.get("name", "")).rsplit(".", 1)[-1].lower() if isinstance(entry, Mapping) else ""
                rates = [r for r in entry.get("rates") or [] if isinstance(r, Mapping)] if name in RESOURCES else []
                for rate in rates[:1]:
                    limit, used, window, anchor = _rate(name, rate)
                    if window is not None:
                        self.window = window
                    if anchor is not None:
                        self.anchor = anchor
                    self.limits[name] = limit
                    self._set_used(name, used)
                    seeded.append(name)
        return seeded

    # -- what each kind of budget does -----------------------------------------------------

    def _try(self, resource: str, write: bool) -> QuotaExhaustedError | None:
        raise NotImplementedError

    async def _atry(self, resource: str, write: bool) -> QuotaExhaustedError | None:
        return self._try(resource, write)

    def _set_used(self, resource: str, used: int) -> None:
        raise NotImplementedError


class MemoryBudget(Budget):
    """A budget for every client of this process: ``PostOrder.oauth(token, quota=budget)``.

    ``limits`` maps eBay's resources to calls per window (5,000 a day each by default);
    ``reserve`` (one number, or one per resource) is kept for writes; ``wait=True`` waits for the
    reset instead of raising ``QuotaExhaustedError``.
    """

    def __init__(self, limits: Mapping[str, int] | None = None, **options: Any) -> None:
        super().__init__(limits, **options)
        self._lock = threading.Lock()
        self._used: dict[tuple[str, int], int] = {}
        self._blocked: dict[str, float] = {}  # resource -> time until which a 429 stops it

    def _try(self, resource: str, write: bool) -> QuotaExhaustedError | None:
        now = self.clock()
        key = (resource, self.window_start(now))
        with self._lock:
            used = self._used.get(key, 0)
            blocked = self._blocked.get(resource, 0.0)
            if blocked > now:
                return self.refused(resource, write, used, blocked, marked=True)
            if used >= self.cap(resource, write):
                return self.refused(resource, write, used)
            self._used = {k: v for k, v in self._used.items() if k[1] == key[1]}  # older windows are done
            self._used[key] = used + 1
            return None

    def mark_spent(self, resource: str, retry_after: float | None = None) -> None:
        now = self.clock()
        with self._lock:
            until = now + retry_after if retry_after is not None else self.window_start(now) + self.window
            self._blocked[resource] = max(self._blocked.get(resource, 0.0), until)
            key = (resource, self.window_start(now))
            if retry_after is None:
                self._used[key] = max(self._used.get(key, 0), self.limits.get(resource, DEFAULT_LIMIT))

    def usage(self, resource: str) -> Usage:
        now = self.clock()
        with self._lock:
            used = self._used.get((resource, self.window_start(now)), 0)
        return Usage(
            resource, used, self.limits.get(resource, DEFAULT_LIMIT), self.reserve.get(resource, 0), self.resets_at(now)
        )

    def _set_used(self, resource: str, used: int) -> None:
        with self._lock:
            self._used[(resource, self.window_start())] = used


# KEYS[1]: the count of one resource in its window, a key that expires at the window's reset;
# KEYS[2]: the 429 mark of the resource, holding the unix time in ms it lasts until. Expiries are
# relative (PX), from the caller's clock, so the server's clock never matters.
# ARGV: the cap this call may not reach, the reset in ms for a window that starts now, now in ms.
# Answers {1 counted, 0 refused or -1 marked by a 429; the count; ms until the reset or the mark's end}.
_TAKE = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local spent = redis.call('GET', KEYS[2])
if spent then
  return {-1, used, tonumber(spent) - tonumber(ARGV[3])}
end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  left = tonumber(ARGV[2]) - tonumber(ARGV[3])
end
if used >= tonumber(ARGV[1]) then
  return {0, used, left}
end
used = redis.call('INCR', KEYS[1])
if used == 1 then
  redis.call('PEXPIRE', KEYS[1], left)
end
return {1, used, left}
"""

# KEYS as _TAKE's. ARGV: the limit (-1: leave the count, a Retry-After mark), the mark's end in ms
# (0: the window's reset), the reset in ms for a window that starts now, now in ms.
_MARK = """
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  left = tonumber(ARGV[3]) - tonumber(ARGV[4])
end
local limit = tonumber(ARGV[1])
if limit >= 0 then
  local used = tonumber(redis.call('GET', KEYS[1]) or '0')
  redis.call('SET', KEYS[1], math.max(used, limit), 'PX', left)
end
local ends = tonumber(ARGV[2])
if ends == 0 then
  ends = tonumber(ARGV[4]) + left
end
redis.call('SET', KEYS[2], ends, 'PX', math.max(1, ends - tonumber(ARGV[4])))
return ends
"""

# KEYS[1]: the count; ARGV: the count eBay reported, ms until eBay's reset.
_SEED = """
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""


class RedisBudget(Budget):
    """A budget shared by every process and machine of the app through one Redis server.

    ``RedisBudget("redis://localhost:6379/0", limits={"return": 5000})``; the options are
    ``MemoryBudget``'s, plus ``prefix`` for the keys. A resource's count is one key that expires
    at its window's reset, so every process shares the window the first one opened (or the one
    ``seed`` took from eBay); each process keeps its own ``limits`` and ``reserve``, so give all
    of them the same (or seed each). Needs the ``redis`` extra:
    ``pip install 'ebay-post-order[redis]'``.
    """

    def __init__(
        self, url: str, limits: Mapping[str, int] | None = None, *, prefix: str = "ebay-post-order", **options: Any
    ) -> None:
        super().__init__(limits, **options)
        try:
            import redis
        except ImportError as error:  # pragma: no cover - the extra is installed in the tests
            raise ImportError("RedisBudget needs redis-py: pip install 'ebay-post-order[redis]'") from error
        self.url = url
        self.prefix = prefix
        self._redis = redis.Redis.from_url(url)
        self._take = self._redis.register_script(_TAKE)
        self._mark = self._redis.register_script(_MARK)
        self._seed = self._redis.register_script(_SEED)

    def _keys(self, resource: str) -> list[str]:
        return [f"{self.prefix}:{resource}:count", f"{self.prefix}:{resource}:spent"]

    def _times(self) -> tuple[float, int, int]:
        """Now (s), the reset in ms for a window opened now, and now in ms."""
        now = self.clock()
        return now, int((self.window_start(now) + self.window) * 1000), int(now * 1000)

    def _try(self, resource: str, write: bool) -> QuotaExhaustedError | None:
        now, reset_ms, now_ms = self._times()
        counted, used, left = self._take(keys=self._keys(resource), args=[self.cap(resource, write), reset_ms, now_ms])
        if counted == 1:
            return None
        return self.refused(resource, write, int(used), now + int(left) / 1000, marked=counted == -1)

    async def _atry(self, resource: str, write: bool) -> QuotaExhaustedError | None:
        import asyncio

        return await asyncio.to_thread(self._try, resource, write)

    def mark_spent(self, resource: str, retry_after: float | None = None) -> None:
        now, reset_ms, now_ms = self._times()
        limit = -1 if retry_after is not None else self.limits.get(resource, DEFAULT_LIMIT)
        ends = int((now + retry_after) * 1000) if retry_after is not None else 0
        self._mark(keys=self._keys(resource), args=[limit, ends, reset_ms, now_ms])

    async def amark_spent(self, resource: str, retry_after: float | None = None) -> None:
        import asyncio

        await asyncio.to_thread(self.mark_spent, resource, retry_after)

    def usage(self, resource: str) -> Usage:
        now = self.clock()
        pipe = self._redis.pipeline(transaction=True)  # MULTI: the count and its expiry read together
        pipe.get(self._keys(resource)[0])
        pipe.pttl(self._keys(resource)[0])
        value, left = pipe.execute()
        resets_at = (
            datetime.datetime.fromtimestamp(now + int(left) / 1000, UTC) if int(left) > 0 else self.resets_at(now)
        )
        limit = self.limits.get(resource, DEFAULT_LIMIT)
        return Usage(resource, int(value or 0), limit, self.reserve.get(resource, 0), resets_at)

    def _set_used(self, resource: str, used: int) -> None:
        _, reset_ms, now_ms = self._times()
        self._seed(keys=self._keys(resource)[:1], args=[used, max(1, reset_ms - now_ms)])

    def close(self) -> None:
        """Close the connection pool (a budget closed is not used again)."""
        self._redis.close()
        self._redis.connection_pool.disconnect()

    def __enter__(self) -> "RedisBudget":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def rate_limits(
    app_token: str,
    *,
    api_name: str | None = None,
    api_context: str | None = None,
    environment: str = "production",
    base_url: str | None = None,
    transport: Any = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """eBay's ``getRateLimits`` answer for the app: one GET with an application access token
    (client-credentials grant), to ``seed`` a budget from. ``api_name`` and ``api_context``
    narrow the answer, as eBay's query parameters of the same names do.

    https://developer.ebay.com/api-docs/developer/analytics/resources/rate_limit/methods/getRateLimits
    """
    import httpx

    from . import _checks
    from ._decode import loads

    url = _checks.base_url(environment, base_url, False) + RATE_LIMIT_PATH
    params = {k: v for k, v in (("api_name", api_name), ("api_context", api_context)) if v is not None}
    headers = {"Authorization": f"Bearer {_checks.secret(app_token, 'app_token')}"}
    with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False) as http:
        response = http.get(url, params=params, headers=headers)
    if not response.is_success:
        from ._errors import error_for

        raise error_for(response)
    answer = loads(response.content) if response.content else {}
    return dict(answer) if isinstance(answer, Mapping) else {}
