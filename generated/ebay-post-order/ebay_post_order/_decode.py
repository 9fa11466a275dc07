# Hand-written in generator/runtime/_decode.py, copied by `make generate` -- do not edit the copy.
"""Lenient decoding helpers the generated models call, and strict-mode reporting.

Hand-written because no library decodes eBay's wire format as it really is: numbers and booleans
printed as strings ("81.0", "1", "true"), explicit nulls in optional fields, and enum values added
over time. The rule the models follow: a value that converts is stored typed; a value that does
not (or a null) leaves the attribute UNSET and is kept verbatim in the model's ``unparsed`` dict,
so ``to_dict`` writes it back unchanged and nothing is lost. ``from_dict(..., strict=True)``
turns every non-null entry of ``unparsed`` anywhere in the tree into one ``StrictDecodeError``.

The decoders let a hostile body out only as ``ValueError`` or ``TypeError``, never as what it
would otherwise cause: JSON nested past the interpreter's recursion limit, a number like
``1e999999999`` in an integer field (a billion-digit int to build), a deeply nested raw value in
an error message. The body itself is read through ``read_bounded``/``aread_bounded``, which
stop at a size bound with ``ResponseTooLargeError``.
"""

import datetime
import decimal
import json
import reprlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from ._errors import MissingFieldError, ResponseTooLargeError
from .types import UNSET, Unset

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")

NOTHING: Mapping[str, Any] = MappingProxyType({})
"""The shared, read-only empty mapping a model holds when nothing was unparsed or undeclared."""

MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""The default bound on a response body, decoded: eBay's largest pages are well under 1 MB."""
MAX_INT_DIGITS = 4300
"""Python's own limit on int <-> str conversion (sys.get_int_max_str_digits), applied to Decimals."""

_TRUE = frozenset({"true", "1"})
_FALSE = frozenset({"false", "0"})
_shown = reprlib.Repr()  # a raw value in an error message: shortened, and nested lists cut off
_shown.maxstring = _shown.maxother = 80


class StrictDecodeError(ValueError):
    """Raised by ``from_dict(..., strict=True)``; ``problems`` lists (path, raw value, expected type)."""

    def __init__(self, problems: list[tuple[str, Any, str]]) -> None:
        self.problems = problems
        shown = "; ".join(f"{path}: {_shown.repr(raw)} is not {expected}" for path, raw, expected in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{len(problems)} value(s) could not be decoded: {shown}{more}")


def loads(content: bytes) -> Any:
    """Response JSON with every number that has a fraction or exponent as an exact Decimal.

    An empty body reads as an empty object: eBay answers some calls that document a payload with
    a bare 200 (Process Return Request's sample), and that is a success with no fields set, not
    a broken response. Every failure is a ``ValueError``, nesting too deep for either parser
    (both recurse) included.
    """
    if not content.strip():
        return {}
    try:
        return _fast_loads(content)
    except RecursionError:
        raise ValueError("JSON nested too deeply to decode") from None
    except ValueError:
        pass
    try:
        # msgspec reads only strict UTF-8 JSON; the standard library also takes a byte-order
        # mark, UTF-16/32, lone surrogate escapes and NaN, and gives the error with its position.
        return json.loads(content, parse_float=decimal.Decimal)
    except RecursionError:
        raise ValueError("JSON nested too deeply to decode") from None


def read_bounded(response: "httpx.Response", limit: int = MAX_RESPONSE_BYTES) -> bytes:
    """Read a streamed response's body, stopping with ``ResponseTooLargeError`` past ``limit``
    bytes (decoded, so a compressed bomb stops too); afterwards ``response.content`` works."""
    length, encoded = _declared(response)
    if length is not None and length > limit:
        response.close()
        raise ResponseTooLargeError(response, limit)
    if length is not None and not encoded:
        return response.read()
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            response.close()
            raise ResponseTooLargeError(response, limit)
        chunks.append(chunk)
    return _keep(response, chunks)


async def aread_bounded(response: "httpx.Response", limit: int = MAX_RESPONSE_BYTES) -> bytes:
    """``read_bounded`` for an async response."""
    length, encoded = _declared(response)
    if length is not None and length > limit:
        await response.aclose()
        raise ResponseTooLargeError(response, limit)
    if length is not None and not encoded:
        return await response.aread()
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            await response.aclose()
            raise ResponseTooLargeError(response, limit)
        chunks.append(chunk)
    return _keep(response, chunks)


def _declared(response: "httpx.Response") -> tuple[int | None, bool]:
    """The Content-Length (None when absent or garbage) and whether a Content-Encoding is set, in
    one pass over the raw headers (each ``headers.get`` scans them all again). A length past the
    bound fails before anything is read; an uncompressed body within it is read in one go; a
    compressed one is counted as it is decoded (the length counts encoded bytes)."""
    length: int | None = None
    encoded = False
    for name, value in response.headers.raw:
        lowered = name.lower()
        if lowered == b"content-length" and value.isdigit():
            length = int(value)
        elif lowered == b"content-encoding":
            encoded = True
    return length, encoded


def _keep(response: "httpx.Response", chunks: list[bytes]) -> bytes:
    # httpx keeps a body read by Response.read() in ``_content``; one read chunk by chunk must be
    # stored there too, or ``.content``, ``.text`` and ``.json()`` would refuse a streamed body.
    content = b"".join(chunks)
    response._content = content
    return content


def _first_loads(content: bytes) -> Any:
    """Import msgspec on the first response, not with the package (as httpx on the first request).

    msgspec parses JSON in about half the time json.loads takes and hands every float literal's
    text to ``Decimal``, so money stays exact; the bench shows what that buys (bench/decode.py).
    """
    global _fast_loads
    import msgspec

    _fast_loads = msgspec.json.Decoder(float_hook=decimal.Decimal).decode
    return _fast_loads(content)


_fast_loads: Callable[[bytes], Any] = _first_loads


def to_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return str(value)
    raise TypeError(value)


def to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, decimal.Decimal) and value.is_finite() and value.adjusted() >= MAX_INT_DIGITS:
        raise ValueError("too many digits")  # int(Decimal("1e999999999")) would build it
    if isinstance(value, float | decimal.Decimal):
        if value != int(value):  # also raises for nan and infinity
            raise ValueError(value)
        return int(value)
    if isinstance(value, str):
        return int(value.strip())
    raise TypeError(value)


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str | int):
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueError(value)


