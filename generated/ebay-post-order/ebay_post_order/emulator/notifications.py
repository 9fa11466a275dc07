# Hand-written in emulator/notifications.py, copied by `make generate` -- do not edit the copy.
"""eBay's Commerce Notification API, the part a Post-Order seller app uses, and the pushes.

* ``POST /identity/v1/oauth2/token`` with ``grant_type=client_credentials`` mints application
  tokens for the scenario's apps (``app.Emulator.token`` hands that grant here);
* ``GET /commerce/notification/v1/public_key/{kid}``: the emulator's own P-256 key, as eBay's
  JSON (``key`` in PEM on one line, ``algorithm`` ECDSA, ``digest`` SHA1);
* ``POST /destination`` performs eBay's challenge against the endpoint before it registers it
  (409, errorId 195020 when the answer is wrong), ``GET /destination/{id}``;
* ``GET``/``PUT /config`` (the app's alert email), ``GET /topic`` and ``GET /topic/{id}`` (the four
  topics as eBay's getTopic answers them), ``GET /destination`` (every one, a single page),
  ``PUT`` and ``DELETE /destination/{id}`` (a destination in use by a subscription is kept, 409);
* ``POST /subscription`` (a user token for the per-seller ORDER_* topics), ``GET /subscription``
  (the caller's), ``GET``, ``PUT`` and ``DELETE /subscription/{id}``, ``enable``, ``disable`` and
  ``test``.

When a call changes a return, inquiry or cancellation, every enabled subscription of the topic
whose owner is that record's seller gets a push: the topic's payload, signed as eBay signs
(ECDSA over the compact JSON, ``X-EBAY-SIGNATURE``). A delivery that is refused or fails is
tried again after ``retry_delays``, with ``publishAttemptCount`` counting, as eBay does; every
attempt is kept in ``deliveries``. The state of this part is in memory only.
"""

import asyncio
import base64
import copy
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.requests import Request
from starlette.responses import Response

from . import errors
from .backend import Backend
from .scenario import User
from .wire import json_response, oauth_error, stamp

PREFIX = "/commerce/notification/v1"
KEY_ID = "emulator-notification-key-1"
TOPICS = (
    "ORDER_RETURN_ACTIVITY",
    "ORDER_INQUIRY_ACTIVITY",
    "ORDER_CANCELLATION_ACTIVITY",
    "MARKETPLACE_ACCOUNT_DELETION",
)
PER_SELLER = frozenset(TOPICS[:3])
TOPIC_SCOPES = {
    "ORDER_RETURN_ACTIVITY": ("sell.return.read", "sell.return"),
    "ORDER_INQUIRY_ACTIVITY": ("sell.inquiry.read", "sell.inquiry"),
    "ORDER_CANCELLATION_ACTIVITY": ("sell.cancellation.read", "sell.cancellation"),
    "MARKETPLACE_ACCOUNT_DELETION": (),
}
"""The scopes eBay's getTopic names for each topic (under https://api.ebay.com/oauth/api_scope/)."""
DOMAIN_TOPIC = {
    "returns": "ORDER_RETURN_ACTIVITY",
    "inquiries": "ORDER_INQUIRY_ACTIVITY",
    "cancellations": "ORDER_CANCELLATION_ACTIVITY",
}


@dataclass
class Delivery:
    """One attempt to push one notification to one endpoint."""

    notification_id: str
    topic: str
    endpoint: str
    attempt: int
    status: int | None  # None: no answer (connection refused, timeout)


