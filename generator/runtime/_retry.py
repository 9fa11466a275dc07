"""When to retry a call, and how long to wait first.

One small policy, because eBay has no idempotency keys: a POST that may have reached eBay is
never sent twice (a retried issue_refund could refund twice).

* connection errors and timeouts: retried for GET, PUT and DELETE only;
* 429 and 503: retried for every method (eBay refused the call before acting on it);
* other 5xx: retried for GET, PUT and DELETE only;
* anything else: not retried.

The wait is eBay's ``Retry-After`` (seconds or an HTTP date) when it sent one and it is at most
120 s; a longer one is not waited for (the error is raised with ``retry_after`` set); otherwise
exponential backoff with full jitter, from 0.5 s, capped at 8 s. All waits of one call together
stay within ``max_total_wait`` (120 s by default): a retry whose wait would pass it is not made,
so 50 retries of a 120 s Retry-After cannot sleep for 100 minutes. Hand-written: the rule is
eBay-specific and a dozen lines; a retry library would hide the one decision that matters.

Retry-After is read as RFC 9110 writes it: ASCII digits (``str.isdigit`` also takes ``'١٢'`` and
``'²'``, which ``float`` then refuses) or an HTTP date; anything else counts as absent.
"""

import email.utils
import math
import random
import re
import time
from dataclasses import dataclass

IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})
ALWAYS_RETRIED_STATUSES = frozenset({429, 503})
BACKOFF_START = 0.5
BACKOFF_CAP = 8.0
RETRY_AFTER_CAP = 120.0
MAX_TOTAL_WAIT = 120.0
_DELTA_SECONDS = re.compile(r"[0-9]{1,10}")  # more than ten digits (317 years) is garbage


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    max_total_wait: float = MAX_TOTAL_WAIT
    """Seconds one call may sleep between its attempts, all waits together."""

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int) or self.max_retries < 0:
            raise ValueError(f"max_retries must be a whole number >= 0, not {self.max_retries!r}")
        total = self.max_total_wait
        if isinstance(total, bool) or not isinstance(total, int | float) or not math.isfinite(total) or total < 0:
            raise ValueError(f"max_total_wait must be a finite number of seconds >= 0, not {total!r}")

    def wait_fits(self, waited: float, delay: float) -> bool:
        """Whether sleeping ``delay`` more seconds, after ``waited`` already slept by this call,
        stays within ``max_total_wait``; when it does not, the engine raises instead of retrying."""
        return waited + delay <= self.max_total_wait

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
        return random.uniform(0, min(BACKOFF_CAP, BACKOFF_START * 2 ** min(attempt, 16)))  # 2**1100 overflows


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None if absent or garbage."""
    if not value:
        return None
    value = value.strip(" \t")
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            return None
        return max(0.0, when.timestamp() - (time.time() if now is None else now))
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        return None


def too_long(retry_after: float | None) -> bool:
    return retry_after is not None and retry_after > RETRY_AFTER_CAP
