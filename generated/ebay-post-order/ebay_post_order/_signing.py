# Hand-written in generator/runtime/_signing.py, copied by `make generate` -- do not edit the copy.
"""HTTP message signatures (RFC 9421) for the calls eBay requires them on for EU/UK sellers.

eBay's scheme: the JWE that its Key Management API returns with the signing key goes in
``x-ebay-signature-key``; the body's SHA-256 goes in ``Content-Digest``; ``Signature-Input`` and
``Signature`` (label ``sig1``) cover ``content-digest`` (when there is a body),
``x-ebay-signature-key``, ``@method``, ``@path`` and ``@authority``, with ``created``. The
cryptography is http-message-signatures and cryptography (Ed25519), not ours: this module only
says which components to cover. Those two libraries are the ``signing`` extra and are imported
when a signer is built, not with the package.
https://developer.ebay.com/develop/guides/digital-signatures-for-apis
"""

import base64
import binascii
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

LABEL = "sig1"
KEY_HEADER = "x-ebay-signature-key"
COMPONENTS = (KEY_HEADER, "@method", "@path", "@authority")
KEY_ID = "ebay"


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 private key and the JWE eBay's Key Management API issued with it.

    ``private_key`` may be what createSigningKey returns (base64 PKCS#8 without PEM lines), PEM
    text or bytes, or a cryptography key object. Neither value is ever printed.
    """

    private_key: Any = field(repr=False)
    jwe: str = field(repr=False)


class Signer:
    """Adds eBay's signature headers to a request, in place."""

    def __init__(self, key: SigningKey) -> None:
        try:
            from http_message_signatures import HTTPMessageSigner, MappingKeyResolver, algorithms
        except ImportError as missing:  # pragma: no cover - depends on the environment
            raise ImportError("signing needs the 'signing' extra: pip install 'ebay-post-order[signing]'") from missing
        if not isinstance(key, SigningKey):
            raise ValueError(f"signing_key must be a SigningKey(private_key=..., jwe=...), not {type(key).__name__}")
        private = _signing_key(key.private_key)
        if not isinstance(key.jwe, str) or not key.jwe.strip():
            raise ValueError("signing_key.jwe is empty: pass the jwe eBay's Key Management API returned with the key")
        self._jwe = key.jwe
        self._signer = HTTPMessageSigner(
            signature_algorithm=algorithms.ED25519,
            key_resolver=MappingKeyResolver(public_keys={}, private_keys={KEY_ID: private}),
        )

    def sign(self, request: "httpx.Request") -> None:
        request.headers[KEY_HEADER] = self._jwe
        body = request.content or None
        self._signer.sign(
            request,
            key_id=KEY_ID,
            label=LABEL,
            include_alg=False,
            covered_component_ids=(("content-digest",) if body else ()) + COMPONENTS,
            body=body,
        )

    def __repr__(self) -> str:
        return "Signer(<key hidden>)"


def _signing_key(value: Any) -> Any:
    """The Ed25519 private key in ``value``, or a ValueError saying why it cannot sign."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        private = _load_private_key(value)
    except (ValueError, TypeError, binascii.Error, UnsupportedAlgorithm) as error:
        raise ValueError(
            "signing_key.private_key cannot be read: give the privateKey eBay's createSigningKey returned"
            f" (base64 PKCS#8), PEM text, or a cryptography key ({type(error).__name__})"
        ) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError(f"signing_key.private_key must be an Ed25519 private key, not {type(private).__name__}")
    return private


def _load_private_key(value: Any) -> Any:
    from cryptography.hazmat.primitives.serialization import load_der_private_key, load_pem_private_key

    if not isinstance(value, str | bytes):
        return value
    data = value.encode() if isinstance(value, str) else value
    if data.lstrip().startswith(b"-----BEGIN"):
        return load_pem_private_key(data, password=None)
    return load_der_private_key(base64.b64decode(data, validate=True), password=None)
