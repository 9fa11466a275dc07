"""Refreshing OAuth, digital signatures, pagination and the bounded fan-out."""

import asyncio
import base64
import threading
import time
from urllib.parse import parse_qs

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from ebay_post_order import AsyncPostOrder, PostOrder, SigningKey, errors
from ebay_post_order._auth import REFRESH_MARGIN, RefreshingAuth
from http_message_signatures import HTTPMessageVerifier, MappingKeyResolver, algorithms

from tests.client.conftest import Recorder

TOKEN_URL = "https://api.ebay.com/identity/v1/oauth2/token"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def token_server(valid: set[str], lifetime: int = 7200, delay: float = 0.0) -> Recorder:
    """Mints token-1, token-2, ... and accepts only the tokens in ``valid`` on API calls."""
    minted: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/identity/v1/oauth2/token":
            time.sleep(delay)
            minted.append(f"token-{len(minted) + 1}")
            return httpx.Response(200, json={"access_token": minted[-1], "expires_in": lifetime, "token_type": "User"})
        token = request.headers["Authorization"].removeprefix("IAF ")
        if token not in valid:
            return httpx.Response(401, json={"errors": [{"errorId": 1001, "message": "Invalid access token"}]})
        return httpx.Response(200, json={"cancellations": []})

    return Recorder(handler)


def refreshing(
    recorder: Recorder, clock: FakeClock, scopes: list[str] | None = None
) -> tuple[PostOrder, RefreshingAuth]:
    auth = RefreshingAuth("app-id", "app-secret", "refresh-xyz", scopes=scopes, token_url=TOKEN_URL, clock=clock)
    return PostOrder(auth=auth, transport=recorder.transport), auth


def test_refresh_request_is_basic_auth_with_the_refresh_grant() -> None:
    recorder = token_server({"token-1"})
    po, auth = refreshing(recorder, FakeClock(), scopes=["https://api.ebay.com/oauth/api_scope/sell.fulfillment"])
    po.cancellations.search()
    token_call, api_call = recorder.requests
    assert str(token_call.url) == TOKEN_URL
    assert token_call.headers["Authorization"] == "Basic " + base64.b64encode(b"app-id:app-secret").decode()
    assert parse_qs(token_call.content.decode()) == {
        "grant_type": ["refresh_token"],
        "refresh_token": ["refresh-xyz"],
        "scope": ["https://api.ebay.com/oauth/api_scope/sell.fulfillment"],
    }
    assert api_call.headers["Authorization"] == "IAF token-1"
    assert "refresh-xyz" not in repr(auth) and "app-secret" not in repr(po)


def test_token_is_reused_until_the_margin_before_expiry() -> None:
    clock = FakeClock()
    recorder = token_server({"token-1", "token-2"})
    po, auth = refreshing(recorder, clock)
    po.cancellations.search()
    clock.now += 7200 - REFRESH_MARGIN - 1
    po.cancellations.search()
    assert auth.refreshes == 1
    clock.now += 2  # now inside the margin
    po.cancellations.search()
    assert auth.refreshes == 2
    assert recorder.requests[-1].headers["Authorization"] == "IAF token-2"


def test_a_401_refreshes_once_and_retries_the_request() -> None:
    recorder = token_server({"token-2"})  # eBay revoked token-1 early
    po, auth = refreshing(recorder, FakeClock())
    po.cancellations.search()
    paths = [r.url.path.rsplit("/", 1)[-1] for r in recorder.requests]
    assert paths == ["token", "search", "token", "search"]
    assert auth.refreshes == 2


def test_a_second_401_is_an_authentication_error() -> None:
    recorder = token_server(set())
    po, auth = refreshing(recorder, FakeClock())
    with pytest.raises(errors.AuthenticationError) as caught:
        po.cancellations.search()
    assert auth.refreshes == 2 and caught.value.error_id == 1001
    assert len(recorder.requests) == 4