def to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int | float | decimal.Decimal | str):
        return float(value)
    raise TypeError(value)


def to_decimal(value: Any) -> decimal.Decimal:
    """Exact money: a float goes through its shortest repr, so 81.1 becomes Decimal('81.1')."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, decimal.Decimal):
        result = value
    elif isinstance(value, int):
        result = decimal.Decimal(value)
    elif isinstance(value, str):
        result = decimal.Decimal(value.strip())
    elif isinstance(value, float):
        result = decimal.Decimal(repr(value))
    else:
        raise TypeError(value)
    if not result.is_finite():
        raise ValueError(value)
    return result


def to_datetime(value: Any) -> datetime.datetime:
    """An ISO 8601 timestamp; one without a zone is UTC, as eBay's are (and as they are written)."""
    if isinstance(value, str):
        parsed = datetime.datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)
    raise TypeError(value)


def identity(value: Any) -> Any:
    """For lists of untyped values: every JSON value is acceptable as it is."""
    return value


def lenient(
    convert: Callable[[Any], T], value: Any, wire: str, unparsed: dict[str, Any] | None
) -> tuple[T | Unset, dict[str, Any] | None]:
    """``convert(value)``, or UNSET with the raw value kept in ``unparsed[wire]`` (created if None)."""
    if value is not None:
        try:
            return convert(value), unparsed
        except (TypeError, ValueError, ArithmeticError):
            pass
    unparsed = unparsed if unparsed is not None else {}
    unparsed[wire] = value
    return UNSET, unparsed


def lenient_list(
    convert: Callable[[Any], T], value: Any, wire: str, unparsed: dict[str, Any] | None
) -> tuple[list[T] | Unset, dict[str, Any] | None]:
    """A list converts whole or not at all: one bad item keeps the entire raw list."""
    if isinstance(value, list):
        try:
            return [convert(item) for item in value], unparsed
        except (TypeError, ValueError, ArithmeticError):
            pass
    unparsed = unparsed if unparsed is not None else {}
    unparsed[wire] = value
    return UNSET, unparsed


def mapping(value: Any) -> Mapping[str, Any]:
    if value.__class__ is dict or isinstance(value, Mapping):  # the exact check first: ABCs are slow
        return value
    raise TypeError(value)


def strict_problems(model: Any, path: str = "$") -> list[tuple[str, Any, str]]:
    """Every non-null unparsed value under ``model``, and every field eBay documents as always
    returned that did not come, with its JSON path and what was expected."""
    problems = [
        (f"{path}.{wire}", raw, model.EXPECTED[wire]) for wire, raw in model.unparsed.items() if raw is not None
    ]
    always = set(model.ALWAYS)
    problems += [
        (f"{path}.{wire}", None, f"present ({model.EXPECTED[wire]}): eBay documents it as always returned")
        for _, slot, wire in model.FIELDS
        if slot in always and getattr(model, slot) is UNSET and wire not in model.unparsed
    ]
    for wire, attr in model.NESTED:
        value = getattr(model, attr)
        if isinstance(value, list):
            for index, item in enumerate(value):
                problems += strict_problems(item, f"{path}.{wire}[{index}]")
        elif not isinstance(value, Unset):
            problems += strict_problems(value, f"{path}.{wire}")
    return problems


def missing(model: Any, attr: str) -> MissingFieldError:
    """The error for reading ``attr`` of ``model`` when eBay left that always-returned field out."""
    wire = next(wire for name, _, wire in model.FIELDS if name == attr)
    return MissingFieldError(model, attr, wire)


def model_repr(model: Any) -> str:
    """``Name(field=value, ...)`` with only the fields that are set, then any kept raw or undeclared."""
    shown = [f"{attr}={value!r}" for attr, slot, _ in model.FIELDS if (value := getattr(model, slot)) is not UNSET]
    kept = (("unparsed", model.unparsed), ("additional_properties", model.additional_properties))
    shown += [f"{name}={dict(value)!r}" for name, value in kept if value]
    return f"{type(model).__name__}({', '.join(shown)})"
