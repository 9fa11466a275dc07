"""Facts about the effective spec that eBay's call index fixes, checked on generated/openapi.yaml.

The inventory of Post-Order calls has 60 operations in four groups, and eBay's digital
signature guide names six of them that need a signature for EU/UK sellers; the 2.10.0 call
index names the 29 that are current, so every other one must be deprecated. A call dropped from
the spec, or a signature overlay that stopped matching, fails here rather than at a seller's.
"""

from collections import Counter

from tests.conftest import effective_spec, operations

OPERATIONS = operations()

SIGNED = {
    ("POST", "/post-order/v2/cancellation"),
    ("POST", "/post-order/v2/cancellation/{cancelId}/approve"),
    ("POST", "/post-order/v2/casemanagement/{caseId}/issue_refund"),
    ("POST", "/post-order/v2/inquiry/{inquiryId}/issue_refund"),
    ("POST", "/post-order/v2/return/{returnId}/decide"),
    ("POST", "/post-order/v2/return/{returnId}/issue_refund"),
}


def test_all_sixty_operations_in_their_four_groups() -> None:
    groups = Counter(op["tags"][0] for _, _, op in OPERATIONS)
    assert groups == {"cancellation": 7, "casemanagement": 7, "inquiry": 11, "return": 35}


def test_exactly_the_six_documented_calls_are_signed() -> None:
    signed = {(method, path) for method, path, op in OPERATIONS if op.get("x-ebay-signature-required")}
    assert signed == SIGNED


def test_every_deprecated_call_says_when_or_why() -> None:
    for method, path, op in OPERATIONS:
        assert bool(op.get("deprecated")) == bool(op.get("x-ebay-decommissioned")), f"{method} {path}"


# eBay's call index at version 2.10.0 (developer.ebay.com/Devzone/post-order/index.html).
INDEX_2_10_0 = {
    ("POST", "/post-order/v2/cancellation/{cancelId}/approve"),
    ("POST", "/post-order/v2/cancellation/check_eligibility"),
    ("POST", "/post-order/v2/cancellation"),
    ("GET", "/post-order/v2/cancellation/{cancelId}"),
    ("POST", "/post-order/v2/cancellation/{cancelId}/reject"),
    ("GET", "/post-order/v2/cancellation/search"),
    ("POST", "/post-order/v2/casemanagement/{caseId}/appeal"),
    ("GET", "/post-order/v2/casemanagement/{caseId}"),
    ("GET", "/post-order/v2/casemanagement/search"),
    ("POST", "/post-order/v2/inquiry/{inquiryId}/escalate"),
    ("GET", "/post-order/v2/inquiry/{inquiryId}"),
    ("POST", "/post-order/v2/inquiry/{inquiryId}/issue_refund"),
    ("POST", "/post-order/v2/inquiry/{inquiryId}/provide_shipment_info"),
    ("GET", "/post-order/v2/inquiry/search"),
    ("POST", "/post-order/v2/inquiry/{inquiryId}/send_message"),
    ("POST", "/post-order/v2/return/{returnId}/add_shipping_label"),
    ("POST", "/post-order/v2/return"),
    ("POST", "/post-order/v2/return/{returnId}/escalate"),
    ("GET", "/post-order/v2/return/{returnId}"),
    ("GET", "/post-order/v2/return/{returnId}/files"),
    ("GET", "/post-order/v2/return/preference"),
    ("GET", "/post-order/v2/return/{returnId}/tracking"),
    ("POST", "/post-order/v2/return/{returnId}/issue_refund"),
    ("POST", "/post-order/v2/return/{returnId}/mark_as_received"),
    ("POST", "/post-order/v2/return/{returnId}/decide"),
    ("GET", "/post-order/v2/return/search"),
    ("POST", "/post-order/v2/return/{returnId}/send_message"),
    ("POST", "/post-order/v2/return/preference"),
    ("POST", "/post-order/v2/return/{returnId}/file/upload"),
}


def test_the_spec_describes_version_2_10_0() -> None:
    info = effective_spec()["info"]
    assert info["x-ebay-api-version"] == "2.10.0"
    assert "2.10.0" in info["description"]


def test_a_call_is_deprecated_exactly_when_it_is_not_in_the_2_10_0_index() -> None:
    surface = {(method, path) for method, path, _ in OPERATIONS}
    assert len(INDEX_2_10_0) == 29
    assert INDEX_2_10_0.issubset(surface)
    deprecated = {(method, path) for method, path, op in OPERATIONS if op.get("deprecated")}
    assert deprecated == surface - INDEX_2_10_0
