# Hand-written in emulator/faults.py, copied by `make generate` -- do not edit the copy.
"""Injected faults: an error status, a Retry-After and latency, so a client's retries can be tested.

They come from the scenario (``faults:``, the first N matching calls), from the test through the
pytest fixture (``post_order_emulator.fault(...)``), or from request headers on any call
(``X-Emulator-Fault: 503``, ``X-Emulator-Retry-After: 2``, ``X-Emulator-Latency: 0.1``). A header
value that is not what it should be is refused with a 400 naming the header, never a crash.
"""

import math
import re
from dataclasses import dataclass

from starlette.datastructures import Headers

from . import errors
from .scenario import Fault

MAX_LATENCY = 30.0
"""Seconds at most; a longer wait would only look like a hung server."""
MAX_RETRY_AFTER = 86400.0


@dataclass(frozen=True)
class Injected:
    latency: float
    status: int | None
    retry_after: str | None


@dataclass
class _Armed:
    fault: Fault
    left: int


class Faults:
    def __init__(self, faults: tuple[Fault, ...] = ()) -> None:
        self._armed = [_Armed(fault, fault.times) for fault in faults]

    def add(self, fault: Fault) -> None:
        self._armed.append(_Armed(fault, fault.times))

    def take(self, method: str, path: str, headers: Headers) -> Injected:
        """What to inject into this call: the first armed fault that matches it, over the headers."""
        latency = _number(headers, "X-Emulator-Latency", 0.0, MAX_LATENCY)
        status = _status(headers)
        retry_after = headers.get("X-Emulator-Retry-After")
        if retry_after is not None:
            _number(headers, "X-Emulator-Retry-After", 0.0, MAX_RETRY_AFTER)
        for armed in self._armed:
            fault = armed.fault
            if armed.left > 0 and fault.method in (None, method) and re.search(fault.path, path):
                armed.left -= 1
                latency += fault.latency
                status = fault.status
                retry_after = f"{fault.retry_after:g}" if fault.retry_after is not None else retry_after
                break
        return Injected(min(latency, MAX_LATENCY), status, retry_after)


def _bad(name: str, value: str, expected: str) -> errors.EmulatorError:
    return errors.BAD_EMULATOR_HEADER(f"{name} must be {expected}, not {value[:40]!r}.", (name, value[:40]))


def _number(headers: Headers, name: str, low: float, high: float) -> float:
    value = headers.get(name)
    if value is None or value == "":
        return 0.0
    try:
        number = float(value)
    except ValueError:
        raise _bad(name, value, f"a number of seconds from {low:g} to {high:g}") from None
    if math.isnan(number) or not low <= number <= high:
        raise _bad(name, value, f"a number of seconds from {low:g} to {high:g}")
    return number


def _status(headers: Headers) -> int | None:
    value = headers.get("X-Emulator-Fault")
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit() and 400 <= int(value) <= 599):
        raise _bad("X-Emulator-Fault", value, "an HTTP error status from 400 to 599")
    return int(value)
