"""Every inquiry operation. Runs after the case tests, which escalated inquiries 5200000001 and
5200000002; here Ben opens 5200000003 on order 110000000007-... and Anna 5200000004."""

import pytest
from ebay_post_order import PostOrder, errors
from ebay_post_order.models import Text

pytestmark = pytest.mark.vcr


def test_check_eligibility_then_open_an_inquiry(ben: PostOrder, seller: PostOrder) -> None:
    line = {"item_id": "110000000007", "transaction_id": "2700000000007"}
    with pytest.warns(errors.DecommissionedWarning, match="2026-02-02"):
        assert ben.inquiries.check_eligibility(**line).inquiry_eligibility_status == "ELIGIBLE_TO_FILE_REQUEST"
    with pytest.warns(errors.DecommissionedWarning, match="2026-03-16"):
        ben.inquiries.create(**line, desired_outcome="FULL_REFUND", comments=Text(content="Where is it?"))
    found = seller.inquiries.search(item_id="110000000007").members
    assert [(m.inquiry_id, m.inquiry_status_enum) for m in found] == [("5200000003", "WAITING_SELLER_RESPONSE")]  # type: ignore[union-attr]


def test_messages_and_shipment_information(seller: PostOrder, ben: PostOrder) -> None:
    seller.inquiries.send_message("5200000003", message=Text(content="It left on Monday."))
    ben.inquiries.send_message("5200000003", message=Text(content="Thanks, I will wait."))
    seller.inquiries.provide_shipment_info("5200000003", shipping_carrier_name="USPS", tracking_number="9400111")
    detail = ben.inquiries.get("5200000003")
    assert detail.status == "WAITING_BUYER_RESPONSE"
    assert [h.action for h in detail.inquiry_history_details.history] == [  # type: ignore[union-attr]
        "BUYER_CREATE_INQUIRY",
        "SELLER_SEND_MESSAGE",
        "BUYER_SEND_MESSAGE",
        "SELLER_PROVIDE_SHIPMENT_INFO",
    ]


def test_refund_then_the_buyer_confirms(seller: PostOrder, ben: PostOrder) -> None:
    with pytest.warns(errors.DecommissionedWarning):
        seller.inquiries.provide_refund_info("5200000003", message=Text(content="Refund comes via eBay."))
    refund = seller.inquiries.issue_refund("5200000003", comments=Text(content="Your refund is on its way."))
    assert refund.refund_result.refund_source == "INSTANT_REFUND"  # type: ignore[union-attr]
    with pytest.warns(errors.DecommissionedWarning):
        ben.inquiries.confirm_refund("5200000003")
    detail = seller.inquiries.get("5200000003")
    assert (detail.status, detail.state) == ("CLOSED", "CLOSED")


def test_the_buyer_closes_an_inquiry(anna: PostOrder) -> None:
    with pytest.warns(errors.DecommissionedWarning):
        anna.inquiries.create(item_id="110000000001", transaction_id="2700000000001")
    with pytest.warns(errors.DecommissionedWarning):
        anna.inquiries.close("5200000004", close_reason="ITEM_ARRIVED")
    assert anna.inquiries.get("5200000004").status == "CLOSED"


def test_paging_and_filters(seller: PostOrder) -> None:
    everything = [m.inquiry_id for m in seller.inquiries.search_all(limit=2, sort="Ascending")]
    assert everything == ["5200000001", "5200000002", "5200000003", "5200000004"]
    assert seller.inquiries.search(inquiry_status="CLOSED_WITH_ESCALATION").total_number_of_inquiries == 2


def test_inquiry_errors(seller: PostOrder, ben: PostOrder) -> None:
    with pytest.raises(errors.PermissionDeniedError):
        ben.inquiries.issue_refund("5200000003")
    with pytest.raises(errors.ConflictError):
        seller.inquiries.send_message("5200000003", message=Text(content="Hello?"))  # closed
    with pytest.raises(errors.NotFoundError):
        seller.inquiries.get("5299999999")
