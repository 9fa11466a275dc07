"""Facts about the effective spec that eBay's call index fixes, checked on generated/openapi.yaml.

The inventory of Post-Order calls has 60 operations in four groups, and eBay's digital
signature guide names six of them that need a signature for EU/UK sellers. A call dropped from
the spec, or a signature overlay that stopped matching, fails here rather than at a seller's.
"""

from collections import Counter

from tests.conftest import operations

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
