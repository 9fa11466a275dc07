"""Error classes from statuses and both body shapes; the retry matrix; DecodeError."""

import email.utils
import time

import httpx
import pytest
from ebay_post_order import PostOrder, errors
from ebay_post_order._retry import RetryPolicy, parse_retry_after

from tests.client.conftest import Recorder

POST_ORDER_SHAPE = {
    "errorMessage": {
        "error": [
            {
                "errorId": 1617,
                "domain": "returnErrorDomain",
                "severity": "ERROR",
                "category": "REQUEST",
                "message": "Invalid input",
                "longMessage": "The return id is not valid",
                "parameter": [{"name": "returnId", "value": "x"}],
            }
        ]
    }
}
OAUTH_SHAPE = {
    "errors": [
        {
            "errorId": 1001,
            "domain": "OAuth",
            "category": "REQUEST",
            "message": "Invalid access token",
            "longMessage": "Invalid access token. Check the value of the Authorization HTTP request header.",
        }
    ]
}
STATUS_CLASSES = [
    (400, errors.BadRequestError),
    (401, errors.AuthenticationError),
    (403, errors.PermissionDeniedError),
    (404, errors.NotFoundError),
    (409, errors.ConflictError),
    (429, errors.RateLimitError),
    (500, errors.ServerError),
    (503, errors.ServerError),
    (422, errors.ApiError),
]


def client(handler: Recorder, **options: object) -> tuple[PostOrder, list[float]]:
    slept: list[float] = []
    po = PostOrder.oauth("secret-token", transport=handler.transport, **options)  # type: ignore[arg-type]
    po._engine.sleep = slept.append
    return po, slept


@pytest.mark.parametrize(("status", "kind"), STATUS_CLASSES)
@pytest.mark.parametrize("body", [POST_ORDER_SHAPE, OAUTH_SHAPE], ids=["errorMessage", "errors"])
def test_every_status_gives_its_class_with_both_body_shapes(status: int, kind: type, body: dict[str, object]) -> None:
    po, _ = client(Recorder(lambda r: httpx.Response(status, json=body)), max_retries=0)
    with pytest.raises(kind) as caught:
        po.cancellations.get("5000000001")
    error = caught.value
    assert type(error) is kind and isinstance(error, errors.ApiError) and isinstance(error, errors.PostOrderError)
    assert error.status_code == status and error.response.status_code == status
    first = body.get("errors", body.get("errorMessage", {}).get("error"))[0]  # type: ignore[union-attr]
    assert (error.error_id, error.domain) == (first["errorId"], first["domain"])
    assert error.message == first["longMessage"]
    assert error.errors[0].category == "REQUEST"
    assert "secret-token" not in str(error)


def test_error_parameters_are_parsed() -> None:
    po, _ = client(Recorder(lambda r: httpx.Response(400, json=POST_ORDER_SHAPE)))
    with pytest.raises(errors.BadRequestError) as caught:
        po.cancellations.get("x")
    assert caught.value.errors[0].parameters == (("returnId", "x"),)
    assert str(caught.value) == "400 GET /post-order/v2/cancellation/x [errorId 1617]: The return id is not valid"


def test_unparseable_error_body_still_gives_status_and_text() -> None:
    po, _ = client(Recorder(lambda r: httpx.Response(502, text="<html>Bad gateway</html>")), max_retries=0)
    with pytest.raises(errors.ServerError) as caught:
        po.cancellations.get("x")
    assert caught.value.status_code == 502 and caught.value.errors == []
    assert caught.value.message == "<html>Bad gateway</html>"


def test_a_2xx_that_does_not_decode_keeps_the_response() -> None:
    po, _ = client(Recorder(lambda r: httpx.Response(200, text="{not json")))
    with pytest.raises(errors.DecodeError) as caught:
        po.cancellations.create(legacy_order_id="1")
    assert caught.value.response.text == "{not json"
    assert not isinstance(caught.value, errors.ApiError)


def test_any_2xx_with_a_body_decodes_as_the_documented_model() -> None:
    """eBay documents 200 for Create Cancellation; a 201 with the same body must not be dropped."""
    po, _ = client(Recorder(lambda r: httpx.Response(201, json={"cancelId": "1"})))
    created = po.cancellations.create(legacy_order_id="1")
    assert created.cancel_id == "1"


def flaky(status: int, failures: int = 1, headers: dict[str, str] | None = None) -> Recorder:
    def handler(request: httpx.Request) -> httpx.Response:
        if len(recorder.requests) <= failures:
            return httpx.Response(status, headers=headers or {}, json=POST_ORDER_SHAPE)
        return httpx.Response(200, json={"cancellations": []}) if request.method == "GET" else httpx.Response(200)

    recorder = Recorder(handler)
    return recorder


