"""Mistakes refused when the client is built, and what a success and a failure let you see:
the raw response, the created id, the User-Agent, your own httpx client, logs without secrets."""

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from ebay_post_order import AsyncPostOrder, PostOrder, SigningKey, errors
from ebay_post_order.models import GetCancelDetailResponse

from tests.client.conftest import Recorder
from tests.client.test_auth_signing_paging import signing_key

NOT_SENT = Recorder(lambda r: httpx.Response(200, json={}))

REFUSED: list[tuple[str, Callable[[], Any], str]] = [
    ("None token", lambda: PostOrder.oauth(None), "token must be .* got a NoneType"),  # type: ignore[arg-type]
    ("empty token", lambda: PostOrder.oauth(""), "token must be .* got an empty string"),
    ("blank token", lambda: AsyncPostOrder.auth_n_auth("   "), "got an empty string"),
    ("token with a line break", lambda: PostOrder.oauth("v^1.1#abc\n"), "got text with spaces, line breaks"),
    ("empty client secret", lambda: PostOrder.refreshing("app", "", "v^1.1#r"), "client_secret must be"),
    ("None refresh token", lambda: PostOrder.refreshing("app", "s", None), "refresh_token must be"),  # type: ignore[arg-type]
    ("marketplace US", lambda: PostOrder.oauth("t", marketplace="US"), "did you mean 'EBAY_US'"),
    ("marketplace typo", lambda: PostOrder.oauth("t", marketplace="EBAY_USS"), "did you mean 'EBAY_US'"),
    ("marketplace unknown", lambda: PostOrder.oauth("t", marketplace="AMAZON"), "not an eBay marketplace id"),
    ("environment typo", lambda: PostOrder.oauth("t", environment="prod"), "environment must be one of"),  # type: ignore[arg-type]
    ("base_url without scheme", lambda: PostOrder.oauth("t", base_url="api.ebay.com"), "has no scheme"),
    (
        "base_url with the API path",
        lambda: PostOrder.oauth("t", base_url="https://api.ebay.com/post-order/v2/"),
        "already ends in /post-order/v2",
    ),
    ("plain http to a public host", lambda: PostOrder.oauth("t", base_url="http://api.ebay.com"), "clear text"),
    (
        "plain http for a refreshing client",
        lambda: PostOrder.refreshing("app", "secret", "v^1.1#r", base_url="http://proxy.example.com"),
        "clear text",
    ),
    ("timeout as a string", lambda: PostOrder.oauth("t", timeout="10"), "timeout must be"),  # type: ignore[arg-type]
    ("timeout of zero", lambda: PostOrder.oauth("t", timeout=0), "timeout must be"),
    ("negative retries", lambda: PostOrder.oauth("t", max_retries=-1), "max_retries must be"),
    ("retries as a bool", lambda: PostOrder.oauth("t", max_retries=True), "max_retries must be"),
    ("Authorization header", lambda: PostOrder.oauth("t", headers={"authorization": "x"}), "may not set"),
    (
        "transport and http_client",
        lambda: PostOrder.oauth("t", transport=NOT_SENT.transport, http_client=httpx.Client()),
        "not both",
    ),
    (
        "a signing key that cannot sign",
        lambda: PostOrder.oauth("t", signing_key=SigningKey(private_key="not base64!", jwe="eyJ.x")),
        "cannot be read",
    ),
    (
        "a signing key without its JWE",
        lambda: PostOrder.oauth("t", signing_key=SigningKey(private_key=signing_key()[1], jwe="")),
        "jwe is empty",
    ),
]


@pytest.mark.parametrize(("case", "build", "fix"), REFUSED, ids=[case for case, _, _ in REFUSED])
def test_mistakes_are_refused_when_the_client_is_built(case: str, build: Callable[[], Any], fix: str) -> None:
    with pytest.raises(ValueError, match=fix):
        build()
    assert NOT_SENT.requests == []


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765", "https://proxy.example.com"]
)
def test_loopback_http_and_any_https_are_accepted(url: str) -> None:
    assert PostOrder.oauth("t", base_url=url + "/").base_url == url


