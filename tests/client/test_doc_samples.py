"""Every sample printed on eBay's call pages decodes with nothing left undeclared.

A key that lands in ``additional_properties`` is a field the spec missed, so the test fails on
it. Responses go through the real operation function (over ``httpx.MockTransport``), requests
through the request model, which must also encode back to the printed JSON.
"""

import importlib
import json
from typing import Any

import attrs
import httpx
import pytest
import yaml
from ebay_post_order import AuthenticatedClient
from ebay_post_order.models import MarketplaceIdEnum

from tests.conftest import GENERATED, ROOT

SAMPLES = ROOT / "tests" / "samples"
SPEC = yaml.safe_load((GENERATED / "openapi.yaml").read_text())
OPERATIONS = {
    op["operationId"]: (method, path, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if isinstance(op, dict) and "operationId" in op
}


def manifest() -> list[tuple[str, dict[str, Any]]]:
    entries = []
    for group in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        for entry in yaml.safe_load((group / "samples.yaml").read_text()):
            entries.append((f"{group.name}/{entry['file']}", {**entry, "group": group.name}))
    return entries


def leftovers(value: Any, where: str = "$") -> list[str]:
    """Paths of every key that decoded into additional_properties."""
    found: list[str] = []
    if attrs.has(type(value)):
        extra = getattr(value, "additional_properties", {})
        found += [f"{where}.{key}" for key in extra]
        for field in attrs.fields(type(value)):
            if field.name != "additional_properties":
                found += leftovers(getattr(value, field.name), f"{where}.{field.alias or field.name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += leftovers(item, f"{where}[{index}]")
    return found


def operation_module(group: str, operation_id: str) -> Any:
    from openapi_python_client.strings import PythonIdentifier

    return importlib.import_module(f"ebay_post_order.api.{group}.{PythonIdentifier(operation_id, 'field_')}")


def request_model(operation_id: str) -> Any:
    import ebay_post_order.models as models
    from openapi_python_client.strings import ClassName

    ref = OPERATIONS[operation_id][2]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return getattr(models, ClassName(ref.rsplit("/", 1)[1], "field_"))


@pytest.mark.parametrize(("name", "entry"), manifest(), ids=[name for name, _ in manifest()])
def test_sample_decodes_with_nothing_undeclared(name: str, entry: dict[str, Any]) -> None:
    sample = json.loads((SAMPLES / name).read_text())
    if entry["kind"] == "response":
        method, path, _ = OPERATIONS[entry["operation"]]
        assert method == "get", "response samples of POSTs need their request body too"
        transport = httpx.MockTransport(lambda request: httpx.Response(200, json=sample))
        client = AuthenticatedClient(
            base_url="https://api.ebay.com", token="t", prefix="IAF", httpx_args={"transport": transport}
        )
        module = operation_module(entry["group"], entry["operation"])
        args = ["5000000001"] if "{" in path else []
        parsed = module.sync(*args, client=client, x_ebay_c_marketplace_id=MarketplaceIdEnum.EBAY_US)
        assert parsed is not None
    else:
        parsed = request_model(entry["operation"]).from_dict(sample)
        assert parsed.to_dict() == sample
    assert leftovers(parsed) == []


def test_every_group_with_samples_is_in_the_manifest() -> None:
    listed = {name for name, _ in manifest()}
    on_disk = {p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*.json")}
    assert on_disk == listed
