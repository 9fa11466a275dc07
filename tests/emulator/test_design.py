"""The emulator's shape, as issue 17 asks for it: routes from the spec by operationId (no route
table of regular expressions, literals never shadowed), no import circle, the shared world apart
from the domains and each domain's rules apart from its wire rendering, one catalogue of errors
with each group's domain, and money on the wire with exactly its digits."""

import ast
import functools
import graphlib
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Match, Route

from emulator import errors, spec
from emulator.app import HANDLERS, Emulator
from emulator.scenario import load
from emulator.testing import PostOrderEmulator
from emulator.transport import BASE_URL
from tests.conftest import ROOT

PACKAGE = ROOT / "emulator"
SELLER = {"Authorization": "TOKEN emu-seller-token", "X-EBAY-C-MARKETPLACE-ID": "EBAY_US"}
OPERATIONS = spec.load().operations


def imports_of(path: Path) -> set[str]:
    """The emulator modules ``path`` imports, as dotted names under ``emulator``."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            name = f"{base}.{node.module}" if node.level and node.module else node.module or base
            candidates = [name] + [f"{name}.{alias.name}" for alias in node.names]
            found |= {c for c in candidates if c.startswith("emulator") and module_file(c)}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("emulator")}
    return found - {module}


def module_file(name: str) -> Path | None:
    base = ROOT.joinpath(*name.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)


GRAPH = {
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): imports_of(p)
    for p in sorted(PACKAGE.rglob("*.py"))
}


def test_no_import_circle() -> None:
    graphlib.TopologicalSorter(GRAPH).prepare()  # raises CycleError naming the circle


@pytest.mark.parametrize("shared", ["emulator.world", "emulator.scenario", "emulator.errors", "emulator.wire"])
def test_the_shared_world_knows_no_domain(shared: str) -> None:
    domains = ("cancellations", "inquiries", "cases", "returns")
    assert not {m for m in GRAPH[shared] if m.split(".")[1] in domains}


@pytest.mark.parametrize("domain", ["cancellations", "inquiries", "cases", "returns"])
def test_a_domains_rules_know_no_http_and_no_rendering(domain: str) -> None:
    models = PACKAGE / domain / "models.py"
    assert not {m for m in GRAPH[f"emulator.{domain}.models"] if m.endswith(".responses")}
    source = models.read_text()
    assert "starlette" not in source and "Response" not in source


def test_every_operation_of_the_spec_has_a_handler_and_nothing_else_does() -> None:
    assert {op.operation_id for op in OPERATIONS} == set(HANDLERS)


def test_no_route_table_of_regular_expressions() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert "re.compile(" not in path.read_text(), path


@functools.cache
def app() -> Starlette:
    return Emulator(load()).app()


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.operation_id)
def test_each_operation_is_routed_to_its_own_path(operation: spec.Operation) -> None:
    concrete = "/".join("X1" if part.startswith("{") else part for part in operation.path.split("/"))
    scope = {"type": "http", "path": concrete, "method": operation.method, "root_path": ""}
    route = next(r for r in app().routes if isinstance(r, Route) and r.matches(scope)[0] == Match.FULL)
    assert route.path == operation.path


def test_a_literal_path_is_not_shadowed_by_a_parameter(post_order_emulator: PostOrderEmulator) -> None:
    with httpx.Client(base_url=BASE_URL, transport=post_order_emulator.transport()) as client:
        search = client.get("/post-order/v2/return/search", headers=SELLER)
        preference = client.get("/post-order/v2/return/preference", headers=SELLER)
    assert "members" in search.json() and "rmaRequired" in preference.json()


def test_the_catalogue_names_every_error_once_with_its_groups_domain() -> None:
    kinds = {name: kind for name, kind in vars(errors).items() if isinstance(kind, errors.ErrorKind)}
    ids = [kind.error_id for kind in kinds.values()]
    assert len(ids) == len(set(ids))
    blocks = {17: errors.CANCEL, 27: errors.INQUIRY, 28: errors.CASE, 30: errors.RETURN, 19: None}
    blocks[1950] = errors.NOTIFICATION  # the Notification API: eBay's own errorIds 1950xx
    for name, kind in kinds.items():
        assert kind.domain == blocks[kind.error_id // 100], name
    for path in PACKAGE.rglob("*.py"):
        if path.name != "errors.py":
            assert "ErrorKind(" not in path.read_text(), f"{path}: errors belong in the catalogue"


@pytest.mark.parametrize(
    ("path", "domain"),
    [
        ("/post-order/v2/cancellation/9", "API_CANCEL"),
        ("/post-order/v2/return/9", "API_RETURN"),
        ("/post-order/v2/inquiry/9", "API_INQUIRY"),
        ("/post-order/v2/casemanagement/9", "API_CASE_MANAGEMENT"),
    ],
)
def test_each_group_answers_with_its_own_domain(post_order_emulator: PostOrderEmulator, path: str, domain: str) -> None:
    with httpx.Client(base_url=BASE_URL, transport=post_order_emulator.transport()) as client:
        error = client.get(path, headers=SELLER).json()["errorMessage"]["error"][0]
    assert error["domain"] == domain


def test_money_goes_out_as_exact_numbers(post_order_emulator: PostOrderEmulator) -> None:
    with httpx.Client(base_url=BASE_URL, transport=post_order_emulator.transport()) as client:
        text = client.get("/post-order/v2/return/5100000001", headers=SELLER).text
    assert '"itemPrice":{"value":39.90,"currency":"USD"}' in text
