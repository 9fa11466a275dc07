"""The emulator's daily quotas per eBay resource, its 429 once one is spent, and getRateLimits."""

import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from ebay_post_order import errors
from ebay_post_order.quota import MemoryBudget, rate_limits

from emulator.scenario import DEFAULT, ScenarioError, from_mapping
from emulator.testing import PostOrderEmulator


def scenario(**quotas: int) -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(Path(DEFAULT).read_text(encoding="utf-8"))
    return {**raw, "quotas": quotas}


@pytest.fixture
def fake_ebay() -> Any:
    with PostOrderEmulator(scenario(cancellation=3, inquiry=2)) as emulator:
        yield emulator


def test_a_spent_quota_is_answered_429_with_ebays_error(fake_ebay: PostOrderEmulator) -> None:
    seller = fake_ebay.client("seller", max_retries=0)
    for _ in range(3):
        seller.cancellations.search()
    with pytest.raises(errors.RateLimitError) as caught:
        seller.cancellations.search()
    assert caught.value.status_code == 429
    assert caught.value.error_id == 2001
    assert caught.value.response.json()["errors"][0]["domain"] == "ACCESS"
    seller.returns.search()  # a resource the scenario does not limit
    seller.inquiries.search()  # another resource has its own count


def test_every_user_of_the_app_shares_the_quota(fake_ebay: PostOrderEmulator) -> None:
    fake_ebay.client("seller").inquiries.search()
    fake_ebay.client("buyer").inquiries.search()
    with pytest.raises(errors.RateLimitError):
        fake_ebay.client("buyer_ben", max_retries=0).inquiries.search()


def test_the_quota_resets_at_midnight_of_the_emulators_clock(fake_ebay: PostOrderEmulator) -> None:
    seller = fake_ebay.client("seller", max_retries=0)
    for _ in range(3):
        seller.cancellations.search()
    with pytest.raises(errors.RateLimitError):
        seller.cancellations.search()
    world = fake_ebay.backend.world
    world.now = world.now.replace(hour=23, minute=59) + datetime.timedelta(minutes=2)
    seller.cancellations.search()


def test_get_rate_limits_reports_the_counts(fake_ebay: PostOrderEmulator) -> None:
    seller = fake_ebay.client("seller")
    seller.cancellations.search()
    answer = rate_limits("emu-seller-token", transport=fake_ebay.transport())
    (group,) = answer["rateLimits"]
    assert (group["apiContext"], group["apiName"], group["apiVersion"]) == ("sell", "postorder", "v2")
    by_name = {r["name"]: r["rates"][0] for r in group["resources"]}
    assert by_name["cancellation"] == {
        "count": 1,
        "limit": 3,
        "remaining": 2,
        "reset": "2026-11-21T00:00:00.000Z",
        "timeWindow": 86400,
    }
    assert by_name["inquiry"]["count"] == 0
    assert rate_limits("emu-seller-token", api_name="browse", transport=fake_ebay.transport()) == {"rateLimits": []}
    assert rate_limits("emu-seller-token", api_context="SELL", transport=fake_ebay.transport())["rateLimits"]


def test_get_rate_limits_wants_a_known_token(fake_ebay: PostOrderEmulator) -> None:
    with pytest.raises(errors.AuthenticationError):
        rate_limits("who-knows", transport=fake_ebay.transport())


def test_a_budget_seeded_from_the_emulator_refuses_before_eBay_would(fake_ebay: PostOrderEmulator) -> None:
    seller = fake_ebay.client("seller")
    seller.cancellations.search()
    budget = MemoryBudget()
    assert sorted(budget.seed(rate_limits("emu-seller-token", transport=fake_ebay.transport()))) == [
        "cancellation",
        "inquiry",
    ]
    counted = fake_ebay.client("seller", quota=budget)
    counted.cancellations.search()
    counted.cancellations.search()
    sent_before = budget.usage("cancellation").used
    with pytest.raises(errors.QuotaExhaustedError):
        counted.cancellations.search()
    assert budget.usage("cancellation").used == sent_before == 3


def test_the_budget_marks_the_emulators_429() -> None:
    with PostOrderEmulator(scenario(casemanagement=1)) as fake:
        budget = MemoryBudget()
        seller = fake.client("seller", quota=budget, max_retries=2)
        seller.cases.search()
        with pytest.raises(errors.QuotaExhaustedError):
            seller.cases.search()  # eBay's 429, then the retry is refused by the budget
        assert budget.usage("casemanagement").remaining == 0


def test_the_emulator_over_http_answers_rate_limits_too() -> None:
    with PostOrderEmulator(scenario(**{"return": 5})) as fake:
        answer = httpx.get(
            fake.base_url + "/developer/analytics/v1_beta/rate_limit/",
            params={"api_name": "PostOrder"},
            headers={"Authorization": "Bearer emu-seller-token"},
        )
        assert answer.status_code == 200
        assert answer.json()["rateLimits"][0]["resources"][0]["name"] == "return"


@pytest.mark.parametrize(
    ("quotas", "message"),
    [
        ({"refunds": 3}, r"quotas\.refunds: not one of eBay's resources"),
        ({"return": -1}, r"quotas\.return: -1 is not a number"),
        ([1], "quotas: expected a mapping"),
    ],
)
def test_a_broken_quota_names_its_place(quotas: Any, message: str) -> None:
    raw = scenario()
    raw["quotas"] = quotas
    with pytest.raises(ScenarioError, match=message):
        from_mapping(raw)
