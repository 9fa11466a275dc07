"""RedisBudget against a real redis-server that the test run starts: one budget for many processes."""

import asyncio
import datetime
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from ebay_post_order import AsyncPostOrder, PostOrder, errors
from ebay_post_order.quota import RedisBudget

from tests.client.conftest import Recorder
from tests.client.test_quota import RATE_LIMITED, RATE_LIMITS, Clock, answer
from tests.conftest import PACKAGE_DIR

# One process of the app: calls until its budget refuses, then says how many calls it sent.
WORKER = textwrap.dedent(
    """
    import sys

    import httpx

    from ebay_post_order import PostOrder, errors
    from ebay_post_order.quota import RedisBudget

    url, prefix, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sent = []
    transport = httpx.MockTransport(lambda request: sent.append(1) or httpx.Response(200, json={}))
    budget = RedisBudget(url, {"return": limit}, prefix=prefix)
    po = PostOrder.oauth("tok", transport=transport, quota=budget)
    po.cases.get("5200000001")  # connected and warm
    print("ready", flush=True)
    sys.stdin.readline()  # both processes start calling together
    refused = 0
    while refused < 20:
        try:
            po.returns.get("5000000001")
        except errors.QuotaExhaustedError:
            refused += 1
    print(len(sent) - 1)
    """
)


@pytest.fixture
def prefix() -> str:
    return f"test-{uuid.uuid4().hex}"


@pytest.fixture
def budgets(redis_url: str, prefix: str) -> Iterator[Callable[..., RedisBudget]]:
    """RedisBudget(redis_url, ..., prefix=prefix), each closed after the test."""
    made: list[RedisBudget] = []

    def make(limits: dict[str, int] | None = None, **options: Any) -> RedisBudget:
        made.append(RedisBudget(redis_url, limits, prefix=prefix, **options))
        return made[-1]

    yield make
    for budget in made:
        budget.close()