def test_plain_http_to_a_public_host_when_the_user_insists() -> None:
    po = PostOrder.oauth("t", base_url="http://gateway.internal", allow_insecure_http=True)
    assert po.base_url == "http://gateway.internal"


def test_with_raw_response_gives_the_http_response_beside_the_result() -> None:
    recorder = Recorder(lambda r: httpx.Response(200, json={"cancelDetail": {"cancelId": "1"}}, headers={"X-A": "b"}))
    po = PostOrder.oauth("t", transport=recorder.transport)
    answer = po.with_raw_response.cancellations.get("1")
    assert isinstance(answer.parsed, GetCancelDetailResponse)
    assert (answer.status_code, answer.headers["X-A"]) == (200, "b")
    assert answer.http_response.request.url.path == "/post-order/v2/cancellation/1"
    assert po.cancellations.get("1").cancel_detail is not None  # ordinary calls are untouched


@pytest.mark.anyio
async def test_async_with_raw_response() -> None:
    recorder = Recorder(lambda r: httpx.Response(200, headers={"X-A": "b"}))
    async with AsyncPostOrder.oauth("t", transport=recorder.transport) as po:
        answer = await po.with_raw_response.cancellations.approve("1")
    assert answer.parsed is None and answer.headers["X-A"] == "b"


def test_a_201_with_the_new_id_in_location_returns_the_id() -> None:
    location = {"Location": "/post-order/v2/inquiry/5900000042"}
    recorder = Recorder(lambda r: httpx.Response(201, headers=location))
    po = PostOrder.oauth("t", transport=recorder.transport, allow_decommissioned=True)
    with pytest.warns(errors.DecommissionedWarning):
        created = po.inquiries.create(item_id="1", transaction_id="2")
    assert created == "5900000042" and isinstance(created, str)


def test_a_201_without_location_keeps_the_response() -> None:
    recorder = Recorder(lambda r: httpx.Response(201))
    po = PostOrder.oauth("t", transport=recorder.transport, allow_decommissioned=True)
    with pytest.raises(errors.DecodeError, match="Location") as caught, pytest.warns(errors.DecommissionedWarning):
        po.inquiries.create(item_id="1", transaction_id="2")
    assert caught.value.response.status_code == 201


def test_every_call_names_the_package_and_carries_the_users_headers() -> None:
    recorder = Recorder(lambda r: httpx.Response(200))
    po = PostOrder.oauth("t", transport=recorder.transport, headers={"X-Proxy-Route": "eu"})
    po.cancellations.approve("1")
    sent = recorder.requests[0].headers
    assert sent["User-Agent"].startswith("ebay-post-order/") and sent["X-Proxy-Route"] == "eu"


def test_your_own_httpx_client_is_used_and_left_open() -> None:
    recorder = Recorder(lambda r: httpx.Response(200))
    seen: list[str] = []
    own = httpx.Client(transport=recorder.transport, event_hooks={"request": [lambda r: seen.append(r.url.path)]})
    with PostOrder.oauth("t", http_client=own) as po:
        po.cancellations.approve("1")
    assert seen == ["/post-order/v2/cancellation/1/approve"]
    assert recorder.requests[0].headers["Authorization"] == "IAF t"
    assert not own.is_closed
    own.close()


def test_transport_errors_name_the_host() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    po = PostOrder.oauth("t", transport=httpx.MockTransport(refuse), max_retries=0)
    with pytest.raises(errors.TransportError, match=r"GET https://api\.ebay\.com/post-order/v2/cancellation/1"):
        po.cancellations.get("1")


