# Hand-written in generator/runtime/_retry.py, copied by `make generate` -- do not edit the copy.
"""When to retry a call, and how long to wait first.

One small policy, because eBay has no idempotency keys: a POST that may have reached eBay is
never sent twice (a retried issue_refund could refund twice).

* connection errors and timeouts: retried for GET, PUT and DELETE only;
* 429 and 503: retried for every method (eBay refused the call before acting on it);
* other 5xx: retried for GET, PUT and DELETE only;
* anything else: not retried.

The wait is eBay's ``Retry-After`` (seconds or an HTTP date) when it sent one and it is at most
120 s; a longer one is not waited for (the error is raised with ``retry_after`` set); otherwise
exponential backoff with full jitter, from 0.5 s, capped at 8 s. Hand-written: the rule is
eBay-specific and a dozen lines; a retry library would hide the one decision that matters.
"""

import email.utils
import random
import time
from dataclasses import dataclass

IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})
ALWAYS_RETRIED_STATUSES = frozenset({429, 503})
BACKOFF_START = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 120.0


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2

    def retries_status(self, method: str, status: int, attempt: int) -> bool:
        """Whether a response with ``status`` to try number ``attempt`` (0-based) is retried."""
        if attempt >= self.max_retries:
            return False
        if status in ALWAYS_RETRIED_STATUSES:
            return True
        return status >= 500 and method.upper() in IDEMPOTENT

    def retries_transport_error(self, method: str, attempt: int) -> bool:
        return attempt < self.max_retries and method.upper() in IDEMPOTENT

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before try ``attempt + 1``."""
        if retry_after is not None:
            return retry_after
        return random.uniform(0, min(BACKOFF_CAP, BACKOFF_START * 2**attempt))


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None if absent or garbage."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def too_long(retry_after: float | None) -> bool:
    return retry_after is not None and retry_after > RETRY_AFTER_CAP