@dataclass
class Hub:
    """Destinations, subscriptions, the signing key, app tokens and the pushes of one emulator."""

    backend: Backend
    retry_delays: tuple[float, ...] = (0.2, 0.5, 1.0)
    timeout: float = 5.0
    transport: httpx.AsyncBaseTransport | None = None
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    app_tokens: set[str] = field(default_factory=set)
    config: dict[str, Any] | None = None
    destinations: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)
    _tasks: set["asyncio.Task[None]"] = field(default_factory=set)
    _count: int = 0

    # -- the Notification API ------------------------------------------------------------------

    def mint_app_token(self) -> dict[str, Any]:
        token = f"emu-app-{len(self.app_tokens) + 1}"
        self.app_tokens.add(token)
        return {"access_token": token, "expires_in": 7200, "token_type": "Application Access Token"}

    def public_key_json(self) -> dict[str, str]:
        der = self.key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        pem = f"-----BEGIN PUBLIC KEY-----{base64.b64encode(der).decode()}-----END PUBLIC KEY-----"
        return {"key": pem, "algorithm": "ECDSA", "digest": "SHA1"}

    async def handle(self, request: Request) -> Response:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        user = self.backend.world.user_for(token) if scheme.lower() == "bearer" else None
        if scheme.lower() != "bearer" or (token not in self.app_tokens and user is None):
            return oauth_error(
                401, 1001, "Invalid access token. Check the value of the Authorization HTTP request header."
            )
        parts = request.url.path.removeprefix(PREFIX).strip("/").split("/")
        body = await _json_body(request)
        match request.method, parts:
            case "GET", ["public_key", kid]:
                if kid != KEY_ID:
                    return _error(errors.NOTIFICATION_KEY_NOT_FOUND, "The specified key id is invalid.")
                return json_response(self.public_key_json())
            case "GET", ["config"]:
                if self.config is None:
                    return _error(errors.NOTIFICATION_CONFIG_NOT_FOUND, "Configuration Not Found.")
                return json_response(self.config)
            case "PUT", ["config"]:
                email = body.get("alertEmail")
                if not isinstance(email, str) or "@" not in email:
                    return _error(errors.NOTIFICATION_BAD_EMAIL, "Invalid or missing email.")
                self.config = {"alertEmail": email}
                return Response(status_code=204)
            case "GET", ["topic"]:
                topics = [_topic(topic) for topic in TOPICS]
                return json_response({"topics": topics, "total": len(topics), "limit": 20, "href": request.url.path})
            case "GET", ["topic", topic]:
                if topic not in TOPICS:
                    return _error(errors.NOTIFICATION_NO_SUCH_TOPIC, "Invalid or missing topic id.")
                return json_response(_topic(topic))
            case "POST", ["destination"]:
                return await self._create_destination(body)
            case "GET", ["destination"]:
                found = list(self.destinations.values())
                return json_response({"destinations": found, "total": len(found), "limit": 20})
            case _, ["destination", ident] if ident not in self.destinations:
                return _error(errors.NOTIFICATION_NO_SUCH_DESTINATION, "Invalid or missing destination id.")
            case "GET", ["destination", ident]:
                return json_response(self.destinations[ident])
            case "PUT", ["destination", ident]:
                return await self._create_destination(body, ident)
            case "DELETE", ["destination", ident]:
                if any(s["destinationId"] == ident for s in self.subscriptions.values()):
                    return _error(
                        errors.NOTIFICATION_DESTINATION_IN_USE, "Destination is in use and cannot be deleted."
                    )
                del self.destinations[ident]
                return Response(status_code=204)
            case "POST", ["subscription"]:
                return self._create_subscription(body, user)
            case "GET", ["subscription"]:
                owner = user.name if user is not None else None
                mine = [_public(s) for s in self.subscriptions.values() if s["owner"] == owner]
                return json_response({"subscriptions": mine, "total": len(mine), "limit": 20})
            case _, ["subscription", ident, *_] if ident not in self.subscriptions:
                return _error(errors.NOTIFICATION_NO_SUCH_SUBSCRIPTION, "The subscription id does not exist.")
            case "GET", ["subscription", ident]:
                return json_response(_public(self.subscriptions[ident]))
            case "PUT", ["subscription", ident]:
                return self._update_subscription(self.subscriptions[ident], body)
            case "DELETE", ["subscription", ident]:
                del self.subscriptions[ident]
                return Response(status_code=204)
            case "POST", ["subscription", ident, ("enable" | "disable") as action]:
                subscription = self.subscriptions[ident]
                if action == "enable" and self.destinations[subscription["destinationId"]]["status"] != "ENABLED":
                    return _error(
                        errors.NOTIFICATION_DESTINATION_DISABLED,
                        "The subscription cannot be enabled since the destination is not enabled.",
                    )
                subscription["status"] = "ENABLED" if action == "enable" else "DISABLED"
                return Response(status_code=204)
            case "POST", ["subscription", ident, "test"]:
                subscription = self.subscriptions[ident]
                # eBay's page: create the subscription disabled, test it, then enable it
                message = self._message(subscription["topicId"], _test_data(subscription["topicId"]))
                self._push(subscription, message, test=True)
                return Response(status_code=202)
        return Response(status_code=404)  # no such call in this part of the Notification API

    def _update_subscription(self, subscription: dict[str, Any], body: dict[str, Any]) -> Response:
        status = body.get("status", subscription["status"])
        if status not in ("ENABLED", "DISABLED"):
            return _error(errors.NOTIFICATION_BAD_SUBSCRIPTION_STATUS, "Invalid or missing subscription status.")
        destination = body.get("destinationId", subscription["destinationId"])
        if destination not in self.destinations:
            return _error(errors.NOTIFICATION_BAD_DESTINATION_ID, "Invalid or missing destination id.")
        if status == "ENABLED" and self.destinations[destination]["status"] != "ENABLED":
            return _error(
                errors.NOTIFICATION_DESTINATION_DISABLED,
                "The subscription cannot be enabled since the destination is not enabled.",
            )
        subscription.update(status=status, destinationId=destination)
        return Response(status_code=204)

    async def _create_destination(self, body: dict[str, Any], ident: str | None = None) -> Response:
        """``createDestination``, or ``updateDestination`` of ``ident``: both perform the challenge."""
        given = body.get("deliveryConfig")
        config: dict[str, Any] = given if isinstance(given, dict) else {}
        endpoint, token = config.get("endpoint"), config.get("verificationToken")
        if not isinstance(endpoint, str) or not endpoint.startswith(("https://", "http://")):
            return _error(errors.NOTIFICATION_BAD_ENDPOINT, "Invalid or missing endpoint.")
        if not isinstance(token, str) or not 32 <= len(token) <= 80:
            return _error(errors.NOTIFICATION_BAD_TOKEN, "Invalid or missing verification token for this endpoint.")
        status = body.get("status", "ENABLED")
        if status not in ("ENABLED", "DISABLED"):
            return _error(
                errors.NOTIFICATION_BAD_STATUS,
                "Invalid or missing destination status. Supported values:[ENABLED,DISABLED]",
            )
        if any(d["deliveryConfig"]["endpoint"] == endpoint and i != ident for i, d in self.destinations.items()):
            return _error(errors.NOTIFICATION_DESTINATION_EXISTS, "Destination exists for this endpoint")
        code = self._new_id("challenge")
        expected = hashlib.sha256((code + token + endpoint).encode()).hexdigest()
        try:
            async with self._client() as client:
                answer = await client.get(endpoint, params={"challenge_code": code})
            passed = answer.status_code == 200 and answer.json().get("challengeResponse") == expected
        except (httpx.HTTPError, ValueError, AttributeError):
            passed = False
        if not passed:
            return _error(errors.NOTIFICATION_CHALLENGE_FAILED, "Challenge verification failed for requested endpoint")
        created = ident is None
        ident = ident or self._new_id("destination")
        self.destinations[ident] = {
            "destinationId": ident,
            "name": str(body.get("name", "")),
            "status": status,
            "deliveryConfig": {"endpoint": endpoint, "verificationToken": token},
        }
        if not created:
            return Response(status_code=204)
        return Response(status_code=201, headers={"Location": f"{PREFIX}/destination/{ident}"})

    def _create_subscription(self, body: dict[str, Any], user: User | None) -> Response:
        topic = body.get("topicId")
        if topic not in TOPICS:
            return _error(errors.NOTIFICATION_BAD_TOPIC, "Invalid or missing topic id.")
        if topic in PER_SELLER and user is None:  # a seller's topic: the seller's user token
            return _error(errors.NOTIFICATION_NOT_AUTHORIZED, "Not authorized for this topic.")
        if body.get("destinationId") not in self.destinations:
            return _error(errors.NOTIFICATION_BAD_DESTINATION_ID, "Invalid or missing destination id.")
        owner = user.name if user is not None else None
        if any(s["topicId"] == topic and s["owner"] == owner for s in self.subscriptions.values()):
            return _error(errors.NOTIFICATION_SUBSCRIPTION_EXISTS, "Subscription already exists")
        ident = self._new_id("subscription")
        self.subscriptions[ident] = {
            "subscriptionId": ident,
            "topicId": topic,
            "status": body.get("status", "ENABLED") if body.get("status") in ("ENABLED", "DISABLED") else "ENABLED",
            "destinationId": body["destinationId"],
            "payload": {"format": "JSON", "schemaVersion": "1.0", "deliveryProtocol": "HTTPS"},
            "owner": owner,
        }
        return Response(status_code=201, headers={"Location": f"{PREFIX}/subscription/{ident}"})

    # -- the pushes ----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, dict[str, tuple[str, str]]] | None:
        """The state of every record, to compare after a call; None when nobody subscribed."""
        if not self.subscriptions:
            return None
        return {
            domain: {ident: (r.state, r.status) for ident, r in getattr(self.backend, domain).records.items()}
            for domain in DOMAIN_TOPIC
        }

    def changed(self, before: dict[str, dict[str, tuple[str, str]]] | None) -> None:
        """Push what changed since ``before`` to the subscriptions of its seller."""
        if before is None:
            return
        for domain, topic in DOMAIN_TOPIC.items():
            for ident, record in getattr(self.backend, domain).records.items():
                old = before[domain].get(ident)
                if old == (record.state, record.status):
                    continue
                activity = _activity(domain, record, new=old is None)
                if activity is None:
                    continue
                seller = self.backend.world.order_of(record).seller
                message = self._message(topic, _record_data(domain, record, activity, seller, self._now()))
                for subscription in self.subscriptions.values():
                    if subscription["topicId"] == topic and subscription["owner"] == seller:
                        self._push(subscription, message)

    async def drain(self) -> None:
        """Wait until every push (and its retries) is done."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _message(self, topic: str, data: dict[str, Any]) -> dict[str, Any]:
        self._count += 1
        now = self._now()
        return {
            "metadata": {"topic": topic, "schemaVersion": "1.0", "deprecated": False},
            "notification": {
                "notificationId": f"emu-notification-{self._count}",
                "eventDate": now,
                "publishDate": now,
                "publishAttemptCount": 1,
                "data": data,
            },
        }

    def _now(self) -> str:
        return stamp(self.backend.world.now)

    def _new_id(self, series: str) -> str:
        self._count += 1
        return f"emu-{series}-{self._count}"

    def _push(self, subscription: dict[str, Any], message: dict[str, Any], test: bool = False) -> None:
        if subscription["status"] != "ENABLED" and not test:
            return
        destination = self.destinations[subscription["destinationId"]]
        if destination["status"] != "ENABLED":
            return
        endpoint = destination["deliveryConfig"]["endpoint"]
        # a copy each: every delivery counts its own attempts
        task = asyncio.get_running_loop().create_task(self._deliver(endpoint, copy.deepcopy(message)))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, endpoint: str, message: dict[str, Any]) -> None:
        for attempt, delay in enumerate((0.0, *self.retry_delays), start=1):
            if delay:
                await asyncio.sleep(delay)
            message["notification"]["publishAttemptCount"] = attempt
            body = json.dumps(message, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json", "X-EBAY-SIGNATURE": self.signature(body)}
            try:
                async with self._client() as client:
                    status: int | None = (await client.post(endpoint, content=body, headers=headers)).status_code
            except httpx.HTTPError:
                status = None
            self.deliveries.append(
                Delivery(
                    message["notification"]["notificationId"], message["metadata"]["topic"], endpoint, attempt, status
                )
            )
            if status is not None and 200 <= status < 300:
                return

    def signature(self, body: bytes) -> str:
        """``X-EBAY-SIGNATURE`` for ``body``, as eBay makes it."""
        signed = base64.b64encode(self.key.sign(body, ec.ECDSA(hashes.SHA1()))).decode()
        claims = {"alg": "ecdsa", "kid": KEY_ID, "signature": signed, "digest": "SHA1"}
        return base64.b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode()

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self.timeout, transport=self.transport)


def _activity(domain: str, record: Any, new: bool) -> str | None:
    """The topic's activityType for a record that is new or changed state; None: eBay pushes nothing."""
    state = record.state
    if domain == "returns":
        if new:
            return "RETURN_REQUESTED"
        return {
            "ITEM_SHIPPED": "RETURN_FULFILLMENT_INITIATED",
            "ITEM_DELIVERED": "RETURN_FULFILLMENT_COMPLETED",
            "CLOSED": "RETURN_CLOSED",
        }.get(state)
    if domain == "inquiries":
        if new:
            return "INQUIRY_CREATED"
        return {"CLOSED": "INQUIRY_CLOSED", "CLOSED_WITH_ESCALATION": "INQUIRY_REFERRAL_CREATED"}.get(state)
    if new:
        return "CANCELLATION_REQUESTED"
    if state == "CLOSED":
        return "CANCELLATION_DECLINED" if record.status == "CANCEL_REJECTED" else "CANCELLATION_COMPLETED"
    return None


