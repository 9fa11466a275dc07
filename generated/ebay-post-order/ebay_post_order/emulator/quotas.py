# Hand-written in emulator/quotas.py, copied by `make generate` -- do not edit the copy.
"""eBay's call limits per rate-limit resource, as the scenario sets them, and ``getRateLimits``.

eBay counts an application's calls per resource of an API over a window (a day for Post-Order's
``return``, ``cancellation``, ``inquiry`` and ``casemanagement``,
https://developer.ebay.com/develop/get-started/api-call-limits); once one is spent it answers
429, and the app cannot call that resource again until the window resets. A scenario's
``quotas`` (``{return: 3}``; small numbers in tests) turns that on per resource; a resource it
does not name is not limited. The window is a day of the emulator's clock, reset at midnight UTC.

Every authenticated call to an operation counts, refused ones included, as eBay counts them; the
counts live in memory and are not written to the state file (a restart is a fresh window).

``rate_limits`` answers the Analytics API's ``getRateLimits``
(https://developer.ebay.com/api-docs/developer/analytics/resources/rate_limit/methods/getRateLimits):
``rateLimits[].resources[].rates[]`` with ``count``, ``limit``, ``remaining``, ``reset`` and
``timeWindow`` (https://developer.ebay.com/api-docs/developer/analytics/overview.html), one
resource per limited one, filtered by ``api_name`` and ``api_context`` as eBay's are.
"""

import datetime
from typing import Any

from .wire import stamp

RESOURCES = ("cancellation", "casemanagement", "inquiry", "return")
DAY = 86400
API_CONTEXT = "sell"
API_NAME = "postorder"
API_VERSION = "v2"
"""How the emulator labels Post-Order in its getRateLimits answer (eBay's pages give examples for
other APIs only: ``buy``/``browse``, ``sell``/``inventory``); a filter compares case-insensitively."""
RATE_LIMITED_ID = 2001
RATE_LIMITED_MESSAGE = "Too many requests. The request limit has been reached for the resource."


class Quotas:
    """Calls per resource in the current window of the world's clock."""

    def __init__(self, limits: dict[str, int]) -> None:
        self.limits = dict(limits)
        self.window: datetime.date | None = None
        self.counts: dict[str, int] = {}

    @staticmethod
    def resets_at(now: datetime.datetime) -> datetime.datetime:
        day = now.astimezone(datetime.UTC).date() + datetime.timedelta(days=1)
        return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)

    def _roll(self, now: datetime.datetime) -> None:
        today = now.astimezone(datetime.UTC).date()
        if self.window != today:
            self.window, self.counts = today, {}

    def take(self, resource: str, now: datetime.datetime) -> bool:
        """Count one call to ``resource``; False when its quota is already spent (eBay's 429)."""
        self._roll(now)
        limit = self.limits.get(resource)
        if limit is not None and self.counts.get(resource, 0) >= limit:
            return False
        self.counts[resource] = self.counts.get(resource, 0) + 1
        return True

    def rate_limits(self, now: datetime.datetime, api_name: str | None, api_context: str | None) -> dict[str, Any]:
        self._roll(now)
        wanted = (api_name is None or api_name.lower() == API_NAME) and (
            api_context is None or api_context.lower() == API_CONTEXT
        )
        if not wanted or not self.limits:
            return {"rateLimits": []}
        reset = stamp(self.resets_at(now))
        resources = []
        for name in sorted(self.limits):
            count, limit = self.counts.get(name, 0), self.limits[name]
            rate = {
                "count": count,
                "limit": limit,
                "remaining": max(0, limit - count),
                "reset": reset,
                "timeWindow": DAY,
            }
            resources.append({"name": name, "rates": [rate]})
        group = {"apiContext": API_CONTEXT, "apiName": API_NAME, "apiVersion": API_VERSION, "resources": resources}
        return {"rateLimits": [group]}
