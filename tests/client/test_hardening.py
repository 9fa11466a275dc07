"""Hostile answers surface as PostOrderError subclasses with the response kept, never as a
RecursionError, ValueError or a hang; refresh refuses tokens it cannot send; open enums tell a
member from a value that only looks like one's name."""

import asyncio
import decimal
import enum
import functools
import json
import math
import pickle
import threading
from typing import Any

import ebay_post_order.models as models
import httpx
import pytest
from ebay_post_order import AsyncPostOrder, PostOrder, errors
from ebay_post_order._auth import REFRESH_MARGIN, RefreshingAuth
from ebay_post_order._decode import StrictDecodeError, aread_bounded, loads, read_bounded, to_int
from ebay_post_order._errors import error_for
from ebay_post_order._retry import MAX_TOTAL_WAIT, RetryPolicy, parse_retry_after
from ebay_post_order.models.language_enum import LanguageEnum
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.client.conftest import Recorder
from tests.client.test_auth_signing_paging import TOKEN_URL, FakeClock

DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 50_000 + b"1" + b"}" * 50_000


def deep_value(levels: int = 50_000) -> Any:
    return functools.reduce(lambda inner, _: [inner], range(levels), 1)


# --- bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT, b"\xef\xbb\xbf" + DEEP], ids=["array", "object", "bom-json"])
def test_loads_turns_too_deep_json_into_value_error(body: bytes) -> None:
    # msgspec and json both recurse; the BOM sends the body to the json fallback
    with pytest.raises(ValueError, match="nested too deeply"):
        loads(body)


def error_response(status: int, content: bytes, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=content, headers=headers, request=httpx.Request("GET", "https://x/y"))


HOSTILE_ENTRY = st.dictionaries(
    st.sampled_from(["errorId", "domain", "message", "longMessage", "parameter", "parameters", "subdomain"]),
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.just("9" * 5000)
    | st.lists(st.text(max_size=3) | st.dictionaries(st.sampled_from(["name", "value"]), st.integers()), max_size=3)
    | st.just({"deep": "placeholder"}),
)


@settings(max_examples=300, deadline=None)
@given(
    status=st.sampled_from([400, 401, 404, 409, 429, 500, 503, 418]),
    body=st.one_of(
        st.binary(max_size=50),
        st.lists(HOSTILE_ENTRY, max_size=3).map(lambda e: json.dumps({"errorMessage": {"error": e}}).encode()),
        st.lists(HOSTILE_ENTRY, max_size=3).map(lambda e: json.dumps({"errors": e}).encode()),
        st.sampled_from([DEEP, DEEP_OBJECT, b'{"errors": [{"message": ' + DEEP + b"}]}", b"null", b"[]", b"{}"]),
    ),
)
def test_error_for_always_gives_an_api_error_with_the_response(status: int, body: bytes) -> None:
    body = body.replace(b'{"deep": "placeholder"}', json.dumps(deep_value(900)).encode())
    response = error_response(status, body)
    error = error_for(response)
    assert isinstance(error, errors.ApiError) and error.response is response and error.status_code == status
    str(error)


def test_error_for_a_response_built_without_a_request() -> None:
    assert error_for(httpx.Response(404, content=b"{}")).status_code == 404


def test_models_decode_deep_junk_in_every_field_without_recursing() -> None:
    deep = deep_value()
    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            continue
        payload = {wire: deep for wire in cls.WIRE}
        try:
            model = cls.from_dict(payload)  # a required field left unusable raises, as it should
        except StrictDecodeError as error:
            assert len(str(error)) < 1000  # the raw value is shown shortened
        else:
            assert model.to_dict() == payload
        if payload:
            with pytest.raises(StrictDecodeError):
                cls.from_dict(payload, strict=True)


def test_a_huge_exponent_in_an_integer_field_is_refused_at_once() -> None:
    with pytest.raises(ValueError):
        to_int(decimal.Decimal("1e999999999"))  # int() of it would build a billion digits


# --- response size ------------------------------------------------------------------------------


def streamed(chunks: list[bytes], **headers: str) -> httpx.Response:
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(b"".join(chunks)))


def test_read_bounded_stops_past_the_limit_and_keeps_the_response() -> None:
    response = streamed([b"x" * 1000])
    with pytest.raises(errors.ResponseTooLargeError) as caught:
        read_bounded(response, limit=999)
    assert isinstance(caught.value, errors.DecodeError) and caught.value.response is response
    assert caught.value.limit == 999 and "999-byte" in str(caught.value)


def test_read_bounded_trusts_a_declared_length_over_the_limit() -> None:
    response = httpx.Response(200, headers={"Content-Length": "5000000000"}, stream=httpx.ByteStream(b""))
    with pytest.raises(errors.ResponseTooLargeError):
        read_bounded(response, limit=10)


