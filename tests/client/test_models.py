"""The generated models against eBay's real wire format: open enums, exact money, lenient
scalars, nulls, strict mode, and lazy loading."""

import datetime
import decimal
import json
import subprocess
import sys

import httpx
import pytest
from ebay_post_order import AuthenticatedClient, _decode, _encode, errors
from ebay_post_order.api.cancellation import get_cancellation
from ebay_post_order.models import (
    Amount,
    CancelDetail,
    CancelStateEnum,
    CancelSummary,
    CurrencyCodeEnum,
    DateTime,
    GetCancelDetailResponse,
    MarketplaceIdEnum,
    OrderEligibilityCheckInfo,
    PaginationOutput,
)
from ebay_post_order.types import UNSET
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import PACKAGE_DIR


def test_unknown_enum_value_decodes_verbatim_and_round_trips() -> None:
    summary = CancelSummary.from_dict({"cancelState": "SOMETHING_NEW", "cancelStatus": "CANCEL_REQUESTED"})
    state = summary.cancel_state
    assert isinstance(state, CancelStateEnum)
    assert state.value == "SOMETHING_NEW" and state == "SOMETHING_NEW"
    assert not state.is_known and state not in CancelStateEnum
    assert summary.to_dict() == {"cancelState": "SOMETHING_NEW", "cancelStatus": "CANCEL_REQUESTED"}
    assert summary.unparsed == {}


def test_known_enum_value_is_the_member_itself() -> None:
    summary = CancelSummary.from_dict({"cancelState": "CLOSED"})
    assert summary.cancel_state is CancelStateEnum.CLOSED
    assert CancelStateEnum.CLOSED.is_known


@pytest.mark.parametrize("raw", [81.1, "81.1", " 81.1", decimal.Decimal("81.1")])
def test_money_is_a_decimal_whether_printed_as_number_or_string(raw: object) -> None:
    amount = Amount.from_dict({"value": raw, "currency": "USD"})
    assert amount.value == decimal.Decimal("81.1") and isinstance(amount.value, decimal.Decimal)
    assert amount.currency is CurrencyCodeEnum.USD


def answering(status: int, body: bytes) -> AuthenticatedClient:
    """A client for the operation modules whose every request gets ``status`` and ``body``."""
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    return AuthenticatedClient(base_url="https://api.ebay.com", token="t", httpx_args={"transport": transport})


