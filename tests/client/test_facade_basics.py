"""Entry points, headers, marketplace, resources, deprecations, public names."""

import warnings

import ebay_post_order
import httpx
import pytest
from ebay_post_order import AsyncPostOrder, MarketplaceIdEnum, PostOrder, errors
from ebay_post_order.api.cancellation import approve_cancellation
from ebay_post_order.models import (
    CancelReasonEnum,
    CreateCancelResponse,
    DecideReturnResponse,
    EligibilityCheckTypeEnum,
)
from ebay_post_order.types import UNSET

from tests.client.conftest import Recorder


def test_public_names_are_pinned() -> None:
    assert ebay_post_order.__all__ == [
        "ApiResponse",
        "AsyncPostOrder",
        "AuthenticatedClient",
        "Client",
        "MarketplaceIdEnum",
        "PostOrder",
        "SigningKey",
        "errors",
    ]
    for name in ebay_post_order.__all__:
        assert getattr(ebay_post_order, name) is not None
    assert ebay_post_order.errors.__all__ == [
        "ApiError",
        "AuthenticationError",
        "BadRequestError",
        "ConflictError",
        "DecodeError",
        "DecommissionedError",
        "DecommissionedWarning",
        "ErrorDetail",
        "MissingFieldError",
        "NotFoundError",
        "NotificationError",
        "PermissionDeniedError",
        "PostOrderError",
        "QuotaExhaustedError",
        "RateLimitError",
        "RequestTimeoutError",
        "ResponseTooLargeError",
        "ServerError",
        "SignatureError",
        "TransportError",
        "UnexpectedStatus",
        "UnknownTopicError",
    ]


@pytest.mark.parametrize(("factory", "prefix"), [(PostOrder.oauth, "IAF"), (PostOrder.auth_n_auth, "TOKEN")])
def test_authorization_header_prefix(ok: Recorder, factory: object, prefix: str) -> None:
    po = factory("tok-123", transport=ok.transport)  # type: ignore[operator]
    po.cancellations.search()
    assert ok.requests[0].headers["Authorization"] == f"{prefix} tok-123"


def test_environments_and_base_url(ok: Recorder) -> None:
    assert PostOrder.oauth("t").base_url == "https://api.ebay.com"
    assert PostOrder.oauth("t", environment="sandbox").base_url == "https://api.sandbox.ebay.com"
    po = PostOrder.oauth("t", base_url="http://127.0.0.1:8765/", transport=ok.transport)
    po.cancellations.search()
    assert str(ok.requests[0].url) == "http://127.0.0.1:8765/post-order/v2/cancellation/search"
    with pytest.raises(ValueError, match="environment must be one of"):
        PostOrder.oauth("t", environment="staging")


def test_marketplace_default_override_and_plain_strings(ok: Recorder) -> None:
    po = PostOrder.oauth("t", marketplace=MarketplaceIdEnum.EBAY_DE, transport=ok.transport)
    po.cancellations.search()
    po.cancellations.search(marketplace="EBAY_GB")
    po.cancellations.approve("5000000001", marketplace=MarketplaceIdEnum.EBAY_AU)
    assert [r.headers["X-EBAY-C-MARKETPLACE-ID"] for r in ok.requests] == ["EBAY_DE", "EBAY_GB", "EBAY_AU"]
    assert PostOrder.oauth("t").marketplace == "EBAY_US"


def test_keyword_arguments_become_query_and_body(ok: Recorder) -> None:
    po = PostOrder.oauth("t", transport=ok.transport)
    po.cancellations.search(role="BUYER", limit=25, sort="-CANCEL_REQUEST_DATE")
    po.cancellations.approve("5000000001")
    po.cancellations.reject("5000000002", tracking_number="1Z999")
    search, approve, reject = ok.requests
    assert dict(search.url.params) == {"role": "BUYER", "limit": "25", "sort": "-CANCEL_REQUEST_DATE"}
    assert (approve.method, approve.url.path, approve.content) == (
        "POST",
        "/post-order/v2/cancellation/5000000001/approve",
        b"{}",
    )
    assert ok.json_bodies()[2] == {"trackingNumber": "1Z999"}
    assert reject.headers["Content-Type"] == "application/json"


def test_typed_return_and_enum_arguments_as_strings() -> None:
    recorder = Recorder(lambda r: httpx.Response(200, json={"cancelId": "5000000009"}))
    po = PostOrder.oauth("t", transport=recorder.transport)
    created = po.cancellations.create(legacy_order_id="110-2", cancel_reason="BUYER_ASKED_CANCEL", buyer_paid=True)
    assert isinstance(created, CreateCancelResponse) and created.cancel_id == "5000000009"
    assert recorder.json_bodies()[0] == {
        "legacyOrderId": "110-2",
        "cancelReason": "BUYER_ASKED_CANCEL",
        "buyerPaid": True,
    }
    po.cancellations.create(legacy_order_id="110-3", cancel_reason=CancelReasonEnum.ORDER_MISTAKE)
    assert recorder.json_bodies()[1]["cancelReason"] == "ORDER_MISTAKE"


