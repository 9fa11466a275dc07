"""Budgets of eBay's call limits (``quota=``), counted in one process: threads, tasks, 429, reserve."""

import asyncio
import datetime
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from ebay_post_order import AsyncPostOrder, PostOrder, errors
from ebay_post_order.quota import DEFAULT_LIMIT, RESOURCES, MemoryBudget, Usage, rate_limits

from tests.client.conftest import Recorder

RATE_LIMITED = {
    "errors": [
        {
            "errorId": 2001,
            "domain": "ACCESS",
            "category": "REQUEST",
            "message": "Too many requests. The request limit has been reached for the resource.",
        }
    ]
}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={} if request.method == "GET" else None)


@pytest.fixture
def served() -> Recorder:
    return Recorder(answer)


def test_public_names_are_pinned() -> None:
    import ebay_post_order.quota as quota

    assert quota.__all__ == [
        "DEFAULT_LIMIT",
        "RESOURCES",
        "Budget",
        "MemoryBudget",
        "RedisBudget",
        "Usage",
        "rate_limits",
    ]
    assert RESOURCES == ("cancellation", "casemanagement", "inquiry", "return")
    assert DEFAULT_LIMIT == 5000
    assert issubclass(errors.QuotaExhaustedError, errors.PostOrderError)


def test_many_threads_on_one_budget_send_exactly_the_limit(served: Recorder) -> None:
    budget = MemoryBudget({"return": 57})
    clients = [PostOrder.oauth("tok", transport=served.transport, quota=budget) for _ in range(4)]
    refused = []
    lock = threading.Lock()

    def work(n: int) -> None:
        for _ in range(10):
            try:
                clients[n % 4].returns.get("5000000001")
            except errors.QuotaExhaustedError as error:
                with lock:
                    refused.append(error)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(work, range(16)))
    assert len(served.requests) == 57
    assert len(refused) == 160 - 57
    assert budget.usage("return").used == 57
    assert budget.usage("return").remaining == 0
    assert budget.usage("cancellation").used == 0


def test_many_tasks_on_one_budget_send_exactly_the_limit(served: Recorder) -> None:
    budget = MemoryBudget({"inquiry": 33})

    async def main() -> list[BaseException | None]:
        async with AsyncPostOrder.oauth("tok", transport=served.transport, quota=budget) as po:

            async def one() -> None:
                await po.inquiries.get("5900000001")

            return await asyncio.gather(*(one() for _ in range(80)), return_exceptions=True)

    outcomes = asyncio.run(main())
    assert len(served.requests) == 33
    assert sum(isinstance(o, errors.QuotaExhaustedError) for o in outcomes) == 80 - 33
    assert budget.usage("inquiry").used == 33


def test_a_spent_budget_refuses_before_sending(served: Recorder) -> None:
    clock = Clock(datetime.datetime(2026, 12, 1, 21, 0, tzinfo=datetime.UTC).timestamp())
    budget = MemoryBudget({"cancellation": 0}, clock=clock)
    po = PostOrder.oauth("tok", transport=served.transport, quota=budget)
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.cancellations.approve("5000000001")
    assert served.requests == []
    error = caught.value
    assert (error.resource, error.used, error.limit, error.write) == ("cancellation", 0, 0, True)
    assert error.resets_at == datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
    assert "was not sent" in str(error)
    po.returns.get("5000000001")  # another resource has its own budget
    assert len(served.requests) == 1


def test_a_client_without_quota_counts_nothing(served: Recorder) -> None:
    po = PostOrder.oauth("tok", transport=served.transport)
    for _ in range(3):
        po.returns.get("5000000001")
    assert len(served.requests) == 3


def test_every_attempt_counts_retries_included() -> None:
    statuses = iter([503, 503, 200])
    recorder = Recorder(lambda r: httpx.Response(next(statuses), json={}))
    budget = MemoryBudget({"return": 10})
    po = PostOrder.oauth("tok", transport=recorder.transport, quota=budget)
    po._engine.sleep = lambda seconds: None
    po.returns.get("5000000001")
    assert len(recorder.requests) == 3
    assert budget.usage("return").used == 3


