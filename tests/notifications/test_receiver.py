"""NotificationReceiver against eBay's own vectors, and the ways a push must be refused."""

import base64
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from ebay_post_order import errors
from ebay_post_order.models import MarketplaceAccountDeletionMessage, OrderReturnActivityMessage
from ebay_post_order.notifications import (
    AppCredentials,
    EbayPublicKeys,
    NotificationReceiver,
    SignatureError,
    UnknownTopicError,
    record_for,
    record_reference,
)

VECTORS = json.loads((Path(__file__).parent / "data" / "ebay_sdk_vectors.json").read_text())
TOKEN = "71745723-d031-455c-bfa5-f90d11b4f20a"
ENDPOINT = "https://seller.example/ebay/notifications"


def compact(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":")).encode()


def ebay_keys(kid: str) -> dict[str, Any]:
    if kid != VECTORS["kid"]:
        raise KeyError(kid)
    return dict(VECTORS["public_key_response"])


def receiver(keys: Any = ebay_keys) -> NotificationReceiver:
    return NotificationReceiver(verification_token=TOKEN, endpoint=ENDPOINT, public_key=keys)


class Signer:
    """A P-256 key of our own, signing as eBay does (compact JSON, SHA1, DER, base64 header)."""

    def __init__(self, kid: str = "test-kid") -> None:
        self.kid = kid
        self.key = ec.generate_private_key(ec.SECP256R1())

    def key_json(self) -> dict[str, str]:
        der = self.key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        pem = f"-----BEGIN PUBLIC KEY-----{base64.b64encode(der).decode()}-----END PUBLIC KEY-----"
        return {"key": pem, "algorithm": "ECDSA", "digest": "SHA1"}

    def header(self, body: bytes, kid: str | None = None) -> str:
        signature = base64.b64encode(self.key.sign(body, ec.ECDSA(hashes.SHA1()))).decode()
        claims = {"alg": "ecdsa", "kid": kid or self.kid, "signature": signature, "digest": "SHA1"}
        return base64.b64encode(json.dumps(claims).encode()).decode()


def test_ebay_vector_verifies_and_decodes() -> None:
    body = compact(VECTORS["message"])
    event = receiver().receive({"X-EBAY-SIGNATURE": VECTORS["signature_header"]}, body)
    assert isinstance(event, MarketplaceAccountDeletionMessage)
    assert event.metadata.topic == "MARKETPLACE_ACCOUNT_DELETION"
    assert event.notification.notification_id == VECTORS["message"]["notification"]["notificationId"]
    assert event.notification.data.user_id == "ma8vp1jySJC"
    assert event.notification.publish_attempt_count == 1
    assert event.notification.event_date.isoformat() == "2021-03-19T20:43:59.462000+00:00"  # overlays/90
    assert event.to_dict() == VECTORS["message"]  # nothing lost


def test_headers_in_any_case_and_pretty_printed_body() -> None:
    body = json.dumps(VECTORS["message"], indent=2)  # re-serialised compactly, as eBay's SDKs do
    event = receiver().receive([("x-ebay-signature", VECTORS["signature_header"])], body)
    assert event.metadata.schema_version == "1.0"


def test_tampered_message_is_refused() -> None:
    with pytest.raises(SignatureError, match="does not match"):
        receiver().receive({"X-EBAY-SIGNATURE": VECTORS["signature_header"]}, compact(VECTORS["tampered_message"]))


def test_other_signature_over_the_message_is_refused() -> None:
    with pytest.raises(SignatureError):
        receiver().receive({"X-EBAY-SIGNATURE": VECTORS["mismatch_signature_header"]}, compact(VECTORS["message"]))


