"""Request encoding: eBay's timestamp format, and JSON with ``Decimal`` as an exact number.

Hand-written because the standard json module cannot write a Decimal as a number (only as a
string, or through float, which rounds), and httpx's ``json=`` uses it. Bodies are small, so a
short recursion that defers every other value to ``json.dumps`` is enough.
"""

import datetime
import decimal
import json
from typing import Any


def timestamp(value: datetime.datetime) -> str:
    """eBay's DateTime format, ``2015-08-22T23:29:11.000Z``: UTC, milliseconds; naive means UTC.

    https://developer.ebay.com/devzone/post-order/types/DateTime.html
    """
    aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    return aware.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def dumps(value: Any) -> str:
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a JSON number")
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(key))}:{dumps(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(dumps(item) for item in value) + "]"
    return json.dumps(value, allow_nan=False)