def _record_data(domain: str, record: Any, activity: str, seller: str, now: str) -> dict[str, Any]:
    closed = activity in ("RETURN_CLOSED", "INQUIRY_CLOSED", "CANCELLATION_COMPLETED", "CANCELLATION_DECLINED")
    dates = {"closedDate": now} if closed else {}
    seller_json = {"userId": seller, "username": seller}
    if domain == "returns":
        status = "REQUESTED" if activity == "RETURN_REQUESTED" else "CLOSED" if closed else "OPEN"
        return {
            "activityType": activity,
            "activityDate": now,
            "orderReturn": {
                "returnId": record.return_id,
                "returnStatus": status,
                "requester": "BUYER",
                "seller": seller_json,
                "returnLineItems": [{"orderId": record.order_id, "orderLineItemId": record.transaction_id}],
                **dates,
            },
        }
    if domain == "inquiries":
        return {
            "activityType": activity,
            "activityDate": now,
            "orderInquiry": {
                "type": "ITEM_NOT_RECEIVED",
                "inquiryId": record.inquiry_id,
                "inquiryStatus": "CLOSED" if record.state.startswith("CLOSED") else "OPEN",
                "initiator": "BUYER",
                "seller": seller_json,
                "inquiryLineItems": [{"orderId": record.order_id, "orderLineItemId": record.transaction_id}],
                **dates,
            },
        }
    status = {"CANCELLATION_REQUESTED": "REQUESTED", "CANCELLATION_DECLINED": "DECLINED"}.get(activity, "COMPLETED")
    return {
        "activityType": activity,
        "activityDate": now,
        "orderCancellation": {
            "cancellationId": record.cancel_id,
            "cancellationStatus": status,
            "seller": seller_json,
            "cancellationLineItems": [{"orderId": record.order_id}],
            **dates,
        },
    }


