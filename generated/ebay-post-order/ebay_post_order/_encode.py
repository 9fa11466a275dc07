# Hand-written in generator/runtime/_encode.py, copied by `make generate` -- do not edit the copy.
"""Request encoding: eBay's timestamp format, and JSON with ``Decimal`` as an exact number.

Bodies are written by msgspec (already the response reader): it writes a ``Decimal`` as a JSON
number from its exact text, which the standard json module cannot (only as a string, or through
float, which rounds), and it is several times faster than ``json.dumps``. msgspec is imported on
the first body written, so importing the package stays cheap.
"""

import datetime
from collections.abc import Callable
from typing import Any


def timestamp(value: datetime.datetime) -> str:
    """eBay's DateTime format, ``2015-08-22T23:29:11.000Z``: UTC, milliseconds; naive means UTC.

    https://developer.ebay.com/devzone/post-order/types/DateTime.html
    """
    aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    return aware.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON; a non-finite Decimal is refused with ValueError (the spec types no floats)."""
    return _encode(value)


def _first_encode(value: Any) -> bytes:
    global _encode
    import msgspec

    encode = msgspec.json.Encoder(decimal_format="number", enc_hook=_plain).encode

    def checked(value: Any) -> bytes:
        try:
            return encode(value)
        except (TypeError, ValueError, OverflowError) as error:
            raise ValueError(f"cannot be written as JSON: {error}") from None

    _encode = checked
    return _encode(value)


def _plain(value: Any) -> Any:
    """A ``str`` subclass (``CreatedId``, the id a create call answers) as the plain string it is,
    so an id one call returned can go straight into the next call's body."""
    if isinstance(value, str):
        return str.__str__(value)
    raise TypeError(f"Encoding objects of type {type(value).__name__} is unsupported")


_encode: Callable[[Any], bytes] = _first_encode
