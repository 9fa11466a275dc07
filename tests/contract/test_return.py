"""Every return operation, in the lifecycles eBay documents. Runs last: the scenario opens returns
5100000001 (Anna, order ...05, DEFECTIVE_ITEM) and 5100000002 (Ben, order ...07); the tests here
open 5100000003 (Anna, order ...08, from a draft), 5100000004 (Ben, order ...09) and 5100000005
(Anna, order ...10). Case ids come from the responses, since the case tests open cases too."""

import base64
import struct
import zlib
from decimal import Decimal

import pytest
from ebay_post_order import PostOrder, errors
from ebay_post_order.models import Amount, ItemizedRefundDetailType, RefundDetailType, ReturnRequestType, Text

pytestmark = pytest.mark.vcr

ANNA_CAMERA_BAG, BEN_LIGHT_METER = "5100000001", "5100000002"
ANNA_STRAP, BEN_GRIP, ANNA_CARD = "5100000003", "5100000004", "5100000005"


def png() -> bytes:
    """A real PNG image (2 x 2 red pixels), small enough to keep the cassette readable."""
    width = height = 2

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def photo() -> str:
    return base64.b64encode(png()).decode()


def states(po: PostOrder, return_id: str) -> tuple[str, str]:
    summary = po.returns.get(return_id, fieldgroups="SUMMARY").summary
    return str(summary.state), str(summary.status)  # type: ignore[union-attr]


def test_the_seller_finds_the_requests_waiting_for_a_decision(seller: PostOrder, anna: PostOrder) -> None:
    waiting = seller.returns.search(return_state="RETURN_STARTED", sort="+FILING_DATE")
    assert [m.return_id for m in waiting.members] == [ANNA_CAMERA_BAG, BEN_LIGHT_METER]  # type: ignore[union-attr]
    first = waiting.members[0]  # type: ignore[index]
    assert first.seller_response_due.activity_due == "SELLER_APPROVE_REQUEST"  # type: ignore[union-attr]
    assert first.creation_info.reason == "DEFECTIVE_ITEM"  # type: ignore[union-attr]
    assert [m.return_id for m in anna.returns.search_all(limit=1)] == [ANNA_CAMERA_BAG]  # buyers see their own


def test_approve_label_ship_receive_refund(seller: PostOrder, anna: PostOrder) -> None:
    seller.returns.decide(ANNA_CAMERA_BAG, decision="APPROVE", comments=Text(content="Sorry - please send it back."))
    assert states(seller, ANNA_CAMERA_BAG) == ("RETURN_LABEL_PENDING", "WAITING_FOR_RETURN_LABEL")
    label = seller.returns.add_shipping_label(
        ANNA_CAMERA_BAG, label_action="UPLOAD_LABEL", carrier_enum="USPS", tracking_number="9400111899223100000001"
    )
    assert label.tracking_number == "9400111899223100000001"
    with pytest.warns(errors.DecommissionedWarning):
        assert seller.returns.check_label_print_eligibility(ANNA_CAMERA_BAG).print_label_valid is True
    with pytest.warns(errors.DecommissionedWarning):
        assert anna.returns.get_shipping_label(ANNA_CAMERA_BAG).carrier == "USPS"
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.send_shipping_label(ANNA_CAMERA_BAG, to_email_address="anna@example.com")
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.mark_as_shipped(ANNA_CAMERA_BAG, carrier_enum="USPS", tracking_number="9400111899223100000001")
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.update_tracking(
            ANNA_CAMERA_BAG,
            used_carrier_enum="USPS",
            used_tracking_number="9400111899223100000001",
            new_tracking_number="9400111899223100000002",
        )
    tracking = seller.returns.get_tracking(
        ANNA_CAMERA_BAG, carrier_used="USPS", tracking_number="9400111899223100000002"
    )
    assert (tracking.tracking_status, len(tracking.scan_history)) == ("IN_TRANSIT", 1)  # type: ignore[arg-type]
    seller.returns.mark_as_received(ANNA_CAMERA_BAG, comments=Text(content="Arrived, thank you."))
    refund = seller.returns.issue_refund(
        ANNA_CAMERA_BAG,
        refund_detail=RefundDetailType(
            total_amount=Amount(value=Decimal("39.90"), currency="USD"),
            itemized_refund_detail=[
                ItemizedRefundDetailType(
                    refund_amount=Amount(value=Decimal("39.90"), currency="USD"), refund_fee_type="PURCHASE_PRICE"
                )
            ],
        ),
        comments=Text(content="Refunded in full."),
    )
    assert refund.refund_status == "SUCCESS"
    detail = seller.returns.get(ANNA_CAMERA_BAG).detail
    assert detail.close_info.return_close_reason == "FULL_REFUNDED"  # type: ignore[union-attr]
    assert detail.refund_info.actual_refund_detail.actual_refund.total_amount.value == Decimal("39.90")  # type: ignore[union-attr]
    assert [h.activity for h in detail.response_history] == [  # type: ignore[union-attr]
        "BUYER_CREATE_RETURN",
        "SELLER_APPROVE_REQUEST",
        "SELLER_PROVIDE_LABEL",
        "EMAIL_SHIPPING_LABEL",
        "BUYER_MARK_RETURN_SHIPPED",
        "BUYER_UPDATE_TRACKING",
        "SELLER_MARK_AS_RECEIVED",
        "SELLER_ISSUE_REFUND",
    ]