def test_a_429_marks_the_resource_spent_until_its_reset() -> None:
    clock = Clock(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC).timestamp())
    spent = {"yes": True}
    recorder = Recorder(
        lambda r: (
            httpx.Response(429, json=RATE_LIMITED)
            if spent["yes"] and "/return/" in r.url.path
            else httpx.Response(200, json={})
        )
    )
    budget = MemoryBudget({"return": 5000}, clock=clock)
    po = PostOrder.oauth("tok", transport=recorder.transport, quota=budget, max_retries=3)
    po._engine.sleep = lambda seconds: None
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.returns.get("5000000001")  # the 429 is not retried into eBay: the retry is refused here
    assert len(recorder.requests) == 1
    assert caught.value.resets_at == datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
    assert budget.usage("return").remaining == 0
    with pytest.raises(errors.QuotaExhaustedError):
        po.returns.get("5000000001", max_retries=0)
    assert len(recorder.requests) == 1
    po.cancellations.search()  # only the resource eBay refused is spent
    spent["yes"] = False
    clock.now += 14 * 3600  # past midnight UTC: a new window
    po.returns.get("5000000001")
    assert budget.usage("return").used == 1


def test_a_429_without_retries_raises_eBays_error_and_marks_the_resource() -> None:
    recorder = Recorder(lambda r: httpx.Response(429, json=RATE_LIMITED))
    budget = MemoryBudget()
    po = PostOrder.oauth("tok", transport=recorder.transport, quota=budget, max_retries=0)
    with pytest.raises(errors.RateLimitError) as caught:
        po.returns.get("5000000001")
    assert caught.value.error_id == 2001
    with pytest.raises(errors.QuotaExhaustedError):
        po.returns.decide("5000000001", decision="APPROVE")  # the write reserve does not outlast a 429
    assert len(recorder.requests) == 1


def test_a_429_with_retry_after_marks_the_resource_until_then() -> None:
    clock = Clock(1_800_000_000.0)
    recorder = Recorder(lambda r: httpx.Response(429, json=RATE_LIMITED, headers={"Retry-After": "30"}))
    budget = MemoryBudget(clock=clock)
    po = PostOrder.oauth("tok", transport=recorder.transport, quota=budget, max_retries=0)
    with pytest.raises(errors.RateLimitError):
        po.returns.get("5000000001")
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.returns.get("5000000001")
    assert caught.value.resets_at.timestamp() == clock.now + 30
    clock.now += 31
    with pytest.raises(errors.RateLimitError):
        po.returns.get("5000000001")
    assert len(recorder.requests) == 2


def test_the_write_reserve_holds_while_reads_are_refused(served: Recorder) -> None:
    budget = MemoryBudget({"return": 5}, reserve=2)
    po = PostOrder.oauth("tok", transport=served.transport, quota=budget)
    for _ in range(3):
        po.returns.get("5000000001")
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.returns.search()
    assert caught.value.write is False
    assert "reserved for writes" in str(caught.value)
    po.returns.decide("5000000001", decision="APPROVE")
    with pytest.raises(errors.QuotaExhaustedError):
        po.returns.get("5000000001")
    po.cases.get("5200000001")  # another resource
    po.returns.decide("5000000001", decision="DECLINE")
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.returns.decide("5000000001", decision="APPROVE")
    assert caught.value.write is True
    assert len(served.requests) == 6
    usage = budget.usage("return")
    assert (usage.used, usage.limit, usage.reserve, usage.remaining, usage.remaining_for_reads) == (5, 5, 2, 0, 0)


def test_reserve_per_resource_and_usages_for_a_dashboard() -> None:
    clock = Clock(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC).timestamp())
    budget = MemoryBudget({"return": 100, "inquiry": 10}, reserve={"return": 20}, clock=clock)
    budget.take("return", False)
    midnight = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
    assert budget.usages() == [
        Usage("cancellation", 0, 5000, 0, midnight),
        Usage("casemanagement", 0, 5000, 0, midnight),
        Usage("inquiry", 0, 10, 0, midnight),
        Usage("return", 1, 100, 20, midnight),
    ]
    assert budget.usage("return").remaining == 99
    assert budget.usage("return").remaining_for_reads == 79


def test_wait_waits_for_the_reset_instead_of_raising(served: Recorder) -> None:
    budget = MemoryBudget({"return": 1}, window=1, wait=True)
    po = PostOrder.oauth("tok", transport=served.transport, quota=budget)
    po.returns.get("5000000001")
    started = time.monotonic()
    po.returns.get("5000000001")  # the next one-second window
    assert time.monotonic() - started <= 1.5
    assert len(served.requests) == 2


def test_async_wait_waits_for_the_reset(served: Recorder) -> None:
    budget = MemoryBudget({"return": 1}, window=1, wait=True)

    async def main() -> None:
        async with AsyncPostOrder.oauth("tok", transport=served.transport, quota=budget) as po:
            await po.returns.get("5000000001")
            await po.returns.get("5000000001")

    asyncio.run(main())
    assert len(served.requests) == 2


