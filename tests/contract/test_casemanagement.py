"""Every case management operation, on cases opened by escalating inquiries.

The default scenario starts with an INR inquiry (5200000001) that Anna opened on order
110000000006-...; escalating it opens the first case (5300000001).
"""

import pytest
from ebay_post_order import PostOrder, errors
from ebay_post_order.models import Address, Text

pytestmark = pytest.mark.vcr


def test_an_escalated_inquiry_becomes_a_case(seller: PostOrder, anna: PostOrder) -> None:
    assert [m.inquiry_id for m in seller.inquiries.search().members] == ["5200000001"]  # type: ignore[union-attr]
    anna.inquiries.escalate(
        "5200000001", comments=Text(content="It never came."), escalate_inquiry_reason="NOT_RECEIVED"
    )
    assert anna.inquiries.get("5200000001").status == "CLOSED_WITH_ESCALATION"
    cases = seller.cases.search(case_status_filter="OPEN").members
    assert [(c.case_id, c.case_status_enum, c.item_id) for c in cases] == [("5300000001", "OPEN", "110000000006")]  # type: ignore[union-attr]
    case = anna.cases.get("5300000001")
    assert case.case_type == "ITEM_NOT_RECEIVED" and case.escalate_reason == "NOT_RECEIVED"
    assert [h.action for h in case.case_history_details.history] == ["BUYER_ESCALATE"]  # type: ignore[union-attr]


def test_the_seller_answers_and_refunds(seller: PostOrder) -> None:
    with pytest.warns(errors.DecommissionedWarning, match="2026-03-02"):
        seller.cases.provide_shipment_info("5300000001", shipping_carrier_name="FEDEX", tracking_number="7712")
    with pytest.warns(errors.DecommissionedWarning, match="removed from the call index"):
        address = Address(address_line_1="1 Camera Way", city="San Jose", country="US", postal_code="95125")
        seller.cases.provide_return_address("5300000001", return_address=address, first_name="Sam")
    with pytest.warns(errors.DecommissionedWarning, match="2026-03-02"):
        refund = seller.cases.issue_refund("5300000001", comments=Text(content="Refunded in full."))
    assert refund.refund_result.refund_status == "SUCCESS"  # type: ignore[union-attr]
    case = seller.cases.get("5300000001")
    assert case.buyer_closure_reason == "BUYER_REFUNDED"
    assert [h.action for h in case.case_history_details.history][-1] == "SELLER_ISSUE_REFUND"  # type: ignore[union-attr]
    assert seller.cases.search(case_status_filter="CLOSED").members[0].case_id == "5300000001"  # type: ignore[index, union-attr]


def test_a_decision_can_be_appealed_once(seller: PostOrder, anna: PostOrder) -> None:
    seller.cases.appeal("5300000001", comments=Text(content="Tracking shows it was delivered."))
    appeal = anna.cases.get("5300000001").appeal_details
    assert appeal.appeal_status_enum == "SELLER_APPEALED" and appeal.eligible_for_appeal is False  # type: ignore[union-attr]
    with pytest.raises(errors.ConflictError):
        anna.cases.appeal("5300000001", comments=Text(content="Me too."))


def test_the_buyer_closes_a_case(anna: PostOrder, seller: PostOrder) -> None:
    with pytest.warns(errors.DecommissionedWarning):
        anna.inquiries.create(item_id="110000000005", transaction_id="2700000000005", desired_outcome="FULL_REFUND")
    inquiry_id = anna.inquiries.search(item_id="110000000005").members[0].inquiry_id  # type: ignore[index, union-attr]
    anna.inquiries.escalate(inquiry_id, comments=Text(content="Still nothing."))  # type: ignore[arg-type]
    case_id = seller.cases.search(case_status_filter="OPEN").members[0].case_id  # type: ignore[index, union-attr]
    with pytest.warns(errors.DecommissionedWarning):
        anna.cases.close(case_id, close_reason="ITEM_ARRIVED", comments=Text(content="It arrived today."))  # type: ignore[arg-type]
    assert seller.cases.get(case_id).buyer_closure_reason == "BUYER_CLOSE"  # type: ignore[arg-type]
    assert [c.case_id for c in seller.cases.search_all(limit=1)] == ["5300000002", "5300000001"]


def test_case_errors(seller: PostOrder, anna: PostOrder) -> None:
    with pytest.raises(errors.PermissionDeniedError), pytest.warns(errors.DecommissionedWarning):
        anna.cases.issue_refund("5300000002")
    with pytest.raises(errors.ConflictError), pytest.warns(errors.DecommissionedWarning):
        seller.cases.issue_refund("5300000001")  # already closed
    with pytest.raises(errors.NotFoundError):
        seller.cases.get("5399999999")