def test_read_bounded_within_the_limit_leaves_the_body_readable() -> None:
    response = streamed([b'{"a": 1}'])
    assert read_bounded(response, limit=8) == b'{"a": 1}'
    assert response.json() == {"a": 1}


@pytest.mark.anyio
async def test_aread_bounded_stops_past_the_limit() -> None:
    client = httpx.AsyncClient(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=b"y" * 100)))
    async with client:
        async with client.stream("GET", "https://x/") as response:
            with pytest.raises(errors.ResponseTooLargeError):
                await aread_bounded(response, limit=99)
        async with client.stream("GET", "https://x/") as response:
            assert await aread_bounded(response, limit=100) == b"y" * 100


# --- Retry-After and the total wait --------------------------------------------------------------


@pytest.mark.parametrize("value", ["١٢", "²", "\uff11\uff12", "12.5", "-3", "1e3", "99999999999", "0x10", ""])
def test_retry_after_takes_only_ascii_delta_seconds(value: str) -> None:
    assert parse_retry_after(value) is None


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=40)
    | st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=4)  # isdigit, yet not ASCII
    | st.from_regex(r"[A-Za-z]{3}, [0-9]{1,2} [A-Za-z]{3} [0-9]{1,6} [0-9:]{8} [A-Z]{3}")
)
def test_retry_after_never_raises(value: str) -> None:
    seconds = parse_retry_after(value, now=0.0)
    assert seconds is None or (math.isfinite(seconds) and seconds >= 0)


def test_retry_after_reads_digits_and_dates() -> None:
    assert parse_retry_after(" 12 ") == 12.0
    assert parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", now=0.0) == 60.0


def test_the_total_wait_is_bounded_by_default() -> None:
    policy = RetryPolicy(max_retries=50)
    assert policy.max_total_wait == MAX_TOTAL_WAIT <= 120
    assert policy.wait_fits(0.0, 120.0)
    assert not policy.wait_fits(120.0, 0.5)
    assert RetryPolicy(max_total_wait=0).wait_fits(0.0, 0.0)


def test_backoff_for_a_late_attempt_is_capped_not_overflowing() -> None:
    assert 0 <= RetryPolicy(max_retries=5000).delay(2000, None) <= 8


@pytest.mark.parametrize("bad", [{"max_total_wait": math.inf}, {"max_total_wait": -1}, {"max_retries": -1}])
def test_a_retry_policy_refuses_unusable_bounds(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**bad)


# --- refresh ---------------------------------------------------------------------------------


def token_answers(content: bytes) -> Recorder:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, content=content, headers={"Content-Type": "application/json"})
        return httpx.Response(200, json={"cancellations": []})

    return Recorder(handler)


def po_with(recorder: Recorder, clock: FakeClock | None = None) -> tuple[PostOrder, RefreshingAuth]:
    auth = RefreshingAuth("id", "secret", "refresh", token_url=TOKEN_URL, clock=clock or FakeClock())
    return PostOrder(auth=auth, transport=recorder.transport), auth


@pytest.mark.parametrize(
    "body",
    [
        {"access_token": None, "expires_in": 7200},
        {"access_token": "", "expires_in": 7200},
        {"access_token": {"nested": "x"}, "expires_in": 7200},
        {"access_token": ["t"], "expires_in": 7200},
        {"access_token": 12345, "expires_in": 7200},
        {"access_token": "tok\r\nX-Injected: 1", "expires_in": 7200},
        {"expires_in": 7200},
    ],
)
def test_a_token_that_cannot_be_sent_is_refused(body: dict[str, Any]) -> None:
    recorder = token_answers(json.dumps(body).encode())
    po, auth = po_with(recorder)
    with pytest.raises(errors.AuthenticationError, match="no usable access_token") as caught:
        po.cancellations.search()
    assert caught.value.response.request.url == TOKEN_URL
    assert [r.url.path for r in recorder.requests] == ["/identity/v1/oauth2/token"]  # never sent as "IAF None"
    assert auth.refreshes == 0


@pytest.mark.parametrize(
    "expires_in", [b"NaN", b"Infinity", b"-Infinity", b"-5", b"0", b'"7200"', b"true", b"null", b"1e999", b"{}"]
)
def test_an_expires_in_that_is_not_a_positive_number_is_refused(expires_in: bytes) -> None:
    recorder = token_answers(b'{"access_token": "tok", "expires_in": ' + expires_in + b"}")
    po, _ = po_with(recorder)
    with pytest.raises(errors.AuthenticationError, match="no usable expires_in"):
        po.cancellations.search()


# Under the token answer's size bound, yet deeper than any recursion limit a test run sets (mypy,
# run in-process by another test, leaves it at 16,384).
SMALL_DEEP = b"[" * 30_000 + b"]" * 30_000
SMALL_DEEP_OBJECT = b'{"access_token": ' + b"[" * 25_000 + b"]" * 25_000 + b"}"