@pytest.mark.parametrize(
    ("limits", "options", "match"),
    [
        ({"return": -1}, {}, "limit of 'return'"),
        ({"return": True}, {}, "limit of 'return'"),
        ({}, {"reserve": -2}, "reserve of"),
        ({}, {"window": 0}, "window must be"),
        ({"returns": 10}, {}, "limits: 'returns' is not one of eBay's resources: did you mean 'return'"),
        ({}, {"reserve": {"refund": 1}}, "reserve: 'refund' is not one of eBay's resources"),
    ],
)
def test_a_budget_refuses_bad_numbers(limits: dict[str, int], options: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        MemoryBudget(limits, **options)  # type: ignore[arg-type]


def test_quota_must_be_a_budget() -> None:
    with pytest.raises(ValueError, match="quota must be a MemoryBudget or RedisBudget"):
        PostOrder.oauth("tok", quota={"return": 5})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="quota must be"):
        AsyncPostOrder.auth_n_auth("tok", quota=5)  # type: ignore[arg-type]


RATE_LIMITS = {
    "rateLimits": [
        {
            "apiContext": "postorder",
            "apiName": "postorder",
            "apiVersion": "v2",
            "resources": [
                {
                    "name": "return",
                    "rates": [
                        {
                            "count": 4990,
                            "limit": 5000,
                            "remaining": 10,
                            "reset": "2026-12-02T08:00:00.000Z",
                            "timeWindow": 86400,
                        }
                    ],
                },
                {
                    "name": "cancellation",
                    "rates": [
                        {"limit": 7000, "remaining": 6000, "reset": "2026-12-02T08:00:00.000Z", "timeWindow": 86400}
                    ],
                },
                {"name": "something.else", "rates": [{"limit": 1, "remaining": 0}]},
            ],
        }
    ]
}


def test_seed_from_get_rate_limits() -> None:
    clock = Clock(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC).timestamp())
    budget = MemoryBudget(clock=clock)
    assert budget.seed(RATE_LIMITS) == ["return", "cancellation"]
    ret = budget.usage("return")
    assert (ret.used, ret.limit, ret.remaining) == (4990, 5000, 10)
    assert ret.resets_at == datetime.datetime(2026, 12, 2, 8, tzinfo=datetime.UTC)
    assert (budget.usage("cancellation").used, budget.usage("cancellation").limit) == (1000, 7000)


def test_rate_limits_is_one_get_with_an_application_token() -> None:
    recorder = Recorder(lambda r: httpx.Response(200, json=RATE_LIMITS))
    answer = rate_limits("app-token", api_name="postorder", api_context="sell", transport=recorder.transport)
    assert answer == RATE_LIMITS
    (request,) = recorder.requests
    assert request.method == "GET"
    assert request.url.path == "/developer/analytics/v1_beta/rate_limit/"
    assert request.url.host == "api.ebay.com"
    assert dict(request.url.params) == {"api_name": "postorder", "api_context": "sell"}
    assert request.headers["Authorization"] == "Bearer app-token"


def test_rate_limits_raises_eBays_error() -> None:
    recorder = Recorder(
        lambda r: httpx.Response(401, json={"errors": [{"errorId": 1001, "message": "Invalid access token"}]})
    )
    with pytest.raises(errors.AuthenticationError):
        rate_limits("app-token", base_url="http://127.0.0.1:9", transport=recorder.transport)


@pytest.mark.parametrize(
    "rate",
    [{"remaining": 3}, {"limit": "many"}, {"limit": 5, "reset": "tomorrow"}, {"limit": -5}],
)
def test_a_rate_that_cannot_be_read_is_named(rate: dict[str, object]) -> None:
    answer = {"rateLimits": [{"resources": [{"name": "return", "rates": [rate]}]}]}
    budget = MemoryBudget({"return": 7})
    with pytest.raises(ValueError, match="getRateLimits: the rate of 'return'"):
        budget.seed(answer)
    assert budget.usage("return").limit == 7


def test_a_429_mark_is_named_in_the_error() -> None:
    recorder = Recorder(lambda r: httpx.Response(429, json=RATE_LIMITED, headers={"Retry-After": "5"}))
    po = PostOrder.oauth("tok", transport=recorder.transport, quota=MemoryBudget(), max_retries=0)
    with pytest.raises(errors.RateLimitError):
        po.inquiries.get("5900000001")
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.inquiries.get("5900000001")
    assert caught.value.marked
    assert "eBay answered 429" in str(caught.value)