def test_foreign_key_is_refused() -> None:
    body = compact(VECTORS["message"])
    foreign = Signer()
    # Signed by another key but claiming eBay's key id: eBay's key does not verify it.
    with pytest.raises(SignatureError, match="does not match"):
        receiver().receive({"X-EBAY-SIGNATURE": foreign.header(body, kid=VECTORS["kid"])}, body)
    # A key id eBay does not know.
    with pytest.raises(SignatureError, match="knows no public key"):
        receiver().receive({"X-EBAY-SIGNATURE": foreign.header(body)}, body)
    # The key source hands out someone else's key for eBay's key id.
    with pytest.raises(SignatureError):
        receiver(lambda kid: Signer().key_json()).receive({"X-EBAY-SIGNATURE": VECTORS["signature_header"]}, body)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-EBAY-SIGNATURE": ""},
        {"X-EBAY-SIGNATURE": "not base64!"},
        {"X-EBAY-SIGNATURE": base64.b64encode(b"[1, 2]").decode()},
        {"X-EBAY-SIGNATURE": base64.b64encode(b'{"kid": "k"}').decode()},
        {"X-EBAY-SIGNATURE": base64.b64encode(b'{"alg": "rsa", "kid": "k", "signature": "AA=="}').decode()},
    ],
)
def test_missing_or_malformed_header_is_refused(headers: dict[str, str]) -> None:
    with pytest.raises(SignatureError) as caught:
        receiver().receive(headers, compact(VECTORS["message"]))
    assert isinstance(caught.value, errors.PostOrderError)


@pytest.mark.parametrize("vector", VECTORS["challenges"])
def test_challenge_vectors(vector: dict[str, str]) -> None:
    rec = NotificationReceiver(
        verification_token=vector["verification_token"], endpoint=vector["endpoint"], public_key=ebay_keys
    )
    assert rec.challenge_response(vector["challenge_code"]) == {"challengeResponse": vector["challenge_response"]}


@pytest.mark.parametrize(
    ("token", "endpoint"), [("short", ENDPOINT), ("x" * 81, ENDPOINT), (TOKEN + "!", ENDPOINT), (TOKEN, "seller")]
)
def test_bad_configuration_is_refused(token: str, endpoint: str) -> None:
    with pytest.raises(ValueError):
        NotificationReceiver(verification_token=token, endpoint=endpoint, public_key=ebay_keys)


RETURN_PUSH = {
    "metadata": {"topic": "ORDER_RETURN_ACTIVITY", "schemaVersion": "1.0", "deprecated": False},
    "notification": {
        "notificationId": "n-1",
        "eventDate": "2026-03-01T10:00:00.000Z",
        "publishDate": "2026-03-01T10:00:01.000Z",
        "publishAttemptCount": 1,
        "data": {
            "activityType": "RETURN_REQUESTED",
            "activityDate": "2026-03-01T10:00:00.000Z",
            "orderReturn": {
                "returnId": "5000000001",
                "returnStatus": "REQUESTED",
                "requester": "BUYER",
                "seller": {"userId": "u1", "username": "seller_sam"},
                "sellerAvailableActions": {
                    "respondByAction": {
                        "respondAction": "APPROVE_RETURN",
                        "responseDueDate": "2026-03-04T10:00:00.000Z",
                    },
                    "secondaryActions": ["SEND_MESSAGE", "SOMETHING_EBAY_ADDS_LATER"],
                },
                "returnLineItems": [{"returnLineItemId": "1", "orderLineItemId": "2", "orderId": "3"}],
                "aFieldEbayAddsLater": {"x": 1},
            },
        },
    },
}


def test_typed_return_payload_with_open_enums_and_nothing_lost() -> None:
    signer = Signer()
    body = compact(RETURN_PUSH)
    rec = receiver(lambda kid: signer.key_json())
    event = rec.receive({"X-Ebay-Signature": signer.header(body)}, body)
    assert isinstance(event, OrderReturnActivityMessage)
    data = event.notification.data
    assert data.activity_type == "RETURN_REQUESTED"
    assert data.order_return.return_id == "5000000001"
    assert data.order_return.seller_available_actions.respond_by_action.response_due_date.year == 2026
    assert data.order_return.seller_available_actions.secondary_actions[1] == "SOMETHING_EBAY_ADDS_LATER"
    assert event.to_dict() == RETURN_PUSH
    assert record_reference(event) == ("return", "5000000001")