def test_money_from_the_wire_is_exact_to_the_last_digit() -> None:
    body = b'{"cancelDetail": {"requestRefundAmount": {"value": 12345678901234567.89, "currency": "USD"}}}'
    client = answering(200, body)
    detail = get_cancellation.sync("5000000001", client=client, x_ebay_c_marketplace_id=MarketplaceIdEnum.EBAY_US)
    assert isinstance(detail, GetCancelDetailResponse)
    amount = detail.to_dict()["cancelDetail"]["requestRefundAmount"]["value"]
    assert amount == decimal.Decimal("12345678901234567.89")
    assert _encode.dumps({"value": amount}) == b'{"value":12345678901234567.89}'


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def to_json(value: object, ascii_only: bool) -> str:
    """JSON text with Decimals as number literals and strings escaped or raw UTF-8."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{to_json(k, ascii_only)}:{to_json(v, ascii_only)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(item, ascii_only) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES, ascii_only=st.booleans())
def test_the_fast_json_reader_reads_exactly_what_the_standard_library_reads(value: object, ascii_only: bool) -> None:
    data = to_json(value, ascii_only).encode()
    expected = repr(json.loads(data, parse_float=decimal.Decimal))  # repr tells 1, 1.0 and True apart
    assert repr(_decode.loads(data)) == expected
    # and msgspec itself read it: a refusal would have fallen back to json.loads unnoticed above
    assert type(_decode._fast_loads.__self__).__module__ == "msgspec.json"
    assert repr(_decode._fast_loads(data)) == expected


@pytest.mark.parametrize(
    "data",
    [
        b'\xef\xbb\xbf{"value": 1.50}',  # a UTF-8 byte-order mark
        '{"value": 1.50}'.encode("utf-16"),
        b'{"note": "\\ud83d"}',  # a lone surrogate escape
        b'{"value": NaN}',
    ],
)
def test_json_the_fast_reader_refuses_is_read_by_the_standard_library(data: bytes) -> None:
    assert repr(_decode.loads(data)) == repr(json.loads(data, parse_float=decimal.Decimal))


def test_a_body_that_is_not_json_fails_with_its_position() -> None:
    with pytest.raises(json.JSONDecodeError, match="line 1 column 13"):
        _decode.loads(b'{"value": 1,}')


def test_the_operation_module_reads_an_error_status_into_the_error_model() -> None:
    body = b'{"errorMessage": {"error": [{"errorId": "1002", "domain": "returnErrorDomain", "message": "No such id"}]}}'
    client = answering(404, body)
    parsed = get_cancellation.sync_detailed(
        "5000000001", client=client, x_ebay_c_marketplace_id=MarketplaceIdEnum.EBAY_US
    ).parsed
    assert type(parsed).__name__ == "ErrorResponse"  # imported only when an error is read
    assert not isinstance(parsed, GetCancelDetailResponse)
    [error] = parsed.error_message.error  # type: ignore[union-attr]
    assert (error.error_id, error.domain, error.message) == (1002, "returnErrorDomain", "No such id")


LEAF_VALUES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.decimals(allow_nan=False)
    | st.text(max_size=6)
    | st.sampled_from(["2015-08-22T23:29:11.000Z", "USD", "SOMETHING_NEW", "81.10", "1"])
    | st.lists(st.integers(), max_size=2)
)


def leaf_payloads(keys: list[str]) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.sampled_from([*keys, "undeclared"]), LEAF_VALUES)


@settings(max_examples=300, deadline=None)
@given(
    stamp=leaf_payloads(["value", "formattedValue"]),
    money=leaf_payloads(["value", "currency", "convertedFromValue", "convertedFromCurrency", "exchangeRate"]),
)
def test_a_leaf_decoded_in_its_parent_equals_the_leaf_decoded_alone(
    stamp: dict[str, object], money: dict[str, object]
) -> None:
    # DateTime and Amount are small leaves that CancelDetail decodes in place (modelplan.LEAF_FIELDS)
    detail = CancelDetail.from_dict({"cancelRequestDate": stamp, "requestRefundAmount": money})
    assert detail.cancel_request_date == DateTime.from_dict(stamp)
    assert detail.request_refund_amount == Amount.from_dict(money)


def test_request_bodies_carry_decimals_as_exact_json_numbers() -> None:
    assert _encode.dumps({"a": [decimal.Decimal("0.10"), 1, "x", None, True]}) == b'{"a":[0.10,1,"x",null,true]}'
    with pytest.raises(ValueError, match="cannot be written as JSON"):
        _encode.dumps(decimal.Decimal("NaN"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [({"limit": "25", "offset": 0.0, "totalEntries": 3}, (25, 0, 3))],
)
def test_integers_printed_as_strings_decode(raw: dict[str, object], expected: tuple[int, ...]) -> None:
    page = PaginationOutput.from_dict(raw)
    assert (page.limit, page.offset, page.total_entries) == expected
    assert page.unparsed == {}


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("FALSE", False), (True, True), ("1", True), (0, False)])
def test_booleans_printed_as_strings_decode(raw: object, expected: bool) -> None:
    from ebay_post_order.models import ItemEligibilityResult

    assert ItemEligibilityResult.from_dict({"eligible": raw}).eligible is expected


def test_unconvertible_value_is_kept_raw_and_reported_in_strict_mode() -> None:
    raw = {"limit": "ten", "offset": 1, "totalPages": [1]}
    page = PaginationOutput.from_dict(raw)
    assert page._limit is UNSET and page._total_pages is UNSET and page.offset == 1
    assert page.unparsed == {"limit": "ten", "totalPages": [1]}
    assert page.to_dict() == raw
    with pytest.raises(_decode.StrictDecodeError) as err:
        PaginationOutput.from_dict(raw, strict=True)
    assert err.value.problems == [
        ("$.limit", "ten", "an integer"),
        ("$.totalPages", [1], "an integer"),
        ("$.totalEntries", None, "present (an integer): eBay documents it as always returned"),
    ]
    assert "$.limit: 'ten' is not an integer" in str(err.value)


def test_strict_mode_reports_nested_paths() -> None:
    raw = {"cancellations": [{"cancelId": "1"}, {"requestRefundAmount": {"value": "lots"}}]}
    from ebay_post_order.models import FindCancelResponse

    with pytest.raises(_decode.StrictDecodeError) as err:
        FindCancelResponse.from_dict(raw, strict=True)
    kept_raw = [problem for problem in err.value.problems if problem[1] is not None]
    assert kept_raw == [("$.cancellations[1].requestRefundAmount.value", "lots", "a decimal number")]
    missing = {path for path, raw_value, _ in err.value.problems if raw_value is None}
    assert {"$.cancellations[0].cancelState", "$.cancellations[1].cancelId"} <= missing
    assert "$.cancellations[0].cancelId" not in missing


def test_explicit_nulls_decode_and_are_written_back() -> None:
    raw = {"cancelId": None, "cancelRequestDate": None, "requestRefundAmount": {"value": None}, "cancelState": None}
    summary = CancelSummary.from_dict(raw)
    # a null is not a decoding problem: strict mode names only what never came
    problems = {path for path, _, _ in _decode.strict_problems(summary)}
    assert not problems & {"$.cancelId", "$.cancelRequestDate", "$.cancelState", "$.requestRefundAmount.value"}
    assert summary._cancel_id is UNSET and summary._cancel_state is UNSET
    with pytest.raises(errors.MissingFieldError, match=r"CancelSummary\.cancel_id: eBay left out 'cancelId'"):
        summary.cancel_id  # noqa: B018 - reading it is the point
    assert isinstance(summary.request_refund_amount, Amount) and summary.request_refund_amount._value is UNSET
    assert summary.to_dict() == raw


def test_undeclared_keys_are_kept_and_written_back() -> None:
    raw = {"cancelId": "1", "brandNewField": {"x": [1, 2]}}
    summary = CancelSummary.from_dict(raw)
    assert summary.additional_properties == {"brandNewField": {"x": [1, 2]}}
    assert summary.to_dict() == raw


def test_missing_required_field_is_an_error_not_a_half_model() -> None:
    assert OrderEligibilityCheckInfo.from_dict({"legacyOrderId": "1"}).legacy_order_id == "1"
    with pytest.raises(_decode.StrictDecodeError, match=r"\$\.legacyOrderId"):
        OrderEligibilityCheckInfo.from_dict({})


def test_a_non_object_where_an_object_belongs() -> None:
    with pytest.raises(TypeError):
        CancelSummary.from_dict(["not", "an", "object"])  # type: ignore[arg-type]
    summary = CancelSummary.from_dict({"requestRefundAmount": "12.00 USD"})
    assert summary.request_refund_amount is UNSET
    assert summary.unparsed == {"requestRefundAmount": "12.00 USD"}


def test_datetimes_decode_and_encode_in_ebays_format() -> None:
    stamp = DateTime.from_dict({"value": "2015-08-22T23:29:11.000Z"})
    assert stamp.value.isoformat() == "2015-08-22T23:29:11+00:00"  # type: ignore[union-attr]
    assert stamp.to_dict() == {"value": "2015-08-22T23:29:11.000Z"}
    assert DateTime.from_dict({"value": "yesterday"}).unparsed == {"value": "yesterday"}


def test_importing_an_operation_imports_neither_every_model_nor_httpx() -> None:
    code = (
        "import sys, json, ebay_post_order.api.cancellation.search_cancellations;"
        "watched = ('ebay_post_order.models.', 'httpx', 'msgspec');"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(watched))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(PACKAGE_DIR)}
    )
    loaded = json.loads(done.stdout)
    assert "ebay_post_order.models.cancel_summary" in loaded
    assert "ebay_post_order.models.cancel_detail" not in loaded
    assert "ebay_post_order.models.relist_line_item" not in loaded
    assert "httpx" not in loaded  # imported when the first request is sent
    assert "msgspec" not in loaded  # imported when the first response is read


def test_every_model_name_resolves_lazily() -> None:
    import ebay_post_order.models as models

    assert len(models.__all__) > 40
    for name in models.__all__:
        assert getattr(models, name).__name__ == name
    with pytest.raises(AttributeError):
        models.NotAModel  # noqa: B018


def test_a_timestamp_without_a_zone_is_read_as_utc_so_it_round_trips() -> None:
    from ebay_post_order.models import DateTime

    for raw in ("20920701", "2026-05-01T12:30:00"):
        stamp = DateTime.from_dict({"value": raw})
        assert stamp.value.tzinfo is datetime.UTC  # type: ignore[union-attr]
        assert DateTime.from_dict(stamp.to_dict()) == stamp