def test_decline_then_the_buyer_escalates_to_a_case(seller: PostOrder, ben: PostOrder) -> None:
    seller.returns.decide(BEN_LIGHT_METER, decision="DECLINE", comments=Text(content="Returns are not accepted."))
    assert states(ben, BEN_LIGHT_METER) == ("RETURN_REJECTED", "RETURN_REJECTED")
    escalated = ben.returns.escalate(
        BEN_LIGHT_METER, reason="OTHER", comments=Text(content="The listing said 30 days.")
    )
    case = seller.cases.get(str(escalated.case_id))
    assert (case.case_type, case.escalate_reason) == ("RETURN", "OTHER")
    assert [c.case_id for c in seller.cases.search(return_id=BEN_LIGHT_METER).members] == [escalated.case_id]  # type: ignore[union-attr]
    summary = seller.returns.get(BEN_LIGHT_METER, fieldgroups="SUMMARY").summary
    assert (summary.status, summary.escalation_info.case_id) == ("ESCALATED", escalated.case_id)  # type: ignore[union-attr]


def test_rma_preference_draft_with_files_and_refund_outside_ebay(seller: PostOrder, anna: PostOrder) -> None:
    seller.returns.set_preferences(rma_required=True)
    assert seller.returns.get_preferences().rma_required is True
    request = ReturnRequestType(
        item_id="110000000008", transaction_id="2700000000008", reason="NOT_AS_DESCRIBED", return_quantity=1
    )
    with pytest.warns(errors.DecommissionedWarning):
        draft_id = str(anna.returns.create_draft(return_request=request).draft_id)
    request.comments = Text(content="The strap is shorter than listed.")
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.update_draft(draft_id, return_request=request)
    with pytest.warns(errors.DecommissionedWarning):
        assert anna.returns.get_draft(draft_id).return_request.comments.content == request.comments.content  # type: ignore[union-attr]
    with pytest.warns(errors.DecommissionedWarning):
        kept = anna.returns.upload_draft_file(
            draft_id, data=photo(), file_name="strap.png", file_purpose="ITEM_RELATED"
        )
    with pytest.warns(errors.DecommissionedWarning):
        extra = anna.returns.upload_draft_file(
            draft_id, data=photo(), file_name="extra.png", file_purpose="ITEM_RELATED"
        )
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.delete_draft_file(draft_id, str(extra.file_id))
    with pytest.warns(errors.DecommissionedWarning):
        assert [f.file_id for f in anna.returns.get_draft_files(draft_id).files] == [kept.file_id]  # type: ignore[union-attr]
    created = anna.returns.create(draft_id=draft_id, fieldgroups="SUMMARY")
    assert (created.return_id, created.summary.state) == (ANNA_STRAP, "RETURN_REQUESTED")  # type: ignore[union-attr]
    assert [f.file_name for f in seller.returns.get_files(ANNA_STRAP).files] == ["strap.png"]  # type: ignore[union-attr]

    seller.returns.decide(ANNA_STRAP, decision="APPROVE")  # the preference holds it for an RMA
    assert states(seller, ANNA_STRAP) == ("RMA_PENDING", "WAITING_FOR_RMA")
    seller.returns.decide(ANNA_STRAP, decision="PROVIDE_RMA", rma_number="RMA-0008")
    with pytest.warns(errors.DecommissionedWarning):
        assert anna.returns.initiate_shipping_label(ANNA_STRAP).carrier == "USPS"
    with pytest.warns(errors.DecommissionedWarning):
        seller.returns.void_shipping_label(ANNA_STRAP, comments=Text(content="Use your own carrier."))
    seller.returns.add_shipping_label(ANNA_STRAP, label_action="NO_LABEL", no_label_reason="WORK_WITH_BUYER")
    seller.returns.mark_as_received(ANNA_STRAP)
    with pytest.warns(errors.DecommissionedWarning):
        seller.returns.mark_refund_sent(ANNA_STRAP, comments="Refunded by bank transfer.")
    assert states(anna, ANNA_STRAP) == ("REFUND_SENT_PENDING_CONFIRMATION", "ITEM_DELIVERED")
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.mark_refund_received(ANNA_STRAP)
    detail = seller.returns.get(ANNA_STRAP).detail
    assert (detail.rma_number, detail.close_info.return_close_reason) == ("RMA-0008", "FULL_REFUNDED")  # type: ignore[union-attr]
    seller.returns.set_preferences(rma_required=False)