def test_debug_logs_tell_each_attempt_and_never_a_secret(caplog: pytest.LogCaptureFixture) -> None:
    answers = iter([httpx.Response(503), httpx.Response(200, json={})])

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/identity/v1/oauth2/token":
            return httpx.Response(200, json={"access_token": "v^1.1#minted-secret", "expires_in": 7200})
        return next(answers)

    key, _ = signing_key()
    po = PostOrder.refreshing(
        "app-id", "app-secret-xyz", "v^1.1#refresh-secret", transport=httpx.MockTransport(handler), signing_key=key
    )
    po._engine.sleep = lambda seconds: None
    with caplog.at_level(logging.DEBUG):
        po.cancellations.get("1")
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("ebay_post_order")]
    assert any(
        line.startswith("request GET https://api.ebay.com/post-order/v2/cancellation/1 attempt 1") for line in lines
    )
    assert any(line.startswith("retry GET") and "status 503" in line for line in lines)
    assert any(line.startswith("response 200 GET") for line in lines)
    assert any(line.startswith("token refreshed at https://api.ebay.com/identity") for line in lines)
    everything = caplog.text
    for secret in ("minted-secret", "app-secret-xyz", "refresh-secret", "eyJ.jwe", "Authorization"):
        assert secret not in everything


def test_text_arguments_take_a_plain_string_and_date_filters_a_datetime() -> None:
    import datetime

    from ebay_post_order.models import Text

    recorder = Recorder(lambda r: httpx.Response(200, json={}))
    po = PostOrder.oauth("t", transport=recorder.transport)
    po.returns.mark_as_received("5100000001", comments="Arrived in good order")
    po.returns.mark_as_received("5100000001", comments=Text(content="As an object", language="en-US"))
    eastern = datetime.timezone(datetime.timedelta(hours=-5))
    po.returns.search(creation_date_range_from=datetime.datetime(2026, 5, 1, 7, 30, tzinfo=eastern))
    po.returns.search(creation_date_range_from="2026-05-01T12:30:00.000Z")
    first, second = recorder.json_bodies()[:2]
    assert first == {"comments": {"content": "Arrived in good order"}}
    assert second == {"comments": {"content": "As an object", "language": "en-US"}}
    assert [r.url.params["creation_date_range_from"] for r in recorder.requests[2:]] == [
        "2026-05-01T12:30:00.000Z",
        "2026-05-01T12:30:00.000Z",
    ]


def test_a_body_past_the_bound_stops_being_read_and_an_error_status_still_raises_for_its_status() -> None:
    big = b'{"cancellations": [' + b'{"cancelId": "1"},' * 200 + b'{"cancelId": "2"}]}'
    po = PostOrder.oauth(
        "t", transport=httpx.MockTransport(lambda r: httpx.Response(200, content=big)), max_response_bytes=1000
    )
    with pytest.raises(errors.ResponseTooLargeError) as caught:
        po.cancellations.search()
    assert (caught.value.status_code, caught.value.limit) == (200, 1000)
    failing = httpx.MockTransport(lambda r: httpx.Response(500, content=b"x" * 5000))
    po = PostOrder.oauth("t", transport=failing, max_response_bytes=1000, max_retries=0)
    with pytest.raises(errors.ServerError):
        po.cancellations.search()
    with pytest.raises(ValueError, match="max_response_bytes"):
        PostOrder.oauth("t", max_response_bytes=0)


def test_retries_stop_when_the_total_wait_would_pass_its_bound() -> None:
    recorder = Recorder(lambda r: httpx.Response(429, headers={"Retry-After": "100"}))
    po = PostOrder.oauth("t", transport=recorder.transport, max_retries=50)
    slept: list[float] = []
    po._engine.sleep = slept.append
    with pytest.raises(errors.RateLimitError):
        po.cancellations.search()
    assert slept == [100.0] and len(recorder.requests) == 2  # a second 100 s wait would pass 120 s


def test_an_empty_204_on_a_typed_call_is_a_model_with_nothing_set() -> None:
    po = PostOrder.oauth("t", transport=httpx.MockTransport(lambda r: httpx.Response(204)))
    detail = po.cancellations.get("1")
    assert isinstance(detail, GetCancelDetailResponse) and detail.to_dict() == {}
