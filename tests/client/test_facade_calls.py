"""The facade states its own calls: paths in the method bodies, docstrings that match the
signatures, nothing borrowed from the low-level modules, models imported on first call, search
pages that walk eBay's pages, and path ids that cannot change which URL is called."""

import inspect
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from ebay_post_order import AsyncPostOrder, PostOrder
from ebay_post_order.models import FindCancelResponse, GetCancelDetailResponse
from ebay_post_order.resources import AsyncResources, SyncResources

from tests.client.conftest import Recorder
from tests.client.test_auth_signing_paging import paged_server, signing_key
from tests.conftest import operations

PACKAGE = Path(__file__).resolve().parents[2] / "generated" / "ebay-post-order"
RESOURCES = PACKAGE / "ebay_post_order" / "resources"
ARG_LINE = re.compile(r"^ {4}(\w+): ", re.M)  # an argument's line in the dedented Args section


def resource_classes() -> list[type]:
    po, apo = PostOrder.oauth("t"), AsyncPostOrder.oauth("t")
    names = [name for name, value in vars(SyncResources).items() if not name.startswith("_")]
    assert set(names) == {"cancellations", "cases", "inquiries", "returns"}
    assert {n for n in vars(AsyncResources) if not n.startswith("_")} == set(names)
    return [type(getattr(client, name)) for client in (po, apo) for name in names]


def public_methods() -> list[tuple[str, object]]:
    return [
        (f"{cls.__name__}.{name}", member)
        for cls in resource_classes()
        for name, member in vars(cls).items()
        if callable(member) and not name.startswith("_")
    ]


def test_no_resource_reads_the_low_level_modules() -> None:
    for module in sorted(RESOURCES.glob("*.py")):
        text = module.read_text(encoding="utf-8")
        assert "..api" not in text and "_get_kwargs" not in text and "_parse_response" not in text, module.name


def test_every_operation_states_its_path_in_its_own_method_body() -> None:
    by_method = dict(public_methods())
    checked = 0
    for http_method, path, op in operations():
        resource = {"cancellation": "Cancellations", "casemanagement": "Cases", "inquiry": "Inquiries"}.get(
            op["tags"][0], "Returns"
        )
        for prefix in ("", "Async"):
            method = by_method[f"{prefix}{resource}Resource.{op['x-method-name']}"]
            source = inspect.getsource(method)  # type: ignore[arg-type]
            body = source.split('"""', 2)[2]  # past the docstring
            assert f'"{http_method.upper()}",\n' in body and f'"{path}",\n' in body, op["operationId"]
            checked += 1
    assert checked == 120