def test_two_processes_sharing_one_budget_of_n_make_exactly_n_calls(redis_url: str, prefix: str) -> None:
    limit = 1000
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE_DIR), os.environ.get("PYTHONPATH", "")])}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, redis_url, prefix, str(limit)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        outputs = [worker.communicate(timeout=120) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.communicate()
    assert [w.returncode for w in workers] == [0, 0], [err for _, err in outputs]
    counts = [int(out.strip()) for out, _ in outputs]
    assert sum(counts) == limit
    assert all(count > 0 for count in counts), counts  # both processes did call
    with RedisBudget(redis_url, {"return": limit}, prefix=prefix) as budget:
        assert budget.usage("return").used == limit


def test_many_threads_on_one_redis_budget(budgets: Callable[..., RedisBudget]) -> None:
    served = Recorder(answer)
    budget = budgets({"cancellation": 41})
    po = PostOrder.oauth("tok", transport=served.transport, quota=budget)

    def work(_: int) -> int:
        refused = 0
        for _ in range(5):
            try:
                po.cancellations.get("5000000001")
            except errors.QuotaExhaustedError:
                refused += 1
        return refused

    with ThreadPoolExecutor(max_workers=12) as pool:
        refused = sum(pool.map(work, range(12)))
    assert len(served.requests) == 41
    assert refused == 60 - 41


def test_many_tasks_on_one_redis_budget(budgets: Callable[..., RedisBudget]) -> None:
    served = Recorder(answer)
    budget = budgets({"inquiry": 17})

    async def main() -> list[BaseException | None]:
        async with AsyncPostOrder.oauth("tok", transport=served.transport, quota=budget) as po:

            async def one() -> None:
                await po.inquiries.get("5900000001")

            return await asyncio.gather(*(one() for _ in range(50)), return_exceptions=True)

    outcomes = asyncio.run(main())
    assert len(served.requests) == 17
    assert sum(isinstance(o, errors.QuotaExhaustedError) for o in outcomes) == 50 - 17
    assert budget.usage("inquiry").used == 17


def test_a_spent_redis_budget_refuses_before_sending(budgets: Callable[..., RedisBudget]) -> None:
    served = Recorder(answer)
    po = PostOrder.oauth("tok", transport=served.transport, quota=budgets({"return": 0}))
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.returns.decide("5000000001", decision="APPROVE")
    assert served.requests == []
    assert (caught.value.resource, caught.value.used, caught.value.limit) == ("return", 0, 0)


def test_the_write_reserve_holds_on_redis(budgets: Callable[..., RedisBudget]) -> None:
    served = Recorder(answer)
    budget = budgets({"return": 4}, reserve=1)
    po = PostOrder.oauth("tok", transport=served.transport, quota=budget)
    for _ in range(3):
        po.returns.get("5000000001")
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        po.returns.get("5000000001")
    assert caught.value.write is False
    po.returns.decide("5000000001", decision="APPROVE")
    with pytest.raises(errors.QuotaExhaustedError):
        po.returns.decide("5000000001", decision="APPROVE")
    assert len(served.requests) == 4
    usage = budget.usage("return")
    assert (usage.used, usage.remaining, usage.reserve) == (4, 0, 1)


def test_a_429_marks_the_resource_for_every_process(budgets: Callable[..., RedisBudget]) -> None:
    clock = Clock(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC).timestamp())
    refusing = Recorder(lambda r: httpx.Response(429, json=RATE_LIMITED))
    first = PostOrder.oauth("tok", transport=refusing.transport, quota=budgets(clock=clock), max_retries=0)
    with pytest.raises(errors.RateLimitError):
        first.returns.get("5000000001")
    served = Recorder(answer)
    other = budgets(clock=clock)  # another process's budget
    second = PostOrder.oauth("tok", transport=served.transport, quota=other)
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        second.returns.decide("5000000001", decision="APPROVE")
    midnight = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
    assert abs((caught.value.resets_at - midnight).total_seconds()) < 1  # Redis keeps expiries to the ms
    assert caught.value.marked
    assert "eBay answered 429" in str(caught.value)
    assert served.requests == []
    assert other.usage("return").remaining == 0
    second.cancellations.get("5000000001")  # other resources are untouched
    assert len(served.requests) == 1


def test_a_429_marks_the_resource_for_async_clients(budgets: Callable[..., RedisBudget]) -> None:
    refusing = Recorder(lambda r: httpx.Response(429, json=RATE_LIMITED, headers={"Retry-After": "60"}))
    budget = budgets()

    async def main() -> None:
        async with AsyncPostOrder.oauth("tok", transport=refusing.transport, quota=budget, max_retries=0) as po:
            with pytest.raises(errors.RateLimitError):
                await po.cases.get("5200000001")
            with pytest.raises(errors.QuotaExhaustedError):
                await po.cases.get("5200000001")

    asyncio.run(main())
    assert len(refusing.requests) == 1


def test_seed_a_redis_budget_from_get_rate_limits(budgets: Callable[..., RedisBudget]) -> None:
    clock = Clock(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC).timestamp())
    budget = budgets(clock=clock)
    assert budget.seed(RATE_LIMITS) == ["return", "cancellation"]
    usage = budget.usage("return")
    eight = datetime.datetime(2026, 12, 2, 8, tzinfo=datetime.UTC)
    assert (usage.used, usage.limit) == (4990, 5000)
    assert abs((usage.resets_at - eight).total_seconds()) < 1
    other = budgets(clock=clock)  # another process, not seeded: it shares eBay's window and count
    assert other.usage("return").used == 4990
    assert abs((other.usage("return").resets_at - eight).total_seconds()) < 1
    for _ in range(5):
        budget.take("return", True)
        other.take("return", True)
    with pytest.raises(errors.QuotaExhaustedError) as caught:
        other.take("return", True)
    assert abs((caught.value.resets_at - eight).total_seconds()) < 1
