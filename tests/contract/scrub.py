"""What never reaches a cassette: credentials, signatures, tokens in bodies, buyers' identities.

Used by ``vcr_config`` before anything is written, and by the test that scans every cassette
for token-shaped strings afterwards.
"""

import json
import re
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode

import msgspec

REDACTED = "REDACTED"
SECRET_HEADERS = [
    "authorization",
    "x-ebay-signature-key",
    "signature",
    "signature-input",
    "content-digest",
    "set-cookie",
]
SECRET_KEYS = frozenset({"access_token", "refresh_token"})
# Who the buyer is and where people live: the text goes, the structure (and codes such as the
# country, which a schema validates) stays, so scrubbed traffic still conforms to the spec.
PERSONAL = re.compile(
    r"(?i)^(buyer|buyerLoginName|firstName|lastName|addressLine\d|city|county|postalCode|.*email.*|.*phone.*)$"
)
TOKEN_PATTERNS = [
    re.compile(r"emu-[a-z-]+-(token|refresh)"),
    re.compile(r"emu-access-\d+"),
    re.compile(r"v\^1\.1#"),
    re.compile(r"AgAAAA[A-Za-z0-9+/=]{8,}"),
    re.compile(r"eyJ[A-Za-z0-9_-]{10,}"),
    re.compile(r"\b(TOKEN|IAF|Bearer|Basic) [A-Za-z0-9._~+/=^#-]{6,}"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}"),
]
_EXACT = msgspec.json.Encoder(decimal_format="number")


def scrub_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: REDACTED if key in SECRET_KEYS or (PERSONAL.match(key) and isinstance(item, str)) else scrub_json(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_json(item) for item in value]
    return value


def scrub_body(body: bytes | str | None, content_type: str = "") -> bytes | str | None:
    if not body:
        return body
    text = body.decode() if isinstance(body, bytes) else body
    if "x-www-form-urlencoded" in content_type or "refresh_token=" in text:
        pairs = [(k, REDACTED if k in SECRET_KEYS else v) for k, v in parse_qsl(text)]
        return urlencode(pairs)
    try:
        parsed = json.loads(text, parse_float=Decimal)
    except ValueError:
        return body
    scrubbed = scrub_json(parsed)
    # untouched bodies keep their bytes; money keeps its digits (149.90 stays 149.90)
    return body if scrubbed == parsed else _EXACT.encode(scrubbed).decode()


def scrub_request(request: Any) -> Any:
    request.body = scrub_body(request.body, request.headers.get("Content-Type", ""))
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    body = response.get("body", {})
    if body.get("string"):
        body["string"] = scrub_body(body["string"])
        if isinstance(body["string"], str):
            body["string"] = body["string"].encode()
    for header in list(response.get("headers", {})):
        if header.lower() in SECRET_HEADERS:
            del response["headers"][header]
    return response


def token_shaped(text: str) -> list[str]:
    return [match.group(0) for pattern in TOKEN_PATTERNS for match in pattern.finditer(text)]