@pytest.mark.parametrize("body", [SMALL_DEEP, SMALL_DEEP_OBJECT, b"[]", b"\xff\xfe"])
def test_a_token_answer_that_is_not_an_object_is_an_authentication_error(body: bytes) -> None:
    po, _ = po_with(token_answers(body))
    with pytest.raises(errors.AuthenticationError, match="not a JSON object"):
        po.cancellations.search()


def test_an_oversized_token_answer_stops_being_read() -> None:
    po, _ = po_with(token_answers(b'{"access_token": "' + b"a" * 200_000 + b'"}'))
    with pytest.raises(errors.ResponseTooLargeError):
        po.cancellations.search()


@pytest.mark.parametrize("token", [None, "", "two words", "tok\n", 12, b"bytes"])
@pytest.mark.parametrize("factory", [PostOrder.oauth, PostOrder.auth_n_auth])
def test_a_fixed_token_that_cannot_be_sent_is_refused_up_front(factory: Any, token: Any) -> None:
    with pytest.raises(ValueError, match="visible ASCII"):
        factory(token)


@pytest.mark.parametrize("missing", ["client_id", "client_secret", "refresh_token"])
def test_refreshing_credentials_must_be_strings(missing: str) -> None:
    credentials: dict[str, Any] = {"client_id": "id", "client_secret": "secret", "refresh_token": "r", missing: None}
    with pytest.raises(ValueError, match=missing):
        RefreshingAuth(**credentials, token_url=TOKEN_URL)


@pytest.mark.parametrize("lifetime", [REFRESH_MARGIN, 200, 1])
def test_a_short_lived_token_is_reused_for_half_its_life(lifetime: float) -> None:
    clock = FakeClock()
    body = json.dumps({"access_token": "tok", "expires_in": lifetime}).encode()
    po, auth = po_with(token_answers(body), clock)
    po.cancellations.search()
    po.cancellations.search()
    clock.now += lifetime / 2 - 0.01
    po.cancellations.search()
    assert auth.refreshes == 1
    clock.now += 0.02
    po.cancellations.search()
    assert auth.refreshes == 2


def test_one_refreshing_auth_serves_two_event_loops_in_two_threads() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            await asyncio.sleep(0.05)  # long enough for the other loop to wait on the refresh
            return httpx.Response(200, json={"access_token": "tok", "expires_in": 7200})
        return httpx.Response(200, json={"cancellations": []})

    auth = RefreshingAuth("id", "secret", "refresh", token_url=TOKEN_URL, clock=FakeClock())
    failures: list[BaseException] = []

    async def calls() -> None:
        async with AsyncPostOrder(auth=auth, transport=httpx.MockTransport(handler)) as po:
            await asyncio.gather(*(po.cancellations.search() for _ in range(6)))

    def thread() -> None:
        try:
            for _ in range(3):
                asyncio.run(calls())
        except BaseException as error:  # collected for the assertion below
            failures.append(error)

    threads = [threading.Thread(target=thread, daemon=True) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not any(t.is_alive() for t in threads), "a loop hung waiting for another loop's lock"
    assert failures == []
    assert 1 <= auth.refreshes <= 2  # at most one refresh per loop


# --- open enums ------------------------------------------------------------------------------

ENUMS = [
    getattr(models, name)
    for name in models.__all__
    if isinstance(getattr(models, name), type) and issubclass(getattr(models, name), enum.Enum)
]


def test_a_value_equal_to_a_member_name_is_not_known() -> None:
    assert LanguageEnum.DE.value == "de"
    assert LanguageEnum("de") is LanguageEnum.DE and LanguageEnum("de").is_known
    unknown = LanguageEnum("DE")
    assert not unknown.is_known and unknown.value == "DE" and unknown is not LanguageEnum.DE


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_open_enums_know_exactly_their_members(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(ENUMS))
    names, values = list(cls.__members__), [m.value for m in cls]
    other = data.draw(st.sampled_from(ENUMS))
    raw = data.draw(
        st.sampled_from(names)
        | st.sampled_from(values)
        | st.sampled_from([m.value for m in other])
        | st.sampled_from(list(other))  # a member of another enum, a str subclass
        | st.text(max_size=8)
        | st.sampled_from(names).map(str.lower)
        | st.sampled_from(values).map(str.upper)
    )
    member = cls(raw)
    assert member.is_known == (raw in values)
    assert member.is_known == (member in list(cls))
    assert member.value == raw and member.value.__class__ is str
    assert str(member) == raw == member and f"{member}" == raw
    assert member == cls(str(raw)) and hash(member) == hash(str(raw))
    assert pickle.loads(pickle.dumps(member)) == member
    assert pickle.loads(pickle.dumps(member)).is_known == member.is_known
