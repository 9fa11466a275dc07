"""Every sample printed on eBay's call pages decodes with nothing left undeclared.

A key that lands in ``additional_properties`` is a field the spec missed, so the test fails on
it. Bodies are read the way the client reads the wire (``_decode.loads``) into the operation's
request or response model; request samples must also encode back to the printed JSON, except
for the fields a manifest lists as ``coerced`` (dotted paths of values eBay printed as strings).
"""

import json
from typing import Any

import attrs
import pytest
import yaml
from ebay_post_order import _decode, _encode

from tests.conftest import ROOT, operations_by_id

SAMPLES = ROOT / "tests" / "samples"
OPERATIONS = operations_by_id()


def manifest() -> list[tuple[str, dict[str, Any]]]:
    entries = []
    for group in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        for entry in yaml.safe_load((group / "samples.yaml").read_text()):
            entries.append((f"{group.name}/{entry['file']}", entry))
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


def model_for(operation_id: str, kind: str) -> Any:
    """The generated class of an operation's request body or 2xx response body."""
    import ebay_post_order.models as models
    from openapi_python_client.strings import ClassName

    op = OPERATIONS[operation_id]
    if kind == "request":
        holder = op["requestBody"]
    else:
        holder = next(r for status, r in op["responses"].items() if str(status).startswith("2"))
    ref = holder["content"]["application/json"]["schema"]["$ref"]
    return getattr(models, ClassName(ref.rsplit("/", 1)[1], "field_"))


@pytest.mark.parametrize(("name", "entry"), manifest(), ids=[name for name, _ in manifest()])
def test_sample_decodes_with_nothing_undeclared(name: str, entry: dict[str, Any]) -> None:
    raw = (SAMPLES / name).read_bytes()
    sample = json.loads(raw)
    # strict: every printed value converts to its declared type (nulls excepted), anywhere in the tree
    parsed = model_for(entry["operation"], entry["kind"]).from_dict(_decode.loads(raw), strict=True)
    assert leftovers(parsed) == []
    if entry["kind"] == "request":
        encoded = json.loads(_encode.dumps(parsed.to_dict()))
        coerced = set(entry.get("coerced", []))
        printed, sent = flatten(sample), flatten(encoded)
        differing = {key for key in printed.keys() | sent.keys() if printed.get(key) != sent.get(key)}
        assert differing == coerced, "the request does not encode back to the documented JSON"


def flatten(value: Any, where: str = "") -> dict[str, Any]:
    """Leaf values by dotted path (list items by index), so a coerced field can be named exactly."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(index), item) for index, item in enumerate(value))
    else:
        return {where: value}
    leaves: dict[str, Any] = {}
    for key, item in items:
        leaves.update(flatten(item, f"{where}.{key}" if where else key))
    return leaves


def test_every_group_with_samples_is_in_the_manifest() -> None:
    listed = {name for name, _ in manifest()}
    on_disk = {p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*.json")}
    assert on_disk == listed


# Every JSON body printed in the Samples section of the 16 call pages whose full 2.10.0 text was
# read, by operation: (request bodies, response bodies). Calls whose samples print no body
# (approve, mark_as_received, decide's bare 200) count zero there.
FULL_PAGE_SAMPLES = {
    "searchCancellations": (0, 1),
    "getCancellation": (0, 2),
    "approveCancellation": (0, 0),
    "rejectCancellation": (1, 0),
    "searchCases": (0, 1),
    "getInquiry": (0, 2),
    "issueInquiryRefund": (1, 1),
    "searchInquiries": (0, 1),
    "getReturn": (0, 2),
    "addReturnShippingLabel": (1, 1),
    "decideReturn": (1, 0),
    "uploadReturnFile": (2, 2),
    "issueReturnRefund": (1, 1),
    "markReturnReceived": (0, 0),
    "getReturnTracking": (0, 1),
    "searchReturns": (0, 1),
}


def test_every_sample_on_the_full_pages_is_in_the_manifest() -> None:
    counted = {op: [0, 0] for op in FULL_PAGE_SAMPLES}
    for _, entry in manifest():
        if entry["operation"] in counted:
            counted[entry["operation"]][entry["kind"] == "response"] += 1
    assert {op: tuple(n) for op, n in counted.items()} == FULL_PAGE_SAMPLES
