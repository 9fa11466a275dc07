"""Types that tell the truth: what eBay always returns is typed without ``Unset`` (and a missing
one raises a clear error when read, the payload kept), constructors take plain strings for enums,
and ``repr`` shows only what is set."""

import inspect
from decimal import Decimal

import pytest
from ebay_post_order import _decode, errors
from ebay_post_order.models import (
    Amount,
    CurrencyCodeEnum,
    EligibilityCheckTypeEnum,
    GetSummaryResponse,
    ItemizedRefundDetailType,
    RefundFeeTypeEnum,
    ReturnSummaryType,
)
from ebay_post_order.types import UNSET


def test_a_records_own_id_is_a_plain_value() -> None:
    summary = ReturnSummaryType.from_dict({"returnId": "5100000001", "creationInfo": {"reason": "DEFECTIVE_ITEM"}})
    assert summary.return_id == "5100000001"
    assert inspect.get_annotations(ReturnSummaryType.return_id.fget)["return"] == "str"  # type: ignore[attr-defined]


def test_an_always_returned_field_eBay_left_out_raises_on_reading_and_keeps_the_payload() -> None:
    page = GetSummaryResponse.from_dict({"members": [{"creationInfo": {}, "state": "CLOSED", "newKey": 1}]})
    summary = page.members[0]  # type: ignore[index]
    with pytest.raises(errors.MissingFieldError) as caught:
        summary.return_id  # noqa: B018 - reading it is the point
    error = caught.value
    assert isinstance(error, errors.DecodeError) and isinstance(error, AttributeError)
    assert (error.field, error.wire, error.response) == ("return_id", "returnId", None)
    assert error.model is summary and error.model.to_dict() == {"creationInfo": {}, "state": "CLOSED", "newKey": 1}
    assert "ReturnSummaryType.return_id: eBay left out 'returnId'" in str(error)
    assert getattr(summary, "return_id", "default") == "default"  # AttributeError semantics


def test_strict_decoding_reports_the_missing_field_at_decode_time() -> None:
    with pytest.raises(_decode.StrictDecodeError) as caught:
        GetSummaryResponse.from_dict({"members": [{"creationInfo": {}}]}, strict=True)
    assert ("$.members[0].returnId", None) in [(path, raw) for path, raw, _ in caught.value.problems]


def test_constructors_take_plain_strings_for_enums() -> None:
    amount = Amount(value=Decimal("59.00"), currency="USD")
    assert amount.currency is CurrencyCodeEnum.USD
    line = ItemizedRefundDetailType(refund_amount=amount, refund_fee_type="PURCHASE_PRICE")
    assert line.refund_fee_type is RefundFeeTypeEnum.PURCHASE_PRICE
    newer = Amount(value=Decimal("1"), currency="XTS")  # a value eBay may add later stays open
    assert isinstance(newer.currency, CurrencyCodeEnum) and not newer.currency.is_known
    from ebay_post_order.models import CheckEligibilityRequest

    request = CheckEligibilityRequest(
        item_id="1", transaction_id="2", reason="DEFECTIVE_ITEM", check_types=["RETURN_CREATION"]
    )
    assert request.check_types == [EligibilityCheckTypeEnum.RETURN_CREATION]


def test_repr_and_help_show_only_what_is_set() -> None:
    assert repr(Amount(value=Decimal("5"), currency="USD")) == (
        "Amount(currency=<CurrencyCodeEnum.USD: 'USD'>, value=Decimal('5'))"
    )
    decoded = ReturnSummaryType.from_dict({"returnId": "1", "orderId": None, "later": True})
    assert (
        repr(decoded)
        == "ReturnSummaryType(return_id='1', unparsed={'orderId': None}, additional_properties={'later': True})"
    )
    assert "object at 0x" not in str(inspect.signature(Amount)) and "= UNSET" in str(inspect.signature(Amount))
    assert repr(UNSET) == "UNSET"