CALLS = {
    "GET": lambda po: po.cancellations.search(),
    "POST": lambda po: po.cancellations.approve("5000000001"),
}


@pytest.mark.parametrize(
    ("status", "method", "retried"),
    [
        (429, "GET", True),
        (429, "POST", True),
        (503, "GET", True),
        (503, "POST", True),
        (500, "GET", True),
        (500, "POST", False),
        (502, "GET", True),
        (502, "POST", False),
        (504, "POST", False),
        (400, "GET", False),
        (404, "GET", False),
        (409, "POST", False),
    ],
)
def test_retry_matrix_by_status_and_method(status: int, method: str, retried: bool) -> None:
    recorder = flaky(status)
    po, slept = client(recorder)
    if retried:
        CALLS[method](po)
        assert len(recorder.requests) == 2 and len(slept) == 1
    else:
        with pytest.raises(errors.ApiError):
            CALLS[method](po)
        assert len(recorder.requests) == 1 and slept == []


def http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [("7", 7.0), ("0", 0.0), ("120", 120.0), (None, "backoff"), ("soon", "backoff"), ("-3", "backoff")],
)
def test_retry_after_seconds_and_garbage(retry_after: str | None, expected: object) -> None:
    recorder = flaky(429, headers={"Retry-After": retry_after} if retry_after is not None else None)
    po, slept = client(recorder)
    po.cancellations.approve("1")
    if expected == "backoff":
        assert 0 <= slept[0] <= 0.5  # full jitter over the first backoff step
    else:
        assert slept == [expected]


def test_retry_after_as_http_date() -> None:
    po, slept = client(flaky(503, headers={"Retry-After": http_date(30)}))
    po.cancellations.search()
    assert 27 <= slept[0] <= 31


@pytest.mark.parametrize("value", ["121", "3600", "date"])
def test_retry_after_beyond_120_seconds_is_not_waited_for(value: str) -> None:
    header = http_date(600) if value == "date" else value
    recorder = flaky(429, headers={"Retry-After": header})
    po, slept = client(recorder)
    with pytest.raises(errors.RateLimitError) as caught:
        po.cancellations.search()
    assert slept == [] and len(recorder.requests) == 1
    assert caught.value.retry_after is not None and caught.value.retry_after > 120


def test_max_retries_per_client_and_per_call() -> None:
    recorder = flaky(503, failures=10)
    po, _ = client(recorder)
    with pytest.raises(errors.ServerError):
        po.cancellations.search()
    assert len(recorder.requests) == 3  # the default: 2 retries
    with pytest.raises(errors.ServerError):
        po.cancellations.search(max_retries=0)
    assert len(recorder.requests) == 4
    po_five, _ = client(recorder, max_retries=5)
    with pytest.raises(errors.ServerError):
        po_five.cancellations.search()
    assert len(recorder.requests) == 10


def test_backoff_is_exponential_with_full_jitter_capped_at_8s() -> None:
    policy = RetryPolicy(max_retries=10)
    for attempt, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (7, 8.0)]:
        delays = [policy.delay(attempt, None) for _ in range(200)]
        assert min(delays) >= 0 and max(delays) <= ceiling
        assert max(delays) > ceiling / 2  # full jitter spreads over the whole range


@pytest.mark.parametrize("exception", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow")])
def test_transport_errors_are_retried_for_get_but_a_post_is_never_resent(exception: Exception) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if len(recorder.requests) == 1:
            raise exception
        return httpx.Response(200, json={"cancellations": []})

    recorder = Recorder(handler)
    po, slept = client(recorder)
    po.cancellations.search()
    assert len(recorder.requests) == 2 and len(slept) == 1

    recorder.requests.clear()
    kind = errors.RequestTimeoutError if isinstance(exception, httpx.TimeoutException) else errors.TransportError
    with pytest.raises(kind) as caught:
        po.cancellations.approve("5000000001")
    assert len(recorder.requests) == 1 and len(slept) == 1
    assert isinstance(caught.value, errors.TransportError)


def test_parse_retry_after_forms() -> None:
    now = time.time()
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after(email.utils.formatdate(now + 60, usegmt=True), now=now) == pytest.approx(60, abs=1)
    assert parse_retry_after(email.utils.formatdate(now - 60, usegmt=True), now=now) == 0.0
    assert parse_retry_after("Wed, 99 Foo 2026") is None
    assert parse_retry_after("") is None