def _test_data(topic: str) -> dict[str, Any]:
    if topic == "MARKETPLACE_ACCOUNT_DELETION":
        return {"username": "test_user", "userId": "test_user_id", "eiasToken": "test_eias_token"}
    return {"activityType": "TEST"}


def _topic(topic: str) -> dict[str, Any]:
    """A topic as eBay's getTopic answers it (the scopes and payloads of eBay's own answers)."""
    return {
        "topicId": topic,
        "description": f"The {topic} notifications.",
        "authorizationScopes": [f"https://api.ebay.com/oauth/api_scope/{scope}" for scope in TOPIC_SCOPES[topic]],
        "status": "ENABLED",
        "context": "COMMERCE",
        "scope": "USER" if topic in PER_SELLER else "APPLICATION",
        "supportedPayloads": [{"format": ["JSON"], "schemaVersion": "1.0", "deliveryProtocol": "HTTPS"}],
        "filterable": False,
    }


def _public(subscription: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in subscription.items() if k != "owner"}


def _error(kind: errors.ErrorKind, message: str) -> Response:
    """A catalogue error in the Notification API's ``errors`` shape."""
    error = {"errorId": kind.error_id, "domain": kind.domain, "category": "REQUEST", "message": message}
    return json_response({"errors": [error]}, kind.status)


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        value = json.loads(raw) if raw else {}
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}