def test_partial_refund_offer_accepted(seller: PostOrder, ben: PostOrder) -> None:
    line = {"item_id": "110000000009", "transaction_id": "2700000000009"}
    with pytest.warns(errors.DecommissionedWarning):
        checked = ben.returns.check_eligibility(**line, reason="DEFECTIVE_ITEM", check_types=["RETURN_CREATION"])
    result = checked.eligibility_result_per_item.eligibility_results_per_check_type[0]  # type: ignore[union-attr,index]
    assert result.eligibility_info.eligibility_status == "SUCCESS"  # type: ignore[union-attr]
    with pytest.warns(errors.DecommissionedWarning):
        estimate = ben.returns.get_estimate(**line, reason="DEFECTIVE_ITEM", return_quantity=1)
    assert estimate.refund_info.buyer_total_amount.value == Decimal("75.00")  # type: ignore[union-attr]
    created = ben.returns.create(
        return_request=ReturnRequestType(**line, reason="DEFECTIVE_ITEM", return_quantity=1, type_="MONEY_BACK"),
        fieldgroups="FULL",
    )
    assert created.return_id == BEN_GRIP
    seller.returns.decide(
        BEN_GRIP, decision="OFFER_PARTIAL_REFUND", partial_refund_amount=Amount(value=Decimal("20.00"), currency="USD")
    )
    assert ben.returns.decide(BEN_GRIP, decision="ACCEPT_PARTIAL_REFUND").refund_status == "SUCCESS"
    detail = seller.returns.get(BEN_GRIP).detail
    assert detail.close_info.return_close_reason == "BUYER_ACCEPT_LESS_THAN_FULL_REFUND"  # type: ignore[union-attr]
    assert detail.refund_info.actual_refund_detail.actual_refund.total_amount.value == Decimal("20.00")  # type: ignore[union-attr]


def test_files_messages_and_the_buyer_closes(seller: PostOrder, anna: PostOrder) -> None:
    request = ReturnRequestType(item_id="110000000010", transaction_id="2700000000010", reason="ARRIVED_DAMAGED")
    assert anna.returns.create(return_request=request).return_id == ANNA_CARD
    uploaded = anna.returns.upload_file(ANNA_CARD, data=photo(), file_name="cracked.png", file_purpose="ITEM_RELATED")
    assert [f.file_id for f in seller.returns.get_files(ANNA_CARD).files] == []  # not submitted yet  # type: ignore[union-attr]
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.submit_files(ANNA_CARD, file_purpose="ITEM_RELATED")
    files = seller.returns.get_files(ANNA_CARD).files
    assert [(f.file_id, f.file_format, f.file_status) for f in files] == [(uploaded.file_id, "PNG", "PUBLISHED")]  # type: ignore[union-attr]
    assert base64.b64decode(str(files[0].file_data)) == png()  # type: ignore[index]
    with pytest.raises(errors.BadRequestError, match="BMP, GIF, JPEG and PNG"):
        text = base64.b64encode(b"not an image").decode()
        anna.returns.upload_file(ANNA_CARD, data=text, file_name="notes.txt", file_purpose="ITEM_RELATED")
    mine = seller.returns.upload_file(ANNA_CARD, data=photo(), file_name="wrong.png", file_purpose="ITEM_RELATED")
    with pytest.warns(errors.DecommissionedWarning):
        seller.returns.delete_file(ANNA_CARD, str(mine.file_id))
    seller.returns.send_message(ANNA_CARD, message=Text(content="Could you send a photo of the packaging?"))
    anna.returns.send_message(ANNA_CARD, message=Text(content="It went in the recycling, sorry."))
    with pytest.warns(errors.DecommissionedWarning):
        anna.returns.cancel(ANNA_CARD, buyer_close_reason="BUYER_NO_LONGER_WANTS_RETURN")
    detail = anna.returns.get(ANNA_CARD).detail
    assert (detail.close_info.return_close_reason, detail.close_info.buyer_close_reason) == (  # type: ignore[union-attr]
        "BUYER_CLOSED",
        "BUYER_NO_LONGER_WANTS_RETURN",
    )
    with pytest.warns(errors.DecommissionedWarning):
        assert seller.returns.get_metadata("RETURN_REASONS").additional_properties == {}


def test_paging_over_every_return(seller: PostOrder) -> None:
    everything = [m.return_id for m in seller.returns.search_all(limit=2, sort="+RETURN_ID")]
    assert everything == [ANNA_CAMERA_BAG, BEN_LIGHT_METER, ANNA_STRAP, BEN_GRIP, ANNA_CARD]
    assert seller.returns.search(return_state="CLOSED").total == 5


def test_return_errors(seller: PostOrder, ben: PostOrder) -> None:
    with pytest.raises(errors.PermissionDeniedError):
        ben.returns.decide(BEN_GRIP, decision="APPROVE")  # the buyer cannot act for the seller
    with pytest.raises(errors.ConflictError):
        seller.returns.decide(ANNA_CAMERA_BAG, decision="APPROVE")  # already closed
    with pytest.raises(errors.NotFoundError):
        seller.returns.get("5199999999")
    with pytest.raises(errors.BadRequestError):
        seller.returns.get(ANNA_CARD, fieldgroups="NONE")
    with pytest.raises(errors.NotFoundError):
        seller.returns.get_tracking(ANNA_CARD)  # nothing was shipped