def test_a_failing_token_endpoint_raises_its_error() -> None:
    recorder = Recorder(lambda r: httpx.Response(400, json={"error": "invalid_grant", "error_description": "bad"}))
    po, _ = refreshing(recorder, FakeClock())
    with pytest.raises(errors.BadRequestError):
        po.cancellations.search()


def test_concurrent_calls_refresh_once_sync() -> None:
    recorder = token_server({"token-1"}, delay=0.05)
    po, auth = refreshing(recorder, FakeClock())
    threads = [threading.Thread(target=po.cancellations.search) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert auth.refreshes == 1
    assert sum(r.url.path.endswith("/token") for r in recorder.requests) == 1


@pytest.mark.anyio
async def test_concurrent_calls_refresh_once_async() -> None:
    recorder = token_server({"token-1"})
    auth = RefreshingAuth("id", "secret", "refresh", token_url=TOKEN_URL, clock=FakeClock())
    async with AsyncPostOrder(auth=auth, transport=recorder.transport) as po:
        await asyncio.gather(*(po.cancellations.search() for _ in range(8)))
    assert auth.refreshes == 1


def test_refreshing_constructor_uses_the_environments_token_endpoint() -> None:
    recorder = token_server({"token-1"})
    po = PostOrder.refreshing("id", "secret", "refresh", environment="sandbox", transport=recorder.transport)
    po.cancellations.search()
    assert str(recorder.requests[0].url) == "https://api.sandbox.ebay.com/identity/v1/oauth2/token"


def signing_key() -> tuple[SigningKey, Ed25519PrivateKey]:
    private = Ed25519PrivateKey.generate()
    der = private.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # The form eBay's createSigningKey returns: base64 PKCS#8 without PEM lines.
    return SigningKey(private_key=base64.b64encode(der).decode(), jwe="eyJ.jwe.from.key.management"), private


def verify(request: httpx.Request, private: Ed25519PrivateKey) -> list[str]:
    resolver = MappingKeyResolver(public_keys={"ebay": private.public_key()}, private_keys={})
    verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
    (result,) = verifier.verify(request)
    return list(result.covered_components)


def test_signed_operations_carry_ebays_headers_and_verify(ok: Recorder) -> None:
    key, private = signing_key()
    po = PostOrder.oauth("t", transport=ok.transport, signing_key=key)
    po.cancellations.approve("5000000001")  # signed: has the {} body
    po.cancellations.create(legacy_order_id="110-1")  # signed
    po.cancellations.reject("5000000001", tracking_number="1Z")  # not on eBay's list
    approve, create, reject = ok.requests
    for request in (approve, create):
        assert request.headers["x-ebay-signature-key"] == "eyJ.jwe.from.key.management"
        assert request.headers["Content-Digest"].startswith("sha-256=:")
        assert request.headers["Signature-Input"].startswith(
            'sig1=("content-digest" "x-ebay-signature-key" "@method" "@path" "@authority");created='
        )
        assert verify(request, private) == [
            '"content-digest"',
            '"x-ebay-signature-key"',
            '"@method"',
            '"@path"',
            '"@authority"',
            '"@signature-params"',
        ]
    assert "Signature" not in reject.headers and "x-ebay-signature-key" not in reject.headers
    assert "jwe" not in repr(key)


def test_a_tampered_body_fails_verification(ok: Recorder) -> None:
    key, private = signing_key()
    PostOrder.oauth("t", transport=ok.transport, signing_key=key).cancellations.create(legacy_order_id="1")
    request = ok.requests[0]
    tampered = httpx.Request(request.method, request.url, headers=request.headers, content=b'{"legacyOrderId":"2"}')
    from http_message_signatures import HTTPMessageSignaturesException, InvalidSignature

    resolver = MappingKeyResolver(public_keys={"ebay": private.public_key()}, private_keys={})
    verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
    (result,) = verifier.verify(tampered)
    with pytest.raises((InvalidSignature, HTTPMessageSignaturesException)):
        verifier.verify_body(tampered, [result], tampered.content)


def paged_server(total: int, page_size: int) -> Recorder:
    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        ids = [str(5000000000 + i) for i in range(offset, min(offset + page_size, total))]
        return httpx.Response(
            200,
            json={
                "cancellations": [{"cancelId": i} for i in ids],
                "paginationOutput": {"limit": page_size, "offset": offset, "totalEntries": total},
            },
        )

    return Recorder(handler)


def test_search_all_follows_three_pages(ok: Recorder) -> None:
    recorder = paged_server(total=25, page_size=10)
    po = PostOrder.oauth("t", transport=recorder.transport)
    ids = [c.cancel_id for c in po.cancellations.search_all(limit=10, role="SELLER")]
    assert ids == [str(5000000000 + i) for i in range(25)]
    assert [r.url.params["offset"] for r in recorder.requests] == ["0", "10", "20"]
    assert {r.url.params["role"] for r in recorder.requests} == {"SELLER"}


@pytest.mark.anyio
async def test_async_search_all_follows_three_pages() -> None:
    recorder = paged_server(total=21, page_size=10)
    async with AsyncPostOrder.oauth("t", transport=recorder.transport) as po:
        ids = [c.cancel_id async for c in po.cancellations.search_all(limit=10)]
    assert len(ids) == 21 and len(recorder.requests) == 3


def test_search_all_stops_on_an_empty_page() -> None:
    recorder = Recorder(lambda r: httpx.Response(200, json={"cancellations": []}))
    assert list(PostOrder.oauth("t", transport=recorder.transport).cancellations.search_all()) == []
    assert len(recorder.requests) == 1


def counting_server(delay: float) -> tuple[Recorder, dict[str, int]]:
    state = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(delay)
        with lock:
            state["now"] -= 1
        cancel_id = request.url.path.rsplit("/", 1)[-1]
        if cancel_id == "missing":
            return httpx.Response(404, json={"errorMessage": {"error": [{"errorId": 1}]}})
        return httpx.Response(200, json={"cancelDetail": {"cancelId": cancel_id}})

    return Recorder(handler), state


def test_get_many_keeps_order_and_at_most_ten_in_flight() -> None:
    recorder, state = counting_server(delay=0.02)
    po = PostOrder.oauth("t", transport=recorder.transport)
    ids = [str(i) for i in range(30)]
    details = po.cancellations.get_many(ids)
    assert [d.cancel_detail.cancel_id for d in details] == ids  # type: ignore[union-attr]
    assert 2 <= state["peak"] <= 10


def test_get_many_returns_or_raises_failures() -> None:
    recorder, _ = counting_server(delay=0)
    po = PostOrder.oauth("t", transport=recorder.transport)
    mixed = po.cancellations.get_many(["1", "missing", "3"], return_exceptions=True)
    assert isinstance(mixed[1], errors.NotFoundError) and not isinstance(mixed[0], BaseException)
    with pytest.raises(errors.NotFoundError):
        po.cancellations.get_many(["1", "missing"])


@pytest.mark.anyio
async def test_async_get_many_bounds_the_fan_out() -> None:
    state = {"now": 0, "peak": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        state["now"] += 1
        state["peak"] = max(state["peak"], state["now"])
        await asyncio.sleep(0.01)
        state["now"] -= 1
        return httpx.Response(200, json={"cancelDetail": {"cancelId": request.url.path.rsplit("/", 1)[-1]}})

    async with AsyncPostOrder.oauth("t", transport=httpx.MockTransport(handler)) as po:
        details = await po.cancellations.get_many([str(i) for i in range(40)], max_in_flight=4)
    assert len(details) == 40 and state["peak"] == 4


def test_tokens_never_reach_logs_reprs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    recorder = token_server(set())
    po, auth = refreshing(recorder, FakeClock())
    with pytest.raises(errors.AuthenticationError) as caught:
        po.cancellations.search()
    secrets = ["token-1", "token-2", "refresh-xyz", "app-secret", base64.b64encode(b"app-id:app-secret").decode()]
    shown = [caplog.text, repr(po), repr(auth), str(caught.value), repr(caught.value)]
    assert caplog.records  # httpx did log the calls
    assert not [secret for secret in secrets for text in shown if secret in text]