def test_a_decommissioned_call_is_refused_before_anything_is_sent(ok: Recorder) -> None:
    po = PostOrder.oauth("t", transport=ok.transport)
    with pytest.raises(errors.DecommissionedError, match=r"decommissioned by eBay on 2026-03-02") as caught:
        po.cancellations.confirm_refund("5000000001", unpaid_order=True)
    assert (caught.value.decommissioned, caught.value.path) == (
        "2026-03-02",
        "/post-order/v2/cancellation/{cancelId}/confirm",
    )
    assert ok.requests == []


def test_allow_decommissioned_sends_it_with_a_warning_python_shows(ok: Recorder) -> None:
    po = PostOrder.oauth("t", transport=ok.transport, allow_decommissioned=True)
    with pytest.warns(errors.DecommissionedWarning, match=r"decommissioned by eBay on 2026-03-02") as record:
        po.cancellations.confirm_refund("5000000001", unpaid_order=True)
    assert record[0].filename == __file__  # the warning points at the caller
    assert not issubclass(errors.DecommissionedWarning, DeprecationWarning)  # hidden by default when imported
    assert len(ok.requests) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        po.cancellations.approve("5000000001")


def test_docstrings_come_from_the_spec() -> None:
    doc = PostOrder.oauth("t").cancellations.approve.__doc__ or ""
    assert doc.startswith("Seller approves a cancellation request")
    assert "``POST /post-order/v2/cancellation/{cancelId}/approve``" in doc
    assert "https://developer.ebay.com/Devzone/post-order/post-order_v2_cancellation-cancelid_approve__post.html" in doc


def test_clients_are_context_managers_and_hide_tokens(ok: Recorder) -> None:
    with PostOrder.oauth("very-secret-token", transport=ok.transport) as po:
        po.cancellations.search()
        assert "very-secret-token" not in repr(po)
    assert po._http.is_closed
    refreshing = PostOrder.refreshing("id", "client-secret", "refresh-secret")
    assert "secret" not in repr(refreshing)


@pytest.mark.anyio
async def test_async_client_mirrors_the_sync_one(ok: Recorder) -> None:
    async with AsyncPostOrder.auth_n_auth("t", transport=ok.transport, marketplace="EBAY_IT") as po:
        page = await po.cancellations.search(limit=5)
        await po.cancellations.approve("5000000001")
    assert page is not None and page.cancellations == []
    assert [r.headers["Authorization"] for r in ok.requests] == ["TOKEN t", "TOKEN t"]
    assert ok.requests[1].headers["X-EBAY-C-MARKETPLACE-ID"] == "EBAY_IT"


def test_function_modules_stay_available_underneath() -> None:
    assert callable(approve_cancellation.sync_detailed)


def test_default_timeout_is_30s_with_5s_connect(ok: Recorder) -> None:
    po = PostOrder.oauth("t", transport=ok.transport)
    po.cancellations.search()
    po.cancellations.search(timeout=2.0)
    first, second = (r.extensions["timeout"] for r in ok.requests)
    assert first == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert second == {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}


def test_a_bare_200_for_a_call_that_documents_a_payload_is_an_empty_result(ok: Recorder) -> None:
    po = PostOrder.oauth("t", transport=ok.transport)
    decided = po.returns.decide("5100000001", decision="APPROVE")  # eBay's own sample: 200, no body
    assert isinstance(decided, DecideReturnResponse)
    assert (decided.refund_status, decided.additional_properties) == (UNSET, {})


def test_lists_of_enum_values_take_plain_strings_and_odd_wire_names_get_clean_ones(ok: Recorder) -> None:
    po = PostOrder.oauth("t", transport=ok.transport, allow_decommissioned=True)
    with pytest.warns(errors.DecommissionedWarning):
        po.returns.check_eligibility(
            item_id="1",
            transaction_id="2",
            reason="DEFECTIVE_ITEM",
            check_types=["RETURN_CREATION", EligibilityCheckTypeEnum.RETURN_CREATION, "CHECK_EBAY_ADDED_LATER"],
        )
    po.returns.decide("5100000001", decision="PROVIDE_RMA", rma_number="RMA-1", rma_provided=True)
    eligibility, decide = ok.json_bodies()
    assert eligibility["checkTypes"] == ["RETURN_CREATION", "RETURN_CREATION", "CHECK_EBAY_ADDED_LATER"]
    assert decide == {"decision": "PROVIDE_RMA", "RMANumber": "RMA-1", "rMAProvided": True}


@pytest.mark.anyio
async def test_the_async_decommission_warning_names_the_caller_too(ok: Recorder) -> None:
    async with AsyncPostOrder.oauth("t", transport=ok.transport, allow_decommissioned=True) as po:
        with pytest.warns(errors.DecommissionedWarning) as record:
            await po.cancellations.confirm_refund("5000000001", unpaid_order=True)
    assert record[0].filename == __file__