def test_unknown_topic_keeps_the_payload() -> None:
    signer = Signer()
    payload = {"metadata": {"topic": "ITEM_MARKED_SHIPPED"}, "notification": {"data": {"orderId": "1"}}}
    body = compact(payload)
    with pytest.raises(UnknownTopicError) as caught:
        receiver(lambda kid: signer.key_json()).receive({"X-EBAY-SIGNATURE": signer.header(body)}, body)
    assert caught.value.payload == payload and caught.value.topic == "ITEM_MARKED_SHIPPED"


def test_body_that_is_not_json_is_refused() -> None:
    signer = Signer()
    body = b"not json"
    with pytest.raises(errors.NotificationError):
        receiver(lambda kid: signer.key_json()).receive({"X-EBAY-SIGNATURE": signer.header(body)}, body)


def test_record_for_calls_the_matching_resource() -> None:
    calls: list[tuple[str, str]] = []

    class Resource:
        def __init__(self, name: str) -> None:
            self.name = name

        def get(self, ident: str) -> str:
            calls.append((self.name, ident))
            return "record"

    class Client:
        returns, inquiries, cancellations = Resource("returns"), Resource("inquiries"), Resource("cancellations")

    event = OrderReturnActivityMessage.from_dict(RETURN_PUSH)
    assert record_for(event, Client()) == "record" and calls == [("returns", "5000000001")]
    with pytest.raises(ValueError):
        record_for(MarketplaceAccountDeletionMessage.from_dict(VECTORS["message"]), Client())


def test_app_credentials_fetch_and_cache_keys() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        if request.url.path == "/identity/v1/oauth2/token":
            assert request.headers["Authorization"].startswith("Basic ")
            assert b"grant_type=client_credentials" in request.content
            return httpx.Response(200, json={"access_token": "app-token", "expires_in": 7200})
        assert request.headers["Authorization"] == "Bearer app-token"
        if request.url.path.endswith(VECTORS["kid"]):
            return httpx.Response(200, json=VECTORS["public_key_response"])
        return httpx.Response(404, json={"errors": [{"errorId": 195001, "message": "not found"}]})

    with httpx.Client(transport=httpx.MockTransport(answer)) as http:
        creds = AppCredentials(client_id="app", client_secret="secret", environment="sandbox", http_client=http)
        rec = receiver(creds)
        assert isinstance(rec.keys, EbayPublicKeys)
        body = compact(VECTORS["message"])
        for _ in range(3):
            rec.receive({"X-EBAY-SIGNATURE": VECTORS["signature_header"]}, body)
        for _ in range(3):  # a key id eBay does not know is asked for once
            with pytest.raises(SignatureError):
                rec.receive({"X-EBAY-SIGNATURE": Signer("unknown").header(body)}, body)
    assert seen == [
        "POST /identity/v1/oauth2/token",
        f"GET /commerce/notification/v1/public_key/{VECTORS['kid']}",
        "GET /commerce/notification/v1/public_key/unknown",
    ]
    assert "secret" not in repr(creds)


def test_key_service_failure_is_an_api_error() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/identity/v1/oauth2/token":
            return httpx.Response(200, json={"access_token": "t"})
        return httpx.Response(500, text="down")

    with httpx.Client(transport=httpx.MockTransport(answer)) as http:
        rec = receiver(AppCredentials(client_id="a", client_secret="s", http_client=http))
        with pytest.raises(errors.ServerError):
            rec.receive({"X-EBAY-SIGNATURE": VECTORS["signature_header"]}, compact(VECTORS["message"]))


def test_topics_are_the_specs_message_schemas() -> None:
    from ebay_post_order.notifications import TOPICS

    from tests.conftest import effective_spec

    schemas = effective_spec()["components"]["schemas"]
    in_spec = {s["x-ebay-notification-topic"]: name for name, s in schemas.items() if "x-ebay-notification-topic" in s}
    assert {topic: model.__name__ for topic, model in TOPICS.items()} == in_spec
