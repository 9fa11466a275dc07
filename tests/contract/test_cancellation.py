"""Every cancellation operation, through the generated client, on the default scenario.

The default scenario starts with two buyer requests waiting (5000000001 on Anna's order
110000000001-..., 5000000002 on Ben's 110000000002-...), an untouched paid order
(110000000003-...), an unpaid one (110000000004-...) and a shipped one (110000000005-...).
"""

import decimal

import pytest
from ebay_post_order import PostOrder, errors
from ebay_post_order.models import CancelStateEnum, GetCancelFieldGroup

from tests.contract.conftest import client

pytestmark = pytest.mark.vcr


def test_seller_finds_the_open_requests(seller: PostOrder) -> None:
    page = seller.cancellations.search(role="SELLER", sort="+CANCEL_ID")
    assert [c.cancel_id for c in page.cancellations] == ["5000000001", "5000000002"]  # type: ignore[union-attr]
    assert {c.cancel_state for c in page.cancellations} == {CancelStateEnum.APPROVAL_PENDING}  # type: ignore[union-attr]
    assert page.pagination_output.total_entries == 2  # type: ignore[union-attr]


def test_get_in_summary_and_full(seller: PostOrder) -> None:
    summary = seller.cancellations.get("5000000001", fieldgroups=GetCancelFieldGroup.SUMMARY).cancel_detail
    full = seller.cancellations.get("5000000001").cancel_detail
    assert summary.activity_histories is None or not summary.activity_histories  # type: ignore[union-attr]
    assert [h.activity_type for h in full.activity_histories] == ["BUYER_CREATE_CANCEL"]  # type: ignore[union-attr]
    assert full.request_refund_amount.value == decimal.Decimal("149.99")  # type: ignore[union-attr]


def test_check_eligibility_of_an_open_and_a_shipped_order(anna: PostOrder) -> None:
    open_order = anna.cancellations.check_eligibility(legacy_order_id="110000000003-2700000000003")
    shipped = anna.cancellations.check_eligibility(legacy_order_id="110000000005-2700000000005")
    assert open_order.eligible is True
    assert shipped.eligible is False and shipped.failure_reason == ["CANCEL_WINDOW_ELAPSED"]


def test_buyer_requests_seller_approves_refund_closes_it(anna: PostOrder, seller: PostOrder) -> None:
    created = anna.cancellations.create(legacy_order_id="110000000003-2700000000003", cancel_reason="ORDER_MISTAKE")
    cancel_id = created.cancel_id
    assert cancel_id == "5000000003"
    assert anna.cancellations.get(cancel_id).cancel_detail.cancel_state == "APPROVAL_PENDING"  # type: ignore[union-attr]
    seller.cancellations.approve(cancel_id)
    detail = seller.cancellations.get(cancel_id).cancel_detail
    assert (detail.cancel_state, detail.cancel_status) == ("CLOSED", "CANCEL_CLOSED_WITH_REFUND")  # type: ignore[union-attr]
    assert [h.activity_type for h in detail.activity_histories] == [  # type: ignore[union-attr]
        "BUYER_CREATE_CANCEL",
        "SELLER_APPROVE",
        "SYSTEM_REFUND",
        "SYSTEM_NOTIFY_REFUND_STATUS",
    ]
    refund = detail.refund_info.actual_refund_detail.actual_refund.total_amount  # type: ignore[union-attr]
    assert (refund.value, refund.currency) == (decimal.Decimal("45.0"), "GBP")
    found = seller.cancellations.search(cancel_id=cancel_id).cancellations
    assert [c.cancel_status for c in found] == ["CANCEL_CLOSED_WITH_REFUND"]  # type: ignore[union-attr]


def test_seller_rejects_because_it_shipped(seller: PostOrder, ben: PostOrder) -> None:
    seller.cancellations.reject("5000000002", tracking_number="1Z999AA10123456784")
    detail = ben.cancellations.get("5000000002").cancel_detail
    assert (detail.cancel_status, detail.cancel_close_reason) == ("CANCEL_REJECTED", "SELLER_DECLINE")  # type: ignore[union-attr]


def test_an_ineligible_order_gets_the_reason_instead_of_an_id(anna: PostOrder) -> None:
    created = anna.cancellations.create(legacy_order_id="110000000005-2700000000005", cancel_reason="ORDER_MISTAKE")
    assert not created.cancel_id
    assert created.order_eligibility_result.failure_reason == ["CANCEL_WINDOW_ELAPSED"]  # type: ignore[union-attr]


def test_seller_cancels_an_unpaid_order_and_the_buyer_confirms(seller: PostOrder, ben: PostOrder) -> None:
    created = seller.cancellations.create(
        legacy_order_id="110000000004-2700000000004", cancel_reason="OUT_OF_STOCK_OR_CANNOT_FULFILL"
    )
    assert ben.cancellations.get(created.cancel_id).cancel_detail.cancel_state == "CONFIRM_REFUND_PENDING"  # type: ignore[arg-type, union-attr]
    with pytest.warns(errors.DecommissionedWarning, match="2026-03-02"):
        ben.cancellations.confirm_refund(created.cancel_id, unpaid_order=True)  # type: ignore[arg-type]
    detail = seller.cancellations.get(created.cancel_id).cancel_detail  # type: ignore[arg-type]
    assert (detail.cancel_state, detail.cancel_status) == ("CLOSED", "CANCEL_CLOSED_NO_REFUND")  # type: ignore[union-attr]


def test_paging_through_every_cancellation(seller: PostOrder) -> None:
    ids = [c.cancel_id for c in seller.cancellations.search_all(limit=2, sort="+CANCEL_ID")]
    assert ids == ["5000000001", "5000000002", "5000000003", "5000000004"]


def test_errors_wrong_role_wrong_state_unknown_id_bad_input(seller: PostOrder, anna: PostOrder) -> None:
    with pytest.raises(errors.PermissionDeniedError):
        anna.cancellations.approve("5000000001")  # only the seller answers a request
    with pytest.raises(errors.ConflictError) as conflict:
        seller.cancellations.approve("5000000003")  # already closed
    assert conflict.value.error_id == 1705
    with pytest.raises(errors.NotFoundError):
        seller.cancellations.get("5999999999")
    with pytest.raises(errors.BadRequestError) as bad:
        seller.cancellations.search(limit=900)
    assert bad.value.errors[0].parameters == (("limit", "900"),)
    with (
        client("not-a-known-token") as stranger,
        pytest.raises(errors.AuthenticationError),
    ):
        stranger.cancellations.search()