@pytest.mark.parametrize(("name", "method"), public_methods(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_docstring_documents_exactly_the_arguments_it_takes(name: str, method: object) -> None:
    doc = inspect.getdoc(method) or ""
    assert "\nArgs:\n" in doc, name
    params = [p for p in inspect.signature(method).parameters if p != "self"]  # type: ignore[arg-type]
    assert ARG_LINE.findall(doc.split("\nArgs:\n", 1)[1]) == params, name


def loaded_modules(code: str) -> set[str]:
    """The ebay_post_order modules a fresh interpreter holds after running ``code``."""
    script = (
        "import sys, httpx\n"
        "from ebay_post_order import PostOrder\n"
        "po = PostOrder.oauth('t', transport=httpx.MockTransport(lambda r: httpx.Response(200, json={})))\n"
        f"{code}\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('ebay_post_order.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(PACKAGE)}
    )
    return set(done.stdout.split())


def test_the_first_call_imports_only_the_models_it_needs() -> None:
    nothing = {m for m in loaded_modules("") if ".models." in m}
    approve = {m for m in loaded_modules("po.cancellations.approve('1')") if ".models." in m}
    assert approve == nothing  # a call without models imports none
    get = loaded_modules("po.returns.get('1')")
    response = loaded_modules("import ebay_post_order.models.get_detail_response")
    assert {m for m in get if ".models." in m} == {m for m in response if ".models." in m}
    assert not {m for m in get if ".api." in m or m.endswith(".api")}


def test_a_search_answers_a_page_that_walks_every_page() -> None:
    recorder = paged_server(total=25, page_size=10)
    po = PostOrder.oauth("t", transport=recorder.transport)
    page = po.cancellations.search(limit=10, offset=0)
    assert isinstance(page, FindCancelResponse)  # every field of the typed response
    assert page.pagination_output.total_entries == 25  # type: ignore[union-attr]
    assert len(page.items) == 10 and page.has_next_page() and len(recorder.requests) == 1
    assert [len(p.items) for p in page.iter_pages()] == [10, 10, 5]
    ids = [c.cancel_id for c in page]
    assert ids == [str(5000000000 + i) for i in range(25)]
    last = page.next_page().next_page()  # type: ignore[union-attr]
    assert last is not None and not last.has_next_page() and last.next_page() is None
    assert [r.url.params["offset"] for r in recorder.requests][:3] == ["0", "10", "20"]


def test_a_page_keeps_the_arguments_and_options_of_its_search() -> None:
    recorder = paged_server(total=15, page_size=10)
    po = PostOrder.oauth("t", transport=recorder.transport)
    list(po.cancellations.search(limit=10, offset=0, role="SELLER", marketplace="EBAY_GB"))
    assert [r.url.params["offset"] for r in recorder.requests] == ["0", "10"]
    assert {(r.url.params["role"], r.headers["X-EBAY-C-MARKETPLACE-ID"]) for r in recorder.requests} == {
        ("SELLER", "EBAY_GB")
    }


def test_a_page_decoded_by_hand_has_no_next_page() -> None:
    from ebay_post_order.pages.cancellations import CancellationsSearchPage

    page = CancellationsSearchPage.from_dict({"cancellations": [{"cancelId": "1"}]})
    assert [c.cancel_id for c in page] == ["1"] and not page.has_next_page()


@pytest.mark.anyio
async def test_async_pages_walk_every_page() -> None:
    recorder = paged_server(total=21, page_size=10)
    async with AsyncPostOrder.oauth("t", transport=recorder.transport) as po:
        page = await po.cancellations.search(limit=10, offset=0)
        assert len(page.items) == 10
        assert [len(p.items) async for p in page.iter_pages()] == [10, 10, 1]
        ids = [c.cancel_id async for c in page]
    assert len(ids) == 21 and len(set(ids)) == 21


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_path_ids_that_would_change_the_url_are_refused_before_sending(bad: str) -> None:
    recorder = Recorder(lambda r: httpx.Response(200, json={}))
    po = PostOrder.oauth("t", transport=recorder.transport)
    with pytest.raises(ValueError, match=r"cancel_id|cancelId"):
        po.cancellations.get(bad)
    assert recorder.requests == []


def test_path_ids_are_escaped_as_one_segment() -> None:
    recorder = Recorder(lambda r: httpx.Response(200, json={}))
    detail = PostOrder.oauth("t", transport=recorder.transport).cancellations.get("a/../b?c")
    assert isinstance(detail, GetCancelDetailResponse)
    assert recorder.requests[0].url.raw_path == b"/post-order/v2/cancellation/a%2F..%2Fb%3Fc"
    PostOrder.oauth("t", transport=recorder.transport).cancellations.get("\u00fc5")  # a letter, but not ASCII
    assert recorder.requests[1].url.raw_path == b"/post-order/v2/cancellation/%C3%BC5"


def test_a_retried_signed_call_is_signed_afresh_for_each_attempt() -> None:
    answers = iter([httpx.Response(503), httpx.Response(200, json={"cancelId": "1"})])
    recorder = Recorder(lambda r: next(answers))
    key, _ = signing_key()
    po = PostOrder.oauth("t", transport=recorder.transport, signing_key=key)
    po._engine.sleep = lambda seconds: None
    signs = []
    signer = po._engine.signer
    assert signer is not None
    original = signer.sign
    signer.sign = lambda request: (signs.append(request), original(request))[1]  # type: ignore[method-assign]
    po.cancellations.create(legacy_order_id="1")
    assert len(recorder.requests) == 2 and len(signs) == 2
    assert signs[0] is not signs[1] and all("signature" in r.headers for r in recorder.requests)


def test_a_server_that_ignores_the_offset_is_not_paged_forever() -> None:
    same = {"cancellations": [{"cancelId": "1"}, {"cancelId": "2"}]}  # every page alike, no totals
    recorder = Recorder(lambda r: httpx.Response(200, json=same))
    po = PostOrder.oauth("t", transport=recorder.transport)
    assert [c.cancel_id for c in po.cancellations.search_all()] == ["1", "2"]
    assert len(recorder.requests) == 2  # the second page repeated the first, so the walk stopped
